// bioset-reserve-exhaustion-swap: dm over dm splitting from a reserve of two under memory
// pressure, with swap on the top device. The base tree's clones are GFP_NOIO, so reclaim never
// writes from inside the submission; a patch that allocates them GFP_KERNEL, taken from its mail
// by `lkml-harness port`, writes swap through the device from inside its own submission once
// the reserve is empty, and the task hangs waiting for that write.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { biosetReserveExhaustionSwap } from '../../harness/suites/bioset-reserve.ts';

describe('bioset-reserve-exhaustion-swap', () => {
  it('reports nothing on the base tree', { timeout: 120_000 }, () => {
    expect(baseTitles(biosetReserveExhaustionSwap, 40)).toEqual([]);
  });

  it('sees clones allocated GFP_KERNEL write swap from inside the submission and hang', { timeout: 120_000 }, async () => {
    const seen = await reportingWithMailAndBase(biosetReserveExhaustionSwap, 'dm-alloc-tio-gfp-kernel.patch', 40, 'INFO: task hung in throttle_vm_writeout');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
