// How many of a suite's runs reported a title: the measure every "sees the mistake, not the base
// tree" test compares.
import { type RunRecord, runSeeds } from '../../harness/explore/runner.ts';
import type { Suite } from '../../harness/suites/suite.ts';
import { portFixtureMail } from './port-fixture.ts';

/** Every title the base tree's first `count` runs of `suite` report (a clean suite: none). */
export function baseTitles(suite: Suite, count: number): string[] {
  return runSeeds(suite, { seed: 1, count, patch: null }).flatMap((x) => x.findings.map((f) => f.title));
}

/** The runs with a finding whose title is `match`, or satisfies it. */
export function runsReporting(runs: readonly RunRecord[], match: string | ((title: string) => boolean)): number {
  const matches = typeof match === 'string' ? (title: string) => title === match : match;
  return runs.filter((x) => x.findings.some((f) => matches(f.title))).length;
}

/**
 * The runs of `suite` reporting `match` with the patch a fixture mail ports to, and on the base
 * tree, over the same `count` schedules.
 */
export async function reportingWithMailAndBase(suite: Suite, mail: string, count: number, match: string | ((title: string) => boolean)): Promise<{ patched: number; base: number }> {
  const patch = await portFixtureMail(mail);
  return {
    patched: runsReporting(runSeeds(suite, { seed: 1, count, patch }), match),
    base: runsReporting(runSeeds(suite, { seed: 1, count, patch: null }), match),
  };
}
