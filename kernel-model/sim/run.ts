// One run of a scenario on a fresh machine: boot, the workload phase until the machine is
// quiescent, the end checks of that phase (a global hang), then the scenario's teardown phase
// and its end checks (leaks, lost IO). Everything follows from the decision source and the
// fault plan, so the result (and the event log, with trace on) is a function of them.

import type { DecisionSource } from './decisions.ts';
import type { FaultPlan } from './faults.ts';
import { formatPlan } from './faults.ts';
import type { Finding } from './findings.ts';
import { Machine, type TraceEvent } from './machine.ts';
import type { KGen } from './task.ts';
import { initcallsOf } from './initcalls.ts';
import { kcsan_nocheck } from '../kernel/kcsan.ts';

/** A workload on the simulated machine: tasks it starts, and how it cleans up. */
export interface Program {
  cpus: number;
  maxSteps?: number;
  /** The translated kernel the machine runs ("v3.2", "v3.15"); its initcalls run at boot. */
  base?: string;
  /** Starts the workload's tasks (and sets up devices, cgroups...) on the booted machine. */
  setup(m: Machine): void;
  /** Runs as a task once the workload is done: unmount, remove cgroups, free what it made. */
  teardown?: () => KGen;
}

/**
 * 'booted': the initcalls have run; 'quiescent': the workload is done; 'teardown': all is;
 * 'step-limit' and 'time-limit': the run reached its step bound, or its bound of virtual time
 * (an hour), before any of that.
 */
export type EndPhase = 'booted' | 'quiescent' | 'teardown' | 'step-limit' | 'time-limit';
type EndCheck = (m: Machine) => void;
const endChecks: { phase: EndPhase; check: EndCheck }[] = [];

/** Lets a debug facility check the machine when a phase of a run ends (with KCSAN off: endPhase). */
export function registerRunEndCheck(phase: EndPhase, check: EndCheck): void {
  endChecks.push({ phase, check });
}

/**
 * A check of `base`'s model once its workload is done and nothing is in flight: nothing
 * runnable, no timer left, no workload task waiting (with one left the run hangs, its IO still
 * in flight, and kernel/hung_task.ts reports that instead). Debug runs only.
 */
export function registerQuiescentCheck(base: string, check: EndCheck): void {
  registerRunEndCheck('quiescent', (m) => {
    if (!m.debug || m.base !== base || m.workloadLeft().length > 0) return;
    check(m);
  });
}

export interface RunOptions {
  source: DecisionSource;
  plan?: FaultPlan;
  trace?: boolean;
  debug?: boolean;
  maxSteps?: number;
}

export type RunOutcome = 'completed' | 'found' | 'livelock' | 'time-limit';

export interface RunResult {
  outcome: RunOutcome;
  findings: Finding[];
  /** The decision string that replays this run (encoded when read). */
  readonly decisions: string;
  steps: number;
  jiffies: number;
  faultsInjected: number;
  hash: number;
  plan: string;
  log: string[] | null;
  events: TraceEvent[] | null;
}

function endPhase(m: Machine, phase: EndPhase): void {
  for (const e of endChecks) {
    // A check reads kernel state from outside any context (the task that ran last is still
    // current): not kernel code racing with it, so KCSAN does not look.
    if (e.phase === phase && m.stopReason !== 'fatal') kcsan_nocheck(() => e.check(m));
  }
}

/** How the run ended, if it has: a fatal finding or a bound; null while it may go on. */
function ended(m: Machine): RunOutcome | null {
  if (m.stopReason === 'fatal') return 'found';
  if (m.stopReason === 'step-limit') return 'livelock';
  if (m.stopReason === 'time-limit') return 'time-limit';
  return null;
}

/**
 * Runs until the machine stops; a quiescent stop gets the quiescence checks (a global hang), a
 * stop at the step bound the step-limit ones (a livelock).
 */
function runPhase(m: Machine): RunOutcome | null {
  m.run();
  if (ended(m) === null) endPhase(m, 'quiescent');
  else if (m.stopReason === 'step-limit') {
    // The livelock report ends nothing more: the run stays a livelock, with its finding.
    endPhase(m, 'step-limit');
    return 'livelock';
  } else if (m.stopReason === 'time-limit') {
    // An hour of virtual time with workload tasks still waiting (on timers that keep firing):
    // a livelock too, if any is left.
    endPhase(m, 'time-limit');
    return m.findings.some((f) => f.kind === 'livelock') ? 'livelock' : 'time-limit';
  }
  return ended(m);
}

/**
 * do_initcalls() (init/main.c): the world's initcalls, by level, in the boot context. A module
 * loaded on demand is not loaded at boot: its init runs when request_module() loads it.
 */
function do_initcalls(m: Machine, base: string): void {
  for (const call of initcallsOf(base)) {
    if (call.onDemand) continue;
    const r = call.fn();
    if (isKGen(r)) m.bootCall(r);
  }
}

/** Whether a kernel function's result is a generator to run (a sleeping function) or a plain value. */
export function isKGen(x: unknown): x is KGen<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function';
}

export function runProgram(program: Program, opts: RunOptions): RunResult {
  const m = new Machine({
    cpus: program.cpus,
    source: opts.source,
    plan: opts.plan,
    trace: opts.trace,
    debug: opts.debug,
    maxSteps: opts.maxSteps ?? program.maxSteps,
    base: program.base ?? null,
  });
  if (program.base !== undefined) {
    do_initcalls(m, program.base);
    endPhase(m, 'booted');
  }
  program.setup(m);
  let outcome = runPhase(m);
  if (outcome === null && program.teardown !== undefined) {
    m.spawn('teardown', program.teardown);
    outcome = runPhase(m);
  }
  if (outcome === null) {
    endPhase(m, 'teardown');
    outcome = ended(m) ?? (m.findings.length > 0 ? 'found' : 'completed');
  }
  return {
    outcome,
    findings: m.findings,
    // Encoded on demand: most runs find nothing and are never replayed.
    get decisions() {
      return m.decisionString();
    },
    steps: m.steps,
    jiffies: m.jiffies,
    faultsInjected: m.faultsInjected,
    hash: m.hash >>> 0,
    plan: formatPlan(m.plan),
    log: m.trace,
    events: m.events,
  };
}
