// A bug of a base tree the model found, proven both ways: the suite that found it still finds it
// on the base tree, and a fix written as a patch mail against the base C, taken by
// `lkml-harness port` with no hand-written TypeScript, makes it go away in the same schedules.
import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../harness/explore/runner.ts';
import type { Suite } from '../../harness/suites/suite.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { portFixtureMail } from './port-fixture.ts';
import { runsReporting } from './suite-runs.ts';

export interface BaseBug {
  bug: string;
  /** The fix, a mail under test/fixtures/mail. */
  mail: string;
  suite: Suite;
  runs: number;
  title: string;
}

/** Runs of the suite in which the title is reported (first or later). */
function runsWith(suite: Suite, runs: number, title: string, patch: PatchModule | null): number {
  return runsReporting(runSeeds(suite, { seed: 1, count: runs, patch }), title);
}

export function proveBaseBugs(base: string, bugs: BaseBug[]): void {
  describe.each(bugs)(`${base} base bug: $bug`, ({ mail, suite, runs, title }) => {
    it(`${suite.name} finds "${title}", and the ported fix removes it`, { timeout: 180_000 }, async () => {
      const fix = await portFixtureMail(mail);
      expect(runsWith(suite, runs, title, null)).toBeGreaterThan(0);
      expect(runsWith(suite, runs, title, fix)).toBe(0);
    });
  });
}
