// The two patches that flush current->bio_list when a task blocks, as lkml-harness port writes
// them for the v3.15 world, against the hang detector: the wait-for cycle of seed 001 (a bio on
// the reader's bio_list, s->lock, the tracked chunk pending_complete() polls for) is found on the
// baseline and gone with either patch; the variants the patches cannot help (clones without a
// bio_set, a pi-blocked submitter) still hang with them.
import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../harness/explore/runner.ts';
import { findSuite } from '../../harness/suites/index.ts';
import type { Suite } from '../../harness/suites/suite.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import blockFlush from '../../patches/2014-05-27-block-flush-queued-bios-when-the-process-blocks/patch.ts';
import dmOffload from '../../patches/2017-02-15-dm-flush-queued-bios-when-process-blocks-to-avoid/patch.ts';

const HANG = 'INFO: task hung in snapshot_map';
const RUNS = 40;

function suite(name: string): Suite {
  const s = findSuite(name);
  if (s === undefined) throw new Error(`suite ${name} is not registered`);
  return s;
}

function hangs(name: string, patch: PatchModule | null): number {
  return runSeeds(suite(name), { seed: 1, count: RUNS, patch }).filter((r) => r.findings[0]?.title === HANG).length;
}

describe('2014-05-27 block: flush queued bios when the process blocks (generated module)', () => {
  it('overrides what its diff changes in the v3.15 world', () => {
    expect(blockFlush.world).toBe('v3.15');
    expect(Object.keys(blockFlush.overrides).sort()).toEqual(['bio_alloc_bioset', 'sched_submit_work']);
    expect(blockFlush.adds).toEqual(['blk_flush_bio_list']);
  });

  it('the hang detector finds the split-read deadlock on the baseline and not with the patch', () => {
    const baseline = hangs('dm-snapshot-split', null);
    expect(baseline).toBeGreaterThan(0);
    expect(hangs('dm-snapshot-split', blockFlush)).toBe(0);
  });

  it('clones without a bio_set and a submitter blocked on an rt_mutex still hang with it', () => {
    expect(hangs('dm-snapshot-split-kmalloc', blockFlush)).toBeGreaterThan(0);
    expect(hangs('dm-snapshot-split-rt', blockFlush)).toBeGreaterThan(0);
  });
});

describe('2017 dm: flush queued bios when process blocks (dm_offload, adapted and generated)', () => {
  it('overrides __map_bio only and adds the offload functions', () => {
    expect(dmOffload.world).toBe('v3.15');
    expect(dmOffload.commit ?? dmOffload.slug).toBeTruthy();
    expect(Object.keys(dmOffload.overrides)).toEqual(['__map_bio']);
    expect([...(dmOffload.adds ?? [])].sort()).toEqual(['dm_offload_end', 'dm_offload_start', 'flush_current_bio_list']);
  });

  it('the split-read deadlock is gone with it; the kmalloc and rt variants still hang', () => {
    expect(hangs('dm-snapshot-split', dmOffload)).toBe(0);
    expect(hangs('dm-snapshot-split-kmalloc', dmOffload)).toBeGreaterThan(0);
    expect(hangs('dm-snapshot-split-rt', dmOffload)).toBeGreaterThan(0);
  });
});
