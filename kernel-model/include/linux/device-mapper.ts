// The device-mapper target interface (include/linux/device-mapper.h, v3.15): what a target
// type provides (map, end_io, dtr), what a target instance carries (its range in the table,
// max_io_len, per-bio data size), and the map/end_io return codes dm core acts on.

import type { KGen } from '../../sim/task.ts';
import type { bio } from './bio.ts';
import type { request_queue } from './blkdev.ts';

/** The target has taken the bio over (queued it, or will submit it later). */
export const DM_MAPIO_SUBMITTED = 0;
/** The bio was remapped: dm core submits it with generic_make_request(). */
export const DM_MAPIO_REMAPPED = 1;
export const DM_ENDIO_INCOMPLETE = 1;
export const DM_ENDIO_REQUEUE = 2;
/** Push the bio back to dm core (only meaningful while suspending with noflush). */
export const DM_MAPIO_REQUEUE = DM_ENDIO_REQUEUE;

/** A device a target maps onto (struct dm_dev); `bdev` is the device's queue in the model. */
export interface dm_dev {
  bdev: request_queue;
  name: string;
}

export interface target_type {
  name: string;
  /** Maps one clone: DM_MAPIO_* or a negative errno. */
  map(ti: dm_target, b: bio): KGen<number>;
  /** Called from clone_endio before dm core completes the clone; 0, DM_ENDIO_* or an errno. */
  end_io?(ti: dm_target, b: bio, error: number): KGen<number>;
  /** The target's destructor (table teardown). */
  dtr?(ti: dm_target): KGen;
}

/** struct dm_table, as far as bio-based dm uses it. */
export interface dm_table {
  md: import('../../drivers/md/dm.ts').mapped_device;
  targets: dm_target[];
}

/** struct dm_target */
export interface dm_target {
  table: dm_table;
  type: target_type;
  /** First sector of the target in the mapped device, and its length in sectors. */
  begin: number;
  len: number;
  /** If non-zero, dm core splits bios so no clone crosses a multiple of this (in sectors). */
  max_io_len: number;
  /** Size of the target's per-bio data (dm_per_bio_data). */
  per_bio_data_size: number;
  private: unknown;
  error: string | null;
}

/** @port include/linux/device-mapper.h v3.15 ported */
export function dm_target_offset(ti: dm_target, sector: number): number {
  return sector - ti.begin;
}
