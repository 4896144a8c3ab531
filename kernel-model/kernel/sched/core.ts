// Scheduler entry points: schedule() and its submit-work hook, wake-ups, task states, and the
// preempt/irq/bh state that decides what may sleep and what may be preempted.
//
// Preemption in the model: any yield of a task with preempt_count == 0, irqs and bh enabled and
// outside an RCU read section is a preemption point (CONFIG_PREEMPT). Preemption switches the
// task out without passing through schedule() and so without sched_submit_work(), as in the
// kernel (preempt_schedule() calls __schedule() directly).

import type { Finding } from '../../sim/findings.ts';
import { formatCallTrace, guiltyFrame } from '../../sim/findings.ts';
import { ALLOC_PRIMITIVES } from '../../mm/kasan.ts';
import { kernel_functions, world_function } from '../../sim/hooks.ts';
import { HZ, KernelPanic, current, machine } from '../../sim/machine.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import {
  type KGen,
  type task_struct,
  TASK_INTERRUPTIBLE,
  TASK_RUNNING,
  TASK_UNINTERRUPTIBLE,
  contextName,
} from '../../sim/task.ts';
import { LOCK_PRIMITIVES, held_locks_text, trace_hardirqs_on, trace_softirqs_on } from '../locking/lockdep.ts';

/** Frames a sleeping-in-atomic title skips to name the caller. */
const SLEEP_PRIMITIVES: ReadonlySet<string> = new Set([...LOCK_PRIMITIVES, ...ALLOC_PRIMITIVES]);

export const TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

/** @port include/linux/preempt.h v3.2 simplified - a per-task counter; no need_resched check */
export function preempt_disable(): void {
  current().preempt_count++;
}

/** @port include/linux/preempt.h v3.2 simplified - the caller's next yield is the preemption point */
export function preempt_enable(): void {
  current().preempt_count--;
}

/** @port include/linux/irqflags.h v3.2 simplified - irq state per context */
export function local_irq_disable(): void {
  current().irqs_disabled = true;
}

/** @port include/linux/irqflags.h v3.2 simplified - irq state per context */
export function local_irq_enable(): void {
  const t = current();
  if (t.irqs_disabled && machine().debug) trace_hardirqs_on();
  t.irqs_disabled = false;
}

/** Returns the saved flags: whether irqs were disabled. @port include/linux/irqflags.h v3.2 simplified - flags are a boolean */
export function local_irq_save(): number {
  const t = current();
  const flags = t.irqs_disabled ? 1 : 0;
  t.irqs_disabled = true;
  return flags;
}

/** @port include/linux/irqflags.h v3.2 simplified - flags are a boolean */
export function local_irq_restore(flags: number): void {
  const t = current();
  if (t.irqs_disabled && !flags && machine().debug) trace_hardirqs_on();
  t.irqs_disabled = flags !== 0;
}

/** irqs_disabled() */
export function irqs_disabled(): boolean {
  return current().irqs_disabled;
}

/** smp_processor_id(): the CPU the current task runs on. */
export function smp_processor_id(): number {
  return Math.max(current().cpu, 0);
}

/** get_cpu(): preempt_disable() and smp_processor_id(). */
export function get_cpu(): number {
  preempt_disable();
  return smp_processor_id();
}

/** put_cpu(): preempt_enable(). */
export function put_cpu(): void {
  preempt_enable();
}

/** nr_cpu_ids: the machine's CPU count. */
export function nr_cpu_ids(): number {
  return machine().ncpus;
}

/** @port kernel/softirq.c v3.2 simplified - pending softirqs are delivered by the machine */
export function local_bh_disable(): void {
  current().softirq_disable_count++;
}

/** @port kernel/softirq.c v3.2 simplified - pending softirqs are delivered by the machine */
export function local_bh_enable(): void {
  const t = current();
  if (--t.softirq_disable_count === 0 && machine().debug) trace_softirqs_on();
}

/** @port include/linux/hardirq.h v3.2 ported */
export function in_interrupt(): boolean {
  return current().kind !== 'task';
}

/** in_atomic(): preempt_count != 0, counting the irq context bits the model keeps in `kind`. */
export function in_atomic(t: task_struct = current()): boolean {
  return t.preempt_count > 0 || t.kind !== 'task' || t.softirq_disable_count > 0 || t.rcu_read_lock_nesting > 0;
}

/** @port include/linux/sched.h v3.2 ported */
export function set_current_state(state: number): void {
  current().state = state;
}

/** @port include/linux/sched.h v3.2 ported */
export function __set_current_state(state: number): void {
  current().state = state;
}

/** @port include/linux/sched.h v3.15 ported */
export function tsk_is_pi_blocked(tsk: task_struct): boolean {
  return tsk.pi_blocked_on !== null;
}

function sleepInAtomicFinding(t: task_struct, where: string): Finding {
  const report = [
    `BUG: sleeping function called from invalid context at ${where}`,
    `in_atomic(): ${in_atomic(t) ? 1 : 0}, irqs_disabled(): ${t.irqs_disabled ? 1 : 0}, pid: ${t.pid}, name: ${t.comm}`,
    held_locks_text(t),
    formatCallTrace(t.stack),
  ].join('\n');
  const fn = t.stack.length > 0 ? guiltyFrame(t.stack, SLEEP_PRIMITIVES) : where;
  return {
    kind: 'sleep-in-atomic',
    title: `BUG: sleeping function called from invalid context in ${fn}`,
    report,
    backtraces: [{ task: contextName(t), stack: [...t.stack] }],
    step: machine().steps,
    fatal: false,
  };
}

/**
 * __might_sleep()'s `static unsigned long prev_jiffy`: the check prints at most once per HZ,
 * machine-wide. The C tests `prev_jiffy != 0` for "printed before"; the kernel's jiffies start
 * at INITIAL_JIFFIES (five minutes before the wrap), so a report at jiffy 0 never happens there.
 * The model's jiffies start at 0, so "printed before" is a flag of its own.
 */
const mightSleepRatelimit = lazyPerMachine(() => ({ printed: false, prev_jiffy: 0 }));

/**
 * Reports a sleeping call from atomic context, as CONFIG_DEBUG_ATOMIC_SLEEP does, at most once
 * per HZ: a leaked rcu_read_lock() makes every later sleep of the task invalid, and the kernel
 * prints the first of them, not each one.
 * @port kernel/sched.c v3.2 ported
 */
export function might_sleep(where = 'kernel'): void {
  const t = current();
  const m = machine();
  if (!m.debug) return;
  if (!in_atomic(t) && !t.irqs_disabled) return;
  const limit = mightSleepRatelimit();
  if (limit.printed && m.jiffies < limit.prev_jiffy + HZ) return;
  limit.printed = true;
  limit.prev_jiffy = m.jiffies;
  m.report(sleepInAtomicFinding(t, where));
}


/**
 * The context switch. A task whose state is not TASK_RUNNING leaves the run queue; a scheduling
 * attempt from atomic context is the kernel's "scheduling while atomic" BUG.
 * @port kernel/sched/core.c v3.15 simplified - no run-queue lock or pick logic; the machine picks
 */
function* __schedule(): KGen {
  const prev = current();
  const m = machine();
  if (prev.kind !== 'task' || prev.preempt_count > 0 || prev.irqs_disabled) {
    m.report({
      kind: 'sleep-in-atomic',
      title: `BUG: scheduling while atomic in ${prev.stack.length > 1 ? prev.stack[prev.stack.length - 2] : prev.comm}`,
      report: `BUG: scheduling while atomic: ${prev.comm}/${prev.pid}/0x${prev.preempt_count.toString(16)}\n${held_locks_text(prev)}\n${formatCallTrace(prev.stack)}`,
      backtraces: [{ task: contextName(prev), stack: [...prev.stack] }],
      step: m.steps,
      fatal: true,
    });
    throw new KernelPanic('scheduling while atomic');
  }
  if (prev.state !== TASK_RUNNING) m.deactivate(prev);
  yield;
}

/**
 * Voluntary sleep: submit plugged work, then switch.
 * @port kernel/sched/core.c v3.15 ported
 */
function* schedule(): KGen {
  const tsk = current();
  // What the caller is about to wait on; a nested wait inside sched_submit_work() must not
  // overwrite it for the wait-for graph.
  const target = tsk.waitingOn;
  // sched_submit_work() is the base's (translated from its kernel/sched.c or
  // kernel/sched/core.c): it flushes the IO the task has plugged. The runtime alone has none.
  const submit = world_function<(t: task_struct) => KGen>(machine().base, 'sched_submit_work');
  if (submit !== null) yield* submit(tsk);
  tsk.waitingOn = target;
  yield* core.__schedule();
}

/** @port kernel/sched/core.c v3.15 simplified - no iowait accounting */
function* io_schedule(): KGen {
  yield* core.schedule();
}

/**
 * Wakes `p` if its state matches; returns whether it was woken.
 * @port kernel/sched/core.c v3.15 simplified - no pi or wake-affine logic
 */
export function try_to_wake_up(p: task_struct, state: number): boolean {
  if (!(p.state & state)) return false;
  p.state = TASK_RUNNING;
  // A wake-up that lands between setting the task's state and its schedule() finds it still
  // runnable: activate() leaves it alone, so what it was about to wait for is cleared here, or
  // the wait-for graph would later follow a wait that is long over (to freed objects).
  p.waitingOn = null;
  machine().activate(p);
  const m = machine();
  if (m.tracing) m.emit('wake', p, `wake ${contextName(p)} by ${contextName(current())}`);
  return true;
}

/** @port kernel/sched/core.c v3.15 ported */
export function wake_up_process(p: task_struct): boolean {
  return try_to_wake_up(p, TASK_NORMAL);
}

/**
 * A voluntary preemption point: a scheduling point that is not a sleep.
 * @port kernel/sched/core.c v3.15 simplified - always offers the switch
 */
export function* cond_resched(): KGen {
  yield;
}

export const core = kernel_functions('kernel/sched/core.c', {
  __schedule,
  schedule,
  io_schedule,
});
