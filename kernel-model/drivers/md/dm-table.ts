// Device-mapper tables (drivers/md/dm-table.c, v3.15): an ordered list of targets covering the
// mapped device, and the lookup of the target that holds a sector.

import type { dm_table, dm_target, target_type } from '../../include/linux/device-mapper.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import type { mapped_device } from './dm.ts';

/** @port drivers/md/dm-table.c v3.15 simplified - no mode, no table type detection */
export function dm_table_create(md: mapped_device): dm_table {
  return { md, targets: [] };
}

/**
 * Appends a target of `len` sectors; targets are added in sector order, as dm_table_add_target
 * requires. The caller runs the target's constructor on the returned target (the C parses the
 * table line and calls type->ctr).
 * @port drivers/md/dm-table.c v3.15 simplified - no argv parsing
 */
export function dm_table_add_target(t: dm_table, type: target_type, len: number): dm_target {
  const begin = dm_table_get_size(t);
  const ti: dm_target = { table: t, type, begin, len, max_io_len: 0, per_bio_data_size: 0, private: null, error: null };
  t.targets.push(ti);
  return ti;
}

/** @port drivers/md/dm-table.c v3.15 ported */
export function dm_table_get_size(t: dm_table): number {
  const n = t.targets.length;
  return n === 0 ? 0 : t.targets[n - 1].begin + t.targets[n - 1].len;
}

/**
 * The target holding `sector`, or null past the end (dm_target_is_valid() fails).
 * @port drivers/md/dm-table.c v3.15 simplified - a scan instead of the btree of highs
 */
function dm_table_find_target(t: dm_table, sector: number): dm_target | null {
  for (const ti of t.targets) if (sector < ti.begin + ti.len) return ti;
  return null;
}

/** Runs every target's destructor. @port drivers/md/dm-table.c v3.15 simplified - no device list */
function* dm_table_destroy(t: dm_table): KGen {
  for (const ti of t.targets) if (ti.type.dtr) yield* ti.type.dtr(ti);
}

export const dm_table_ops = kernel_functions('drivers/md/dm-table.c', { dm_table_find_target, dm_table_destroy });
