// What a model disk holds. Only bytes that were written from pages carrying bytes (page_data():
// an md superblock, its bad-block log) are kept, sector by sector; a sector written from a page
// without bytes (a workload's data page), discarded, or never written reads back as zeroes, as
// a fresh or trimmed disk does. The transfer happens when the disk completes the bio (the
// simulated DMA), in bio_vec order over the part of the bio its iterator still covers.

import { PAGE_SIZE, page_data, type page } from '../../mm/page.ts';
import { REQ_DISCARD, REQ_WRITE, REQ_WRITE_SAME, type bio } from '../include/linux/blk_types.ts';

const SECTOR_SIZE = 512;

/** A disk's stored sectors: sector number to its 512 bytes. */
export type sector_store = Map<number, Uint8Array>;

export function sector_store_create(): sector_store {
  return new Map();
}

/** One stretch of a page the bio transfers, and the disk sector it starts at. */
interface transfer_segment {
  page: page;
  offset: number;
  len: number;
  sector: number;
}

/** The segments of a bio's remaining data, as bio_for_each_segment() walks them. */
function bio_segments_at(b: bio): transfer_segment[] {
  const out: transfer_segment[] = [];
  let { bi_idx: idx, bi_bvec_done: done, bi_size: size, bi_sector: sector } = b.bi_iter;
  while (size > 0) {
    const bv = b.bi_io_vec[idx];
    const len = Math.min(size, bv.bv_len - done);
    out.push({ page: bv.bv_page, offset: bv.bv_offset + done, len, sector });
    sector += len / SECTOR_SIZE;
    size -= len;
    done = 0;
    idx++;
  }
  return out;
}

/** Puts `bytes` (whole sectors) on the disk from `sector` on, as a write of them would leave it. */
export function sector_store_write(store: sector_store, sector: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; at += SECTOR_SIZE) store.set(sector + at / SECTOR_SIZE, bytes.slice(at, at + SECTOR_SIZE));
}

/** What the disk holds from `sector` on, `sectors` long: zeroes where it holds nothing. */
export function sector_store_read(store: sector_store, sector: number, sectors: number): Uint8Array {
  const out = new Uint8Array(sectors * SECTOR_SIZE);
  for (let i = 0; i < sectors; i++) {
    const s = store.get(sector + i);
    if (s) out.set(s, i * SECTOR_SIZE);
  }
  return out;
}

function forget(store: sector_store, sector: number, sectors: number): void {
  for (let s = sector; s < sector + sectors; s++) store.delete(s);
}

/** Stores a written segment: its bytes when its page has them, otherwise the sectors are forgotten (zeroes). */
function store_segment(store: sector_store, seg: transfer_segment): void {
  const sectors = seg.len / SECTOR_SIZE;
  if (!seg.page.data) return forget(store, seg.sector, sectors);
  sector_store_write(store, seg.sector, seg.page.data.subarray(seg.offset, seg.offset + seg.len));
}

/** Reads a segment into its page: only when the disk stored some of it or the page has bytes to overwrite. */
function load_segment(store: sector_store, seg: transfer_segment): void {
  const sectors = seg.len / SECTOR_SIZE;
  let stored = false;
  for (let i = 0; i < sectors && !stored; i++) stored = store.has(seg.sector + i);
  if (!stored && !seg.page.data) return;
  const bytes = page_data(seg.page);
  for (let i = 0; i < sectors; i++) {
    const at = seg.offset + i * SECTOR_SIZE;
    const s = store.get(seg.sector + i);
    if (s) bytes.set(s, at);
    else bytes.fill(0, at, at + SECTOR_SIZE);
  }
}

/**
 * The data transfer of a bio the disk completed without error: a write's bytes go to the store,
 * a read's come from it; a discard forgets its range; a write-same repeats its one page's first
 * sector over the range.
 */
export function sim_disk_transfer(store: sector_store, b: bio): void {
  // Every completed bio comes here: a disk that holds no bytes, given pages that carry none,
  // has nothing to move (the IO of every workload), so that case costs one scan of the vector.
  if (store.size === 0 && b.bi_io_vec?.some((bv) => bv?.bv_page?.data !== undefined) !== true) return;
  const { bi_sector: sector, bi_size: size } = b.bi_iter;
  if (b.bi_rw & REQ_DISCARD) return forget(store, sector, size / SECTOR_SIZE);
  if (b.bi_rw & REQ_WRITE_SAME) {
    const bv = b.bi_io_vec[b.bi_iter.bi_idx];
    for (let s = sector; s < sector + size / SECTOR_SIZE; s++) store_segment(store, { page: bv.bv_page, offset: bv.bv_offset, len: SECTOR_SIZE, sector: s });
    return;
  }
  const write = (b.bi_rw & REQ_WRITE) !== 0;
  for (const seg of bio_segments_at(b)) {
    if (seg.offset + seg.len > PAGE_SIZE) throw new Error(`sim_disk_transfer: a bio_vec past its page (offset ${seg.offset}, length ${seg.len})`);
    if (write) store_segment(store, seg);
    else load_segment(store, seg);
  }
}
