// request-list-full fills the v3.2 request list: get_request() marks the queue congested and
// full, makes the writer a batcher, and a new process's first request allocates its io_context
// with the queue lock held and waits for a free request; nothing is reported on the base tree.
// The disk is the swap device and memory turns short: a patch that lets get_request_wait()
// allocate GFP_KERNEL, taken from its mail by `lkml-harness port`, hangs in reclaim's writeback;
// one that walks the timeout list without the queue lock races with the requests added to it,
// and one that leaves an expired request on it hits blk_add_timer()'s BUG_ON as a slow command
// is given more time.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { baseTitles, reportingWithMailAndBase, runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { requestListFull } from '../../harness/suites/request-list-full.ts';

describe('request-list-full', () => {
  it('takes the full request list\'s paths: congestion, the queue marked full, a batcher, a waiter', { timeout: 120_000 }, () => {
    const r = measureReach(requestListFull, 20);
    for (const fn of ['blk_set_queue_congested', 'blk_set_queue_full', 'ioc_set_batching', 'ioc_batching', 'get_request_wait', 'swap_writepage', 'throttle_vm_writeout']) expect(r.functions, fn).toContain(fn);
  });

  it('reports nothing on the base tree', { timeout: 120_000 }, () => {
    expect(baseTitles(requestListFull, 30)).toEqual([]);
  });

  it('sees get_request_wait() widened to GFP_KERNEL: reclaim writes swap from inside the submission and hangs', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('get-request-wait-gfp-kernel.patch');
    expect(runsReporting(runSeeds(requestListFull, { seed: 1, count: 30, patch }), 'INFO: task hung in throttle_vm_writeout')).toBeGreaterThan(0);
  });

  it('sees the timeout timer walk q->timeout_list without the queue lock that requests are added and deleted under', { timeout: 120_000 }, async () => {
    const isRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('blk_rq_timed_out_timer');
    const seen = await reportingWithMailAndBase(requestListFull, 'blk-timeout-timer-unlocked.patch', 30, isRace);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });

  it('gives a slow command more time, and sees the request re-added while still on the timeout list when the timer stops taking it off', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(requestListFull, 'blk-timeout-expired-stays-listed.patch', 60, 'kernel BUG in blk_add_timer');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
