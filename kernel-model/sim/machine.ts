// The simulated machine: CPUs, tasks and interrupt contexts, the step loop, virtual time and
// timers. It knows nothing of locks, patches or reports: primitives block and wake tasks
// through its small API, and debug facilities watch it through observers.
//
// One step = one scheduling decision: pick a runnable entity (or a pending interrupt to deliver
// on a CPU that can take it) and run it to its next yield. Virtual time (jiffies) moves only when
// nothing can run and a timer is pending.

import type { DecisionKind, DecisionSource } from './decisions.ts';
import { encodeDecisions } from './decisions.ts';
import { type FaultPlan, type FaultState, defaultPlan, faultState, formatPlan, noFaults, should_fail } from './faults.ts';
import { type Finding, dumpStackHeader, formatCallTrace, guiltyFrame } from './findings.ts';
import {
  type ContextKind,
  type KGen,
  type task_struct,
  TASK_DEAD,
  contextName,
  newTaskStruct,
  preemptible,
  task_exit_work,
} from './task.ts';

export const HZ = 1000;

export interface MachineConfig {
  cpus: number;
  source: DecisionSource;
  plan?: FaultPlan;
  /** Step bound: reaching it with work still runnable is a livelock outcome. */
  maxSteps?: number;
  /** Virtual-time bound in jiffies. */
  maxJiffies?: number;
  /** Keep the text event log (replay, determinism checks); the hash is kept always. */
  trace?: boolean;
  /** Debug facilities to run; all on unless switched off (the bench measures both). */
  debug?: boolean;
  /**
   * The base of the translated kernel the machine runs ("v3.2", "v3.15"): where the runtime's
   * calls up into kernel code (schedule() -> sched_submit_work) land. Null for the runtime alone.
   */
  base?: string | null;
}

export type StopReason = 'quiescent' | 'fatal' | 'step-limit' | 'time-limit';

/** A pending interrupt: a device completion (hardirq) or deferred work (softirq). */
export interface PendingIrq {
  seq: number;
  kind: Exclude<ContextKind, 'task'>;
  name: string;
  /** CPU it was raised on, or -1 for any CPU. */
  cpu: number;
  handler: () => KGen;
}

export interface SimTimer {
  expires: number;
  seq: number;
  name: string;
  fn: () => KGen;
  pending: boolean;
  /** Handlers of this timer raised and not yet finished (del_timer_sync() waits for them). */
  running: number;
  /** Tasks spinning in del_timer_sync() until the handler ends. */
  syncWaiters: task_struct[];
}

/** What a trace event records, for the event log and the report's per-task timeline. */
export type TraceKind =
  | 'note'
  | 'spawn'
  | 'run'
  | 'preempt'
  | 'block'
  | 'wake'
  | 'irq'
  | 'exit'
  | 'time'
  | 'fault'
  | 'finding'
  | 'acquire'
  | 'release';

export interface TraceEvent {
  step: number;
  jiffies: number;
  kind: TraceKind;
  /** The entity it is about ("comm:pid"), if any. */
  task: string | null;
  text: string;
}

/** Debug facilities watch the machine through these; all optional. */
export interface MachineObserver {
  /** A task just went to sleep or started spinning (its wait target is set). */
  onSleep?(t: task_struct): void;
  /** A sleeping or spinning task was made runnable again. */
  onWake?(t: task_struct, wasSpinning: boolean): void;
  /** Virtual time moved forward. */
  onTimeAdvance?(jiffies: number): void;
  /** An entity finished. */
  onExit?(t: task_struct): void;
}

interface Cpu {
  id: number;
  curr: task_struct | null;
}

type BootHook = (m: Machine) => void;
const bootHooks: BootHook[] = [];

/**
 * Lets a subsystem set up its per-machine state when a machine boots (lockdep's graph, the
 * workqueue pools, RCU's grace-period state), in registration order.
 */
export function registerBootHook(hook: BootHook): void {
  bootHooks.push(hook);
}

/**
 * Per-machine state of a subsystem: `init` runs at every boot, and the returned accessor gives
 * the state of the machine booted last (one machine runs at a time in a process). Cheaper than a
 * map lookup on every lock operation.
 */
export function perMachine<T>(init: (m: Machine) => T): () => T {
  let value: T | undefined;
  registerBootHook((m) => {
    value = init(m);
  });
  return () => value as T;
}

/** Thrown by kernel code to end the run after an oops, BUG or KASAN report (panic_on_warn). */
export class KernelPanic extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'KernelPanic';
  }
}

let M: Machine | null = null;

/**
 * What turns an exception thrown by a task's kernel code into an oops (arch/x86/mm/fault.ts
 * registers it): true when it reported one and the run ends on it.
 */
type KernelFaultHandler = (t: task_struct, err: unknown) => boolean;
let kernelFault: KernelFaultHandler | null = null;

export function registerKernelFaultHandler(handler: KernelFaultHandler): void {
  kernelFault = handler;
}

/**
 * Passes through translated loops a context may make without reaching a scheduling point before
 * it counts as a CPU that never schedules (the kernel's softlockup watchdog fires after 20 s).
 */
export const LOOP_PASS_LIMIT = 1_000_000;

/**
 * One pass through a translated loop: the translator puts a call at the top of every loop body
 * of the C. A loop that can never end (a list entry never unlinked, a flag never cleared) is
 * reported as the kernel's watchdog would report it, instead of hanging the simulator, which
 * cannot preempt JavaScript that never yields.
 */
export function loop_tick(): void {
  const m = M as Machine;
  if (++m.loopPasses > LOOP_PASS_LIMIT) m.softLockup();
}

const NO_SKIP: ReadonlySet<string> = new Set();

/** The machine that is running (or being set up). */
export function machine(): Machine {
  if (M === null) throw new Error('no simulated machine is active');
  return M;
}

/** The machine that is running, or null between runs (struct makers called at module load). */
export function machineOrNull(): Machine | null {
  return M;
}

/** The entity executing kernel code right now: `current` in the kernel. */
export function current(): task_struct {
  return (M as Machine).current;
}

const FNV_PRIME = 0x01000193;

export class Machine {
  readonly ncpus: number;
  readonly cpus: Cpu[];
  readonly plan: FaultPlan;
  readonly debug: boolean;
  readonly base: string | null;
  readonly maxSteps: number;
  readonly maxJiffies: number;

  jiffies = 0;
  steps = 0;
  /** Loop passes since the running context last reached a scheduling point (loop_tick). */
  loopPasses = 0;
  current: task_struct;
  private readonly swapper: task_struct;
  /** Every entity ever created, in creation order. */
  readonly tasks: task_struct[] = [];
  readonly findings: Finding[] = [];
  readonly observers: MachineObserver[] = [];
  /** Per-subsystem state set up by boot hooks, keyed by subsystem name. */
  readonly subsys = new Map<string, unknown>();
  /** The decisions made, in order; replaying them gives the same run. */
  readonly decisions: number[] = [];
  /** Event log lines and events (only with trace), and a running hash of the schedule (always). */
  readonly trace: string[] | null;
  readonly events: TraceEvent[] | null;
  hash = 0x811c9dc5;
  stopReason: StopReason | null = null;
  fatalFinding: Finding | null = null;

  private readonly source: DecisionSource;
  private readonly runq: task_struct[] = [];
  private readonly irqs: PendingIrq[] = [];
  private readonly timers: SimTimer[] = [];
  private readonly failslab: FaultState;
  /** fail_page_alloc over the plan's page sites: only a task's fail-nth decides (FaultPlan.pageSites). */
  private readonly failPageAlloc: FaultState;
  private nextPid = 1;
  private seq = 0;
  private readonly candTask: (task_struct | null)[] = [];
  private readonly candIrq: (PendingIrq | null)[] = [];
  private readonly candIds: number[] = [];
  private readonly cpuChoice: number[] = [];

  constructor(cfg: MachineConfig) {
    this.ncpus = cfg.cpus;
    this.cpus = Array.from({ length: cfg.cpus }, (_, id) => ({ id, curr: null }));
    this.source = cfg.source;
    this.plan = cfg.plan ?? defaultPlan();
    this.debug = cfg.debug ?? true;
    this.base = cfg.base ?? null;
    this.maxSteps = cfg.maxSteps ?? 200_000;
    this.maxJiffies = cfg.maxJiffies ?? 3600 * HZ;
    this.trace = cfg.trace === true ? [] : null;
    this.events = cfg.trace === true ? [] : null;
    this.failslab = faultState(this.plan.failslab);
    this.failPageAlloc = faultState({ ...noFaults(), sites: this.plan.pageSites });
    // Boot code runs in the context of "swapper" (pid 0), which never steps.
    this.swapper = newTaskStruct(0, 'swapper', 'task', idleGen(), true);
    this.swapper.exited = true;
    this.current = this.swapper;
    // The running machine is process-global: kernel code reaches it as `current` does.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    M = this;
    this.log(`boot cpus=${cfg.cpus} plan: ${formatPlan(this.plan)}`);
    for (const hook of bootHooks) hook(this);
  }

  // --- decisions --------------------------------------------------------------------------

  /** Draws a choice among n alternatives from the decision stream and records it. */
  decide(kind: DecisionKind, n: number): number {
    if (n <= 1) return 0;
    const v = this.source.choose(kind, n);
    this.decisions.push(v);
    this.hash = Math.imul(this.hash ^ (v + 1), FNV_PRIME);
    return v;
  }

  decisionString(): string {
    return encodeDecisions(this.decisions);
  }

  /** should_fail() against the run's failslab attributes (armed once boot is over). */
  shouldFailSlab(site: string, size: number): boolean {
    if (this.current.pid === 0) return false;
    const failed = should_fail(this.failslab, site, size, this.current, (n) => this.decide('fault', n));
    if (failed && this.tracing) this.emit('fault', this.current, `fault-injected ${site} size=${size} in ${contextName(this.current)}`);
    return failed;
  }

  /** should_fail() against fail_page_alloc: a page the current task's fail-nth asks to fail. */
  shouldFailPageAlloc(site: string, size: number): boolean {
    if (this.current.pid === 0 || this.current.fail_nth === 0 || this.plan.pageSites.length === 0) return false;
    const failed = should_fail(this.failPageAlloc, site, size, this.current, (n) => this.decide('fault', n));
    if (failed && this.tracing) this.emit('fault', this.current, `fault-injected page in ${site} in ${contextName(this.current)}`);
    return failed;
  }

  get faultsInjected(): number {
    return this.failslab.injected + this.failPageAlloc.injected;
  }

  /**
   * Runs boot-time kernel code (subsystem init) to completion in the context of pid 0, before
   * any task exists: its scheduling points are no-ops, and it must never block.
   */
  bootCall<T>(gen: KGen<T>): T {
    const prev = this.current;
    this.current = this.swapper;
    let r = gen.next();
    for (let i = 0; !r.done; i++) {
      if (i > 100_000) throw new Error(`boot-time kernel code blocked in ${this.swapper.stack.join(' > ')}`);
      this.loopPasses = 0;
      r = gen.next();
    }
    this.current = prev;
    return r.value;
  }

  // --- entities -----------------------------------------------------------------------------

  /** Creates a task that runs `body` (kernel_thread / kthread_run / a scenario's user task). */
  /** The workload's tasks that have not finished (kernel threads, daemons, are not counted). */
  workloadLeft(): task_struct[] {
    return this.tasks.filter((t) => !t.exited && !t.daemon);
  }

  /**
   * `stopped`: the task is made but not yet runnable (copy_process() before wake_up_new_task():
   * its creator fills in what it inherits, then activates it).
   */
  spawn(comm: string, body: () => KGen, opts: { daemon?: boolean; stopped?: boolean } = {}): task_struct {
    const t = newTaskStruct(this.nextPid++, comm, 'task', body(), opts.daemon ?? false);
    this.tasks.push(t);
    if (opts.stopped !== true) this.activate(t);
    if (this.tracing) this.emit('spawn', t, `spawn ${contextName(t)}`);
    return t;
  }

  /** Raises an interrupt to be delivered at a point the decision stream picks. */
  raiseIrq(kind: PendingIrq['kind'], name: string, handler: () => KGen, cpu = -1): void {
    this.irqs.push({ seq: this.seq++, kind, name, cpu, handler });
  }

  /** Puts a sleeping task back on the run queue (the wake half of try_to_wake_up). */
  activate(t: task_struct): void {
    if (t.runnable || t.exited) return;
    const wasSpinning = t.spinning;
    t.runnable = true;
    t.spinning = false;
    t.waitingOn = null;
    this.runq.push(t);
    for (let i = 0; i < this.observers.length; i++) this.observers[i].onWake?.(t, wasSpinning);
  }

  /** Takes the current task off the run queue; it leaves its CPU at its next yield. */
  deactivate(t: task_struct): void {
    if (!t.runnable) return;
    t.runnable = false;
    if (!t.spinning) t.nvcsw++;
    t.blockedSince = this.steps;
    const i = this.runq.indexOf(t);
    this.runq.splice(i, 1);
    if (this.tracing) this.emit('block', t, `${t.spinning ? 'spin' : 'sleep'} ${contextName(t)}${t.waitingOn ? ` on ${t.waitingOn.describe()}` : ''}`);
    for (let k = 0; k < this.observers.length; k++) this.observers[k].onSleep?.(t);
  }

  /** The current task spins (for a spinlock): it keeps its CPU but cannot step until woken. */
  spinOn(t: task_struct): void {
    t.spinning = true;
    this.deactivate(t);
  }

  // --- timers -------------------------------------------------------------------------------

  addTimer(timer: SimTimer): void {
    timer.seq = this.seq++;
    timer.pending = true;
    let i = this.timers.length;
    while (i > 0 && compareTimers(this.timers[i - 1], timer) > 0) i--;
    this.timers.splice(i, 0, timer);
  }

  /** Removes a pending timer; returns whether it was pending (del_timer's return value). */
  removeTimer(timer: SimTimer): boolean {
    if (!timer.pending) return false;
    timer.pending = false;
    this.timers.splice(this.timers.indexOf(timer), 1);
    return true;
  }

  // --- findings and log ---------------------------------------------------------------------

  /** The softlockup watchdog's report for the running context; ends the run. */
  softLockup(): never {
    const t = this.current;
    const report = [
      `BUG: soft lockup - CPU#${Math.max(t.cpu, 0)} stuck for 22s! [${t.comm}:${t.pid}]`,
      'Modules linked in:',
      dumpStackHeader(this.base, t),
      formatCallTrace(t.stack),
    ].join('\n');
    this.report({ kind: 'bug', title: `BUG: soft lockup in ${guiltyFrame(t.stack, NO_SKIP)}`, report, backtraces: [{ task: contextName(t), stack: [...t.stack] }], step: this.steps, fatal: true });
    throw new KernelPanic('soft lockup');
  }

  /** Records a finding (first of each title per run); a fatal one stops the run. */
  report(f: Finding): void {
    if (!this.findings.some((g) => g.title === f.title)) this.findings.push(f);
    if (this.tracing) this.emit('finding', this.current, `finding ${f.kind}: ${f.title}`);
    if (f.fatal && this.fatalFinding === null) {
      this.fatalFinding = f;
      this.stopReason = 'fatal';
    }
  }

  /** Whether events are being recorded: check before building an event's text. */
  get tracing(): boolean {
    return this.trace !== null;
  }

  emit(kind: TraceKind, t: task_struct | null, text: string): void {
    if (this.trace === null || this.events === null) return;
    this.events.push({ step: this.steps, jiffies: this.jiffies, kind, task: t === null ? null : contextName(t), text });
    this.trace.push(`[${this.steps}:${this.jiffies}] ${text}`);
  }

  log(line: string): void {
    if (this.trace !== null) this.emit('note', null, line);
  }

  // --- the step loop ------------------------------------------------------------------------

  /**
   * Runs until nothing can run and no timer is pending (quiescent), a fatal finding, or a bound.
   * Can be called again after more work was added (a scenario's teardown phase).
   */
  run(): StopReason {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    M = this;
    this.stopReason = null;
    while (this.stopReason === null) {
      if (this.steps >= this.maxSteps) {
        this.stopReason = 'step-limit';
        break;
      }
      const n = this.collectCandidates();
      if (n === 0) {
        if (!this.advanceTime()) this.stopReason = 'quiescent';
        continue;
      }
      let k = 0;
      if (n > 1) {
        k = this.source.pickTask(this.candIds, n, this.steps);
        this.decisions.push(k);
      }
      const t = this.candTask[k];
      if (t !== null) this.stepTask(t);
      else this.deliverIrq(this.candIrq[k] as PendingIrq);
    }
    return this.stopReason;
  }

  /** Fills the candidate arrays; returns how many there are. */
  private collectCandidates(): number {
    const ct = this.candTask;
    const ci = this.candIrq;
    const ids = this.candIds;
    let n = 0;
    const free = this.hasPreemptibleCpu();
    for (let i = 0; i < this.runq.length; i++) {
      const t = this.runq[i];
      if (t.interrupted) continue;
      if (t.cpu >= 0 ? true : free) {
        ct[n] = t;
        ci[n] = null;
        ids[n] = t.pid;
        n++;
      }
    }
    for (let i = 0; i < this.irqs.length; i++) {
      const irq = this.irqs[i];
      if (this.irqCpus(irq, null) > 0) {
        ct[n] = null;
        ci[n] = irq;
        ids[n] = -1 - irq.seq;
        n++;
      }
    }
    // The arrays keep stale entries past n: resizing them every step costs more than it saves.
    return n;
  }

  private hasPreemptibleCpu(): boolean {
    for (let i = 0; i < this.cpus.length; i++) {
      const c = this.cpus[i].curr;
      if (c === null || (preemptible(c) && !c.spinning && !c.interrupted)) return true;
    }
    return false;
  }

  /** Counts (and with `out`, lists) the CPUs that can take `irq` now. */
  private irqCpus(irq: PendingIrq, out: number[] | null): number {
    let n = 0;
    for (let i = 0; i < this.cpus.length; i++) {
      if (irq.cpu >= 0 && irq.cpu !== i) continue;
      const top = this.cpus[i].curr;
      const ok =
        top === null ||
        (irq.kind === 'hardirq'
          ? !top.irqs_disabled
          : top.kind === 'task' && !top.irqs_disabled && top.softirq_disable_count === 0);
      if (ok) {
        if (out !== null) out.push(i);
        n++;
      }
    }
    return n;
  }

  private stepTask(t: task_struct): void {
    if (t.cpu < 0) this.placeOnCpu(t);
    this.current = t;
    this.steps++;
    this.loopPasses = 0;
    t.lastRan = this.jiffies;
    this.hash = Math.imul(this.hash ^ t.pid, FNV_PRIME);
    if (this.trace !== null) this.emit('run', t, `run ${contextName(t)} cpu${t.cpu}`);
    let done: boolean | undefined;
    try {
      done = t.gen.next().done;
    } catch (err) {
      if (err instanceof KernelPanic || kernelFault?.(t, err) === true) {
        this.log(`panic: ${err instanceof KernelPanic ? err.reason : 'oops'}`);
        this.stopReason = 'fatal';
        return;
      }
      throw err;
    }
    if (done === true && t.kind === 'task' && !t.exiting) {
      // The body returned: do_exit()'s releases run next, in the task's own context.
      t.exiting = true;
      t.gen = task_exit_work(t);
    } else if (done === true) this.exitEntity(t);
    else if (!t.runnable && !t.spinning) this.leaveCpu(t);
  }

  /** Puts an off-CPU task on an idle CPU, or preempts a preemptible one. */
  private placeOnCpu(t: task_struct): void {
    const choice = this.cpuChoice;
    choice.length = 0;
    for (const c of this.cpus) if (c.curr === null) choice.push(c.id);
    if (choice.length === 0) {
      for (const c of this.cpus) {
        const cur = c.curr as task_struct;
        if (preemptible(cur) && !cur.spinning && !cur.interrupted) choice.push(c.id);
      }
    }
    const cpu = this.cpus[choice[choice.length === 1 ? 0 : this.decide('cpu', choice.length)]];
    const prev = cpu.curr;
    if (prev !== null) {
      prev.cpu = -1;
      if (this.tracing) this.emit('preempt', prev, `preempt ${contextName(prev)} cpu${cpu.id}`);
    }
    cpu.curr = t;
    t.cpu = cpu.id;
  }

  private leaveCpu(t: task_struct): void {
    if (t.cpu >= 0 && this.cpus[t.cpu].curr === t) this.cpus[t.cpu].curr = null;
    t.cpu = -1;
  }

  private deliverIrq(irq: PendingIrq): void {
    const choice = this.cpuChoice;
    choice.length = 0;
    this.irqCpus(irq, choice);
    const cpu = this.cpus[choice[choice.length === 1 ? 0 : this.decide('cpu', choice.length)]];
    this.irqs.splice(this.irqs.indexOf(irq), 1);
    const ctx = newTaskStruct(this.nextPid++, irq.name, irq.kind, irq.handler(), true);
    this.tasks.push(ctx);
    const top = cpu.curr;
    ctx.interruptedTask = top;
    if (top !== null) top.interrupted = true;
    cpu.curr = ctx;
    ctx.cpu = cpu.id;
    this.activate(ctx);
    if (this.tracing) this.emit('irq', ctx, `${irq.kind} ${irq.name} on cpu${cpu.id}${top ? ` interrupting ${contextName(top)}` : ''}`);
    this.stepTask(ctx);
  }

  private exitEntity(t: task_struct): void {
    t.exited = true;
    t.state = TASK_DEAD;
    if (t.runnable) {
      t.runnable = false;
      this.runq.splice(this.runq.indexOf(t), 1);
    }
    if (t.kind !== 'task') {
      const cpu = this.cpus[t.cpu];
      cpu.curr = t.interruptedTask;
      if (t.interruptedTask !== null) t.interruptedTask.interrupted = false;
      t.cpu = -1;
    } else {
      this.leaveCpu(t);
    }
    if (this.tracing) this.emit('exit', t, `exit ${contextName(t)}`);
    for (const o of this.observers) o.onExit?.(t);
  }

  /** A timer's handler; when it ends, whoever waits in del_timer_sync() for it goes on. */
  private *runTimer(timer: SimTimer): KGen {
    try {
      yield* timer.fn();
    } finally {
      timer.running--;
      if (timer.running === 0) for (const t of timer.syncWaiters.splice(0)) this.activate(t);
    }
  }

  /** Moves virtual time to the next timer and fires every timer due; false when none is left. */
  private advanceTime(): boolean {
    if (this.timers.length === 0) return false;
    const next = this.timers[0].expires;
    if (next > this.maxJiffies) {
      this.stopReason = 'time-limit';
      return true;
    }
    if (next > this.jiffies) this.jiffies = next;
    this.steps++;
    if (this.tracing) this.emit('time', null, `jiffies -> ${this.jiffies}`);
    while (this.timers.length > 0 && this.timers[0].expires <= this.jiffies) {
      const timer = this.timers.shift() as SimTimer;
      timer.pending = false;
      // Timer callbacks run from the timer softirq on the CPU that armed them; any CPU here.
      timer.running++;
      this.raiseIrq('softirq', `timer:${timer.name}`, () => this.runTimer(timer));
    }
    for (const o of this.observers) o.onTimeAdvance?.(this.jiffies);
    return true;
  }
}

function compareTimers(a: SimTimer, b: SimTimer): number {
  return a.expires - b.expires || a.seq - b.seq;
}

function* idleGen(): KGen {}
