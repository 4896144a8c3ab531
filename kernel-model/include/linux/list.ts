// Doubly linked lists and hash lists (include/linux/list.h, include/linux/rculist.h), with the
// checks CONFIG_DEBUG_LIST makes (lib/list_debug.c), in the kernel's shapes: a list_head is
// embedded in the struct it links, the list's head is a list_head of its own, and
// list_entry() is container_of(). An hlist_node's pprev points at the pointer that points at
// the node: the head's `first` or the previous node's `next`, here a Ref to that field.
//
// list_del() poisons the entry (LIST_POISON1/2): a later access through it faults as in the
// kernel. v3.2 and v3.15 check list_add and list_del corruption with WARN and skip the
// operation; hlists are not checked at all, so a node added twice links to itself and a walk
// of that list never ends: the walk's guard reports it as the soft lockup it would be.

import { WARN } from '../asm-generic/bug.ts';
import { paging_request_fault } from '../../arch/x86/mm/fault.ts';
import { type Ref, container_of, field_ref, memberName } from '../../lib/c-pointers.ts';
import { soft_lockup_guard } from '../../kernel/watchdog.ts';
import { kcsan_marked_read } from '../../kernel/kcsan.ts';

export interface list_head {
  next: list_head;
  prev: list_head;
}

export interface hlist_head {
  first: hlist_node;
}

export interface hlist_node {
  next: hlist_node;
  pprev: Ref<hlist_node> | null;
}

function poison(name: string, address: string): never {
  return new Proxy(Object.create(null) as object, {
    get: (_t, key) => (typeof key === 'symbol' ? undefined : paging_request_fault(address, `${name}->${String(key)}`)),
    set: (_t, key) => paging_request_fault(address, `${name}->${String(key)}`),
  }) as never;
}

/** Non-NULL pointers that fault on access: what list_del leaves in a deleted entry. */
export const LIST_POISON1: list_head & hlist_node = poison('LIST_POISON1', '0000000000100100');
export const LIST_POISON2: list_head & hlist_node & Ref<hlist_node> = poison('LIST_POISON2', '0000000000200200');

/** A zeroed list_head, as in a kzalloc'ed struct: both pointers NULL. */
export function list_head_zeroed(): list_head {
  return { next: null as never, prev: null as never };
}

/** LIST_HEAD(name) / LIST_HEAD_INIT: a head that points at itself. */
export function LIST_HEAD_INIT(): list_head {
  const h = list_head_zeroed();
  h.next = h;
  h.prev = h;
  return h;
}

/** @port include/linux/list.h v3.2 ported */
export function INIT_LIST_HEAD(list: list_head): void {
  list.next = list;
  list.prev = list;
}

/**
 * Inserts `n` between two known consecutive entries.
 * @port lib/list_debug.c v3.2 ported - CONFIG_DEBUG_LIST: warns on corruption, then links anyway
 */
function __list_add(n: list_head, prev: list_head, next: list_head): void {
  WARN(next.prev !== prev, 'lib/list_debug.c', '__list_add', 'list_add corruption. next->prev should be prev, but was something else.');
  WARN(prev.next !== next, 'lib/list_debug.c', '__list_add', 'list_add corruption. prev->next should be next, but was something else.');
  next.prev = n;
  n.next = next;
  n.prev = prev;
  prev.next = n;
}

/** @port include/linux/list.h v3.2 ported */
export function list_add(n: list_head, head: list_head): void {
  __list_add(n, head, head.next);
}

/** @port include/linux/list.h v3.2 ported */
export function list_add_tail(n: list_head, head: list_head): void {
  __list_add(n, head.prev, head);
}

function __list_del(prev: list_head, next: list_head): void {
  next.prev = prev;
  prev.next = next;
}

/**
 * @port lib/list_debug.c v3.2 ported - CONFIG_DEBUG_LIST: a poisoned or unlinked entry warns
 * and is left alone
 */
export function __list_del_entry(entry: list_head): void {
  const prev = entry.prev;
  const next = entry.next;
  if (
    WARN(next === LIST_POISON1, 'lib/list_debug.c', '__list_del_entry', 'list_del corruption, entry->next is LIST_POISON1 (00100100)') ||
    WARN(prev === LIST_POISON2, 'lib/list_debug.c', '__list_del_entry', 'list_del corruption, entry->prev is LIST_POISON2 (00200200)') ||
    WARN(prev.next !== entry, 'lib/list_debug.c', '__list_del_entry', 'list_del corruption. prev->next should be entry, but was something else') ||
    WARN(next.prev !== entry, 'lib/list_debug.c', '__list_del_entry', 'list_del corruption. next->prev should be entry, but was something else')
  )
    return;
  __list_del(prev, next);
}

/** @port lib/list_debug.c v3.2 ported */
export function list_del(entry: list_head): void {
  __list_del_entry(entry);
  entry.next = LIST_POISON1;
  entry.prev = LIST_POISON2;
}

/** @port include/linux/list.h v3.2 ported */
export function list_del_init(entry: list_head): void {
  __list_del_entry(entry);
  INIT_LIST_HEAD(entry);
}

/** @port include/linux/list.h v3.2 ported */
export function list_move(list: list_head, head: list_head): void {
  __list_del_entry(list);
  list_add(list, head);
}

/** @port include/linux/list.h v3.2 ported */
export function list_move_tail(list: list_head, head: list_head): void {
  __list_del_entry(list);
  list_add_tail(list, head);
}

/** @port include/linux/list.h v3.2 ported */
export function list_is_last(list: list_head, head: list_head): boolean {
  return list.next === head;
}

/** @port include/linux/list.h v3.2 ported */
export function list_empty(head: list_head): boolean {
  // A marked read for KCSAN (kernel/kcsan.ts): the empty test later kernels write READ_ONCE().
  return kcsan_marked_read(head, 'next') === head;
}

/** @port include/linux/list.h v3.2 ported */
export function list_empty_careful(head: list_head): boolean {
  const next = kcsan_marked_read(head, 'next');
  return next === head && next === kcsan_marked_read(head, 'prev');
}

/** @port include/linux/list.h v3.2 ported */
export function list_is_singular(head: list_head): boolean {
  return !list_empty(head) && head.next === head.prev;
}

function __list_splice(list: list_head, prev: list_head, next: list_head): void {
  const first = list.next;
  const last = list.prev;
  first.prev = prev;
  prev.next = first;
  last.next = next;
  next.prev = last;
}

/** @port include/linux/list.h v3.2 ported */
export function list_splice(list: list_head, head: list_head): void {
  if (!list_empty(list)) __list_splice(list, head, head.next);
}

/** @port include/linux/list.h v3.2 ported */
export function list_splice_tail(list: list_head, head: list_head): void {
  if (!list_empty(list)) __list_splice(list, head.prev, head);
}

/** @port include/linux/list.h v3.2 ported */
export function list_splice_init(list: list_head, head: list_head): void {
  if (!list_empty(list)) {
    __list_splice(list, head, head.next);
    INIT_LIST_HEAD(list);
  }
}

/** @port include/linux/list.h v3.2 ported */
export function list_splice_tail_init(list: list_head, head: list_head): void {
  if (!list_empty(list)) {
    __list_splice(list, head.prev, head);
    INIT_LIST_HEAD(list);
  }
}

/** @port include/linux/list.h v3.2 ported */
export function list_replace_init(old: list_head, n: list_head): void {
  n.next = old.next;
  n.next.prev = n;
  n.prev = old.prev;
  n.prev.next = n;
  INIT_LIST_HEAD(old);
}

/** list_entry(ptr, type, member): the struct `ptr` is the `member` of. */
export function list_entry<T>(ptr: list_head, member: string): T {
  // A static list head (LIST_HEAD(all_mddevs)) is embedded in nothing: list_entry() of it is the
  // bogus pointer a walk computes as it ends (for_each_mddev's last step) and must not
  // dereference; the model gives the head's stand-in, as list_first_entry() of an empty list.
  // A head embedded under another name is still refused: that is a wrong member, not a walk's end.
  if (ptr !== null && memberName(ptr) === null) return headStandIn<T>(ptr, member);
  return container_of<T>(ptr, member);
}

/**
 * `&pos->member` for a member path as the C writes it ("queuelist", or "flush.list" for a
 * list_head inside an embedded struct, as struct request's flush.list).
 */
function memberAt(pos: object, member: string): list_head {
  if (!member.includes('.')) return (pos as Record<string, list_head>)[member];
  let p = pos as Record<string, unknown>;
  for (const name of member.split('.')) p = p[name] as Record<string, unknown>;
  return p as unknown as list_head;
}

/** The stand-in entry a walk ends on: its member (at the same path) is the list head itself. */
function headStandIn<T>(head: list_head, member: string): T {
  const path = member.split('.');
  let o: Record<string, unknown> = { [path[path.length - 1] as string]: head };
  for (let i = path.length - 2; i >= 0; i--) o = { [path[i] as string]: o };
  return o as T;
}

/**
 * list_first_entry(ptr, type, member). On an empty list the C computes a bogus container of the
 * head that it must not dereference (blk_kick_flush() takes it before testing list_empty()); the
 * model gives the head's stand-in, whose member is the head.
 */
export function list_first_entry<T>(head: list_head, member: string): T {
  if (head.next === head) return headStandIn<T>(head, member);
  return container_of<T>(head.next, member);
}

/**
 * The list walks' step (list_for_each_entry's `pos = list_entry(pos->member.next, ...)`):
 * counts against the soft-lockup guard, since a corrupted list can loop forever.
 */
export function list_next_entry<T extends object>(pos: T, member: string): T {
  soft_lockup_guard();
  return container_of<T>(memberAt(pos, member).next, member);
}

/** The walk's backwards step (list_for_each_entry_reverse). */
export function list_prev_entry<T extends object>(pos: T, member: string): T {
  soft_lockup_guard();
  return container_of<T>(memberAt(pos, member).prev, member);
}

/** The walk's end test: `&pos->member != head`. */
export function list_entry_is_head<T extends object>(pos: T, head: list_head, member: string): boolean {
  return memberAt(pos, member) === head;
}

/** list_for_each's step over bare list_heads. */
export function list_next(pos: list_head): list_head {
  soft_lockup_guard();
  return pos.next;
}

/**
 * Every entry of the list, in list order, for the model's own checks (no soft-lockup tick: the
 * model looking at the list is not kernel code walking it).
 */
export function list_entries<T extends object>(head: list_head, member: string): T[] {
  const out: T[] = [];
  for (let n = head.next; n !== head; n = n.next) out.push(list_entry<T>(n, member));
  return out;
}

/**
 * The first entry of a walk from `head`: the entry of head->next, or, for an empty list, a
 * stand-in whose `member` is the head itself, so that the walk's end test holds at once (the C
 * computes a bogus container of the head and only ever compares its member's address).
 */
export function list_walk_first<T extends object>(head: list_head, member: string): T {
  return list_walk_at<T>(head.next, head, member);
}

/** The entry whose member is `node`, or the head's stand-in when `node` is the head. */
export function list_walk_at<T extends object>(node: list_head, head: list_head, member: string): T {
  if (node === head) return headStandIn<T>(head, member);
  return container_of<T>(node, member);
}

/** The next entry of a walk from `head` (the head's stand-in at the end). */
export function list_walk_next<T extends object>(pos: T, head: list_head, member: string): T {
  soft_lockup_guard();
  return list_walk_at<T>(memberAt(pos, member).next, head, member);
}

/** The previous entry of a reverse walk from `head`. */
export function list_walk_prev<T extends object>(pos: T, head: list_head, member: string): T {
  soft_lockup_guard();
  return list_walk_at<T>(memberAt(pos, member).prev, head, member);
}

// --- hlist ------------------------------------------------------------------------------

/** A zeroed hlist_head. */
export function hlist_head_zeroed(): hlist_head {
  return { first: null as never };
}

/** A zeroed hlist_node: unhashed. */
export function hlist_node_zeroed(): hlist_node {
  return { next: null as never, pprev: null };
}

/** @port include/linux/list.h v3.2 ported */
export function INIT_HLIST_HEAD(h: hlist_head): void {
  h.first = null as never;
}

/** @port include/linux/list.h v3.2 ported */
export function INIT_HLIST_NODE(h: hlist_node): void {
  h.next = null as never;
  h.pprev = null;
}

/** @port include/linux/list.h v3.2 ported */
export function hlist_unhashed(h: hlist_node): boolean {
  return !h.pprev;
}

/** @port include/linux/list.h v3.2 ported */
export function hlist_empty(h: hlist_head): boolean {
  return !kcsan_marked_read(h, 'first');
}

/** @port include/linux/list.h v3.2 ported */
function __hlist_del(n: hlist_node): void {
  const next = n.next;
  const pprev = n.pprev as Ref<hlist_node>;
  pprev.v = next;
  if (next) next.pprev = pprev;
}

/** @port include/linux/list.h v3.2 ported */
export function hlist_del(n: hlist_node): void {
  __hlist_del(n);
  n.next = LIST_POISON1;
  n.pprev = LIST_POISON2;
}

/** @port include/linux/list.h v3.2 ported */
export function hlist_del_init(n: hlist_node): void {
  if (!hlist_unhashed(n)) {
    __hlist_del(n);
    INIT_HLIST_NODE(n);
  }
}

/** @port include/linux/list.h v3.2 ported */
export function hlist_add_head(n: hlist_node, h: hlist_head): void {
  const first = h.first;
  n.next = first;
  if (first) first.pprev = field_ref(n, 'next');
  h.first = n;
  n.pprev = field_ref(h, 'first');
}

/** @port include/linux/rculist.h v3.2 ported - rcu_assign_pointer is a plain store in the model */
export function hlist_add_head_rcu(n: hlist_node, h: hlist_head): void {
  hlist_add_head(n, h);
}

/** @port include/linux/rculist.h v3.2 ported */
export function hlist_del_rcu(n: hlist_node): void {
  __hlist_del(n);
  n.pprev = LIST_POISON2;
}

/** @port include/linux/rculist.h v3.2 ported */
export function hlist_del_init_rcu(n: hlist_node): void {
  if (!hlist_unhashed(n)) {
    __hlist_del(n);
    n.pprev = null;
  }
}

/** @port include/linux/rculist.h v3.2 ported */
export function list_add_rcu(n: list_head, head: list_head): void {
  list_add(n, head);
}

/** @port include/linux/rculist.h v3.2 ported */
export function list_add_tail_rcu(n: list_head, head: list_head): void {
  list_add_tail(n, head);
}

/** @port include/linux/rculist.h v3.2 ported */
export function list_del_rcu(entry: list_head): void {
  __list_del_entry(entry);
  entry.prev = LIST_POISON2;
}

/** hlist_entry(ptr, type, member) */
export function hlist_entry<T>(ptr: hlist_node, member: string): T {
  return container_of<T>(ptr, member);
}

/** hlist_entry_safe(ptr, type, member): NULL for a NULL node (the v3.9+ hlist walks). @port include/linux/list.h v3.15 ported */
export function hlist_entry_safe<T>(ptr: hlist_node, member: string): T {
  if (ptr === null) return null as never;
  soft_lockup_guard();
  return container_of<T>(ptr, member);
}

/** The hlist walks' step over nodes (hlist_for_each_entry's `pos = pos->next`). */
export function hlist_next(pos: hlist_node): hlist_node {
  soft_lockup_guard();
  return pos.next;
}
