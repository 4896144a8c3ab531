// dm-extents reloads a snapshot's table while writes go to the snapshot and to its origin. On the
// base tree it reports nothing. snapshot_resume() makes the new snapshot active under s->lock,
// which __origin_write() holds to read it (a KCSAN rule: dm_snapshot.active under s->lock): a
// patch dropping that lock, taken from its mail by `lkml-harness port`, is a data race with the
// origin's writes.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { baseTitles, runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { dmExtents } from '../../harness/suites/dm-extents.ts';

describe('dm-extents', () => {
  it('reports nothing on the base tree', { timeout: 180_000 }, () => {
    expect(baseTitles(dmExtents, 40)).toEqual([]);
  });

  it("sees snapshot_resume() set s->active without s->lock: the origin's writes read it under the lock", { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('snapshot-resume-active-unlocked.patch');
    const runs = runSeeds(dmExtents, { seed: 1, count: 60, patch });
    expect(runsReporting(runs, 'KCSAN: data-race in __origin_write / snapshot_resume')).toBeGreaterThan(0);
  });
});
