// raid1-bad-blocks writes and reads across bad sectors of a mirror with 1.2 superblocks, so that
// bios are split over several r1bios and their parts counted in the master bio's
// bi_phys_segments under conf->device_lock (make_request() counting new parts, call_bio_endio()
// counting parts done from each leg's interrupt). A patch dropping the lock in call_bio_endio(),
// taken from its mail by `lkml-harness port`, is a data race on the count; the base tree's locked
// updates are not.
import { describe, expect, it } from 'vitest';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { raid1BadBlocks } from '../../harness/suites/raid1-bad-blocks.ts';

const isSplitCountRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('call_bio_endio');

describe('raid1-bad-blocks', () => {
  it('sees device_lock dropped around call_bio_endio()\'s count of a split bio\'s parts, and no race on the base tree', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(raid1BadBlocks, 'raid1-call-bio-endio-no-device-lock.patch', 100, isSplitCountRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
