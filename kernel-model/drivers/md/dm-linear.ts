// The linear target (drivers/md/dm-linear.c, v3.15): maps a range of the mapped device onto a
// range of another device, sector for sector.

import { type bio, bio_sectors } from '../../include/linux/bio.ts';
import { DM_MAPIO_REMAPPED, type dm_dev, type dm_target, type target_type, dm_target_offset } from '../../include/linux/device-mapper.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno-base.ts';

/** Linear: maps a linear range of a device (struct linear_c). */
interface linear_c {
  dev: dm_dev;
  start: number;
}

/**
 * Construct a linear mapping: <dev_path> <offset>.
 * @port drivers/md/dm-linear.c v3.15 simplified - the device and offset come parsed
 */
function* linear_ctr(ti: dm_target, dev: dm_dev, start: number): KGen<number> {
  const lc = yield* slab.kmalloc(32, GFP_KERNEL, (): linear_c => ({ dev, start }));
  if (lc === null) {
    ti.error = 'dm-linear: Cannot allocate linear context';
    return -ENOMEM;
  }
  ti.private = lc;
  return 0;
}

/** @port drivers/md/dm-linear.c v3.15 ported */
function* linear_dtr(ti: dm_target): KGen {
  slab.kfree(ti.private as linear_c);
  yield;
}

/** @port drivers/md/dm-linear.c v3.15 ported */
function linear_map_sector(ti: dm_target, bi_sector: number): number {
  const lc = ti.private as linear_c;
  return lc.start + dm_target_offset(ti, bi_sector);
}

/** @port drivers/md/dm-linear.c v3.15 ported */
function linear_map_bio(ti: dm_target, b: bio): void {
  const lc = ti.private as linear_c;
  b.bi_bdev = lc.dev.bdev;
  if (bio_sectors(b)) b.bi_sector = linear_map_sector(ti, b.bi_sector);
}

/** @port drivers/md/dm-linear.c v3.15 ported */
function* linear_map(ti: dm_target, b: bio): KGen<number> {
  dm_linear.linear_map_bio(ti, b);
  return DM_MAPIO_REMAPPED;
}

export const dm_linear = kernel_functions('drivers/md/dm-linear.c', { linear_ctr, linear_dtr, linear_map_bio, linear_map });

/** The "linear" target type; calls go through the table so that overrides apply. */
export const linear_target: target_type = {
  name: 'linear',
  map: (ti, b) => dm_linear.linear_map(ti, b),
  dtr: (ti) => dm_linear.linear_dtr(ti),
};
