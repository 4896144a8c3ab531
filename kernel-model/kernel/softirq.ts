// Softirqs (kernel/softirq.c): a handler per softirq number, registered with open_softirq();
// raising one makes the machine run the handler in softirq context on this CPU at a point the
// decision stream picks, as irq_exit()/ksoftirqd would.

import type { KGen } from '../sim/task.ts';
import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import { type Machine, current, machine } from '../sim/machine.ts';

export const HI_SOFTIRQ = 0;
export const TIMER_SOFTIRQ = 1;
export const NET_TX_SOFTIRQ = 2;
export const NET_RX_SOFTIRQ = 3;
export const BLOCK_SOFTIRQ = 4;
export const BLOCK_IOPOLL_SOFTIRQ = 5;
export const TASKLET_SOFTIRQ = 6;
export const SCHED_SOFTIRQ = 7;
export const HRTIMER_SOFTIRQ = 8;
export const RCU_SOFTIRQ = 9;

const NAMES = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'BLOCK_IOPOLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU'];

/** struct softirq_action: what a softirq handler is given (the model passes nothing in it). */
export interface softirq_action {
  action: unknown;
}

type softirq_handler = (h: never) => KGen;

const softirq_vec = lazyPerMachine((_m: Machine) => new Map<number, softirq_handler>());

/** open_softirq(nr, action) @port kernel/softirq.c v3.2 ported */
export function open_softirq(nr: number, action: softirq_handler): void {
  softirq_vec().set(nr, action);
}

/**
 * raise_softirq_irqoff(nr): the handler runs in softirq context on this CPU.
 * @port kernel/softirq.c v3.2 simplified - one delivery per raise; no pending bitmask
 */
export function raise_softirq_irqoff(nr: number): void {
  const action = softirq_vec().get(nr);
  if (action === undefined) return;
  machine().raiseIrq('softirq', `${NAMES[nr] ?? nr}_SOFTIRQ`, () => action(null as never), Math.max(current().cpu, 0));
}

/** raise_softirq(nr) */
export function raise_softirq(nr: number): void {
  raise_softirq_irqoff(nr);
}
