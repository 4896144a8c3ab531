// A generated workload as syzkaller writes one: a few tasks, each running a list of operations
// on the modeled kernel's entry points, concurrently. A grammar (one per world) says which
// operations exist, how to draw, vary and simplify one, how each reads as text, and what each
// does on the model; the text form is what the corpus keeps and what reports print.
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';

/** Tasks, each with its operations in order, on a machine with `cpus` CPUs. */
export interface GenProgram<Op> {
  cpus: number;
  tasks: Op[][];
  /**
   * The first `cloneIo` tasks are one process's threads sharing its IO context: t1 and on are
   * created by t0 with clone(CLONE_IO) before any of them runs an operation. Absent (or fewer
   * than two tasks): every task is a process of its own. Only a grammar with `cloneIo` takes it.
   */
  cloneIo?: number;
  /**
   * The disk's command timeout in seconds, as a SCSI disk has one (sd's is 30; echo N >
   * /sys/block/sdX/device/timeout): the requests it starts are timed by blk-timeout.c. Absent:
   * the disk has none, as virtio-blk. Only a grammar with `diskTimeout` takes it.
   */
  diskTimeout?: number;
  /**
   * dm_mod's reserved_bio_based_ios as the module was loaded with it (modprobe dm_mod
   * reserved_bio_based_ios=N; 16 by default): the reserve of every bio_set and mempool dm
   * creates for a bio-based device and for kcopyd's dm-io client. Absent: the default. Only a
   * grammar with `dmReservedIos` takes it.
   */
  dmReservedIos?: number;
}

export interface Grammar<Op> {
  /** The translated world the operations drive ("v3.2"). */
  world: string;
  /** What a drawn program has at most. */
  limits: { cpus: number; tasks: number; ops: number };
  /** A fresh operation, drawn by the weights of the grammar. */
  randomOp(rng: Prng): Op;
  /** A neighbour of `op`: the same operation with one argument drawn again. */
  tweakOp(rng: Prng, op: Op): Op;
  /** Simpler forms of `op`, simplest first (smaller IO, the root cgroup): shrinking tries them. */
  simpler(op: Op): Op[];
  formatOp(op: Op): string;
  /** The operation a text names; throws an Error saying what is wrong with it. */
  parseOp(text: string): Op;
  /** The workload the program runs: fresh state per run, its tasks spawned at setup. */
  workload(p: GenProgram<Op>): Program;
  /** The fault plan of a seed for this program (the seed alone decides it, given the program). */
  plan(p: GenProgram<Op>, seed: number): FaultPlan;
  /** The world's tasks can share an IO context (clone(CLONE_IO)): programs may say `clone-io N`. */
  cloneIo?: boolean;
  /** The world's disk may have a command timeout: programs may say `disk-timeout S`. */
  diskTimeout?: boolean;
  /** The world has dm_mod's reserved_bio_based_ios: programs may say `dm-reserved-ios N`. */
  dmReservedIos?: boolean;
}

/** A program's settings of the machine, each a number on a header line of its own (GenProgram's numeric header fields). */
type SettingKey = keyof Pick<GenProgram<unknown>, 'diskTimeout' | 'dmReservedIos'>;

/**
 * The settings in the order their header lines are written (after clone-io), with the range the
 * kernel takes and what a world without the setting lacks. Shrinking tries a program without each.
 */
export const SETTINGS: readonly { key: SettingKey; word: string; min: number; max: number; range: string; absent: string }[] = [
  { key: 'diskTimeout', word: 'disk-timeout', min: 1, max: 3600, range: 'a command timeout is 1 to 3600 seconds', absent: 'disk has no command timeout to set' },
  // dm_get_reserved_bio_based_ios() takes 1 to DM_RESERVED_MAX_IOS (1024).
  { key: 'dmReservedIos', word: 'dm-reserved-ios', min: 1, max: 1024, range: 'dm takes a reserve of 1 to 1024', absent: 'dm_mod has no reserved_bio_based_ios' },
];

/** How many tasks, from t0, share one IO context (0: none do). */
export function sharedIoTasks<Op>(p: GenProgram<Op>): number {
  const n = Math.min(p.cloneIo ?? 0, p.tasks.length);
  return n >= 2 ? n : 0;
}

/** `p` with task `t` gone (a thread of the IO-sharing process leaves its count with it). */
export function withoutTask<Op>(p: GenProgram<Op>, t: number): GenProgram<Op> {
  const tasks = p.tasks.filter((_, i) => i !== t);
  return withCloneIo({ ...p, tasks }, t < sharedIoTasks(p) ? sharedIoTasks(p) - 1 : sharedIoTasks(p));
}

/** `p` with its first `n` tasks sharing an IO context (none when `n` is under two). */
export function withCloneIo<Op>(p: GenProgram<Op>, n: number): GenProgram<Op> {
  const { cloneIo: _old, ...rest } = p;
  const shared = Math.min(n, p.tasks.length);
  return shared >= 2 ? { ...rest, cloneIo: shared } : rest;
}

/**
 * The text form: "cpus 2", then "clone-io 2" when tasks share an IO context, "disk-timeout 30"
 * when the disk has a command timeout and "dm-reserved-ios 2" when dm_mod was loaded with a
 * reserve of its own, then one line per task, "t0: mkdir 1; attach 1; io w 64+8 nowait".
 */
export function formatProgram<Op>(g: Grammar<Op>, p: GenProgram<Op>): string {
  const shared = sharedIoTasks(p);
  return [
    `cpus ${p.cpus}`,
    ...(shared > 0 ? [`clone-io ${shared}`] : []),
    ...SETTINGS.flatMap((s) => (p[s.key] !== undefined ? [`${s.word} ${p[s.key]}`] : [])),
    ...p.tasks.map((ops, i) => `t${i}: ${ops.map((o) => g.formatOp(o)).join('; ')}`),
  ].join('\n');
}

/** A program from its text form; throws an Error naming the line that is wrong. */
export function parseProgram<Op>(g: Grammar<Op>, text: string): GenProgram<Op> {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const head = /^cpus (\d+)$/.exec(lines[0] ?? '');
  if (head === null) throw new Error(`a program starts with "cpus N", not "${lines[0] ?? ''}"`);
  const cpus = Number(head[1]);
  if (cpus < 1 || cpus > 8) throw new Error(`cpus ${cpus}: the model runs 1 to 8 CPUs`);
  let first = 1;
  const clone = /^clone-io (\d+)$/.exec(lines[first] ?? '');
  if (clone !== null && g.cloneIo !== true) throw new Error(`clone-io: the ${g.world} model's tasks do not share IO contexts`);
  if (clone !== null) first++;
  const settings: Partial<Record<SettingKey, number>> = {};
  for (const setting of SETTINGS) {
    const m = new RegExp(`^${setting.word} (\\d+)$`).exec(lines[first] ?? '');
    if (m === null) continue;
    if (g[setting.key] !== true) throw new Error(`${setting.word}: the ${g.world} model's ${setting.absent}`);
    const value = Number(m[1]);
    if (value < setting.min || value > setting.max) throw new Error(`${setting.word} ${value}: ${setting.range}`);
    settings[setting.key] = value;
    first++;
  }
  const tasks = lines.slice(first).map((line, i) => {
    const m = /^t(\d+):(.*)$/.exec(line);
    if (m === null || Number(m[1]) !== i) throw new Error(`line ${i + first + 1}: expected "t${i}: op; op; ...", got "${line}"`);
    return m[2].split(';').map((s) => s.trim()).filter((s) => s !== '').map((s) => g.parseOp(s));
  });
  if (tasks.length === 0) throw new Error('a program has at least one task');
  const p: GenProgram<Op> = { cpus, tasks, ...settings };
  if (clone === null) return p;
  const shared = Number(clone[1]);
  if (shared < 2 || shared > tasks.length) throw new Error(`clone-io ${shared}: 2 to ${tasks.length} of the program's tasks can share one IO context`);
  return { ...p, cloneIo: shared };
}

/** How many operations a program has over all its tasks. */
export function opCount<Op>(p: GenProgram<Op>): number {
  return p.tasks.reduce((n, ops) => n + ops.length, 0);
}
