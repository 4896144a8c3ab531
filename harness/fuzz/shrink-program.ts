// A program reduced to what keeps a property (its new coverage, a report's title), as syzkaller
// minimizes a crash's program: tasks dropped, then threads made processes of their own (no
// shared IO context), then the disk's command timeout and dm's own reserve, then operations one
// at a time from the end, then each operation swapped for its simpler forms, then fewer CPUs; a
// change stays when the property still holds. Bounded by a number of attempts (each attempt runs
// the program).
import { type GenProgram, type Grammar, SETTINGS, sharedIoTasks, withCloneIo, withoutTask } from './program.ts';

export interface ShrinkResult<Op> {
  program: GenProgram<Op>;
  attempts: number;
}

export function shrinkProgram<Op>(g: Grammar<Op>, p: GenProgram<Op>, holds: (q: GenProgram<Op>) => boolean, maxAttempts = 200): ShrinkResult<Op> {
  let best = p;
  let attempts = 0;
  const tryIt = (q: GenProgram<Op>): boolean => {
    if (attempts >= maxAttempts) return false;
    attempts++;
    if (!holds(q)) return false;
    best = q;
    return true;
  };
  // The same tasks (and threads) with other operations or CPUs.
  const withTasks = (tasks: Op[][], cpus = best.cpus): GenProgram<Op> => withCloneIo({ ...best, cpus, tasks }, sharedIoTasks(best));
  for (let t = best.tasks.length - 1; t >= 0 && best.tasks.length > 1; t--) tryIt(withoutTask(best, t));
  if (sharedIoTasks(best) > 0) tryIt(withCloneIo(best, 0));
  for (const setting of SETTINGS) {
    if (best[setting.key] === undefined) continue;
    const plain = { ...best };
    delete plain[setting.key];
    tryIt(plain);
  }
  for (let t = best.tasks.length - 1; t >= 0; t--) {
    for (let i = best.tasks[t].length - 1; i >= 0; i--) {
      if (best.tasks[t].length === 1 && best.tasks.length === 1) break;
      if (best.tasks[t].length === 1) tryIt(withoutTask(best, t));
      else tryIt(withTasks(best.tasks.map((ops, k) => (k === t ? ops.filter((_, j) => j !== i) : ops))));
    }
  }
  for (let t = 0; t < best.tasks.length; t++) {
    for (let i = 0; i < best.tasks[t].length; i++) {
      for (const s of g.simpler(best.tasks[t][i])) {
        if (tryIt(withTasks(best.tasks.map((ops, k) => (k === t ? ops.map((o, j) => (j === i ? s : o)) : ops))))) break;
      }
    }
  }
  while (best.cpus > 1 && tryIt(withTasks(best.tasks, best.cpus - 1)));
  return { program: best, attempts };
}
