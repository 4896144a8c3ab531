// One run of a scenario on a fresh machine: boot, the workload phase until the machine is
// quiescent, the end checks of that phase (a global hang), then the scenario's teardown phase
// and its end checks (leaks, lost IO). Everything follows from the decision source and the
// fault plan, so the result (and the event log, with trace on) is a function of them.

import type { DecisionSource } from './decisions.ts';
import type { FaultPlan } from './faults.ts';
import { formatPlan } from './faults.ts';
import type { Finding } from './findings.ts';
import { Machine, type StopReason, type TraceEvent } from './machine.ts';
import type { KGen } from './task.ts';

/** A workload on the simulated machine: tasks it starts, and how it cleans up. */
export interface Program {
  cpus: number;
  maxSteps?: number;
  /** Starts the workload's tasks (and sets up devices, cgroups...) on the booted machine. */
  setup(m: Machine): void;
  /** Runs as a task once the workload is done: unmount, remove cgroups, free what it made. */
  teardown?: () => KGen;
}

export type EndPhase = 'quiescent' | 'teardown';
type EndCheck = (m: Machine) => void;
const endChecks: { phase: EndPhase; check: EndCheck }[] = [];

/** Lets a debug facility check the machine when a phase of a run ends. */
export function registerRunEndCheck(phase: EndPhase, check: EndCheck): void {
  endChecks.push({ phase, check });
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
    if (e.phase === phase && m.stopReason !== 'fatal') e.check(m);
  }
}

function outcomeOf(stop: StopReason, m: Machine): RunOutcome | null {
  if (stop === 'fatal') return 'found';
  if (stop === 'step-limit') return 'livelock';
  if (stop === 'time-limit') return 'time-limit';
  return m.stopReason === 'fatal' ? 'found' : null;
}

export function runProgram(program: Program, opts: RunOptions): RunResult {
  const m = new Machine({
    cpus: program.cpus,
    source: opts.source,
    plan: opts.plan,
    trace: opts.trace,
    debug: opts.debug,
    maxSteps: opts.maxSteps ?? program.maxSteps,
  });
  program.setup(m);
  let outcome = outcomeOf(m.run(), m);
  if (outcome === null) {
    endPhase(m, 'quiescent');
    outcome = outcomeOf(m.stopReason as StopReason, m);
  }
  if (outcome === null && program.teardown !== undefined) {
    m.spawn('teardown', program.teardown);
    outcome = outcomeOf(m.run(), m);
    if (outcome === null) endPhase(m, 'quiescent');
    outcome = outcome ?? outcomeOf(m.stopReason as StopReason, m);
  }
  if (outcome === null) {
    endPhase(m, 'teardown');
    outcome = outcomeOf(m.stopReason as StopReason, m) ?? (m.findings.length > 0 ? 'found' : 'completed');
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
