// How many of a suite's runs reported a title: the measure every "sees the mistake, not the base
// tree" test compares.
import type { RunRecord } from '../../harness/explore/runner.ts';

/** The runs with a finding whose title is `match`, or satisfies it. */
export function runsReporting(runs: readonly RunRecord[], match: string | ((title: string) => boolean)): number {
  const matches = typeof match === 'string' ? (title: string) => title === match : match;
  return runs.filter((x) => x.findings.some((f) => matches(f.title))).length;
}
