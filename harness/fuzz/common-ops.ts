// The operations every base's grammar has, in one place: a memory-pressure phase and a pause.
// Each grammar puts them in its union and hands them here to draw, vary, simplify, print, parse
// and run.
import { timers } from '../../kernel-model/kernel/timer.ts';
import { memory_pressure_phase } from '../../kernel-model/mm/memory-pressure.ts';
import type { Prng } from '../../kernel-model/sim/prng.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { pick } from './draw.ts';
import { intArg } from './text-args.ts';

/** The pressure levels a phase may set ('exhausted' is left to plans: a whole run at it). */
export const PRESSURE_LEVELS = ['none', 'low', 'high'] as const;
export type PressureLevel = (typeof PRESSURE_LEVELS)[number];

const SLEEPS = [1, 5, 10, 30];

export type CommonOp =
  /** A memory-pressure phase from now on (another process taking or giving back memory). */
  | { op: 'pressure'; level: PressureLevel }
  /** A pause of `ms` milliseconds. */
  | { op: 'sleep'; ms: number };

export const drawPressure = (rng: Prng): CommonOp => ({ op: 'pressure', level: pick(rng, PRESSURE_LEVELS) });
export const drawSleep = (rng: Prng): CommonOp => ({ op: 'sleep', ms: pick(rng, SLEEPS) });

export function tweakCommon(rng: Prng, o: CommonOp): CommonOp {
  return o.op === 'pressure' ? drawPressure(rng) : drawSleep(rng);
}

export function simplerCommon(o: CommonOp): CommonOp[] {
  return o.op === 'sleep' && o.ms > 1 ? [{ ...o, ms: 1 }] : [];
}

export function formatCommon(o: CommonOp): string {
  return o.op === 'pressure' ? `pressure ${o.level}` : `sleep ${o.ms}`;
}

/** The common operation the words `w` of `text` name, or null when they name another. */
export function parseCommon(w: readonly string[], text: string): CommonOp | null {
  if (w[0] === 'pressure') {
    const level = PRESSURE_LEVELS.find((l) => l === w[1]);
    if (w.length !== 2 || level === undefined) throw new Error(`"${text}": pressure takes one of ${PRESSURE_LEVELS.join(', ')}`);
    return { op: 'pressure', level };
  }
  if (w[0] === 'sleep') {
    if (w.length !== 2) throw new Error(`"${text}": sleep takes milliseconds`);
    return { op: 'sleep', ms: intArg(w[1], 0, 10000, 'the pause', text) };
  }
  return null;
}

export function* runCommon(o: CommonOp): KGen {
  if (o.op === 'pressure') memory_pressure_phase(o.level);
  else yield* timers.msleep(o.ms);
}
