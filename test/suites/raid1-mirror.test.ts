// raid1-mirror writes to a RAID1 array from several tasks: the first write after the array was
// marked clean marks it dirty (md_write_start(): in_sync cleared and MD_CHANGE_CLEAN set under
// mddev->write_lock, the lock md_update_sb() and the md thread's safe-mode pass take to read and
// flip it). A patch dropping that lock, taken from its mail by `lkml-harness port`, is a data race
// on in_sync (a KCSAN rule: written only under write_lock once the array runs); the base tree's
// locked flips are not. Likewise a patch waking the md thread from mddev_unlock() without
// pers_lock, the lock md_unregister_thread() clears mddev->thread under before freeing it.
import { describe, expect, it } from 'vitest';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { raid1Mirror } from '../../harness/suites/raid1-mirror.ts';

const isThreadRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('mddev_unlock');
const isInSyncRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('md_write_start');

describe('raid1-mirror', () => {
  it('sees write_lock dropped around md_write_start()\'s flip of in_sync, and no race on the base tree', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(raid1Mirror, 'md-write-start-no-write-lock.patch', 30, isInSyncRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });

  it('sees pers_lock dropped around mddev_unlock()\'s wake-up of the md thread, and no race on the base tree', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(raid1Mirror, 'mddev-unlock-no-pers-lock.patch', 20, isThreadRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
