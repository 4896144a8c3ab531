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
}

/** The text form: "cpus 2", then one line per task, "t0: mkdir 1; attach 1; io w 64+8 nowait". */
export function formatProgram<Op>(g: Grammar<Op>, p: GenProgram<Op>): string {
  return [`cpus ${p.cpus}`, ...p.tasks.map((ops, i) => `t${i}: ${ops.map((o) => g.formatOp(o)).join('; ')}`)].join('\n');
}

/** A program from its text form; throws an Error naming the line that is wrong. */
export function parseProgram<Op>(g: Grammar<Op>, text: string): GenProgram<Op> {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const head = /^cpus (\d+)$/.exec(lines[0] ?? '');
  if (head === null) throw new Error(`a program starts with "cpus N", not "${lines[0] ?? ''}"`);
  const cpus = Number(head[1]);
  if (cpus < 1 || cpus > 8) throw new Error(`cpus ${cpus}: the model runs 1 to 8 CPUs`);
  const tasks = lines.slice(1).map((line, i) => {
    const m = /^t(\d+):(.*)$/.exec(line);
    if (m === null || Number(m[1]) !== i) throw new Error(`line ${i + 2}: expected "t${i}: op; op; ...", got "${line}"`);
    return m[2].split(';').map((s) => s.trim()).filter((s) => s !== '').map((s) => g.parseOp(s));
  });
  if (tasks.length === 0) throw new Error('a program has at least one task');
  return { cpus, tasks };
}

/** How many operations a program has over all its tasks. */
export function opCount<Op>(p: GenProgram<Op>): number {
  return p.tasks.reduce((n, ops) => n + ops.length, 0);
}
