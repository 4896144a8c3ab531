// Hang detection. Three ways a hang is found, all reported in the hung-task format with each
// task's stack and held locks:
//
// - A wait-for cycle closes while other tasks still run (partial hang): checked the moment a
//   task goes to sleep. Waits are followed through whatever they wait on (a lock's owner, a
//   completion's completer, a queued bio's holder, a work item's worker, a polling loop's
//   annotated target). A wait whose waker is unknown is never called stuck.
// - Nothing can run and no timer is pending while a workload task is still alive (global).
// - khungtaskd's own check (kernel/hung_task.c, v3.2): a task in TASK_UNINTERRUPTIBLE whose
//   switch count has not moved for hung_task_timeout_secs of virtual time.
//
// And a fourth the kernel has no detector for (model-only): the run reaches its step bound with
// workload tasks unfinished, a livelock. A task polling in an msleep loop whose condition never
// comes true switches every jiffy, so khungtaskd never names it and nothing is ever quiescent;
// on a real machine the command just never returns.

import { type FindingCycle, formatCallTrace, guiltyFrame } from '../sim/findings.ts';
import { HZ, type Machine, registerBootHook } from '../sim/machine.ts';
import { registerRunEndCheck } from '../sim/run.ts';
import { kcsan_nocheck } from './kcsan.ts';
import { type WaitTarget, type task_struct, TASK_UNINTERRUPTIBLE, contextName } from '../sim/task.ts';
import { LOCK_PRIMITIVES, held_locks_text } from './locking/lockdep.ts';

export const sysctl_hung_task_timeout_secs = 120;

/** Frames that are waiting machinery: a hang is named after the caller. */
const WAIT_PRIMITIVES: ReadonlySet<string> = new Set([
  ...LOCK_PRIMITIVES,
  'msleep',
  'schedule_timeout',
  'schedule_timeout_uninterruptible',
  'io_schedule_timeout',
  'congestion_wait',
  'complete',
  'flush_work',
  'cancel_work_sync',
  'cancel_delayed_work_sync',
  'synchronize_rcu',
  'mempool_alloc',
  'sched_submit_work',
]);

type Node = task_struct | WaitTarget;

function isTask(n: Node): n is task_struct {
  return (n as task_struct).gen !== undefined;
}

/** What a task waits for right now, or null if it is not waiting on anything known. */
function waitOf(m: Machine, t: task_struct): Node | null {
  if (t.exited) return null;
  if (t.interrupted) return m.tasks.find((x) => !x.exited && x.interruptedTask === t) ?? null;
  if (t.pollingOn !== null) return t.pollingOn;
  if (!t.runnable && t.waitingOn !== null) return t.waitingOn;
  return null;
}

/** Whether `target` cannot be satisfied given that the tasks in `stuck` never move. */
function targetStuck(target: WaitTarget, stuck: Set<task_struct>, visiting: Set<WaitTarget>): boolean {
  if (visiting.has(target)) return true;
  visiting.add(target);
  const results: boolean[] = [];
  for (const b of target.blockers()) results.push(isTask(b) ? stuck.has(b) : targetStuck(b, stuck, visiting));
  visiting.delete(target);
  if (results.length === 0) return false;
  // Waiting for all of them (a lock's holders): one stuck blocker is enough. Waiting for any of
  // them (a mempool element back): every one must be stuck.
  return target.anyOf === true ? results.every(Boolean) : results.some(Boolean);
}

/** The greatest set of waiting tasks none of which can ever be woken. */
export function deadlockedTasks(m: Machine): task_struct[] {
  const stuck = new Set<task_struct>();
  for (const t of m.tasks) if (waitOf(m, t) !== null) stuck.add(t);
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of [...stuck]) {
      const w = waitOf(m, t) as Node;
      const ok = isTask(w) ? stuck.has(w) : targetStuck(w, stuck, new Set());
      if (!ok) {
        stuck.delete(t);
        changed = true;
      }
    }
  }
  return m.tasks.filter((t) => stuck.has(t));
}

/** A cheap pre-check on every sleep: does some wait chain from `t` lead back to `t`? */
function reachesItself(m: Machine, t: task_struct): boolean {
  const seen = new Set<Node>();
  const stack: Node[] = [];
  const first = waitOf(m, t);
  if (first === null) return false;
  stack.push(first);
  while (stack.length > 0 && seen.size < 256) {
    const n = stack.pop() as Node;
    if (n === t) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    if (isTask(n)) {
      const w = waitOf(m, n);
      if (w !== null) stack.push(w);
    } else {
      for (const b of n.blockers()) stack.push(b);
    }
  }
  return false;
}

function describeWait(m: Machine, t: task_struct): string {
  const w = waitOf(m, t);
  if (w === null) return t.runnable ? `${contextName(t)} is running` : `${contextName(t)} sleeps until a timer wakes it`;
  if (isTask(w)) return `${contextName(t)} is interrupted by ${contextName(w)}`;
  const holders = [...w.blockers()].map((b) => (isTask(b) ? contextName(b) : b.describe()));
  const how = t.pollingOn !== null ? 'polls (sleeps and checks again) for' : 'waits for';
  return `${contextName(t)} ${how} ${w.describe()}${holders.length ? `, blocked by ${holders.join(', ')}` : ''}`;
}

function taskBlock(t: task_struct): string {
  const state = t.state === TASK_UNINTERRUPTIBLE ? 'D' : t.spinning ? 'R' : 'S';
  return [
    `${t.comm.padEnd(15)} ${state}     0 ${String(t.pid).padStart(5)}      2 0x00000000`,
    formatCallTrace(t.stack),
    held_locks_text(t),
  ].join('\n');
}

/**
 * The waits of `tasks` as a cycle: each task's wait an edge to what blocks it, and the edge that
 * leads back to a task already waiting closes it. Null when the waits close no cycle.
 */
function waitCycleOf(m: Machine, tasks: readonly task_struct[]): FindingCycle | undefined {
  const edges: FindingCycle['edges'] = [];
  for (const t of tasks) {
    const w = waitOf(m, t);
    if (w === null || isTask(w)) continue;
    const label = `${t.pollingOn !== null ? 'polls for' : 'waits for'} ${w.describe()}`;
    for (const b of w.blockers()) edges.push({ from: contextName(t), to: isTask(b) ? contextName(b) : b.describe(), label, closesCycle: false });
  }
  const sources = new Set(edges.map((e) => e.from));
  const closing = edges.map((e, i) => ({ e, i })).filter(({ e }) => sources.has(e.to)).pop();
  if (closing === undefined) return undefined;
  edges[closing.i] = { ...closing.e, closesCycle: true };
  return { kind: 'wait', edges };
}

/** The frame a hang is named after: the caller of the waiting machinery. */
function hangFrame(t: task_struct): string {
  return guiltyFrame(t.stack, WAIT_PRIMITIVES);
}

/**
 * Whether a task waits inside kernel code. A workload task waiting for its own IO to complete
 * has no kernel frame but the one its wait stands for (stand_in_wait; without one its title
 * would say only "__schedule"); a task blocked in the kernel proper names where.
 */
function waitsInKernel(t: task_struct): boolean {
  const f = hangFrame(t);
  return f !== '__schedule' && f !== '(unknown)' && f !== t.standIn;
}

/**
 * The task a hang is titled after: the longest sleeper that really sleeps (a task polling in an
 * msleep loop switches every jiffy, so khungtaskd would never be the one to report it), among
 * those blocked inside the kernel if any is.
 */
function longestSleeper(tasks: task_struct[]): task_struct {
  const sleepers = tasks.filter((t) => t.pollingOn === null);
  const candidates = sleepers.length > 0 ? sleepers : tasks;
  const inKernel = candidates.filter(waitsInKernel);
  return [...(inKernel.length > 0 ? inKernel : candidates)].sort((a, b) => a.blockedSince - b.blockedSince || a.pid - b.pid)[0] as task_struct;
}

function reportHang(m: Machine, tasks: task_struct[], why: string, headline: (t: task_struct) => string, cycle = false, oldest = longestSleeper(tasks)): void {
  const lines: string[] = [];
  // The titled task's block comes first, as the report's title is read from its first block.
  for (const t of [oldest, ...tasks.filter((x) => x !== oldest)]) {
    lines.push(headline(t), `"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`, taskBlock(t), '');
  }
  lines.push(why, ...tasks.map((t) => `  ${describeWait(m, t)}`));
  m.report({
    kind: 'hang',
    title: `INFO: task hung in ${hangFrame(oldest)}`,
    report: lines.join('\n'),
    backtraces: tasks.map((t) => ({ task: contextName(t), stack: [...t.stack] })),
    cycle: cycle ? waitCycleOf(m, tasks) : undefined,
    step: m.steps,
    fatal: true,
  });
}

interface HungTaskState {
  lastCheck: number;
  switchCounts: Map<task_struct, number>;
}

registerBootHook((m) => {
  if (!m.debug) return;
  const st: HungTaskState = { lastCheck: 0, switchCounts: new Map() };
  // The detector follows waits through kernel objects (a bio queued on a bio_set's rescue list,
  // the pages under writeback) from whatever context goes to sleep: the model looking, not
  // kernel code, so KCSAN does not count those reads against the locks that protect them.
  m.observers.push({
    onSleep(t) {
      if (m.stopReason !== null) return;
      kcsan_nocheck(() => {
        if (!reachesItself(m, t)) return;
        const dead = deadlockedTasks(m);
        if (dead.length === 0) return;
        reportHang(m, dead, `Wait-for cycle closed at step ${m.steps}:`, (x) => `INFO: task ${x.comm}:${x.pid} can never be woken (wait-for cycle).`, true);
      });
    },
    onTimeAdvance(jiffies) {
      const timeout = sysctl_hung_task_timeout_secs * HZ;
      if (jiffies - st.lastCheck < timeout) return;
      st.lastCheck = jiffies;
      kcsan_nocheck(() => check_hung_uninterruptible_tasks(m, st));
    },
  });
});

/**
 * khungtaskd: a task in D state whose switch count has not moved since the last check.
 * @port kernel/hung_task.c v3.2 simplified - checks every task at each timeout interval
 */
function check_hung_uninterruptible_tasks(m: Machine, st: HungTaskState): void {
  const hung: task_struct[] = [];
  for (const t of m.tasks) {
    if (t.exited || t.kind !== 'task' || t.state !== TASK_UNINTERRUPTIBLE) continue;
    const before = st.switchCounts.get(t);
    st.switchCounts.set(t, t.nvcsw);
    if (before === t.nvcsw && !t.runnable) hung.push(t);
  }
  if (hung.length > 0) {
    reportHang(m, hung, 'Waits at the time of the report:', (t) => `INFO: task ${t.comm}:${t.pid} blocked for more than ${sysctl_hung_task_timeout_secs} seconds.`);
  }
}

// Global hang: the machine is quiescent (nothing runnable, no timer) with workload tasks left.
// Besides the workload tasks left, the kernel threads asleep in D state are listed, as
// khungtaskd would list them; when there are any, the title names the first of them in the
// task list, as khungtaskd would report it first: the IO the workload waits for is stuck in the
// kernel's own threads (a raid1d in freeze_array, a kworker in a mempool), and the tasks
// waiting behind them only show where it surfaced.
registerRunEndCheck('quiescent', (m) => {
  if (!m.debug) return;
  reportGlobalHang(m);
});

function reportGlobalHang(m: Machine): void {
  const left = m.workloadLeft();
  if (left.length === 0) return;
  const blockedDaemons = m.tasks.filter((t) => !t.exited && t.daemon && t.kind === 'task' && t.state === TASK_UNINTERRUPTIBLE && !t.runnable);
  const dead = deadlockedTasks(m);
  reportHang(
    m,
    [...left, ...blockedDaemons],
    dead.length > 0 ? 'Nothing can run and no timer is pending; waits:' : 'Nothing can run and no timer is pending; waits (no wait-for cycle known):',
    (t) => `INFO: task ${t.comm}:${t.pid} blocked with nothing left to run.`,
    dead.length > 0,
    blockedDaemons.length > 0 ? blockedDaemons[0] : longestSleeper(left),
  );
}

// Livelock: the step bound reached with workload tasks unfinished (no run of the suites reaches
// it otherwise: measured over 60 baseline schedules of every suite), or the bound of virtual
// time, an hour, with workload tasks still waiting on timers that keep firing (a program polling
// for a state that never comes: mdadm --wait for a resync that never runs; no baseline run of any
// suite reaches that bound, measured at stop 32 over every suite's default budget). Named after
// the task that polls, else the one that has waited longest, else the first left. The kernel
// threads asleep inside their work are listed after the workload's: what the poll waits for is
// often one of them (two md resyncs each asleep on resync_wait for the other).
for (const phase of ['step-limit', 'time-limit'] as const) {
  registerRunEndCheck(phase, (m) => {
    if (!m.debug) return;
    reportLivelock(m);
  });
}

/**
 * Whether a kernel thread sleeps inside a function its thread function called (md_do_sync() of
 * an mdX_resync thread, a work item of a kworker) rather than in its thread function's own wait
 * for work (md_thread()'s, worker_thread()'s), which is where an idle thread always sleeps.
 */
function asleepInItsWork(t: task_struct): boolean {
  return t.stack.filter((f) => !WAIT_PRIMITIVES.has(f)).length > 1;
}

function reportLivelock(m: Machine): void {
  const left = m.workloadLeft();
  if (left.length === 0) return;
  const polling = left.filter((t) => t.pollingOn !== null);
  const named = polling[0] ?? [...left].sort((a, b) => a.blockedSince - b.blockedSince || a.pid - b.pid)[0];
  const asleepInWork = m.tasks.filter((t) => !t.exited && t.daemon && t.kind === 'task' && !t.runnable && !t.spinning && asleepInItsWork(t));
  const lines = [
    `livelock: ${left.length} workload task${left.length === 1 ? '' : 's'} still unfinished after ${m.steps} steps (${m.jiffies} jiffies).`,
    ...[named, ...left.filter((t) => t !== named)].flatMap((t) => [taskBlock(t), '']),
    ...(asleepInWork.length > 0 ? ['Kernel threads asleep inside their work (not waiting for more of it):', ...asleepInWork.flatMap((t) => [taskBlock(t), ''])] : []),
    'Waits at the time of the report:',
    ...[...left, ...asleepInWork].map((t) => `  ${describeWait(m, t)}`),
  ];
  m.report({
    kind: 'livelock',
    title: `livelock in ${guiltyFrame(named.stack, WAIT_PRIMITIVES)}`,
    report: lines.join('\n'),
    backtraces: left.map((t) => ({ task: contextName(t), stack: [...t.stack] })),
    step: m.steps,
    fatal: true,
  });
}
