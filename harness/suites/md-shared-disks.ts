// Two RAID1 arrays on partitions of the same two disks, as an installer lays them out: md0 on sda1
// and sdb1, md1 on sda2 and sdb2, both built without --assume-clean, so both want a resync at
// once. md_do_sync() finds that the arrays share physical units (match_mddev_units(): their
// members' whole disks, bd_contains) and runs one resync at a time: the other thread waits on
// resync_wait ("delaying resync of md1 until md0 has finished"), holding no reference to the
// array it waits for, and the resync that ends wakes it; when both threads come to the check at
// once, the array with the lower address yields to the other ("arbitrarily yield") and wakes
// it. Meanwhile a writer on each array and `mdadm --wait` on both, which reads /proc/mdstat until
// neither shows a resync line; then six rounds of a check of both arrays asked for at once (four
// CPUs, so that both sync threads come to the check together), each waited for the same way;
// then both arrays are stopped, the disks removed with their partitions, and the modules
// unloaded. The disks are slow in some plans, and the resync buffers' allocations fail in others.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import '../../kernel-model/v3.15/world.ts';
import { defaultPlan, failslabAt, type FaultPlan } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { mddev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { MKDEV, close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { md_dev_path, md_sync_action, mdadm_build, mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { mdadm_wait } from '../../kernel-model/v3.15/model/mdstat.ts';
import { BLKPG_ADD_PARTITION } from '../../kernel-model/v3.15/model/partitions.ts';
import { SIM_DISK_MAJOR, type sim_disk, sim_disk_ops } from '../../kernel-model/v3.15/model/sim-disk.ts';
import type { Suite } from './suite.ts';
import { blkpg, simDisk, submitAndWait } from './workload-io.ts';

/** Each disk: 8192 sectors, two partitions of 2048 sectors from 1 MiB on. */
const SECTORS = 8192;
const PARTS = [
  { start: 2048, length: 2048 },
  { start: 4096, length: 2048 },
];
const LEVEL_RAID1 = 1;
/** Rounds of checks of both arrays at once after their first resyncs. */
const CHECKS = 6;

interface Layout {
  disks: sim_disk[];
  arrays: mddev[];
}

/** parted on one disk: its two partitions added on the open whole disk. */
function* partition(name: string): KGen {
  const whole = yield* open_block_device(`/dev/${name}`);
  for (const [i, part] of PARTS.entries()) {
    const err = yield* blkpg(whole, BLKPG_ADD_PARTITION, i + 1, part);
    if (err) throw new Error(`BLKPG_ADD_PARTITION ${name}${i + 1}: ${err}`);
  }
  yield* close_block_device(whole);
}

/** sda and sdb partitioned, md0 built on their first partitions and md1 on their second. */
function* layout(): KGen<Layout> {
  const disks = [yield* simDisk('sda', 0, SECTORS), yield* simDisk('sdb', 16, SECTORS)];
  for (const d of disks) yield* partition(d.name);
  const arrays: mddev[] = [];
  for (let minor = 0; minor < PARTS.length; minor++) {
    const members = disks.map((d) => ({ name: `${d.name}${minor + 1}`, dev: MKDEV(SIM_DISK_MAJOR, d.disk.first_minor + minor + 1) }));
    arrays.push(yield* mdadm_build({ minor, level: LEVEL_RAID1, members, assumeClean: false }));
  }
  return { disks, arrays };
}

/** Writes eight 4 KiB blocks spread over the array, one at a time. */
function* writer(array: mddev): KGen {
  const bdev = yield* open_block_device(md_dev_path(array));
  for (let k = 0; k < 8; k++) yield* submitAndWait(bdev, WRITE, k * 256, 8);
  yield* close_block_device(bdev);
}

/** Slow disks in half the plans; in one of three, the resync's buffers fail at 20%. */
function plan(seed: number): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.ioDelay = rng.below(2) === 0 ? 0 : 1 + rng.below(3);
  if (rng.below(3) === 0) p.failslab = failslabAt(['r1buf_pool_alloc'], 20);
  return p;
}

const program = (): Program => {
  let l: Layout;
  return {
    cpus: 4,
    base: 'v3.15',
    setup(m) {
      l = m.bootCall(layout());
      for (const [i, array] of l.arrays.entries()) m.spawn(`writer${i}`, () => writer(array));
      // Once both first resyncs are done, CHECKS rounds of a check of each array, asked for at
      // once, each waited for.
      m.spawn('mdadm-wait', function* (): KGen {
        for (const array of l.arrays) yield* mdadm_wait(`md${array.md_minor}`);
        for (let round = 0; round < CHECKS; round++) {
          for (const [i, array] of l.arrays.entries()) {
            m.spawn(`check${i}`, function* (): KGen {
              yield* md_sync_action(array, 'check');
            });
          }
          for (const array of l.arrays) yield* mdadm_wait(`md${array.md_minor}`);
        }
      });
    },
    *teardown() {
      for (let minor = l.arrays.length - 1; minor >= 0; minor--) {
        const err = yield* mdadm_stop(minor);
        if (err) throw new Error(`mdadm --stop /dev/md${minor}: ${err}`);
      }
      for (const d of l.disks) yield* sim_disk_ops.sim_disk_remove(d);
      /* rmmod dm_snapshot dm_mod raid1 linear md_mod */
      yield* delete_modules('v3.15');
    },
  };
};

export const mdSharedDisks: Suite = {
  name: 'md-shared-disks',
  summary: 'two RAID1 arrays on partitions of the same two disks resyncing at once (md_do_sync() runs one at a time) under writes, mdadm --wait on both',
  scenario: 'for two arrays sharing their disks, resyncing at once',
  kernel: '3.15',
  defaultSchedules: 100,
  expectedSteps: 3000,
  plan,
  program,
};
