// list_sort (lib/list_sort.c): a stable merge sort of a list by a comparison callback. The
// callback is C, so a generator; the comparisons are made in merge-sort order on the entries.

import { INIT_LIST_HEAD, list_add_tail, list_del_init, type list_head } from '../include/linux/list.ts';
import type { KGen } from '../sim/task.ts';

export type list_cmp = (priv: unknown, a: list_head, b: list_head) => KGen<number>;

function* mergeSort(items: list_head[], priv: unknown, cmp: list_cmp): KGen<list_head[]> {
  if (items.length <= 1) return items;
  const mid = items.length >> 1;
  const a = yield* mergeSort(items.slice(0, mid), priv, cmp);
  const b = yield* mergeSort(items.slice(mid), priv, cmp);
  const out: list_head[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // Stable: an element of the first half goes first when they compare equal.
    if ((yield* cmp(priv, a[i], b[j])) <= 0) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out.concat(a.slice(i), b.slice(j));
}

/** @port lib/list_sort.c v3.2 simplified - a top-down merge sort; same order, same stability */
export function* list_sort(priv: unknown, head: list_head, cmp: list_cmp): KGen {
  const items: list_head[] = [];
  for (let p = head.next; p !== head; p = p.next) items.push(p);
  const sorted = yield* mergeSort(items, priv, cmp);
  for (const e of sorted) list_del_init(e);
  INIT_LIST_HEAD(head);
  for (const e of sorted) list_add_tail(e, head);
}
