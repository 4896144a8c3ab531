// struct call_single_data (include/linux/smp.h): what a request carries to be completed on
// another CPU (smp_call_function_single_async raises the IPI that runs it there).

import { type list_head, list_head_zeroed } from '../include/linux/list.ts';
import { embed } from '../lib/c-pointers.ts';
import { machine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';

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

/**
 * smp_call_function_single_async(cpu, csd): csd->func(csd->info) runs on `cpu` from its IPI,
 * in hard-irq context, at a point the decision stream picks.
 * @port kernel/smp.c v3.15 simplified - the IPI is an interrupt of the model; no csd lock (CSD_FLAG_LOCK)
 */
export function smp_call_function_single_async(cpu: number, csd: call_single_data): number {
  const func = csd.func as (info: unknown) => KGen | void;
  machine().raiseIrq('hardirq', `ipi:${cpu}`, function* (): KGen {
    const r = func(csd.info);
    if (r !== undefined) yield* r;
  }, cpu);
  return 0;
}
