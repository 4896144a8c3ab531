// struct call_single_data (include/linux/smp.h): what a request carries to be completed on
// another CPU. The model completes on the raising CPU; the list links it on the per-cpu done list.

import { type list_head, list_head_zeroed } from '../include/linux/list.ts';
import { embed } from '../lib/c-pointers.ts';

export interface call_single_data {
  list: list_head;
  func: unknown;
  info: unknown;
  flags: number;
  priv: number;
}

export function call_single_data_zeroed(): call_single_data {
  const csd: call_single_data = { list: list_head_zeroed(), func: null, info: null, flags: 0, priv: 0 };
  embed(csd, 'list', csd.list);
  return csd;
}
