// rq-disk-unplug removes a request-based disk while writers wait for requests of its full
// request list: blk_cleanup_queue()'s drain wakes every waiter left once the queue is dying, and
// each fails its bio. A patch dropping that wake-up, taken from its mail by `lkml-harness port`,
// leaves the waiters asleep for good; the base tree reports nothing.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { rqDiskUnplug } from '../../harness/suites/rq-disk-unplug.ts';

describe('rq-disk-unplug', () => {
  it('reports nothing on the base tree', { timeout: 120_000 }, () => {
    expect(baseTitles(rqDiskUnplug, 30)).toEqual([]);
  });

  it('sees the waiters hang when the drain stops waking them', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(rqDiskUnplug, 'blk-drain-no-waiter-wakeup.patch', 20, 'INFO: task hung in get_request');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
