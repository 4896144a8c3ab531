// Workqueues: a model of concurrency-managed workqueues (kernel/workqueue.c, v3.2-3.15).
//
// Each CPU has a worker pool with a worklist under pool->lock and a bounded number of workers.
// A worker starts on a work item only if another idle worker remains; otherwise it first
// creates one (an allocation that can fail). While creation keeps failing, the mayday timer
// hands the pool's work items of WQ_MEM_RECLAIM workqueues to their rescuer threads. When a
// busy worker sleeps and work is pending, an idle worker is woken (wq_worker_sleeping), so
// one blocked work item does not hold up the rest.
//
// A work item never runs on two workers of one pool at once: a worker that picks it up while
// another worker of the pool runs it defers it to that worker (its scheduled list), for every
// workqueue (process_one_work's collision check, v3.2 and v3.15 alike). A non-reentrant item
// never runs on two CPUs either: queued while it runs, it goes to the pool where it runs. At
// v3.2 that is WQ_NON_REENTRANT's workqueues (system_nrt_wq); from v3.7 every bound workqueue is
// non-reentrant ("workqueue: make all workqueues non-reentrant"), so at v3.15 every one is.
//
// Simplified: no unbound or high-priority pools, no max_active limit, no work item linking
// (flush barriers are waits on the item's state instead), no worker retirement.

import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { kernel_functions } from '../sim/hooks.ts';
import { type Machine, current, machine, registerBootHook } from '../sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct, PF_WQ_WORKER, TASK_INTERRUPTIBLE, TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../sim/task.ts';
import { spin_lock_init, spinlock, type spinlock_t } from './locking/spinlock.ts';
import { __set_current_state, core, might_sleep, set_current_state, wake_up_process } from './sched/core.ts';
import { type wait_queue_head_t, finish_wait, init_wait, init_waitqueue_head, prepare_to_wait, wake_up_all } from './sched/wait.ts';
import { HZ } from '../sim/machine.ts';
import { del_timer, del_timer_sync, mod_timer, setup_timer, timer_pending, timers, type timer_list } from './timer.ts';
import { slab } from '../mm/slab.ts';
import { embed } from '../lib/c-pointers.ts';

/** WQ_NON_REENTRANT: a work item never runs on two workers at once, on any CPU. */
export const WQ_NON_REENTRANT = 1 << 0;
export const WQ_MEM_RECLAIM = 1 << 3;
/** WQ_HIGHPRI: accepted; the model's workers have no priorities. */
export const WQ_HIGHPRI = 1 << 4;
/** WQ_POWER_EFFICIENT (v3.11): accepted; the model has no power-efficient (unbound) mode. */
export const WQ_POWER_EFFICIENT = 1 << 7;

/**
 * Workers a pool can have: creating one more fails. A pool at its bound can still start work
 * only while another worker is idle, so a bound of 1 means "worker creation always fails".
 */
export const DEFAULT_MAX_WORKERS = 4;
const MAYDAY_INITIAL_TIMEOUT = Math.max(1, Math.floor(HZ / 100));
const MAYDAY_INTERVAL = Math.floor(HZ / 10);
const CREATE_COOLDOWN = HZ;

export type work_func_t = (work: work_struct) => KGen;

export interface work_struct extends WaitTarget {
  name: string;
  func: work_func_t;
  /** WORK_STRUCT_PENDING */
  pending: boolean;
  /** The worker running it, if any. */
  running: worker | null;
  wq: workqueue_struct | null;
  pool: worker_pool | null;
}

export interface delayed_work {
  work: work_struct;
  timer: timer_list;
  wq: workqueue_struct | null;
  cpu: number;
}

export interface workqueue_struct {
  name: string;
  flags: number;
  rescuer: worker | null;
  /** Pools that asked this workqueue's rescuer for help. */
  maydays: worker_pool[];
}

export interface worker {
  task: task_struct;
  pool: worker_pool | null;
  current_work: work_struct | null;
  rescue_wq: workqueue_struct | null;
  /** Work items deferred to this worker because it was running them (process_scheduled_works). */
  scheduled: work_struct[];
}

export interface worker_pool {
  cpu: number;
  lock: spinlock_t;
  worklist: work_struct[];
  workers: worker[];
  idle_list: worker[];
  nr_running: number;
  nr_workers: number;
  max_workers: number;
  manager_active: boolean;
  mayday_timer: timer_list;
  /** Woken whenever a work item finishes; flushers wait here. */
  done: wait_queue_head_t;
}

interface WorkqueueState {
  pools: worker_pool[];
  system_wq: workqueue_struct;
  system_nrt_wq: workqueue_struct;
  workqueues: workqueue_struct[];
  byTask: Map<task_struct, worker>;
}

let current_state: WorkqueueState;

function st(): WorkqueueState {
  return current_state;
}

/** A work item that has no function yet: what a zeroed struct embeds before INIT_WORK(). */
export function work_struct_zeroed(): work_struct {
  const work: work_struct = {
    name: '(uninitialised work)',
    func: null as unknown as work_func_t,
    pending: false,
    running: null,
    wq: null,
    pool: null,
    describe: () => `work ${work.name}`,
    *blockers() {
      // A running work item waits for its worker; a queued one for the pool's workers.
      if (work.running !== null) yield work.running.task;
      else if (work.pending && work.pool !== null) for (const w of work.pool.workers) yield w.task;
    },
  };
  return work;
}

/** DECLARE_WORK: a new work item running `func`, named for reports. */
export function DECLARE_WORK(func: work_func_t, name: string = func.name): work_struct {
  const work = work_struct_zeroed();
  work.name = name;
  work.func = func;
  return work;
}

/**
 * INIT_WORK(&work, func): in place, as the C does on a work item embedded in its struct. The
 * transitional form INIT_WORK(name, func) makes a new one (hand-written model code).
 */
export function INIT_WORK(work: work_struct, func: work_func_t): void;
export function INIT_WORK(name: string, func: work_func_t): work_struct;
export function INIT_WORK(a: work_struct | string, func: work_func_t): work_struct | void {
  if (typeof a === 'string') return DECLARE_WORK(func, a);
  a.func = func;
  a.name = func.name || a.name;
  a.pending = false;
  a.running = null;
}

/** A delayed work item embedded in a zeroed struct, before INIT_DELAYED_WORK(). */
export function delayed_work_zeroed(): delayed_work {
  const dwork: delayed_work = {
    work: work_struct_zeroed(),
    wq: null,
    cpu: -1,
    timer: setup_timer('delayed_work_timer_fn', function* delayed_work_timer_fn(): KGen {
      yield* workqueue.__queue_work(dwork.cpu, dwork.wq as workqueue_struct, dwork.work);
    }),
  };
  // container_of(work, struct x, dwork.work) goes from the work item to its delayed_work.
  embed(dwork, 'work', dwork.work);
  embed(dwork, 'timer', dwork.timer);
  return dwork;
}

/** DECLARE_DELAYED_WORK: a new delayed work item running `func`. */
export function DECLARE_DELAYED_WORK(func: work_func_t, name: string = func.name): delayed_work {
  const dwork = delayed_work_zeroed();
  INIT_WORK(dwork.work, func);
  dwork.work.name = name;
  return dwork;
}

/** INIT_DELAYED_WORK(&dwork, func) in place; the transitional form (name, func) makes a new one. */
export function INIT_DELAYED_WORK(dwork: delayed_work, func: work_func_t): void;
export function INIT_DELAYED_WORK(name: string, func: work_func_t): delayed_work;
export function INIT_DELAYED_WORK(a: delayed_work | string, func: work_func_t): delayed_work | void {
  if (typeof a === 'string') return DECLARE_DELAYED_WORK(func, a);
  INIT_WORK(a.work, func);
}

/** work_pending(work) */
export function work_pending(work: work_struct): boolean {
  return work.pending;
}

function newPool(m: Machine, cpu: number): worker_pool {
  const pool: worker_pool = {
    cpu,
    lock: spin_lock_init('&pool->lock'),
    worklist: [],
    workers: [],
    idle_list: [],
    nr_running: 0,
    nr_workers: 0,
    max_workers: DEFAULT_MAX_WORKERS,
    manager_active: false,
    mayday_timer: setup_timer(`mayday:${cpu}`, () => pool_mayday_timeout(pool)),
    done: init_waitqueue_head(`pool${cpu}.done`),
  };
  // init_workqueues() gives every pool its first idle worker at boot; the model creates it when
  // the pool gets its first work item, which is the same to everything that can observe it and
  // keeps a machine that never queues work cheap to boot.
  void m;
  return pool;
}

function spawnWorker(m: Machine, pool: worker_pool): worker {
  const w: worker = { task: null as unknown as task_struct, pool, current_work: null, rescue_wq: null, scheduled: [] };
  w.task = m.spawn(`kworker/${pool.cpu}:${pool.nr_workers}`, () => workqueue.worker_thread(w), { daemon: true });
  w.task.flags |= PF_WQ_WORKER;
  current_state.byTask.set(w.task, w);
  pool.workers.push(w);
  pool.nr_workers++;
  return w;
}


/** A new worker starts in PREP: it looks at the worklist itself before counting as running. */
function start_worker(w: worker): void {
  machine().log(`start worker ${w.task.comm}`);
}

registerBootHook((m) => {
  const state: WorkqueueState = {
    pools: [],
    system_wq: { name: 'events', flags: 0, rescuer: null, maydays: [] },
    system_nrt_wq: { name: 'events_nrt', flags: WQ_NON_REENTRANT, rescuer: null, maydays: [] },
    workqueues: [],
    byTask: new Map(),
  };
  current_state = state;
  for (let cpu = 0; cpu < m.ncpus; cpu++) state.pools.push(newPool(m, cpu));
  state.workqueues.push(state.system_wq, state.system_nrt_wq);
  // wq_worker_sleeping / wq_worker_waking_up: the scheduler hooks of concurrency management.
  m.observers.push({
    onSleep(t) {
      if (!(t.flags & PF_WQ_WORKER) || t.spinning) return;
      const w = state.byTask.get(t);
      if (w === undefined || w.pool === null || w.current_work === null) return;
      const pool = w.pool;
      if (--pool.nr_running === 0 && pool.worklist.length > 0) wake_up_worker(pool);
    },
    onWake(t, wasSpinning) {
      if (!(t.flags & PF_WQ_WORKER) || wasSpinning) return;
      const w = state.byTask.get(t);
      if (w !== undefined && w.pool !== null && w.current_work !== null) w.pool.nr_running++;
    },
  });
});

function wake_up_worker(pool: worker_pool): void {
  const idle = pool.idle_list[0];
  if (idle !== undefined) wake_up_process(idle.task);
}

/** The system workqueue (schedule_work's). */
export function system_wq(): workqueue_struct {
  return st().system_wq;
}

/** The system non-reentrant workqueue (v3.2: alloc_workqueue("events_nrt", WQ_NON_REENTRANT, 0)). */
export function system_nrt_wq(): workqueue_struct {
  return st().system_nrt_wq;
}

/**
 * Creates a named workqueue; WQ_MEM_RECLAIM gives it a rescuer thread.
 * @port kernel/workqueue.c v3.2 simplified - no per-cpu pwqs, no max_active
 */
export function alloc_workqueue(name: string, flags: number, _max_active: number): workqueue_struct {
  const m = machine();
  const wq: workqueue_struct = { name, flags, rescuer: null, maydays: [] };
  if (flags & WQ_MEM_RECLAIM) {
    const rescuer: worker = { task: null as unknown as task_struct, pool: null, current_work: null, rescue_wq: wq, scheduled: [] };
    rescuer.task = m.spawn(name, () => workqueue.rescuer_thread(rescuer), { daemon: true });
    rescuer.task.flags |= PF_WQ_WORKER;
    wq.rescuer = rescuer;
  }
  st().workqueues.push(wq);
  return wq;
}

/**
 * The pool of `cpu`, or of the current CPU; a non-reentrant workqueue's item that is running
 * goes to the pool where it runs.
 * @port kernel/workqueue.c v3.15 simplified - v3.2's WQ_NON_REENTRANT pool choice
 */
function* __queue_work(cpu: number, wq: workqueue_struct, work: work_struct): KGen {
  const s = st();
  let target = cpu >= 0 ? cpu : Math.max(0, current().cpu);
  const runningOn = work.running?.pool ?? null;
  if (nonReentrant(wq) && runningOn !== null) target = runningOn.cpu;
  const pool = s.pools[target];
  if (pool.nr_workers === 0) start_worker(spawnWorker(machine(), pool));
  const flags = yield* spinlock.spin_lock_irqsave(pool.lock);
  work.wq = wq;
  work.pool = pool;
  pool.worklist.push(work);
  machine().log(`queue_work ${work.name} on ${wq.name} cpu${target}`);
  if (pool.nr_running === 0) wake_up_worker(pool);
  yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
}

/**
 * Queues `work` unless it is already pending; returns false when it was.
 * @port kernel/workqueue.c v3.15 ported
 */
function* queue_work_on(cpu: number, wq: workqueue_struct, work: work_struct): KGen<boolean> {
  yield;
  if (work.pending) return false;
  work.pending = true;
  yield* workqueue.__queue_work(cpu, wq, work);
  return true;
}

/** @port kernel/workqueue.c v3.15 ported */
function* queue_work(wq: workqueue_struct, work: work_struct): KGen<boolean> {
  return yield* workqueue.queue_work_on(-1, wq, work);
}

/** @port kernel/workqueue.c v3.15 ported */
function* schedule_work(work: work_struct): KGen<boolean> {
  return yield* workqueue.queue_work(st().system_wq, work);
}

/** @port kernel/workqueue.c v3.15 ported */
function* queue_delayed_work_on(cpu: number, wq: workqueue_struct, dwork: delayed_work, delay: number): KGen<boolean> {
  yield;
  if (dwork.work.pending) return false;
  dwork.work.pending = true;
  if (!delay) {
    yield* workqueue.__queue_work(cpu, wq, dwork.work);
    return true;
  }
  dwork.wq = wq;
  dwork.cpu = cpu;
  mod_timer(dwork.timer, machine().jiffies + delay);
  return true;
}

/** @port kernel/workqueue.c v3.15 ported */
function* queue_delayed_work(wq: workqueue_struct, dwork: delayed_work, delay: number): KGen<boolean> {
  return yield* workqueue.queue_delayed_work_on(-1, wq, dwork, delay);
}

/** @port kernel/workqueue.c v3.15 ported */
function* schedule_delayed_work(dwork: delayed_work, delay: number): KGen<boolean> {
  return yield* workqueue.queue_delayed_work(st().system_wq, dwork, delay);
}

/**
 * Runs one work item with pool->lock dropped; PENDING is cleared before the function runs, so
 * the item can be queued again from inside itself.
 * @port kernel/workqueue.c v3.15 simplified
 */
function* process_one_work(w: worker, work: work_struct): KGen {
  const pool = work.pool as worker_pool;
  const at = pool.worklist.indexOf(work);
  if (at >= 0) pool.worklist.splice(at, 1);
  // A single work shouldn't be executed concurrently by multiple workers on a single cpu: defer
  // it to the one running it.
  const collision = executingWorker(pool, work);
  if (collision !== null && collision !== w) {
    collision.scheduled.push(work);
    return;
  }
  work.pending = false;
  work.running = w;
  w.current_work = work;
  yield* spinlock.spin_unlock_irq(pool.lock);
  machine().log(`work ${work.name} start in ${w.task.comm}`);
  yield* work.func(work);
  machine().log(`work ${work.name} done in ${w.task.comm}`);
  yield* spinlock.spin_lock_irq(pool.lock);
  w.current_work = null;
  // A reentrant item (v3.2) may still run on another CPU's worker: flushes wait for that one.
  work.running = anyExecutingWorker(work);
  wake_up_all(pool.done);
}

/**
 * find_worker_executing_work(pool, work): the worker of `pool` running `work`, if any; a rescuer
 * working in the pool counts as the pool's (it is in the pool's busy hash while it runs items).
 */
function executingWorker(pool: worker_pool, work: work_struct): worker | null {
  const own = pool.workers.find((x) => x.current_work === work);
  if (own !== undefined) return own;
  for (const wq of st().workqueues) if (wq.rescuer?.pool === pool && wq.rescuer.current_work === work) return wq.rescuer;
  return null;
}

function anyExecutingWorker(work: work_struct): worker | null {
  for (const pool of st().pools) {
    const w = executingWorker(pool, work);
    if (w !== null) return w;
  }
  return null;
}

/** Per base: whether every workqueue is non-reentrant there (v3.7 on); read once per base, not per queue_work. */
const allNonReentrant = new Map<string | null, boolean>();

/** Whether `wq`'s items run on one CPU at a time: WQ_NON_REENTRANT, or any workqueue from v3.7. */
function nonReentrant(wq: workqueue_struct): boolean {
  if (wq.flags & WQ_NON_REENTRANT) return true;
  const base = machine().base;
  let all = allNonReentrant.get(base);
  if (all === undefined) {
    const v = /^v(\d+)\.(\d+)/.exec(base ?? '');
    all = v !== null && (Number(v[1]) > 3 || (Number(v[1]) === 3 && Number(v[2]) >= 7));
    allNonReentrant.set(base, all);
  }
  return all;
}

function need_more_worker(pool: worker_pool): boolean {
  return pool.worklist.length > 0 && pool.nr_running === 0;
}

function keep_working(pool: worker_pool): boolean {
  return pool.worklist.length > 0 && pool.nr_running <= 1;
}

function may_start_working(pool: worker_pool): boolean {
  return pool.idle_list.length > 0;
}

function need_to_create_worker(pool: worker_pool): boolean {
  return need_more_worker(pool) && !may_start_working(pool);
}

/**
 * Creates a worker: the allocation can fail, and the pool has a bound.
 * @port kernel/workqueue.c v3.15 simplified - kzalloc of the worker stands for kthread creation
 */
function* create_worker(pool: worker_pool): KGen<worker | null> {
  if (pool.nr_workers >= pool.max_workers) return null;
  const mem = yield* slab.kzalloc(256, GFP_KERNEL, () => ({ worker: true }));
  if (mem === null) return null;
  slab.kfree(mem);
  return spawnWorker(machine(), pool);
}

/**
 * Called with pool->lock held; drops it while creating workers.
 * @port kernel/workqueue.c v3.15 simplified
 */
function* maybe_create_worker(pool: worker_pool): KGen {
  for (;;) {
    yield* spinlock.spin_unlock_irq(pool.lock);
    mod_timer(pool.mayday_timer, machine().jiffies + MAYDAY_INITIAL_TIMEOUT);
    let created = false;
    for (;;) {
      const w = yield* workqueue.create_worker(pool);
      if (w !== null) {
        yield* del_timer_sync(pool.mayday_timer);
        yield* spinlock.spin_lock_irq(pool.lock);
        start_worker(w);
        created = true;
        break;
      }
      if (!need_to_create_worker(pool)) break;
      __set_current_state(TASK_INTERRUPTIBLE);
      yield* timers.schedule_timeout(CREATE_COOLDOWN);
      if (!need_to_create_worker(pool)) break;
    }
    if (!created) {
      yield* del_timer_sync(pool.mayday_timer);
      yield* spinlock.spin_lock_irq(pool.lock);
      return;
    }
    if (!need_to_create_worker(pool)) return;
  }
}

/**
 * The mayday timer: hand pending work of reclaim workqueues to their rescuers. It fires again
 * every MAYDAY_INTERVAL for as long as the manager tries to create a worker (maybe_create_worker()
 * deletes it), whether or not there was work to send this time: work queued later still gets its
 * rescuer.
 * @port kernel/workqueue.c v3.15 ported - no wq_mayday_lock
 */
function* pool_mayday_timeout(pool: worker_pool): KGen {
  // The C takes wq_mayday_lock with spin_lock_irq first, so pool->lock (also taken from hard
  // irqs by queue_work) is held with irqs off; the model has no wq_mayday_lock.
  yield* spinlock.spin_lock_irq(pool.lock);
  if (need_to_create_worker(pool)) {
    for (const work of pool.worklist) {
      const wq = work.wq;
      if (wq === null || wq.rescuer === null) continue;
      if (!wq.maydays.includes(pool)) {
        wq.maydays.push(pool);
        wake_up_process(wq.rescuer.task);
      }
    }
  }
  yield* spinlock.spin_unlock_irq(pool.lock);
  mod_timer(pool.mayday_timer, machine().jiffies + MAYDAY_INTERVAL);
}

/**
 * A worker leaves idle in the PREP state, which does not count in nr_running. It starts on work
 * only if another idle worker remains; otherwise it first becomes the manager and tries to
 * create one, and while that fails the mayday timer calls the rescuers.
 * @port kernel/workqueue.c v3.15 simplified - no rebinding, no scheduled list
 */
function* worker_thread(w: worker): KGen {
  const pool = w.pool as worker_pool;
  const task = w.task;
  for (;;) {
    yield* spinlock.spin_lock_irq(pool.lock);
    /* worker_leave_idle */
    const idleAt = pool.idle_list.indexOf(w);
    if (idleAt >= 0) pool.idle_list.splice(idleAt, 1);
    for (;;) {
      /* no more worker necessary? */
      if (!need_more_worker(pool)) break;
      /* do we need to manage? */
      if (!may_start_working(pool) && !pool.manager_active) {
        pool.manager_active = true;
        yield* workqueue.maybe_create_worker(pool);
        pool.manager_active = false;
        continue;
      }
      /* Finish PREP stage: from here the worker counts in nr_running. */
      pool.nr_running++;
      do {
        yield* workqueue.process_one_work(w, pool.worklist[0]);
        yield* process_scheduled_works(w);
      } while (keep_working(pool));
      pool.nr_running--;
      break;
    }
    /* sleep: worker_enter_idle */
    pool.idle_list.push(w);
    __set_current_state(TASK_INTERRUPTIBLE);
    task.waitingOn = null;
    yield* spinlock.spin_unlock_irq(pool.lock);
    yield* core.schedule();
  }
}

/** Runs the work items deferred to `w` while it ran them. Called with pool->lock held. */
function* process_scheduled_works(w: worker): KGen {
  while (w.scheduled.length > 0) yield* workqueue.process_one_work(w, w.scheduled.shift() as work_struct);
}

/** @port kernel/workqueue.c v3.15 simplified */
function* rescuer_thread(rescuer: worker): KGen {
  const wq = rescuer.rescue_wq as workqueue_struct;
  for (;;) {
    set_current_state(TASK_INTERRUPTIBLE);
    if (wq.maydays.length === 0) {
      yield* core.schedule();
      continue;
    }
    __set_current_state(TASK_RUNNING);
    while (wq.maydays.length > 0) {
      const pool = wq.maydays.shift() as worker_pool;
      yield* spinlock.spin_lock_irq(pool.lock);
      rescuer.pool = pool;
      /* Slurp in all works issued via this workqueue and process'em. */
      for (const work of pool.worklist.filter((x) => x.wq === wq)) {
        if (pool.worklist.includes(work)) {
          yield* workqueue.process_one_work(rescuer, work);
          yield* process_scheduled_works(rescuer);
        }
      }
      rescuer.pool = null;
      yield* spinlock.spin_unlock_irq(pool.lock);
    }
  }
}

/**
 * Waits until `work` is neither pending nor running; returns whether it had to wait.
 * @port kernel/workqueue.c v3.15 simplified - waits on the item's state instead of a barrier
 */
function* flush_work(work: work_struct): KGen<boolean> {
  might_sleep('kernel/workqueue.c');
  const t = current();
  let waited = false;
  while (work.pending || work.running !== null) {
    // A reentrant item (v3.2) can run on another CPU than the one it was last queued on.
    const pool = (work.running?.pool ?? work.pool) as worker_pool;
    const wait = init_wait();
    waited = true;
    prepare_to_wait(pool.done, wait, TASK_UNINTERRUPTIBLE);
    t.waitingOn = work;
    yield* core.schedule();
    finish_wait(pool.done, wait);
  }
  return waited;
}

/**
 * Cancels a pending work item and waits for a running one; returns whether it was pending.
 * @port kernel/workqueue.c v3.15 simplified
 */
function* cancel_work_sync(work: work_struct): KGen<boolean> {
  let was = false;
  const pool = work.pool;
  if (work.pending && pool !== null) {
    const flags = yield* spinlock.spin_lock_irqsave(pool.lock);
    const i = pool.worklist.indexOf(work);
    if (i >= 0) pool.worklist.splice(i, 1);
    for (const w of pool.workers) {
      const j = w.scheduled.indexOf(work);
      if (j >= 0) w.scheduled.splice(j, 1);
    }
    work.pending = false;
    was = true;
    yield* spinlock.spin_unlock_irqrestore(pool.lock, flags);
  }
  yield* workqueue.flush_work(work);
  return was;
}

/** @port kernel/workqueue.c v3.15 simplified */
function* cancel_delayed_work_sync(dwork: delayed_work): KGen<boolean> {
  if (timer_pending(dwork.timer)) {
    del_timer(dwork.timer);
    dwork.work.pending = false;
    yield* workqueue.flush_work(dwork.work);
    return true;
  }
  return yield* workqueue.cancel_work_sync(dwork.work);
}

/**
 * mod_delayed_work(wq, dwork, delay): queues the item, or moves its timer if it waits on one.
 * @port kernel/workqueue.c v3.15 simplified
 */
function* mod_delayed_work(wq: workqueue_struct, dwork: delayed_work, delay: number): KGen<boolean> {
  const pending = __cancel_delayed_work(dwork);
  yield* workqueue.queue_delayed_work(wq, dwork, delay);
  return pending;
}

/**
 * destroy_workqueue(wq): drains it and takes it off the machine's list.
 * @port kernel/workqueue.c v3.15 simplified - flush, then forget it
 */
function* destroy_workqueue(wq: workqueue_struct): KGen {
  yield* workqueue.flush_workqueue(wq);
  const list = st().workqueues;
  const i = list.indexOf(wq);
  if (i >= 0) list.splice(i, 1);
}

/** flush_scheduled_work(): flushes the system workqueue. @port kernel/workqueue.c v3.15 ported */
function* flush_scheduled_work(): KGen {
  yield* workqueue.flush_workqueue(st().system_wq);
}

/** @port kernel/workqueue.c v3.15 simplified - waits for every item queued on `wq` so far */
function* flush_workqueue(wq: workqueue_struct): KGen {
  for (const pool of st().pools) {
    for (const work of [...pool.worklist, ...pool.workers.map((w) => w.current_work)]) {
      if (work !== null && work.wq === wq) yield* workqueue.flush_work(work);
    }
  }
}

/**
 * Cancels a delayed work item whose timer is still armed, without waiting; returns whether it
 * was. A work item already on a worklist is left alone (the caller's next queue_delayed_work()
 * then sees it pending).
 * @port kernel/workqueue.c v3.2 ported
 */
export function __cancel_delayed_work(dwork: delayed_work): boolean {
  const ret = del_timer(dwork.timer);
  if (ret) dwork.work.pending = false;
  return ret;
}

/** cancel_delayed_work(dwork): as __cancel_delayed_work in the model. @port kernel/workqueue.c v3.15 simplified */
export function cancel_delayed_work(dwork: delayed_work): boolean {
  return __cancel_delayed_work(dwork);
}

/** Sets a pool's worker bound (a suite's "limited number of workers"). */
export function set_max_workers(cpu: number, max: number): void {
  st().pools[cpu].max_workers = max;
}

export const workqueue = kernel_functions('kernel/workqueue.c', {
  __queue_work,
  queue_work_on,
  queue_work,
  schedule_work,
  queue_delayed_work_on,
  queue_delayed_work,
  schedule_delayed_work,
  process_one_work,
  create_worker,
  maybe_create_worker,
  worker_thread,
  rescuer_thread,
  flush_work,
  cancel_work_sync,
  cancel_delayed_work_sync,
  flush_workqueue,
  mod_delayed_work,
  flush_scheduled_work,
  destroy_workqueue,
});
