// Timers and timed sleeps (kernel/timer.c, v3.2). A timer fires from the timer softirq when
// virtual time reaches it; time moves only when nothing can run. Where the fault plan asks for
// it, arming a timer adds a delay drawn from the decision stream.

import { type SimTimer, HZ, current, machine } from '../sim/machine.ts';
import { type KGen, type task_struct, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE } from '../sim/task.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { core, wake_up_process } from './sched/core.ts';

export interface timer_list {
  expires: number;
  /** The C's callback and its argument (init_timer + .function/.data, or setup_timer()). */
  function: ((data: number) => KGen) | null;
  data: number;
  /** A callback without an argument, for the runtime's own timers. */
  fn: () => KGen;
  name: string;
  sim: SimTimer;
}

function newTimer(name: string, fn: () => KGen): timer_list {
  const t: timer_list = {
    expires: 0,
    function: null,
    data: 0,
    fn,
    name,
    sim: { expires: 0, seq: 0, name, fn: () => (t.function !== null ? t.function(t.data) : t.fn()), pending: false, running: 0, syncWaiters: [] },
  };
  return t;
}

/** A timer embedded in a zeroed struct, before init_timer() or setup_timer(). */
export function timer_list_zeroed(): timer_list {
  return newTimer('(uninitialised timer)', function* (): KGen {});
}

/** init_timer(&timer): the C sets .function and .data afterwards. */
export function init_timer(timer: timer_list): void {
  timer.function = null;
  timer.data = 0;
}

/**
 * setup_timer(&timer, function, data): `function(data)` runs in softirq context when the timer
 * fires. The runtime's own form setup_timer(name, fn) makes a new timer.
 */
export function setup_timer(timer: timer_list, fn: (data: number) => KGen, data: number): void;
export function setup_timer(name: string, fn: () => KGen): timer_list;
export function setup_timer(a: timer_list | string, fn: ((data: number) => KGen) | (() => KGen), data?: number): timer_list | void {
  if (typeof a === 'string') return newTimer(a, fn as () => KGen);
  a.function = fn as (data: number) => KGen;
  a.data = data ?? 0;
  a.name = fn.name || a.name;
  a.sim.name = a.name;
}

/** @port kernel/timer.c v3.2 simplified - one global timer list */
export function mod_timer(timer: timer_list, expires: number): boolean {
  const m = machine();
  const wasPending = m.removeTimer(timer.sim);
  const jitter = m.plan.wqDelay > 0 ? m.decide('delay', m.plan.wqDelay + 1) : 0;
  timer.expires = expires;
  timer.sim.expires = expires + jitter;
  m.addTimer(timer.sim);
  return wasPending;
}

/** @port kernel/timer.c v3.2 ported */
export function add_timer(timer: timer_list): void {
  mod_timer(timer, timer.expires);
}

/** @port kernel/timer.c v3.2 ported */
export function del_timer(timer: timer_list): boolean {
  return machine().removeTimer(timer.sim);
}

/**
 * Deletes the timer once its handler is running on no CPU, so that a handler that re-arms its
 * own timer (the workqueue's mayday timer) is deleted after it has done so. The caller spins
 * meanwhile, as try_to_del_timer_sync()'s loop does; the handler's end wakes it.
 * @port kernel/timer.c v3.15 ported - the handler's end wakes the spinner instead of cpu_relax() polling
 */
export function* del_timer_sync(timer: timer_list): KGen<boolean> {
  const m = machine();
  while (timer.sim.running > 0) {
    const t = current();
    timer.sim.syncWaiters.push(t);
    m.spinOn(t);
    yield;
  }
  return del_timer(timer);
}

export function timer_pending(timer: timer_list): boolean {
  return timer.sim.pending;
}

/** MAX_SCHEDULE_TIMEOUT (LONG_MAX): as the translator writes it (idioms.ts FALLBACK_VALUES). */
export const MAX_SCHEDULE_TIMEOUT = Number.MAX_SAFE_INTEGER;

export function msecs_to_jiffies(ms: number): number {
  return Math.ceil((ms * HZ) / 1000);
}

/**
 * Sleeps until `timeout` jiffies have passed or the task is woken; returns the jiffies left.
 * @port kernel/timer.c v3.2 ported
 */
function* schedule_timeout(timeout: number): KGen<number> {
  const m = machine();
  const task: task_struct = current();
  if (timeout === MAX_SCHEDULE_TIMEOUT) {
    /* No timer: sleep until woken (an md thread's wait_event_timeout with no timeout). */
    yield* core.schedule();
    return timeout;
  }
  const expire = timeout + m.jiffies;
  const timer = setup_timer(`process_timeout:${task.comm}`, function* process_timeout(): KGen {
    wake_up_process(task);
  });
  mod_timer(timer, expire);
  yield* core.schedule();
  del_timer(timer);
  const left = expire - m.jiffies;
  return left < 0 ? 0 : left;
}

/** @port kernel/timer.c v3.2 ported */
function* schedule_timeout_uninterruptible(timeout: number): KGen<number> {
  __set_state(TASK_UNINTERRUPTIBLE);
  return yield* timers.schedule_timeout(timeout);
}

/** @port kernel/sched/core.c v3.15 simplified - io_schedule_timeout without iowait accounting */
function* io_schedule_timeout(timeout: number): KGen<number> {
  return yield* timers.schedule_timeout(timeout);
}

/** @port kernel/timer.c v3.2 ported */
function* msleep(msecs: number): KGen {
  let timeout = msecs_to_jiffies(msecs) + 1;
  while (timeout) timeout = yield* timers.schedule_timeout_uninterruptible(timeout);
}

/**
 * msleep_interruptible(msecs): sleeps interruptibly (khungtaskd does not count it) until the time
 * has passed or a signal is pending; the model's tasks get no signals, so it sleeps the whole
 * time and returns 0 (the milliseconds left).
 * @port kernel/timer.c v3.15 ported - no signals: the loop runs until the timeout
 */
function* msleep_interruptible(msecs: number): KGen<number> {
  let timeout = msecs_to_jiffies(msecs) + 1;
  while (timeout /* && !signal_pending(current): no signals in the model */) {
    __set_state(TASK_INTERRUPTIBLE);
    timeout = yield* timers.schedule_timeout(timeout);
  }
  return 0;
}

function __set_state(state: number): void {
  current().state = state;
}

export const timers = kernel_functions('kernel/timer.c', {
  schedule_timeout,
  schedule_timeout_uninterruptible,
  io_schedule_timeout,
  msleep,
  msleep_interruptible,
});
