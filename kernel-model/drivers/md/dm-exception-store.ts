// The snapshot exception store interface (drivers/md/dm-exception-store.h, v3.15): an exception
// says that chunk `old_chunk` of the origin now lives at `new_chunk` of the COW device; the
// store hands out COW chunks (prepare) and makes an exception durable (commit, with a callback).

import type { KGen } from '../../sim/task.ts';

/** struct dm_exception; `hash_list` is the hash bucket it is on (list_head hash_list). */
export interface dm_exception {
  old_chunk: number;
  new_chunk: number;
  hash_list: dm_exception[] | null;
}

export type commit_callback_t = (context: unknown, success: number) => KGen;

export interface dm_exception_store_type {
  name: string;
  prepare_exception(store: dm_exception_store, e: dm_exception): KGen<number>;
  commit_exception(store: dm_exception_store, e: dm_exception, callback: commit_callback_t, callback_context: unknown): KGen;
  dtr(store: dm_exception_store): KGen;
}

export interface dm_exception_store {
  type: dm_exception_store_type;
  /** Chunk size in sectors (a power of two), its mask and shift. */
  chunk_size: number;
  chunk_mask: number;
  chunk_shift: number;
  /** Size of the COW device in sectors (get_dev_size of the snapshot's cow). */
  cow_sectors: number;
  context: unknown;
}

/** @port drivers/md/dm-exception-store.h v3.15 ported */
export function sector_to_chunk(store: dm_exception_store, sector: number): number {
  return sector >> store.chunk_shift;
}

/** @port drivers/md/dm-snap.c v3.15 ported */
export function chunk_to_sector(store: dm_exception_store, chunk: number): number {
  return chunk << store.chunk_shift;
}
