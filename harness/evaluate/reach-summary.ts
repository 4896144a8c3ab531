// How much of the model an evaluation's suites reach (the functions they call, and the arms of
// the translated functions' conditions they take, per touched function too), and which of the
// functions the patch touches they never call: a verdict of "no change" says nothing about
// those. Functions the patch adds are not in the table (nothing called them before the patch)
// and are left out.
import { branchCounts, maskSize, orMasks } from '../../kernel-model/sim/branches.ts';
import { registeredFunctions } from '../../kernel-model/sim/hooks.ts';
import type { Reach } from '../results/evaluation.ts';
import { branchesOf, reachOf } from '../suites/index.ts';
import type { Suite } from '../suites/suite.ts';

export function reachSummary(touched: readonly string[], suites: readonly Suite[], world: string | null): Reach {
  const called = new Set(suites.flatMap((s) => reachOf(s)));
  const overridable = registeredFunctions().filter((f) => f.overridable);
  // Ported functions only: stand-ins that only stop the run are what the model leaves out.
  const population = overridable.filter((f) => f.base === world && !f.stub);
  const known = new Set(overridable.filter((f) => f.base === world || f.base === null).map((f) => f.name));
  const arms = world === null ? null : armsTaken(suites, world);
  const rows = [...touched]
    .filter((name) => known.has(name))
    .sort()
    .map((name) => {
      const total = arms?.counts.get(name);
      const taken = arms?.taken.get(name);
      return {
        name,
        suites: suites.filter((s) => reachOf(s).includes(name)).map((s) => s.name),
        ...(total === undefined ? {} : { branches: { reached: taken === undefined ? 0 : maskSize(taken), total } }),
      };
    });
  return {
    functions: { reached: population.filter((f) => called.has(f.name)).length, total: population.length },
    ...(arms === null ? {} : { branches: branchReach(arms) }),
    touched: rows,
    notExercised: rows.filter((r) => r.suites.length === 0).map((r) => r.name),
    unreached: population.filter((f) => !called.has(f.name)).map((f) => f.name).sort(),
  };
}

/** The arms the suites' runs take, per translated function of the world, beside how many each has. */
function armsTaken(suites: readonly Suite[], world: string): { counts: Map<string, number>; taken: Map<string, string> } {
  const taken = new Map<string, string>();
  for (const s of suites) for (const [fn, mask] of Object.entries(branchesOf(s))) taken.set(fn, orMasks(taken.get(fn), mask));
  return { counts: branchCounts(world), taken };
}

/** The arms of the world's translated functions the suites' runs take, of all they have. */
function branchReach({ counts, taken }: { counts: Map<string, number>; taken: Map<string, string> }): { reached: number; total: number } {
  let total = 0;
  let reached = 0;
  for (const [fn, n] of counts) {
    total += n;
    const mask = taken.get(fn);
    if (mask !== undefined) reached += maskSize(mask);
  }
  return { reached, total };
}
