import { describe, expect, it } from 'vitest';
import { type bio, READ } from '../../kernel-model/include/linux/bio.ts';
import type { request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import type { dm_target, target_type } from '../../kernel-model/include/linux/device-mapper.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { type bio_set, bios } from '../../kernel-model/fs/bio.ts';
import { blk_alloc_queue, sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import { dm_table_add_target } from '../../kernel-model/drivers/md/dm-table.ts';
import { type mapped_device, dm } from '../../kernel-model/drivers/md/dm.ts';
import { dm_linear } from '../../kernel-model/drivers/md/dm-linear.ts';
import { rt_mutex_init, rtmutex, type rt_mutex } from '../../kernel-model/kernel/locking/rtmutex.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { type PatchModule, withPatch } from '../../kernel-model/patch-api.ts';
import { isOverridden } from '../../kernel-model/sim/hooks.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { runSeed, titles } from '../helpers/sim.ts';
import flushOnBlock from '../../patches/2014-05-27-block-flush-queued-bios-when-blocking/patch.ts';
import dmOffload from '../../patches/2017-02-15-dm-flush-queued-bios-when-process-blocks/patch.ts';

/** A queue that records which task submitted each bio to the disk behind it. */
function recordingQueue(submitters: string[]): request_queue {
  const disk = sim_disk_create('sda');
  return blk_alloc_queue(
    'rec',
    function* (_q, b): KGen {
      submitters.push(current().comm);
      yield* disk.queue.make_request_fn(disk.queue, b);
    },
    null,
  );
}

/**
 * A task inside generic_make_request queues a bio from a bio_set on current->bio_list, then
 * sleeps (msleep, or on an rt_mutex another task holds): returns who submitted the queued bio
 * to the device, and whether that happened while the task slept.
 */
function queuedBioWhileSleeping(patch: PatchModule | null, sleepOn: 'msleep' | 'rt_mutex'): { submitters: string[]; duringSleep: boolean; titles: string[] } {
  const submitters: string[] = [];
  let duringSleep = false;
  let bs: bio_set;
  let lock: rt_mutex;
  const r = withPatch(patch, () =>
    runSeed(
      {
        before(m) {
          bs = m.bootCall(bios.bioset_create(4, 0)) as bio_set;
          lock = rt_mutex_init('test_rt_lock');
          const lower = recordingQueue(submitters);
          const top = blk_alloc_queue(
            'top',
            function* (_q, b): KGen {
              const clone = (yield* bios.bio_alloc_bioset(GFP_NOIO, 0, bs)) as bio;
              bios.__bio_clone_fast(clone, b);
              clone.bi_bdev = lower;
              yield* bios.bio_chain(clone, b);
              yield* blk_core.generic_make_request(clone); // only queued: we are in make_request
              if (sleepOn === 'msleep') yield* timers.msleep(10);
              else {
                yield* rtmutex.rt_mutex_lock(lock);
                yield* rtmutex.rt_mutex_unlock(lock);
              }
              duringSleep = submitters.length > 0;
              yield* bios.bio_endio(b, 0);
            },
            null,
          );
          m.spawn('submitter', function* (): KGen {
            yield* submitAndWait(top, READ, 0, 8);
          });
          m.spawn('holder', function* (): KGen {
            yield* rtmutex.rt_mutex_lock(lock);
            yield* timers.msleep(20);
            yield* rtmutex.rt_mutex_unlock(lock);
          });
        },
        tasks: {},
        teardown: () => bios.bioset_free(bs),
      },
      1,
    ),
  );
  return { submitters, duringSleep, titles: titles(r) };
}

describe('2014-05-27 block: flush queued bios when the process blocks', () => {
  it('loads and overrides the functions it claims', () => {
    expect(flushOnBlock.slug).toBe('2014-05-27-block-flush-queued-bios-when-blocking');
    expect(Object.keys(flushOnBlock.overrides).sort()).toEqual(['bio_alloc_bioset', 'sched_submit_work']);
    withPatch(flushOnBlock, () => {
      expect(isOverridden('sched_submit_work')).toBe(true);
      expect(isOverridden('bio_alloc_bioset')).toBe(true);
    });
    expect(isOverridden('sched_submit_work')).toBe(false);
  });

  it('a task that sleeps with a bio on current->bio_list gets it punted to the bio_set rescuer', () => {
    const baseline = queuedBioWhileSleeping(null, 'msleep');
    expect(baseline.titles).toEqual([]);
    expect(baseline.submitters).toEqual(['submitter']);
    expect(baseline.duringSleep).toBe(false);

    const patched = queuedBioWhileSleeping(flushOnBlock, 'msleep');
    expect(patched.titles).toEqual([]);
    expect(patched.submitters).toHaveLength(1);
    expect(patched.submitters[0]).not.toBe('submitter');
    expect(patched.duringSleep).toBe(true);
  });

  it('a task blocked on an rt_mutex keeps its queued bios (sched_submit_work returns early)', () => {
    const patched = queuedBioWhileSleeping(flushOnBlock, 'rt_mutex');
    expect(patched.titles).toEqual([]);
    expect(patched.submitters).toEqual(['submitter']);
    expect(patched.duringSleep).toBe(false);
  });
});

/** A linear target whose map method sleeps first, as a snapshot's does on s->lock. */
const sleepyLinear: target_type = {
  name: 'sleepy-linear',
  *map(ti: dm_target, b: bio): KGen<number> {
    yield* timers.msleep(5);
    return yield* dm_linear.linear_map(ti, b);
  },
  dtr: (ti) => dm_linear.linear_dtr(ti),
};

/** Reads across the two sleepy targets of a dm device: who submitted each clone to the disk. */
function dmClonesWhileMapSleeps(patch: PatchModule | null): { submitters: string[]; titles: string[] } {
  const submitters: string[] = [];
  let md: mapped_device;
  const r = withPatch(patch, () =>
    runSeed(
      {
        before(m) {
          const lower = recordingQueue(submitters);
          md = m.bootCall(
            dm.dm_create(
              'sleepy',
              function* (t): KGen {
                for (const start of [0, 4]) yield* dm_linear.linear_ctr(dm_table_add_target(t, sleepyLinear, 4), { bdev: lower, name: 'rec' }, start);
              },
              {},
            ),
          );
        },
        tasks: {
          reader: function* () {
            yield* submitAndWait(md.queue, READ, 0, 8);
          },
        },
        teardown: () => dm.dm_destroy(md),
      },
      1,
    ),
  );
  return { submitters, titles: titles(r) };
}

describe('2017 dm: flush queued bios when process blocks (dm_offload)', () => {
  it('loads and overrides __map_bio only', () => {
    expect(dmOffload.slug).toBe('2017-02-15-dm-flush-queued-bios-when-process-blocks');
    expect(dmOffload.commit).toBe('d67a5f4b5947aba4bfe9a80a2b86079c215ca755');
    expect(Object.keys(dmOffload.overrides)).toEqual(['__map_bio']);
    withPatch(dmOffload, () => expect(isOverridden('__map_bio')).toBe(true));
  });

  it('when a target map method sleeps, the clones queued before it go to the rescuer', () => {
    const baseline = dmClonesWhileMapSleeps(null);
    expect(baseline.titles).toEqual([]);
    expect(baseline.submitters).toEqual(['reader', 'reader']);

    const patched = dmClonesWhileMapSleeps(dmOffload);
    expect(patched.titles).toEqual([]);
    // The first clone was queued when the second clone's map slept: a worker submitted it.
    expect(patched.submitters).toHaveLength(2);
    expect(patched.submitters[0]).not.toBe('reader');
    expect(patched.submitters[1]).toBe('reader');
  });
});
