// What a workload task does to a block device of the translated v3.15 world: build bios as a
// filesystem does (bio_alloc() and bio_add_page() of fresh pages), submit them with
// submit_bio(), and sleep until they complete; flush, discard and write-same bios as block/blk-lib.c's
// blkdev_issue_flush(), blkdev_issue_discard() and blkdev_issue_write_same() build them. Each bio is counted by the IO accounting (every
// bio submitted must complete once) and each wait says what it waits for (its bio), so the
// wait-for graph follows a waiting task to wherever its bio is stuck.

import '../../kernel-model/v3.15/world.ts';
import { type AccountedIo, io_account_complete, io_account_flush, io_account_submit, io_account_write } from '../../kernel-model/block/blk-io-accounting.ts';
import { bio_wait_target } from '../../kernel-model/block/bio-list-owners.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { ENOMEM, EOPNOTSUPP } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { test_bit } from '../../kernel-model/include/linux/bitops.ts';
import { field_ref } from '../../kernel-model/lib/c-pointers.ts';
import { lazyPerMachine } from '../../kernel-model/lib/lazy-per-machine.ts';
import { kcsan_nocheck } from '../../kernel-model/kernel/kcsan.ts';
import { type completion, completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { PAGE_SIZE, page_zeroed } from '../../kernel-model/mm/page.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { stand_in_wait } from '../../kernel-model/sim/hooks.ts';
import { blk_core } from '../../kernel-model/v3.15/block/blk-core.ts';
import { bio_h } from '../../kernel-model/v3.15/include/linux/bio.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import { REQ_DISCARD, REQ_FLUSH, REQ_WRITE, REQ_WRITE_SAME, type bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { QUEUE_FLAG_DISCARD, blk_plug_type, blkdev_h, type blk_plug } from '../../kernel-model/v3.15/include/linux/blkdev.ts';
import { WRITE_FLUSH, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { SIM_DISK_SECTORS, sim_bio_pages, sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { type sim_rq_disk, sim_rq_disk_ops } from '../../kernel-model/v3.15/model/sim-rq-disk.ts';
import { ioctl_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { BLKPG } from '../../kernel-model/v3.15/model/partitions.ts';

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

/** A fresh bio of `bdev` at `sector` with room for `vecs` pages (bio_alloc(GFP_NOIO, vecs)); null when the allocation fails. */
function* allocBio(bdev: block_device, sector: number, vecs: number): KGen<bio | null> {
  const b = (yield* bio_h.bio_alloc(GFP_NOIO, vecs)) as bio | null;
  if (!b) return null;
  b.bi_bdev = bdev;
  b.bi_iter.bi_sector = sector;
  return b;
}

/** `b` made ready to submit: accounted, and its completion records its status and wakes the waiter. */
function pending(b: bio): PendingIo {
  const p = { b, io: accounted(b, ioIds().next++), done: init_completion('submit_bio_wait'), status: 1 };
  p.done.waitsFor = bio_wait_target(b);
  b.bi_end_io = function* (_b: bio, error: number): KGen {
    io_account_complete(p.io, error);
    p.status = error;
    yield* completions.complete(p.done);
  };
  return p;
}

/**
 * A bio from `e.sector` of `bdev` with fresh pages, as many of `e.sectors` as the queue takes
 * (bio_add_page() stops where the device's merge_bvec_fn says a bio must end, at a dm target's
 * boundary); null when the allocation fails. `sectors` is how many sectors it covers.
 */
function* prepareIo(bdev: block_device, e: Extent): KGen<{ p: PendingIo; sectors: number } | null> {
  const b = yield* allocBio(bdev, e.sector, Math.ceil((e.sectors << 9) / PAGE_SIZE));
  if (!b) return null;
  let added = 0;
  for (let left = e.sectors << 9; left > 0; left -= PAGE_SIZE) {
    const len = Math.min(left, PAGE_SIZE);
    const took = yield* bio_c.bio_add_page(b, page_zeroed(), len, 0);
    added += took;
    if (took !== len) break;
  }
  if (added === 0) throw new Error('bio_add_page refused the first page of a fresh bio');
  return { p: pending(b), sectors: added >> 9 };
}

/** The bios for an extent, as a filesystem builds them: a new bio where the queue ends one. */
function* prepareExtent(bdev: block_device, e: Extent): KGen<PendingIo[] | null> {
  const out: PendingIo[] = [];
  for (let sector = e.sector, left = e.sectors; left > 0; ) {
    const io = yield* prepareIo(bdev, { sector, sectors: left });
    if (io === null) {
      yield* putAll(out);
      return null;
    }
    out.push(io.p);
    sector += io.sectors;
    left -= io.sectors;
  }
  return out;
}

/** Drops bios prepared but never submitted. */
function* putAll(ps: readonly PendingIo[]): KGen {
  for (const p of ps) yield* bio_c.bio_put(p.b);
}

function* submit(rw: number, p: PendingIo): KGen {
  io_account_submit(p.io, p.b);
  // A write's data (its fresh pages; none for a flush or a discard) must reach a device before
  // the write may complete without an error; a flush must leave the writes to its device that
  // completed before it durable.
  // The accounting's own read of the device's name, not an access of the kernel's.
  const device = kcsan_nocheck(() => p.b.bi_bdev.bd_disk.disk_name.v);
  if (rw & REQ_WRITE) io_account_write(p.io, sim_bio_pages(p.b, rw), device);
  if (rw & REQ_FLUSH) io_account_flush(p.io, device);
  yield* blk_core.submit_bio(rw, p.b);
}

function* waitIo(p: PendingIo): KGen<number> {
  yield* stand_in_wait('submit_bio_wait', completions.wait_for_completion(p.done));
  yield* bio_c.bio_put(p.b);
  return p.status;
}

/** Waits for every bio in turn; the first bad status (-EIO, -ENOMEM, -EOPNOTSUPP), else 0. */
function* waitAll(ps: readonly PendingIo[]): KGen<number> {
  let status = 0;
  for (const p of ps) {
    const s = yield* waitIo(p);
    if (status === 0) status = s;
  }
  return status;
}

/**
 * Reads or writes `sectors` sectors at `sector` of `bdev` and waits; the first bad status of its
 * bios (-EIO, -ENOMEM), else 0. `rw` carries the request flags: WRITE_FUA, or WRITE_FLUSH_FUA as
 * a journal commit writes its commit block.
 */
export function* submitAndWait(bdev: block_device, rw: number, sector: number, sectors: number): KGen<number> {
  const ps = yield* prepareExtent(bdev, { sector, sectors });
  if (ps === null) return -ENOMEM;
  for (const p of ps) yield* submit(rw, p);
  return yield* waitAll(ps);
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
    statuses.push(yield* waitAll(ps));
  }
  return statuses;
}

/**
 * Flushes the device's write cache as blkdev_issue_flush() does (fsync, a journal's barrier): an
 * empty bio (no pages, no size) submitted with WRITE_FLUSH and waited for; its status.
 */
export function* issueFlush(bdev: block_device): KGen<number> {
  const b = yield* allocBio(bdev, 0, 0);
  if (!b) return -ENOMEM;
  const p = pending(b);
  yield* submit(WRITE_FLUSH, p);
  return yield* waitIo(p);
}

/**
 * The bios block/blk-lib.c submits for an extent to discard or write same: one after another from
 * `sector`, each bio_alloc(gfp, 1)'d, given its page by `fill`, covering `take(sector, left)`
 * sectors in bi_size alone, submitted with `rw`. The bios submitted, and -ENOMEM if an
 * allocation failed (the loop stops there; what it submitted is still waited for).
 */
function* submitExtent(bdev: block_device, sector: number, nr_sects: number, rw: number, take: (sector: number, left: number) => number, fill: (b: bio) => void): KGen<{ ps: PendingIo[]; ret: number }> {
  const ps: PendingIo[] = [];
  while (nr_sects > 0) {
    const b = yield* allocBio(bdev, sector, 1);
    if (!b) return { ps, ret: -ENOMEM };
    fill(b);
    const req_sects = take(sector, nr_sects);
    b.bi_iter.bi_size = req_sects << 9;
    nr_sects -= req_sects;
    sector += req_sects;
    const p = pending(b);
    ps.push(p);
    yield* submit(rw, p);
  }
  return { ps, ret: 0 };
}

/** Waits for what submitExtent() submitted: its -ENOMEM, else the first bad status of its bios, else 0. */
function* waitExtent(r: { ps: PendingIo[]; ret: number }): KGen<number> {
  const status = yield* waitAll(r.ps);
  return r.ret !== 0 ? r.ret : status;
}

/**
 * Discards `nr_sects` sectors at `sector` as blkdev_issue_discard() does (fstrim, a filesystem's
 * discard of freed blocks): -EOPNOTSUPP when the queue does not advertise discard; else bios
 * without pages whose bi_size says the extent, each at most max_discard_sectors (a split stops
 * at the discard granularity), submitted REQ_WRITE | REQ_DISCARD under a plug, then waited for.
 */
export function* issueDiscard(bdev: block_device, sector: number, nr_sects: number): KGen<number> {
  const q = blkdev_h.bdev_get_queue(bdev);
  if (!test_bit(QUEUE_FLAG_DISCARD, field_ref(q, 'queue_flags'))) return -EOPNOTSUPP;
  // Zero-sector (unknown) and one-sector granularities are the same. The workload opens whole
  // devices, whose discard alignment is the queue's (bdev_discard_alignment()).
  const granularity = Math.max(q.limits.discard_granularity >>> 9, 1);
  const alignment = (q.limits.discard_alignment >>> 9) % granularity;
  let max_discard_sectors = Math.min(q.limits.max_discard_sectors, 0xffffffff >>> 9);
  max_discard_sectors -= max_discard_sectors % granularity;
  if (max_discard_sectors === 0) return -EOPNOTSUPP;
  // If splitting a request, and the next starting sector would be misaligned, stop the discard
  // at the previous aligned sector.
  const take = (start: number, left: number): number => {
    const req_sects = Math.min(left, max_discard_sectors);
    const end_sect = start + req_sects;
    if (req_sects === left || end_sect % granularity === alignment) return req_sects;
    return Math.floor((end_sect - alignment) / granularity) * granularity + alignment - start;
  };
  const plug = blk_plug_type.make() as blk_plug;
  blk_core.blk_start_plug(plug);
  const r = yield* submitExtent(bdev, sector, nr_sects, REQ_WRITE | REQ_DISCARD, take, () => {});
  yield* blk_core.blk_finish_plug(plug);
  return yield* waitExtent(r);
}

/**
 * Writes one logical block of zeroes over `nr_sects` sectors at `sector` as
 * blkdev_issue_write_same() does: -EOPNOTSUPP when the queue's max_write_same_sectors is 0; else
 * bios of one page (bv_len the logical block size) whose bi_size says the extent, at most
 * max_write_same_sectors each, submitted REQ_WRITE | REQ_WRITE_SAME, then waited for.
 */
export function* issueWriteSame(bdev: block_device, sector: number, nr_sects: number): KGen<number> {
  const max_write_same_sectors = blkdev_h.bdev_get_queue(bdev).limits.max_write_same_sectors;
  if (max_write_same_sectors === 0) return -EOPNOTSUPP;
  const block = blkdev_h.bdev_logical_block_size(bdev);
  const fill = (b: bio): void => {
    b.bi_vcnt = 1;
    b.bi_io_vec[0].bv_page = page_zeroed();
    b.bi_io_vec[0].bv_offset = 0;
    b.bi_io_vec[0].bv_len = block;
  };
  return yield* waitExtent(yield* submitExtent(bdev, sector, nr_sects, REQ_WRITE | REQ_WRITE_SAME, (_s, left) => Math.min(left, max_write_same_sectors), fill));
}

/**
 * BLKPG on a whole disk, as parted and partx send it: `op` (BLKPG_ADD_PARTITION,
 * BLKPG_DEL_PARTITION) on partition `pno` of `part` (in sectors); the ioctl's status.
 */
export function* blkpg(whole: block_device, op: number, pno: number, part: { start: number; length: number }): KGen<number> {
  return yield* ioctl_block_device(whole, BLKPG, { op, data: { pno, start: part.start * 512, length: part.length * 512 } });
}

/** A request-based simulated disk of a v3.15 suite (probed at boot, under machine.bootCall). */
export function* rqDisk(name: string, minor: number, sectors: number, depth: number): KGen<sim_rq_disk> {
  const d = yield* sim_rq_disk_ops.sim_rq_disk_create(name, minor, sectors, depth);
  if (d === null) throw new Error(`cannot create the disk ${name}`);
  return d;
}

/** A simulated disk a v3.15 suite builds its stack on (probed at boot, under machine.bootCall). */
export function* simDisk(name: string, minor: number, sectors: number = SIM_DISK_SECTORS): KGen<sim_disk> {
  const d = yield* sim_disk_ops.sim_disk_create(name, minor, sectors);
  if (d === null) throw new Error(`cannot create the disk ${name}`);
  return d;
}
