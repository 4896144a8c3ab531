// raid1-check-errors fails a leg while a check runs and gives it back as a spare (mdadm --fail
// --remove --add), which recovery then activates: error() counts the failed leg into
// mddev->degraded and raid1_spare_active() takes it out from raid1d, both under
// conf->device_lock, while the mdadm task's add_new_disk() reads the count. A patch dropping the
// lock in raid1_spare_active(), taken from its mail by `lkml-harness port`, is a data race on the
// count; the base tree's locked updates are not.
import { describe, expect, it } from 'vitest';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { raid1CheckErrors } from '../../harness/suites/raid1-check-errors.ts';

const isDegradedRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('raid1_spare_active');

describe('raid1-check-errors', () => {
  it('sees device_lock dropped around raid1_spare_active()\'s update of mddev->degraded, and no race on the base tree', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(raid1CheckErrors, 'raid1-spare-active-no-device-lock.patch', 200, isDegradedRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
