// md-linear flushes a linear array through md_flush_request(): submit_flushes() walks the
// array's members with rdev_for_each_rcu() under rcu_read_lock(), as bind_rdev_to_array() and
// unbind_rdev_from_array() change the list under the array's reconfig_mutex (a KCSAN rule:
// mddev->disks under reconfig_mutex, read under it or under RCU). A patch dropping that RCU
// section, taken from its mail by `lkml-harness port`, is a data race with the members' binding;
// the base tree's walk is not.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { mdLinear } from '../../harness/suites/md-linear.ts';

const MEMBERS_RACE = 'KCSAN: data-race in bind_rdev_to_array / submit_flushes';

describe('md-linear', () => {
  it('sees submit_flushes() walk the members without rcu_read_lock(), and no race on the base tree', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('md-submit-flushes-no-rcu.patch');
    expect(runsReporting(runSeeds(mdLinear, { seed: 1, count: 20, patch }), MEMBERS_RACE)).toBeGreaterThan(0);
    const base = runSeeds(mdLinear, { seed: 1, count: 20, patch: null });
    expect(runsReporting(base, MEMBERS_RACE)).toBe(0);
    expect(base.flatMap((x) => x.findings.map((f) => f.title)).filter((t) => t.startsWith('KCSAN'))).toEqual([]);
  });
});
