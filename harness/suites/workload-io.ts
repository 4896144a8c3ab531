// What a workload task does to a block device of the translated v3.15 world: build bios as a
// filesystem does (bio_alloc() and bio_add_page() of fresh pages), submit them with
// submit_bio(), and sleep until they complete. Each bio is counted by the IO accounting (every
// bio submitted must complete once) and each wait says what it waits for (its bio), so the
// wait-for graph follows a waiting task to wherever its bio is stuck.

import '../../kernel-model/v3.15/world.ts';
import { type AccountedIo, io_account_complete, io_account_submit } from '../../kernel-model/block/blk-io-accounting.ts';
import { bio_wait_target } from '../../kernel-model/block/bio-list-owners.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { ENOMEM } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { lazyPerMachine } from '../../kernel-model/lib/lazy-per-machine.ts';
import { type completion, completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { PAGE_SIZE, page_zeroed } from '../../kernel-model/mm/page.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { blk_core } from '../../kernel-model/v3.15/block/blk-core.ts';
import { bio_h } from '../../kernel-model/v3.15/include/linux/bio.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import type { bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { blk_plug_type, type blk_plug } from '../../kernel-model/v3.15/include/linux/blkdev.ts';
import type { block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { SIM_DISK_SECTORS, sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';

/** A range of sectors of a device. */
export interface Extent {
  sector: number;
  sectors: number;
}

/** Ids of the workload's bios, per machine (a run's reports must not depend on earlier runs). */
const ioIds = lazyPerMachine((): { next: number } => ({ next: 0 }));

interface PendingIo {
  b: bio;
  io: AccountedIo;
  done: completion;
  status: number;
}

/** What the IO accounting follows of one bio the workload submitted. */
function accounted(b: bio, ioId: number): AccountedIo {
  const target = bio_wait_target(b);
  return { ioId, describe: () => `bio ${ioId}: ${target.describe()}`, blockers: () => target.blockers() };
}

/**
 * A bio from `e.sector` of `bdev` with fresh pages, as many of `e.sectors` as the queue takes
 * (bio_add_page() stops where the device's merge_bvec_fn says a bio must end, at a dm target's
 * boundary), whose completion records its status and wakes the waiter; null when the allocation
 * fails. `done` is how many sectors it covers.
 */
function* prepareIo(bdev: block_device, e: Extent): KGen<(PendingIo & { sectors: number }) | null> {
  const pages = Math.ceil((e.sectors << 9) / PAGE_SIZE);
  const b = (yield* bio_h.bio_alloc(GFP_NOIO, pages)) as bio | null;
  if (!b) return null;
  b.bi_bdev = bdev;
  b.bi_iter.bi_sector = e.sector;
  let added = 0;
  for (let left = e.sectors << 9; left > 0; left -= PAGE_SIZE) {
    const len = Math.min(left, PAGE_SIZE);
    const took = yield* bio_c.bio_add_page(b, page_zeroed(), len, 0);
    added += took;
    if (took !== len) break;
  }
  if (added === 0) throw new Error('bio_add_page refused the first page of a fresh bio');
  const p = { b, io: accounted(b, ioIds().next++), done: init_completion('submit_bio_wait'), status: 1, sectors: added >> 9 };
  p.done.waitsFor = bio_wait_target(b);
  b.bi_end_io = function* (_b: bio, error: number): KGen {
    io_account_complete(p.io, error);
    p.status = error;
    yield* completions.complete(p.done);
  };
  return p;
}

/** The bios for an extent, as a filesystem builds them: a new bio where the queue ends one. */
function* prepareExtent(bdev: block_device, e: Extent): KGen<PendingIo[] | null> {
  const out: PendingIo[] = [];
  for (let sector = e.sector, left = e.sectors; left > 0; ) {
    const p = yield* prepareIo(bdev, { sector, sectors: left });
    if (p === null) {
      for (const q of out) yield* bio_c.bio_put(q.b);
      return null;
    }
    out.push(p);
    sector += p.sectors;
    left -= p.sectors;
  }
  return out;
}

function* submit(rw: number, p: PendingIo): KGen {
  io_account_submit(p.io, p.b);
  yield* blk_core.submit_bio(rw, p.b);
}

function* waitIo(p: PendingIo): KGen<number> {
  yield* completions.wait_for_completion(p.done);
  yield* bio_c.bio_put(p.b);
  return p.status;
}

/**
 * Reads or writes `sectors` sectors at `sector` of `bdev` and waits; the first bad status of its
 * bios (-EIO, -ENOMEM), else 0.
 */
export function* submitAndWait(bdev: block_device, rw: number, sector: number, sectors: number): KGen<number> {
  const ps = yield* prepareExtent(bdev, { sector, sectors });
  if (ps === null) return -ENOMEM;
  for (const p of ps) yield* submit(rw, p);
  let status = 0;
  for (const p of ps) {
    const s = yield* waitIo(p);
    if (status === 0) status = s;
  }
  return status;
}

/**
 * Submits every extent under one plug, as a filesystem's writeback batch does, then waits for
 * all of them; their statuses. Stacking drivers that hold writes on the plug (raid1) see them
 * flushed at blk_finish_plug(), or when the task sleeps first.
 */
export function* submitBatch(bdev: block_device, rw: number, extents: readonly Extent[]): KGen<number[]> {
  const plug = blk_plug_type.make() as blk_plug;
  const ios: (PendingIo[] | null)[] = [];
  blk_core.blk_start_plug(plug);
  for (const e of extents) {
    const ps = yield* prepareExtent(bdev, e);
    ios.push(ps);
    if (ps !== null) for (const p of ps) yield* submit(rw, p);
  }
  yield* blk_core.blk_finish_plug(plug);
  const statuses: number[] = [];
  for (const ps of ios) {
    if (ps === null) {
      statuses.push(-ENOMEM);
      continue;
    }
    let status = 0;
    for (const p of ps) {
      const s = yield* waitIo(p);
      if (status === 0) status = s;
    }
    statuses.push(status);
  }
  return statuses;
}

/** A simulated disk a v3.15 suite builds its stack on (probed at boot, under machine.bootCall). */
export function* simDisk(name: string, minor: number, sectors: number = SIM_DISK_SECTORS): KGen<sim_disk> {
  const d = yield* sim_disk_ops.sim_disk_create(name, minor, sectors);
  if (d === null) throw new Error(`cannot create the disk ${name}`);
  return d;
}
