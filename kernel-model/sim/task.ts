// The simulated task: the kernel's task_struct fields the model needs, plus the simulator's own
// bookkeeping (generator, CPU, run-queue membership, what it waits on, its shadow stack).
// Other kernel-model files add the fields they own (bio_list, plug, cgroup) by declaration
// merging and initialise them through registerTaskInit, as copy_process() does in the kernel.

/** A kernel code path: a generator that yields at every point where the machine may switch. */
export type KGen<T = void> = Generator<void, T, void>;

export const TASK_RUNNING = 0;
export const TASK_INTERRUPTIBLE = 1;
export const TASK_UNINTERRUPTIBLE = 2;
export const TASK_DEAD = 64;

/** task_struct.flags */
export const PF_MEMALLOC = 0x00000800;
export const PF_KTHREAD = 0x00200000;
export const PF_WQ_WORKER = 0x00000020;

/** What kind of context a schedulable entity is: a task, or an interrupt running on a CPU. */
export type ContextKind = 'task' | 'hardirq' | 'softirq';

/**
 * Something a blocked task waits for. The wait-for graph (hung-task detection) follows
 * `blockers()` from a waiting task to the tasks that must act before it can go on: the owner of
 * a lock, the task holding a queued bio on its bio_list, the worker of a pending work item.
 */
export interface WaitTarget {
  describe(): string;
  blockers(): Iterable<task_struct | WaitTarget>;
  /** The waiter goes on when any one blocker acts (a mempool element returned), not all. */
  readonly anyOf?: boolean;
}

export interface task_struct {
  pid: number;
  comm: string;
  state: number;
  flags: number;
  /** Voluntary context switches: the hung-task check looks for a count that does not move. */
  nvcsw: number;
  /** Priority-inheritance waiter while blocked on an rt_mutex (tsk_is_pi_blocked). */
  pi_blocked_on: WaitTarget | null;

  // --- simulator bookkeeping ---
  kind: ContextKind;
  gen: KGen;
  /** Kernel threads and workers idle forever by design; they do not keep a scenario alive. */
  daemon: boolean;
  /** CPU the entity is on, or -1 when it is off every CPU (runnable but not running). */
  cpu: number;
  /** On the run queue: can be picked (not sleeping, not spinning). */
  runnable: boolean;
  /** Spinning for a spinlock: not runnable, but keeps its CPU. */
  spinning: boolean;
  /** An interrupt context runs on top of this task; it cannot step until that returns. */
  interrupted: boolean;
  /** The task an interrupt context interrupted (null: the CPU was idle). */
  interruptedTask: task_struct | null;
  /** In do_exit(): the body has returned, the exit work runs. */
  exiting: boolean;
  exited: boolean;
  /** What the task is blocked on, for the wait-for graph and reports. */
  waitingOn: WaitTarget | null;
  /** A polling wait (an msleep loop) annotated with what it is really waiting for. */
  pollingOn: WaitTarget | null;
  /** Jiffy at which the task last ran, for hung-task reports. */
  lastRan: number;
  /** Step at which it last went to sleep (the oldest sleeper names a hang). */
  blockedSince: number;

  /** preempt_count without the hardirq/softirq context bits (those come from `kind`). */
  preempt_count: number;
  irqs_disabled: boolean;
  softirq_disable_count: number;
  rcu_read_lock_nesting: number;
  /** Completed outermost RCU read sections; a grace period waits for a reader to move on. */
  rcu_read_sections: number;
  /** /proc/thread-self/fail-nth: the task's N-th injectable call from now fails (0: off). */
  fail_nth: number;

  /** The shadow stack: kernel function names, outermost first, for backtraces. */
  stack: string[];
  /**
   * The kernel function a workload's own code stands for while it waits (stand_in_wait: its
   * frame is on the stack), or null: khungtaskd prefers tasks blocked in the kernel proper.
   */
  standIn: string | null;
}

type TaskInit = (t: task_struct) => void;
const taskInits: TaskInit[] = [];

type TaskExit = (t: task_struct) => KGen;
const taskExits: TaskExit[] = [];

/** Lets a subsystem release what a task owns when it exits, as do_exit() does (its IO context). */
export function registerTaskExit(exit: TaskExit): void {
  taskExits.push(exit);
}

/** do_exit()'s releases for `t`, run at the end of its body, in its own context. */
export function* task_exit_work(t: task_struct): KGen {
  for (const exit of taskExits) yield* exit(t);
}

/** Lets a subsystem initialise the task_struct fields it owns, like copy_process() does. */
export function registerTaskInit(init: TaskInit): void {
  taskInits.push(init);
}

export function newTaskStruct(pid: number, comm: string, kind: ContextKind, gen: KGen, daemon: boolean): task_struct {
  // The fields other subsystems own are filled in by their task-init hooks just below.
  const t = {
    pid,
    comm,
    state: TASK_RUNNING,
    flags: kind === 'task' && daemon ? PF_KTHREAD : 0,
    nvcsw: 0,
    pi_blocked_on: null,
    kind,
    gen,
    daemon,
    cpu: -1,
    runnable: false,
    spinning: false,
    interrupted: false,
    interruptedTask: null,
    exiting: false,
    exited: false,
    waitingOn: null,
    pollingOn: null,
    lastRan: 0,
    blockedSince: 0,
    preempt_count: 0,
    irqs_disabled: kind === 'hardirq',
    softirq_disable_count: 0,
    rcu_read_lock_nesting: 0,
    rcu_read_sections: 0,
    fail_nth: 0,
    stack: [],
    standIn: null,
  } satisfies Partial<task_struct> as unknown as task_struct;
  for (const init of taskInits) init(t);
  return t;
}

/** Whether the entity may be switched off its CPU at its current yield point. */
export function preemptible(t: task_struct): boolean {
  return (
    t.kind === 'task' &&
    t.preempt_count === 0 &&
    !t.irqs_disabled &&
    t.softirq_disable_count === 0 &&
    t.rcu_read_lock_nesting === 0
  );
}

/** The context name the kernel prints ("kworker/0:1", "<IRQ>"). */
export function contextName(t: task_struct): string {
  return t.kind === 'task' ? `${t.comm}:${t.pid}` : `${t.comm} (${t.kind})`;
}
