// A request-based disk partitioned while it is in use, as parted or partx do it with BLKPG: two
// partitions added on the open whole disk, a writer on the first (its bios remapped to the whole
// disk by blk_partition_remap(), its requests accounted to the partition and to the disk's part0),
// a reader of the whole disk whose reads fall in the second (accounted to it through
// disk_map_sector_rcu()), and the second partition deleted while those reads are in flight and
// added again at another size: a request accounted to the deleted partition keeps it (its
// accounting reference, hd_struct_try_get()) until blk_account_io_done() puts it, and the
// partition is freed an RCU grace period after that. Opening the deleted partition meanwhile
// fails (-ENXIO), as does deleting one that is open (-EBUSY). At the end the disk is removed
// with its first partition still in the table (del_gendisk() deletes it). Under some plans the
// partitions' allocations fail (the table, the partition, its statistics, its holders
// directory). No other suite has partitions.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import '../../kernel-model/v3.15/world.ts';
import { defaultPlan, failslabAt, type FaultPlan } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { BLKPG_ADD_PARTITION, BLKPG_DEL_PARTITION } from '../../kernel-model/v3.15/model/partitions.ts';
import { type sim_rq_disk, sim_rq_disk_ops } from '../../kernel-model/v3.15/model/sim-rq-disk.ts';
import type { Suite } from './suite.ts';
import { blkpg, rqDisk, submitAndWait, submitBatch } from './workload-io.ts';

/** The disk: 8192 sectors, two command slots. */
const SECTORS = 8192;
const DEPTH = 2;
/** The partitions, in sectors: sdg1 from 1 MiB to the middle, sdg2 the second half. */
const P1 = { start: 2048, length: 2048 };
const P2 = { start: 4096, length: 4096 };
/** The second partition as it is added again: half as long. */
const P2_AGAIN = { start: 4096, length: 2048 };

/** Opens a partition: the block device, or null when the open fails (a deleted partition). */
function* tryOpen(path: string): KGen<block_device | null> {
  try {
    return yield* open_block_device(path);
  } catch {
    return null;
  }
}

/** Writes two plugged batches of 4 KiB writes to sdg1, through the partition's own device. */
function* writer(): KGen {
  const part = yield* tryOpen('/dev/sdg1');
  if (part === null) return;
  for (let pass = 0; pass < 2; pass++) {
    yield* submitBatch(part, WRITE, [0, 64, 128].map((s) => ({ sector: s + pass * 8, sectors: 8 })));
  }
  yield* close_block_device(part);
}

/** Reads the second half of the disk through the whole disk, in 4 KiB reads spread over it. */
function* reader(whole: block_device): KGen {
  for (let k = 0; k < 4; k++) yield* submitAndWait(whole, READ, P2.start + k * 512, 8);
}

/**
 * The partitioner: deletes sdg2 while the reader's requests are accounted to it, opens it
 * (refused now), adds it again shorter, and opens and reads the new one.
 */
function* repartition(whole: block_device): KGen {
  yield* timers.msleep(1);
  yield* blkpg(whole, BLKPG_DEL_PARTITION, 2, P2);
  const gone = yield* tryOpen('/dev/sdg2');
  if (gone !== null) yield* close_block_device(gone);
  if ((yield* blkpg(whole, BLKPG_ADD_PARTITION, 2, P2_AGAIN)) !== 0) return;
  const again = yield* tryOpen('/dev/sdg2');
  if (again === null) return;
  yield* submitAndWait(again, READ, 0, 8);
  // Deleting an open partition is refused.
  yield* blkpg(whole, BLKPG_DEL_PARTITION, 2, P2_AGAIN);
  yield* close_block_device(again);
}

/**
 * A slow disk (completions up to 2 to 5 jiffies late), so that the reader's requests are in
 * flight when the partition goes; in one plan of three, the partitions' allocations fail at
 * 30%.
 */
function plan(seed: number): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.ioDelay = 2 + rng.below(4);
  if (rng.below(3) === 0) p.failslab = failslabAt(['add_partition', 'disk_expand_part_tbl'], 30);
  return p;
}

const program = (): Program => {
  let disk: sim_rq_disk | null = null;
  let whole: block_device | null = null;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      disk = m.bootCall(rqDisk('sdg', 96, SECTORS, DEPTH));
      m.spawn('partitioner', function* (): KGen {
        const w = yield* open_block_device('/dev/sdg');
        whole = w;
        // parted: two partitions on the open disk (a failed allocation leaves one out).
        const first = yield* blkpg(w, BLKPG_ADD_PARTITION, 1, P1);
        const second = yield* blkpg(w, BLKPG_ADD_PARTITION, 2, P2);
        m.spawn('writer', writer);
        const reading = m.spawn('reader', () => reader(w));
        if (first === 0 && second === 0) yield* repartition(w);
        while (!reading.exited) yield* timers.msleep(1);
      });
    },
    *teardown() {
      if (whole !== null) yield* close_block_device(whole);
      if (disk !== null) yield* sim_rq_disk_ops.sim_rq_disk_remove(disk);
      /* rmmod dm_snapshot dm_mod raid1 linear md_mod */
      yield* delete_modules('v3.15');
    },
  };
};

export const rqDiskPartitions: Suite = {
  name: 'rq-disk-partitions',
  summary: 'a request-based disk partitioned with BLKPG while a writer uses its first partition and a reader the second\'s sectors through the whole disk; the second deleted under the reads and added again',
  scenario: 'when a disk\'s partitions are added and deleted under IO',
  kernel: '3.15',
  defaultSchedules: 100,
  expectedSteps: 1500,
  plan,
  program,
};
