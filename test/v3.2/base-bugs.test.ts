// The three bugs of the v3.2 tree (block for-3.3/core) the model found beyond the seed, each
// proven both ways: the suite that found it still finds it on the base tree, and a fix written
// as a patch mail against the base C, taken by `lkml-harness port` with no hand-written
// TypeScript, makes it go away in the same schedules. (KERNEL-SOURCES.md traces each to the C.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../harness/explore/runner.ts';
import { loadPatch } from '../../harness/patches/load.ts';
import { portMail, writePortedModule } from '../../harness/port/port.ts';
import { kvmCgroupSwap } from '../../harness/suites/kvm-cgroup-swap.ts';
import type { Suite } from '../../harness/suites/suite.ts';
import { throttleLimits } from '../../harness/suites/throttle-limits.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { REPO, tempPatchesDir } from '../helpers/modules.ts';

const bugs: { bug: string; mail: string; suite: Suite; runs: number; title: string }[] = [
  {
    bug: "throtl_get_tg()/cfq_get_cfqg() free a group that lost the race with kfree(), leaking its per-cpu stats",
    mail: 'blkio-free-stats-of-lost-group.patch',
    suite: throttleLimits,
    runs: 200,
    title: 'memory leak in blkio_alloc_blkg_stats',
  },
  {
    bug: 'cfq_get_cfqg() links the root group again when cfq_alloc_cfqg() fails; removing the cgroup destroys it',
    mail: 'cfq-root-group-relink.patch',
    suite: kvmCgroupSwap,
    runs: 300,
    title: 'kernel BUG in cfq_destroy_cfqg',
  },
  {
    bug: 'throtl_get_tg() returns the root group with rcu_read_lock() held when throtl_alloc_tg() fails',
    mail: 'throtl-get-tg-rcu-unlock.patch',
    suite: kvmCgroupSwap,
    runs: 200,
    title: 'BUG: sleeping function called from invalid context in blk_alloc_request',
  },
];

/** Runs of the suite in which the title is reported (first or later). */
function runsWith(suite: Suite, runs: number, title: string, patch: PatchModule | null): number {
  return runSeeds(suite, { seed: 1, count: runs, patch }).filter((r) => r.findings.some((f) => f.title === title)).length;
}

describe.each(bugs)('v3.2 base bug: $bug', ({ mail, suite, runs, title }) => {
  it(`${suite.name} finds "${title}", and the ported fix removes it`, { timeout: 180_000 }, async () => {
    const file = join(REPO, 'test/fixtures/mail', mail);
    const ported = await portMail({ mailPath: file, patchesDir: tempPatchesDir() });
    if (!ported.ok) throw new Error(ported.problems.join('\n'));
    await writePortedModule(ported, file, false);
    const fix = await loadPatch(ported.dir);
    expect(runsWith(suite, runs, title, null)).toBeGreaterThan(0);
    expect(runsWith(suite, runs, title, fix)).toBe(0);
  });
});
