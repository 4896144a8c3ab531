// Pages as far as the block layer touches them: a bio_vec points at one, the merge code asks for
// its physical address, swap writeout marks it. A page has memory behind it only once code that
// reads or writes its bytes asks for them (page_data(): on-disk metadata such as an md
// superblock); the data pages of workloads carry none, and a disk stores nothing for them.

import { NR_WRITEBACK, dec_zone_page_state, inc_zone_page_state } from './vmstat.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { reset_page_owner } from './page_owner.ts';
import { type Machine } from '../sim/machine.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
export const PAGE_CACHE_SHIFT = PAGE_SHIFT;
export const PAGE_CACHE_SIZE = PAGE_SIZE;
/** VM_MAX_READAHEAD, in kbytes (include/linux/mm.h). */
export const VM_MAX_READAHEAD = 128;

export const PG_locked = 0;
export const PG_error = 1;
export const PG_dirty = 4;
export const PG_writeback = 13;
export const PG_swapcache = 16;
export const PG_reclaim = 17;

export interface page {
  flags: number;
  /** The page frame number. */
  index: number;
  private: number;
  _count: number;
  /** The page's bytes, once page_data() asked for them (PAGE_SIZE, zeroed at first). */
  data?: Uint8Array;
}

const next_pfn = lazyPerMachine((_m: Machine) => ({ n: 0x1000 }));

/** A page that is not allocated through the page allocator (a test's, a suite's data page). */
export function page_zeroed(): page {
  return { flags: 0, index: next_pfn().n++, private: 0, _count: 1 };
}

export function page_to_pfn(p: page): number {
  return p.index;
}

export function page_to_phys(p: page): number {
  return p.index * PAGE_SIZE;
}

export function get_page(p: page): void {
  p._count++;
}

export function put_page(p: page): void {
  if (--p._count === 0) reset_page_owner(p);
}

export function __free_page(p: page): void {
  p._count = 0;
  reset_page_owner(p);
}

export function PageCompound(_p: page): boolean {
  return false;
}

export function set_page_dirty(p: page): number {
  const was = p.flags & (1 << PG_dirty);
  p.flags |= 1 << PG_dirty;
  return was ? 0 : 1;
}

export function set_page_dirty_lock(p: page): number {
  return set_page_dirty(p);
}

export function unlock_page(p: page): void {
  p.flags &= ~(1 << PG_locked);
}

/** SetPageError(page) (include/linux/page-flags.h) */
export function SetPageError(p: page): void {
  p.flags |= 1 << PG_error;
}

/** ClearPageReclaim(page) (include/linux/page-flags.h) */
export function ClearPageReclaim(p: page): void {
  p.flags &= ~(1 << PG_reclaim);
}

/**
 * set_page_writeback(page): the page is under writeback until its bio completes, and counts in
 * NR_WRITEBACK (what reclaim's throttle_vm_writeout() reads).
 * @port mm/page-writeback.c v3.2 simplified - no radix-tree tags, no BDI accounting
 */
export function set_page_writeback(p: page): number {
  const was = p.flags & (1 << PG_writeback);
  p.flags |= 1 << PG_writeback;
  if (!was) inc_zone_page_state(p, NR_WRITEBACK);
  return was ? 1 : 0;
}

/**
 * end_page_writeback(page): the write is done.
 * @port mm/filemap.c v3.2 simplified - nobody waits on one page's writeback in the model (reclaim waits on NR_WRITEBACK)
 */
export function end_page_writeback(p: page): void {
  if (p.flags & (1 << PG_writeback)) dec_zone_page_state(p, NR_WRITEBACK);
  p.flags &= ~(1 << PG_writeback);
}

/** PageWriteback(page) */
export function PageWriteback(p: page): boolean {
  return (p.flags & (1 << PG_writeback)) !== 0;
}

/** page_address(page): the model has no memory behind a page; the page stands for it. */
export function page_address(p: page): object {
  return p;
}

/**
 * The bytes of a page's memory, made (zeroed) the first time they are asked for: code that reads
 * or writes what a page holds (an md superblock, its bad-block log) works on these, and a model
 * disk stores them and reads them back.
 */
export function page_data(p: page): Uint8Array {
  return (p.data ??= new Uint8Array(PAGE_SIZE));
}

/** max_pfn and max_low_pfn: a 4 GiB machine, all of it low memory (x86_64). */
export const max_pfn = 1 << 20;
export const max_low_pfn = max_pfn;

const zero_page = lazyPerMachine((_m: Machine) => ({ page: page_zeroed() }));

/** ZERO_PAGE(vaddr): the machine's page of zeroes. @port arch/x86/include/asm/pgtable.h v3.15 ported */
export function ZERO_PAGE(_vaddr: number): page {
  return zero_page().page;
}

/** kmap(page): the page's address (no highmem on x86_64). @port include/linux/highmem.h v3.15 ported */
export function kmap(p: page): object {
  return page_address(p);
}

/** virt_to_page / vmalloc_to_page: model memory has no page behind an address. @port arch/x86/include/asm/page.h v3.15 model - not modeled */
export function virt_to_page(_addr: unknown): page {
  throw new Error('virt_to_page: kernel virtual addresses are not modeled');
}
