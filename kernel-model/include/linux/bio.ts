// struct bio and struct bio_list (include/linux/blk_types.h, include/linux/bio.h, v3.15).
//
// A bio is a WaitTarget: whoever waits for it (a completion, a tracked chunk, a mempool
// element) waits for wherever it sits now. A bio on a bio_list waits for the list's owner (the
// task running generic_make_request, a rescuer); a bio at the device will complete by itself.

import type { atomic_t } from './atomic.ts';
import type { AccountedIo } from '../../block/blk-io-accounting.ts';
import type { WaitTarget, task_struct } from '../../sim/task.ts';
import type { request_queue } from './blkdev.ts';

export const READ = 0;
export const WRITE = 1;

export const BIO_UPTODATE = 0;
export const BIO_CLONED = 4;

export type bio_end_io_t = (bio: bio, error: number) => Generator<void, void, void>;

/** Who must act for bios on a list to move on. */
export interface bio_list_owner {
  describe(): string;
  blockers(): Iterable<task_struct | WaitTarget>;
}

export interface bio_list {
  bios: bio[];
  owner: bio_list_owner;
}

export interface bio extends AccountedIo {
  /** A fresh id per allocation (bio_init), for reports and IO accounting. */
  ioId: number;
  bi_sector: number;
  bi_size: number;
  bi_rw: number;
  bi_flags: number;
  /** The queue of the block device it is for (bi_bdev -> bd_disk->queue). */
  bi_bdev: request_queue | null;
  bi_cnt: atomic_t;
  bi_remaining: atomic_t;
  bi_end_io: bio_end_io_t | null;
  bi_private: unknown;
  bi_pool: import('../../fs/bio.ts').bio_set | null;
  bi_max_vecs: number;
  /** Where the bio sits now: on a bio_list, at a device, or nowhere (being handled). */
  bi_where: bio_list | 'device' | null;
  /** Counted by IO accounting (a bio submitted from above the block layer). */
  accounted: boolean;
  /**
   * The bio_set's front_pad: the bytes a stacking driver asked for in front of every bio of its
   * bio_set (dm keeps its dm_target_io and the target's per-bio data there). The C reaches it
   * with container_of(); the driver stores its object here when it allocates the bio.
   */
  bi_front_pad: object | null;
}

/** bio_list_init; `owner` says who moves bios off this list. */
export function bio_list_init(owner: bio_list_owner): bio_list {
  return { bios: [], owner };
}

/** A bio_list on the current task's stack (generic_make_request's bio_list_on_stack). */
export function taskListOwner(t: task_struct): bio_list_owner {
  return { describe: () => `${t.comm}:${t.pid}'s bio_list`, blockers: () => [t] };
}

export function bio_list_empty(bl: bio_list): boolean {
  return bl.bios.length === 0;
}

export function bio_list_add(bl: bio_list, b: bio): void {
  b.bi_where = bl;
  bl.bios.push(b);
}

export function bio_list_add_head(bl: bio_list, b: bio): void {
  b.bi_where = bl;
  bl.bios.unshift(b);
}

export function bio_list_pop(bl: bio_list): bio | null {
  const b = bl.bios.shift();
  if (b === undefined) return null;
  b.bi_where = null;
  return b;
}

/** bio_list_merge(bl, bl2): appends bl2's bios to bl. */
export function bio_list_merge(bl: bio_list, bl2: bio_list): void {
  for (const b of bl2.bios) {
    b.bi_where = bl;
    bl.bios.push(b);
  }
}

/**
 * Takes every bio off the list (the C returns the chain and empties the list).
 * @port include/linux/bio.h v3.15 simplified - an array instead of a bi_next chain
 */
export function bio_list_get(bl: bio_list): bio[] {
  const bios = bl.bios.splice(0);
  for (const b of bios) b.bi_where = null;
  return bios;
}

/** @port include/linux/bio.h v3.15 ported */
export function bio_flagged(b: bio, flag: number): boolean {
  return (b.bi_flags & (1 << flag)) !== 0;
}

/** @port include/linux/bio.h v3.15 simplified - no READA in the model, so only the WRITE bit */
export function bio_rw(b: bio): number {
  return b.bi_rw & WRITE;
}

export function bio_data_dir(b: bio): number {
  return b.bi_rw & WRITE;
}

export function bio_sectors(b: bio): number {
  return b.bi_size >> 9;
}
