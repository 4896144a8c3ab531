// Stacking drivers splitting bios from a small mempool reserve under memory pressure: a dm
// device whose table is a row of small linear targets, over another such dm device that splits
// again. In the -kmalloc variant the top device's clones carry no bio_set, as bio_kmalloc()
// clones do (a model knob, v3.15/model/dm-clone-kmalloc.ts; the hand-written model of old had a
// RAID1 array with bio_kmalloc clones below, but v3.15's raid1.c clones from mddev->bio_set, so
// the translated world's arrays give no such clones: see dm-snapshot-split.ts). With a reserve of two
// (dm_mod.reserved_bio_based_ios=2), a bio that becomes four clones exhausts it while the first
// clones still sit on the submitter's current->bio_list; only the bio_set's rescuer, which
// bio_alloc_bioset() punts them to, gets them submitted and their elements back. Worker
// creation may fail under the plan too, so the rescuer threads' mayday path is exercised. In the
// -swap variant the top device is twice as long and its second half is the swap area, so that
// reclaim under the pressure writes anonymous pages through the same two dm devices: an
// allocation on their submission path that lets reclaim start IO (GFP_KERNEL where the C says
// GFP_NOIO) writes swap from inside the submission, where the swap bio waits on the task's own
// current->bio_list.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import '../../kernel-model/v3.15/world.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import { defaultPlan, failslabAt } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { swapon } from '../../kernel-model/mm/swapfile.ts';
import { dm_c_globals } from '../../kernel-model/v3.15/drivers/md/dm.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { dm_dev_path, dm_ioctl, dmsetup_create, type dm_hash_cell } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { dm_clone_with_kmalloc } from '../../kernel-model/v3.15/model/dm-clone-kmalloc.ts';
import { SIM_DISK_SECTORS, sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import type { Suite } from './suite.ts';
import { submitAndWait, submitBatch } from './workload-io.ts';

/** The top device: TOP_TARGETS linear targets of TOP_LEN sectors. */
const TOP_TARGETS = 8;
const TOP_LEN = 8;
/** The lower dm device's targets are half as long, so every top clone splits again. */
const LOW_LEN = 4;
const RESERVE = 2;
/** The sectors the workload writes and reads. */
const SIZE = TOP_TARGETS * TOP_LEN;
/** With swap, the top device goes on as long again past SIZE, and that half is the swap area. */
const SWAP_SECTORS = SIZE;

interface SplitStack {
  disks: sim_disk[];
  top: dm_hash_cell;
  lower: dm_hash_cell;
  /** The top device as the workload opened it. */
  topDev: block_device;
}

/** `dmsetup create` of `size / len` linear targets of `len` sectors onto consecutive ranges of `dev`. */
function* linearRow(dev: string, size: number, len: number): KGen<dm_hash_cell> {
  const targets = [];
  for (let i = 0; i < size / len; i++) targets.push({ start: i * len, len, type: 'linear', params: `${dev} ${i * len}` });
  return yield* dmsetup_create(targets);
}

function* buildSplitStack(kmallocTop: boolean, swap: boolean): KGen<SplitStack> {
  // modprobe dm_mod reserved_bio_based_ios=2
  dm_c_globals().reserved_bio_based_ios = RESERVE;
  const size = swap ? SIZE + SWAP_SECTORS : SIZE;
  const sda = (yield* sim_disk_ops.sim_disk_create('sda', 0, SIM_DISK_SECTORS)) as sim_disk;
  const lower = yield* linearRow('/dev/sda', size, LOW_LEN);
  const top = yield* linearRow(dm_dev_path(lower.md), size, TOP_LEN);
  if (kmallocTop) dm_clone_with_kmalloc(top.md);
  const topDev = yield* open_block_device(dm_dev_path(top.md));
  // mkswap + swapon of the top device's second half.
  if (swap) swapon(topDev, SIZE, SWAP_SECTORS);
  return { disks: [sda], top, lower, topDev };
}

function* destroySplitStack(st: SplitStack): KGen {
  yield* close_block_device(st.topDev);
  yield* dm_ioctl.dev_remove(st.top, 0);
  yield* dm_ioctl.dev_remove(st.lower, 0);
  for (const d of st.disks) yield* sim_disk_ops.sim_disk_remove(d);
  /* rmmod dm_snapshot dm_mod raid1 md_mod: the module exits (a leak into a module's cache is reported) */
  yield* delete_modules('v3.15');
}

/** Memory pressure most of the time; sometimes worker creation fails (mayday to the rescuers). */
function plan(seed: number): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = (['none', 'low', 'high', 'high'] as const)[rng.below(4)];
  p.ioDelay = rng.below(4) === 0 ? 1 : 0;
  if (rng.below(3) === 0) p.failslab = failslabAt(['create_worker'], 50);
  return p;
}

function program(kmallocTop: boolean, swap: boolean): Program {
  let st: SplitStack;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      st = m.bootCall(buildSplitStack(kmallocTop, swap));
      // Writeback: two plugged batches of half-device writes, each four top clones.
      m.spawn('writeback', function* (): KGen {
        for (let pass = 0; pass < 2; pass++) {
          yield* submitBatch(st.topDev, WRITE, [
            { sector: 0, sectors: SIZE / 2 },
            { sector: SIZE / 2, sectors: SIZE / 2 },
          ]);
        }
      });
      // A reader crossing target boundaries at the same time.
      m.spawn('reader', function* (): KGen {
        for (let k = 0; k < 3; k++) yield* submitAndWait(st.topDev, READ, TOP_LEN / 2 + k * TOP_LEN * 2, TOP_LEN * 2);
      });
    },
    teardown: () => destroySplitStack(st),
  };
}

function reserveSuite(name: string, summary: string, scenario: string, kmallocTop: boolean, swap = false): Suite {
  return {
    name,
    summary,
    scenario,
    kernel: '3.15',
    defaultSchedules: 200,
    expectedSteps: 1000,
    plan,
    program: () => program(kmallocTop, swap),
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
  'the same with the top device\'s clones from bio_kmalloc (no bio_set to punt them to)',
  'for bio_kmalloc clones on an exhausted bio_set reserve',
  true,
);

export const biosetReserveExhaustionSwap = reserveSuite(
  'bioset-reserve-exhaustion-swap',
  'the same with swap on the top device: reclaim under the pressure writes through both dm devices',
  'for dm over dm on an exhausted bio_set reserve with swap on it',
  false,
  true,
);
