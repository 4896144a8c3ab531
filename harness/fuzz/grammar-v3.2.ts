// The v3.2 grammar: how each operation of ops-v3.2.ts is drawn, varied, simplified, printed and
// parsed, and the fault plans generated programs run under. The weights favour IO (what every
// other operation races with); cgroup numbers are few so that operations meet on the same
// cgroup; sectors are close together so that IOs merge.
import type { Prng } from '../../kernel-model/sim/prng.ts';
import { SIM_DISK_SECTORS } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { drawPlan } from '../suites/plan-shape.ts';
import { CFQ_TUNABLES, CGROUPS, ELEVATORS, IOPRIO_CLASSES, type IoKind, READ_FILES, RULE_FILES, type V32Op, keepsAccounting } from './ops-v3.2.ts';
import type { GenProgram, Grammar } from './program.ts';
import { pick, weighted } from './draw.ts';
import { drawPressure, drawSleep, formatCommon, parseCommon, simplerCommon, tweakCommon } from './common-ops.ts';
import { intArg as int, sectorExtent } from './text-args.ts';
import { v32Workload } from './workload-v3.2.ts';

const SECTOR_BASE = 4096;
const IO_KINDS: readonly IoKind[] = ['r', 'w', 'w', 'ws', 'wf'];
const SIZES = [1, 8, 8, 8, 16, 64];
const BPS = [0, 256 << 10, 1 << 20, 4 << 20];
const IOPS = [0, 50, 200];
const WEIGHTS = [100, 200, 500, 1000];
/** Tunable values: the C clamps each store to its range, so out-of-range values are fine. */
const TUNABLE_VALUES = [0, 1, 2, 8, 100];

const sector = (rng: Prng): number => SECTOR_BASE + 8 * rng.below(64);
const cgroupOrRoot = (rng: Prng): number => rng.below(CGROUPS + 1);
const cgroupDir = (rng: Prng): number => 1 + rng.below(CGROUPS);
const ruleValue = (rng: Prng, rule: string): number => pick(rng, rule.endsWith('bps_device') ? BPS : IOPS);

/** Operations by weight: IO most, then the cgroup lifecycle, then files. */
const DRAW: readonly [number, (rng: Prng) => V32Op][] = [
  [30, (rng) => ({ op: 'io', kind: pick(rng, IO_KINDS), sector: sector(rng), sectors: pick(rng, SIZES), wait: rng.below(2) === 0 })],
  [8, (rng) => ({ op: 'batch', kind: rng.below(2) === 0 ? 'r' : 'w', sector: sector(rng), sectors: 8, count: 2 + rng.below(5), down: rng.below(2) === 0 })],
  [10, (rng) => ({ op: 'mkdir', cg: cgroupDir(rng) })],
  [7, (rng) => ({ op: 'rmdir', cg: cgroupDir(rng) })],
  [12, (rng) => ({ op: 'attach', cg: cgroupOrRoot(rng) })],
  [
    8,
    (rng) => {
      const rule = pick(rng, RULE_FILES);
      return { op: 'limit', cg: cgroupOrRoot(rng), rule, value: ruleValue(rng, rule) };
    },
  ],
  [
    2,
    (rng) => {
      const rule = pick(rng, RULE_FILES);
      return { op: 'limit', cg: cgroupOrRoot(rng), rule, value: Math.max(1, ruleValue(rng, rule)), drop: true };
    },
  ],
  [4, (rng) => ({ op: 'weight', cg: cgroupOrRoot(rng), value: pick(rng, WEIGHTS) })],
  [4, (rng) => ({ op: 'weight_device', cg: cgroupOrRoot(rng), value: pick(rng, [0, ...WEIGHTS]) })],
  [8, (rng) => ({ op: 'read', cg: cgroupOrRoot(rng), file: pick(rng, READ_FILES) })],
  [3, (rng) => ({ op: 'reset', cg: cgroupOrRoot(rng) })],
  [4, (rng) => ({ op: 'tunable', name: pick(rng, CFQ_TUNABLES), value: rng.below(2) === 0 ? null : pick(rng, TUNABLE_VALUES) })],
  [3, (rng) => ({ op: 'ioprio', cls: pick(rng, IOPRIO_CLASSES), level: rng.below(8) })],
  // The disk's lifecycle and its queue's: rare, since each changes what every later operation
  // of the program meets (an unplugged disk fails all IO; a switch to noop stops CFQ's stats).
  [2, (rng) => ({ op: 'scheduler', name: pick(rng, ELEVATORS) })],
  [1, () => ({ op: 'unplug' })],
  [1, () => ({ op: 'swapon' })],
  [1, (rng) => ({ op: 'past-end', kind: rng.below(2) === 0 ? 'r' : 'w' })],
  [3, drawPressure],
  [3, drawSleep],
];
/** Operations by weight. */
const randomOp = weighted(DRAW);

function tweakOp(rng: Prng, o: V32Op): V32Op {
  switch (o.op) {
    case 'io':
      return pick(rng, [{ ...o, kind: pick(rng, IO_KINDS) }, { ...o, sector: sector(rng) }, { ...o, sectors: pick(rng, SIZES) }, { ...o, wait: !o.wait }]);
    case 'batch':
      return pick(rng, [{ ...o, count: 2 + rng.below(5) }, { ...o, down: !o.down }, { ...o, sector: sector(rng) }, { ...o, kind: o.kind === 'r' ? 'w' : 'r' }]);
    case 'mkdir':
    case 'rmdir':
      return { ...o, cg: cgroupDir(rng) };
    case 'attach':
    case 'reset':
      return { ...o, cg: cgroupOrRoot(rng) };
    case 'limit':
      // A rule written to be dropped again is never 0 (that would drop nothing).
      return rng.below(2) === 0 ? { ...o, cg: cgroupOrRoot(rng) } : { ...o, value: o.drop === true ? Math.max(1, ruleValue(rng, o.rule)) : ruleValue(rng, o.rule) };
    case 'weight':
    case 'weight_device':
      return rng.below(2) === 0 ? { ...o, cg: cgroupOrRoot(rng) } : { ...o, value: pick(rng, o.op === 'weight' ? WEIGHTS : [0, ...WEIGHTS]) };
    case 'read':
      return rng.below(2) === 0 ? { ...o, cg: cgroupOrRoot(rng) } : { ...o, file: pick(rng, READ_FILES) };
    case 'tunable':
      return rng.below(2) === 0 ? { ...o, name: pick(rng, CFQ_TUNABLES) } : { ...o, value: o.value === null ? pick(rng, TUNABLE_VALUES) : null };
    case 'ioprio':
      return rng.below(2) === 0 ? { ...o, cls: pick(rng, IOPRIO_CLASSES) } : { ...o, level: rng.below(8) };
    case 'unplug':
    case 'swapon':
      return o;
    case 'past-end':
      return { ...o, kind: o.kind === 'r' ? 'w' : 'r' };
    case 'scheduler':
      return { ...o, name: o.name === 'cfq' ? 'noop' : 'cfq' };
    case 'pressure':
    case 'sleep':
      return tweakCommon(rng, o);
  }
}

function simpler(o: V32Op): V32Op[] {
  switch (o.op) {
    case 'io':
      return [...(o.sectors !== 8 ? [{ ...o, sectors: 8 }] : []), ...(!o.wait ? [{ ...o, wait: true }] : [])];
    case 'batch':
      return [{ op: 'io', kind: o.kind, sector: o.sector, sectors: o.sectors, wait: false }, ...(o.count > 2 ? [{ ...o, count: 2 }] : [])];
    case 'pressure':
    case 'sleep':
      return simplerCommon(o);
    default:
      return [];
  }
}

function formatOp(o: V32Op): string {
  switch (o.op) {
    case 'mkdir':
    case 'rmdir':
    case 'attach':
    case 'reset':
      return `${o.op} ${o.cg}`;
    case 'io':
      return `io ${o.kind} ${o.sector}+${o.sectors} ${o.wait ? 'wait' : 'nowait'}`;
    case 'batch':
      return `batch ${o.kind} ${o.sector}+${o.sectors}x${o.count} ${o.down ? 'down' : 'up'}`;
    case 'limit':
      return `limit ${o.cg} ${o.rule} ${o.value}${o.drop === true ? ' drop' : ''}`;
    case 'weight':
    case 'weight_device':
      return `${o.op} ${o.cg} ${o.value}`;
    case 'read':
      return `read ${o.cg} ${o.file}`;
    case 'tunable':
      return o.value === null ? `tunable ${o.name}` : `tunable ${o.name} ${o.value}`;
    case 'ioprio':
      return `ioprio ${o.cls} ${o.level}`;
    case 'unplug':
    case 'swapon':
      return o.op;
    case 'past-end':
      return `past-end ${o.kind}`;
    case 'scheduler':
      return `scheduler ${o.name}`;
    case 'pressure':
    case 'sleep':
      return formatCommon(o);
  }
}

function parseOp(text: string): V32Op {
  const w = text.trim().split(/\s+/);
  const common = parseCommon(w, text);
  if (common !== null) return common;
  const cg = (i: number, lo = 0): number => int(w[i] ?? '', lo, CGROUPS, 'the cgroup', text);
  const arity = (n: number): void => {
    if (w.length !== n) throw new Error(`"${text}": ${w[0]} takes ${n - 1} argument${n === 2 ? '' : 's'}`);
  };
  switch (w[0]) {
    case 'mkdir':
    case 'rmdir':
      arity(2);
      return { op: w[0], cg: cg(1, 1) };
    case 'attach':
    case 'reset':
      arity(2);
      return { op: w[0], cg: cg(1) };
    case 'io': {
      arity(4);
      if (!['r', 'w', 'ws', 'wf'].includes(w[1])) throw new Error(`"${text}": the kind is r, w, ws or wf`);
      if (w[3] !== 'wait' && w[3] !== 'nowait') throw new Error(`"${text}": wait or nowait`);
      const e = sectorExtent(w[2], text, SIM_DISK_SECTORS);
      if (e.count !== 1) throw new Error(`"${text}": io takes one extent; batch takes a count`);
      return { op: 'io', kind: w[1] as IoKind, sector: e.sector, sectors: e.sectors, wait: w[3] === 'wait' };
    }
    case 'batch': {
      arity(4);
      if (w[1] !== 'r' && w[1] !== 'w') throw new Error(`"${text}": a batch reads (r) or writes (w)`);
      if (w[3] !== 'up' && w[3] !== 'down') throw new Error(`"${text}": up or down`);
      const e = sectorExtent(w[2], text, SIM_DISK_SECTORS);
      return { op: 'batch', kind: w[1], sector: e.sector, sectors: e.sectors, count: e.count, down: w[3] === 'down' };
    }
    case 'limit': {
      const drop = w.length === 5 && w[4] === 'drop';
      arity(drop ? 5 : 4);
      const rule = RULE_FILES.find((r) => r === w[2]);
      if (rule === undefined) throw new Error(`"${text}": the rule is one of ${RULE_FILES.join(', ')}`);
      const value = int(w[3], drop ? 1 : 0, 2 ** 31, 'the value', text);
      return drop ? { op: 'limit', cg: cg(1), rule, value, drop } : { op: 'limit', cg: cg(1), rule, value };
    }
    case 'weight':
    case 'weight_device':
      arity(3);
      return { op: w[0], cg: cg(1), value: int(w[2], 0, 10000, 'the weight', text) };
    case 'read': {
      arity(3);
      const file = READ_FILES.find((f) => f === w[2]);
      if (file === undefined) throw new Error(`"${text}": no such blkio file`);
      return { op: 'read', cg: cg(1), file };
    }
    case 'tunable': {
      const name = CFQ_TUNABLES.find((t) => t === w[1]);
      if (name === undefined) throw new Error(`"${text}": CFQ has no tunable "${w[1] ?? ''}"`);
      if (w.length === 2) return { op: 'tunable', name, value: null };
      arity(3);
      return { op: 'tunable', name, value: int(w[2], 0, 2 ** 31, 'the value', text) };
    }
    case 'ioprio': {
      arity(3);
      const cls = IOPRIO_CLASSES.find((c) => c === w[1]);
      if (cls === undefined) throw new Error(`"${text}": the class is rt, be or idle`);
      return { op: 'ioprio', cls, level: int(w[2], 0, 7, 'the level', text) };
    }
    case 'unplug':
    case 'swapon':
      arity(1);
      return { op: w[0] };
    case 'past-end':
      arity(2);
      if (w[1] !== 'r' && w[1] !== 'w') throw new Error(`"${text}": IO past the end reads (r) or writes (w)`);
      return { op: 'past-end', kind: w[1] };
    case 'scheduler': {
      arity(2);
      const name = ELEVATORS.find((e) => e === w[1]);
      if (name === undefined) throw new Error(`"${text}": the scheduler is one of ${ELEVATORS.join(', ')}`);
      return { op: 'scheduler', name };
    }
    default:
      throw new Error(`"${text}": no operation "${w[0] ?? ''}"`);
  }
}

export const v32Grammar: Grammar<V32Op> = {
  world: 'v3.2',
  cloneIo: true,
  diskTimeout: true,
  limits: { cpus: 3, tasks: 3, ops: 8 },
  randomOp,
  tweakOp,
  simpler,
  formatOp,
  parseOp,
  workload: v32Workload,
  // Memory mostly plentiful; completions and timers sometimes late; the disk fails IOs in a third of
  // the runs of a program that does not check the accounting (a failed IO moves no bytes).
  plan: (p: GenProgram<V32Op>, seed: number) =>
    drawPlan(seed, {
      memory: ['none', 'none', 'low'],
      ioDelay: { chance: 2, max: 3 },
      wqDelay: { chance: 3, max: 2 },
      ...(keepsAccounting(p.tasks.flat()) ? {} : { ioError: { chance: 3, percent: 25 } }),
    }),
};
