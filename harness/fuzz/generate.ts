// Programs drawn and mutated, as syzkaller's prog package does: a fresh program of a few tasks,
// or a corpus program with one change (an operation added, removed, varied or moved to another
// task, a task added or dropped, operations spliced from another program, the CPU count
// changed). Everything is drawn from the Prng given: a fuzzing seed decides every program.
import type { Prng } from '../../kernel-model/sim/prng.ts';
import { type GenProgram, type Grammar, opCount, sharedIoTasks, withCloneIo, withoutTask } from './program.ts';

/**
 * A fresh program: 1-`limits.tasks` tasks of 1-`limits.ops` operations each; where the grammar
 * has CLONE_IO, a quarter of the programs with two tasks or more run some as threads of t0.
 */
export function randomProgram<Op>(g: Grammar<Op>, rng: Prng): GenProgram<Op> {
  const tasks: Op[][] = [];
  for (let t = 0, n = 1 + rng.below(g.limits.tasks); t < n; t++) {
    const ops: Op[] = [];
    for (let i = 0, k = 1 + rng.below(g.limits.ops); i < k; i++) ops.push(g.randomOp(rng));
    tasks.push(ops);
  }
  const cpus = 1 + rng.below(g.limits.cpus);
  if (g.cloneIo !== true || tasks.length < 2 || rng.below(4) !== 0) return { cpus, tasks };
  return withCloneIo({ cpus, tasks }, 2 + rng.below(tasks.length - 1));
}

const copy = <Op>(p: GenProgram<Op>): GenProgram<Op> => withCloneIo({ ...p, tasks: p.tasks.map((ops) => [...ops]) }, sharedIoTasks(p));

/** One change to `p` (a new program; `p` is left alone); `other` is a corpus program to splice from. */
export function mutateProgram<Op>(g: Grammar<Op>, rng: Prng, p: GenProgram<Op>, other: GenProgram<Op>): GenProgram<Op> {
  // Where the grammar has CLONE_IO, one change in eight makes tasks threads of t0 or processes again.
  if (g.cloneIo === true && p.tasks.length > 1 && rng.below(8) === 0) return withCloneIo(copy(p), sharedIoTasks(p) > 0 ? 0 : 2 + rng.below(p.tasks.length - 1));
  let q = copy(p);
  const t = rng.below(q.tasks.length);
  const ops = q.tasks[t];
  switch (rng.below(7)) {
    case 0:
      ops.splice(rng.below(ops.length + 1), 0, g.randomOp(rng));
      break;
    case 1:
      if (opCount(q) > 1 && ops.length > 0) ops.splice(rng.below(ops.length), 1);
      break;
    case 2:
      if (ops.length > 0) {
        const i = rng.below(ops.length);
        ops[i] = g.tweakOp(rng, ops[i]);
      }
      break;
    case 3: {
      // An operation moves to another task: the same work, racing with different neighbours.
      const to = rng.below(q.tasks.length);
      if (ops.length > 0 && to !== t) q.tasks[to].splice(rng.below(q.tasks[to].length + 1), 0, ...ops.splice(rng.below(ops.length), 1));
      break;
    }
    case 4:
      if (q.tasks.length < g.limits.tasks) q.tasks.push([g.randomOp(rng)]);
      else if (q.tasks.length > 1) q = withoutTask(q, t);
      break;
    case 5: {
      // Splice: a run of another program's task is inserted here.
      const from = other.tasks[rng.below(other.tasks.length)];
      const start = rng.below(from.length);
      ops.splice(rng.below(ops.length + 1), 0, ...from.slice(start, start + 1 + rng.below(3)));
      break;
    }
    default:
      q.cpus = 1 + rng.below(g.limits.cpus);
  }
  // A task left with no operations goes (from the end, so that indices ahead stay put).
  for (let i = q.tasks.length - 1; i >= 0; i--) if (q.tasks[i].length === 0) q = withoutTask(q, i);
  return q.tasks.length > 0 ? q : { ...q, tasks: [[g.randomOp(rng)]] };
}
