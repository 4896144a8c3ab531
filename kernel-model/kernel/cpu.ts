// CPU hotplug notifiers (kernel/cpu.c). The model's CPUs never go offline, so a registered
// notifier is recorded and never called; the constants are the kernel's.

import { machine } from '../sim/machine.ts';

export const NOTIFY_DONE = 0x0000;
export const NOTIFY_OK = 0x0001;
export const CPU_ONLINE = 0x0002;
export const CPU_UP_PREPARE = 0x0003;
export const CPU_DEAD = 0x0007;
export const CPU_TASKS_FROZEN = 0x0010;
export const CPU_DEAD_FROZEN = CPU_DEAD | CPU_TASKS_FROZEN;

export interface notifier_block {
  notifier_call: unknown;
  priority?: number;
}

/** register_hotcpu_notifier(nb): recorded; no CPU of the model goes offline. */
export function register_hotcpu_notifier(_nb: notifier_block): number {
  return 0;
}

/** cpu_online(cpu): every CPU of the machine is online (none is ever unplugged). @port include/linux/cpumask.h v3.15 simplified - no hotplug */
export function cpu_online(cpu: number): boolean {
  return cpu >= 0 && cpu < machine().ncpus;
}
