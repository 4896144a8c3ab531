// Credentials as the model has them: every task of a workload runs as root (uid 0) with every
// capability, and no security module is loaded. What ioprio_set(2) checks before it changes a
// task's IO priority (set_task_ioprio) passes, as it does for root on a real machine.
import type { task_struct } from '../sim/task.ts';
import { rcu_dereference_check } from './rcupdate.ts';

/** struct cred: the ids a permission check compares. */
export interface cred {
  uid: number;
  euid: number;
}

const ROOT: cred = Object.freeze({ uid: 0, euid: 0 });

/** current_cred() @port include/linux/cred.h v3.2 simplified - every task runs as root */
export function current_cred(): cred {
  return ROOT;
}

/**
 * __task_cred(task): another task's credentials, an RCU-protected pointer
 * (rcu_dereference_check(__t->real_cred, task_is_dead(__t))): read outside rcu_read_lock() of a
 * live task, lockdep says "suspicious rcu_dereference_check() usage". (The model has no cred.h
 * to give the report its line.)
 * @port include/linux/cred.h v3.2 simplified - every task runs as root
 */
export function __task_cred(task: task_struct): cred {
  return rcu_dereference_check(ROOT, task.exited, 'include/linux/cred.h');
}

/** capable(cap) @port kernel/capability.c v3.2 simplified - root has every capability */
export function capable(_cap: number): boolean {
  return true;
}

/** security_task_setioprio(p, ioprio) @port security/security.c v3.2 simplified - no LSM: the default allows */
export function security_task_setioprio(_p: task_struct, _ioprio: number): number {
  return 0;
}

/** include/linux/capability.h: raise priorities, set other tasks' priorities. */
export const CAP_SYS_NICE = 23;
