// raid1-freeze-plugged: raid1d freezes md0 for a read retry while a writer's plugged writes are
// all the other IO in flight. When the writer sleeps, its plug is flushed from the scheduler and
// the writes go to raid1d's pending list; only the wake-ups of conf->wait_barrier (raid1_unplug()'s,
// and make_request()'s "in case raid1d snuck in to freeze_array") let the freeze see them. Mails
// that drop either, taken by `lkml-harness port`, leave raid1d frozen for ever; the base tree not.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { raid1FreezePlugged } from '../../harness/suites/raid1-freeze-plugged.ts';

describe('raid1-freeze-plugged', () => {
  it('reports nothing on the base tree', { timeout: 300_000 }, () => {
    expect(baseTitles(raid1FreezePlugged, 100)).toEqual([]);
  });

  it.each([
    ['raid1-unplug-no-barrier-wakeup.patch', 'raid1_unplug()'],
    ['raid1-write-no-final-wakeup.patch', 'make_request()'],
  ])('sees %s (the wake-up of %s dropped) leave raid1d in freeze_array', { timeout: 300_000 }, async (mail) => {
    const seen = await reportingWithMailAndBase(raid1FreezePlugged, mail, 100, 'INFO: task hung in freeze_array');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
