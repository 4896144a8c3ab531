// How much of the model an evaluation's suites reach, and which of the functions the patch
// touches they never call: a verdict of "no change" says nothing about those. Functions the
// patch adds are not in the table (nothing called them before the patch) and are left out.
import { registeredFunctions } from '../../kernel-model/sim/hooks.ts';
import type { Reach } from '../results/evaluation.ts';
import { reachOf } from '../suites/index.ts';
import type { Suite } from '../suites/suite.ts';

export function reachSummary(touched: readonly string[], suites: readonly Suite[], world: string | null): Reach {
  const called = new Set(suites.flatMap((s) => reachOf(s)));
  const overridable = registeredFunctions().filter((f) => f.overridable);
  const population = overridable.filter((f) => f.base === world);
  const known = new Set(overridable.filter((f) => f.base === world || f.base === null).map((f) => f.name));
  const rows = [...touched].filter((name) => known.has(name)).sort().map((name) => ({ name, suites: suites.filter((s) => reachOf(s).includes(name)).map((s) => s.name) }));
  return {
    functions: { reached: population.filter((f) => called.has(f.name)).length, total: population.length },
    touched: rows,
    notExercised: rows.filter((r) => r.suites.length === 0).map((r) => r.name),
    unreached: population.filter((f) => !called.has(f.name)).map((f) => f.name).sort(),
  };
}
