// blkio-rule-delete: throttle rules deleted in two cgroups whose rules are then used again. The
// base tree (which reports here only its known race on the throttle's delayed work) unlinks a deleted rule's policy node before freeing it; a mail that leaves it on the
// list, taken by `lkml-harness port`, has the next lookup of the cgroup's rules read it after
// its free.
import { describe, expect, it } from 'vitest';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { blkioRuleDelete } from '../../harness/suites/blkio-rule-delete.ts';
import { runSeeds } from '../../harness/explore/runner.ts';

describe('blkio-rule-delete', () => {
  it('reports on the base tree only its race on the throttle\'s delayed work', { timeout: 120_000 }, () => {
    // throtl_update_blkio_group_common() calls throtl_schedule_delayed_work() ("Call with queue
    // lock held") from the rule write path, which holds only blkcg->lock: the v3.2 tree's own.
    const runs = runSeeds(blkioRuleDelete, { seed: 1, count: 60, patch: null });
    const titles = new Set(runs.flatMap((x) => x.findings.map((f) => f.title)));
    expect(titles.size).toBeGreaterThan(0);
    for (const t of titles) expect(t).toMatch(/^KCSAN: data-race in \w+ \/ throtl_schedule_delayed_work$/);
  });

  it('sees a deleted rule left on the policy list read after its free', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(blkioRuleDelete, 'blkio-policy-delete-no-unlink.patch', 30, (t) => t.startsWith('KASAN: use-after-free Read in blkio_'));
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
