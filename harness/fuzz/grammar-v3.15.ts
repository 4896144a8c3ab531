// The v3.15 grammar: how each operation of ops-v3.15.ts is drawn, varied, simplified, printed
// and parsed, and the fault plans its programs run under. IO is most of it; extents sit in the
// first 512 sectors so that IOs meet on the same 16-sector snapshot chunks, and the larger ones
// cross chunk boundaries (the snapshot splits them).
import type { Prng } from '../../kernel-model/sim/prng.ts';
import { drawPlan } from '../suites/plan-shape.ts';
import { DEVICES, DM_DEVICES, type Device, type DmDevice, STACK_SECTORS, type V315Op } from './ops-v3.15.ts';
import type { GenProgram, Grammar } from './program.ts';
import { pick, weighted } from './draw.ts';
import { drawPressure, drawSleep, formatCommon, parseCommon, simplerCommon, tweakCommon } from './common-ops.ts';
import { intArg, sectorExtent } from './text-args.ts';
import { v315Workload } from './workload-v3.15.ts';

const SIZES = [1, 8, 8, 16, 64];

const sector = (rng: Prng): number => 8 * rng.below(64);
const device = (rng: Prng): Device => pick(rng, DEVICES);
const dmDevice = (rng: Prng): DmDevice => pick(rng, DM_DEVICES);

const DRAW: readonly [number, (rng: Prng) => V315Op][] = [
  [40, (rng) => ({ op: 'io', dev: device(rng), write: rng.below(2) === 0, sector: sector(rng), sectors: pick(rng, SIZES) })],
  [12, (rng) => ({ op: 'batch', dev: device(rng), write: rng.below(3) !== 0, sector: sector(rng), sectors: 8, count: 2 + rng.below(3) })],
  [8, (rng) => ({ op: 'suspend', dev: dmDevice(rng), noflush: rng.below(2) === 0 })],
  [8, (rng) => ({ op: 'resume', dev: dmDevice(rng) })],
  [6, (rng) => ({ op: 'reload', dev: dmDevice(rng) })],
  [6, (rng) => ({ op: 'status', dev: dmDevice(rng), table: rng.below(2) === 0 })],
  [4, (rng) => ({ op: 'fail', leg: rng.below(2) })],
  [2, (rng) => ({ op: 'geometry', dev: device(rng) })],
  [2, (rng) => ({ op: 'ioctl', dev: device(rng) })],
  [1, (rng) => ({ op: 'remove-deferred', dev: dmDevice(rng) })],
  [3, drawPressure],
  [4, drawSleep],
];
/** Operations by weight. */
const randomOp = weighted(DRAW);

function tweakOp(rng: Prng, o: V315Op): V315Op {
  switch (o.op) {
    case 'io':
      return pick(rng, [{ ...o, dev: device(rng) }, { ...o, write: !o.write }, { ...o, sector: sector(rng) }, { ...o, sectors: pick(rng, SIZES) }]);
    case 'batch':
      return pick(rng, [{ ...o, dev: device(rng) }, { ...o, write: !o.write }, { ...o, sector: sector(rng) }, { ...o, count: 2 + rng.below(3) }]);
    case 'suspend':
      return rng.below(2) === 0 ? { ...o, dev: dmDevice(rng) } : { ...o, noflush: !o.noflush };
    case 'resume':
    case 'reload':
    case 'remove-deferred':
      return { ...o, dev: dmDevice(rng) };
    case 'geometry':
    case 'ioctl':
      return { ...o, dev: device(rng) };
    case 'status':
      return rng.below(2) === 0 ? { ...o, dev: dmDevice(rng) } : { ...o, table: !o.table };
    case 'fail':
      return { ...o, leg: 1 - o.leg };
    case 'pressure':
    case 'sleep':
      return tweakCommon(rng, o);
  }
}

function simpler(o: V315Op): V315Op[] {
  switch (o.op) {
    case 'io':
      return o.sectors !== 8 ? [{ ...o, sectors: 8 }] : [];
    case 'batch':
      return [{ op: 'io', dev: o.dev, write: o.write, sector: o.sector, sectors: o.sectors }, ...(o.count > 2 ? [{ ...o, count: 2 }] : [])];
    case 'suspend':
      return o.noflush ? [{ ...o, noflush: false }] : [];
    case 'pressure':
    case 'sleep':
      return simplerCommon(o);
    default:
      return [];
  }
}

function formatOp(o: V315Op): string {
  switch (o.op) {
    case 'io':
      return `io ${o.dev} ${o.write ? 'w' : 'r'} ${o.sector}+${o.sectors}`;
    case 'batch':
      return `batch ${o.dev} ${o.write ? 'w' : 'r'} ${o.sector}+${o.sectors}x${o.count}`;
    case 'suspend':
      return `suspend ${o.dev}${o.noflush ? ' noflush' : ''}`;
    case 'resume':
    case 'reload':
    case 'geometry':
    case 'ioctl':
    case 'remove-deferred':
      return `${o.op} ${o.dev}`;
    case 'status':
      return `status ${o.dev}${o.table ? ' table' : ''}`;
    case 'fail':
      return `fail ${o.leg}`;
    case 'pressure':
    case 'sleep':
      return formatCommon(o);
  }
}

function parseOp(text: string): V315Op {
  const w = text.trim().split(/\s+/);
  const common = parseCommon(w, text);
  if (common !== null) return common;
  const dev = (i: number): Device => {
    const d = DEVICES.find((x) => x === w[i]);
    if (d === undefined) throw new Error(`"${text}": the device is one of ${DEVICES.join(', ')}`);
    return d;
  };
  const dmDev = (i: number): DmDevice => {
    const d = DM_DEVICES.find((x) => x === w[i]);
    if (d === undefined) throw new Error(`"${text}": the dm device is one of ${DM_DEVICES.join(', ')}`);
    return d;
  };
  const flag = (i: number, word: string): boolean => {
    if (w.length > i + 1 || (w[i] !== undefined && w[i] !== word)) throw new Error(`"${text}": only "${word}" may follow`);
    return w[i] === word;
  };
  switch (w[0]) {
    case 'io':
    case 'batch': {
      if (w.length !== 4) throw new Error(`"${text}": ${w[0]} DEVICE r|w SECTOR+SECTORS${w[0] === 'batch' ? 'xCOUNT' : ''}`);
      if (w[2] !== 'r' && w[2] !== 'w') throw new Error(`"${text}": r or w`);
      const e = sectorExtent(w[3], text, STACK_SECTORS);
      if (w[0] === 'io' && e.count !== 1) throw new Error(`"${text}": io takes one extent; batch takes a count`);
      return w[0] === 'io' ? { op: 'io', dev: dev(1), write: w[2] === 'w', sector: e.sector, sectors: e.sectors } : { op: 'batch', dev: dev(1), write: w[2] === 'w', sector: e.sector, sectors: e.sectors, count: e.count };
    }
    case 'suspend':
      return { op: 'suspend', dev: dmDev(1), noflush: flag(2, 'noflush') };
    case 'resume':
    case 'reload':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a dm device`);
      return { op: w[0], dev: dmDev(1) };
    case 'geometry':
    case 'ioctl':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a device`);
      return { op: w[0], dev: dev(1) };
    case 'remove-deferred':
      if (w.length !== 2) throw new Error(`"${text}": remove-deferred takes a dm device`);
      return { op: 'remove-deferred', dev: dmDev(1) };
    case 'status':
      return { op: 'status', dev: dmDev(1), table: flag(2, 'table') };
    case 'fail':
      if (w.length !== 2) throw new Error(`"${text}": fail takes a leg, 0 or 1`);
      return { op: 'fail', leg: intArg(w[1], 0, 1, 'the leg', text) };
    default:
      throw new Error(`"${text}": no operation "${w[0] ?? ''}"`);
  }
}

export const v315Grammar: Grammar<V315Op> = {
  world: 'v3.15',
  limits: { cpus: 3, tasks: 3, ops: 8 },
  randomOp,
  tweakOp,
  simpler,
  formatOp,
  parseOp,
  workload: v315Workload,
  // Memory mostly plentiful; completions and timers sometimes late; in a third of the runs the
  // disks fail up to a fifth of their IOs (raid1 marks legs Faulty and retries reads).
  plan: (_p: GenProgram<V315Op>, seed: number) =>
    drawPlan(seed, { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 }, ioError: { chance: 3, percent: 20 } }),
};
