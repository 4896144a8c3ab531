// snapshot-copy-swap: the host swaps to a snapshot origin while kcopyd copies its chunks out,
// dm_mod loaded with a reserve of two. The base tree's kcopyd allocates GFP_NOIO, so reclaim
// never writes from its worker; patches that let its dm-io bios, or the completed exception's
// fallback when failslab fails the first try, be allocated GFP_KERNEL, taken from their mails
// by `lkml-harness port`, swap a page out through the origin from inside the worker that must
// copy the page's chunk, and the writers hang behind it.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { snapshotCopySwap } from '../../harness/suites/snapshot-copy-swap.ts';

// The writers wait for their bios behind the worker (it loops in congestion_wait, not D-blocked),
// so khungtaskd names the writers' wait.
const hung = 'INFO: task hung in submit_bio_wait';

describe('snapshot-copy-swap', () => {
  it('reports nothing on the base tree', { timeout: 300_000 }, () => {
    expect(baseTitles(snapshotCopySwap, 30)).toEqual([]);
  });

  it('sees dm-io bios allocated GFP_KERNEL swap out through the origin from kcopyd and hang', { timeout: 300_000 }, async () => {
    const seen = await reportingWithMailAndBase(snapshotCopySwap, 'dm-io-region-gfp-kernel.patch', 20, hung);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });

  it('sees the completed exception\'s fallback allocated GFP_KERNEL where failslab fails its first try', { timeout: 300_000 }, async () => {
    const seen = await reportingWithMailAndBase(snapshotCopySwap, 'dm-snap-exception-fallback-gfp-kernel.patch', 30, hung);
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
