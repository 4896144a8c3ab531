// Stacking drivers splitting bios from a small mempool reserve under memory pressure: a dm
// device whose table is a row of small linear targets, over a lower device that splits again
// (another such dm device, or a RAID1 array cloning with bio_kmalloc). With a reserve of two
// (dm_mod.reserved_bio_based_ios=2), a bio that becomes four clones exhausts it while the first
// clones still sit on the submitter's current->bio_list; only the bio_set's rescuer, which
// bio_alloc_bioset() punts them to, gets them submitted and their elements back. Worker
// creation may fail under the plan too, so the rescuer threads' mayday path is exercised.

import { READ, WRITE } from '../../kernel-model/include/linux/bio.ts';
import type { request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import { dm_table_add_target } from '../../kernel-model/drivers/md/dm-table.ts';
import { type mapped_device, dm } from '../../kernel-model/drivers/md/dm.ts';
import { dm_linear, linear_target } from '../../kernel-model/drivers/md/dm-linear.ts';
import type { mddev } from '../../kernel-model/drivers/md/md.ts';
import { r1 } from '../../kernel-model/drivers/md/raid1.ts';
import { sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import { defaultPlan } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { DM_CORE, RAID1, SUBMIT_PATH } from './stacking-exercises.ts';
import type { Suite } from './suite.ts';
import { submitAndWait, submitBatch } from './workload-io.ts';

/** The top device: TOP_TARGETS linear targets of TOP_LEN sectors. */
const TOP_TARGETS = 8;
const TOP_LEN = 8;
/** The lower dm device's targets are half as long, so every top clone splits again. */
const LOW_LEN = 4;
const RESERVE = 2;
const SIZE = TOP_TARGETS * TOP_LEN;

interface SplitStack {
  top: mapped_device;
  lower: mapped_device | null;
  raid1: mddev | null;
}

/** A dm device of `size / len` linear targets of `len` sectors onto consecutive ranges of `dev`. */
function* linearRow(name: string, dev: request_queue, len: number): KGen<mapped_device> {
  return yield* dm.dm_create(
    name,
    function* (t): KGen {
      for (let i = 0; i < SIZE / len; i++) yield* dm_linear.linear_ctr(dm_table_add_target(t, linear_target, len), { bdev: dev, name: 'lower' }, i * len);
    },
    { reserved_bio_based_ios: RESERVE },
  );
}

function* buildSplitStack(raid1Lower: boolean): KGen<SplitStack> {
  const sda = sim_disk_create('sda');
  if (raid1Lower) {
    const md = yield* r1.raid1_run('md0', [sda.queue, sim_disk_create('sdb').queue]);
    return { top: yield* linearRow('top', md.queue, TOP_LEN), lower: null, raid1: md };
  }
  const lower = yield* linearRow('lower', sda.queue, LOW_LEN);
  return { top: yield* linearRow('top', lower.queue, TOP_LEN), lower, raid1: null };
}

function* destroySplitStack(st: SplitStack): KGen {
  yield* dm.dm_destroy(st.top);
  if (st.lower !== null) yield* dm.dm_destroy(st.lower);
  if (st.raid1 !== null) yield* r1.raid1_stop(st.raid1);
}

/** Memory pressure most of the time; sometimes worker creation fails (mayday to the rescuers). */
function plan(seed: number): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = (['none', 'low', 'high', 'high'] as const)[rng.below(4)];
  p.ioDelay = rng.below(4) === 0 ? 1 : 0;
  if (rng.below(3) === 0) p.failslab = { probability: 50, interval: 1, times: -1, space: 0, sites: ['create_worker'], failNth: 0 };
  return p;
}

function program(raid1Lower: boolean): Program {
  let st: SplitStack;
  return {
    cpus: 2,
    setup(m) {
      st = m.bootCall(buildSplitStack(raid1Lower));
      // Writeback: two plugged batches of half-device writes, each four top clones.
      m.spawn('writeback', function* (): KGen {
        for (let pass = 0; pass < 2; pass++) {
          yield* submitBatch(st.top.queue, WRITE, [
            { sector: 0, sectors: SIZE / 2 },
            { sector: SIZE / 2, sectors: SIZE / 2 },
          ]);
        }
      });
      // A reader crossing target boundaries at the same time.
      m.spawn('reader', function* (): KGen {
        for (let k = 0; k < 3; k++) yield* submitAndWait(st.top.queue, READ, TOP_LEN / 2 + k * TOP_LEN * 2, TOP_LEN * 2);
      });
    },
    teardown: () => destroySplitStack(st),
  };
}

const EXERCISES = [...SUBMIT_PATH, ...DM_CORE, 'mempool_alloc', 'mempool_free', 'rescuer_thread'];

function reserveSuite(name: string, summary: string, scenario: string, raid1Lower: boolean): Suite {
  return {
    name,
    summary,
    scenario,
    kernel: '3.15',
    exercises: raid1Lower ? [...EXERCISES, ...RAID1] : EXERCISES,
    defaultSchedules: 200,
    expectedSteps: 1000,
    plan,
    program: () => program(raid1Lower),
  };
}

export const biosetReserveExhaustion = reserveSuite(
  'bioset-reserve-exhaustion',
  'dm over dm splitting from a reserve of 2 under memory pressure (rescuer path)',
  'for dm over dm on an exhausted bio_set reserve',
  false,
);

export const biosetReserveExhaustionKmalloc = reserveSuite(
  'bioset-reserve-exhaustion-kmalloc',
  'the same over a RAID1 array whose clones come from bio_kmalloc',
  'for a RAID1 array with bio_kmalloc clones',
  true,
);
