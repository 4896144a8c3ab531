// Shrinking a failing run to a minimal schedule that still gives the same finding (the caller
// says which report it is: a title, or for a data race its race key): a simpler fault
// plan (fewer injected faults, less pressure), then fewer decisions (a shorter stream: past its
// end every choice is the first alternative), then fewer non-default choices (each decision set
// to 0, which mostly means "keep running what runs": fewer preemptions). Every candidate is
// checked by replaying it; the number of replays is bounded, so shrinking is deterministic.

import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { decodeDecisions, encodeDecisions } from '../../kernel-model/sim/decisions.ts';
import { type FaultPlan, type MemoryPressure, formatPlan, noFaults, parsePlan } from '../../kernel-model/sim/faults.ts';
import type { RunResult } from '../../kernel-model/sim/run.ts';
import type { Suite } from '../suites/suite.ts';
import { type Reproducer, type RunFinding, replay, titledFindings } from './runner.ts';

export interface ShrinkStats {
  decisions: number;
  faults: number;
  preemptions: number;
}

export interface ShrinkResult {
  reproducer: Reproducer;
  before: ShrinkStats;
  after: ShrinkStats;
  replays: number;
  /** The shrunk reproducer replayed once more with the same finding. */
  confirmed: boolean;
  /** The traced replay of the shrunk reproducer (event log and events for the report). */
  trace: RunResult;
}

const MAX_REPLAYS = 400;

function stats(r: RunResult, decisions: number): ShrinkStats {
  const preemptions = (r.events ?? []).filter((e) => e.kind === 'preempt').length;
  return { decisions, faults: r.faultsInjected, preemptions };
}

/** Simpler variants of a plan, one change each. */
function simplerPlans(plan: FaultPlan): FaultPlan[] {
  const out: FaultPlan[] = [];
  const f = plan.failslab;
  if (f.probability > 0 || f.failNth > 0) out.push({ ...plan, failslab: noFaults() });
  const lower: Record<MemoryPressure, MemoryPressure | null> = { exhausted: 'high', high: 'low', low: 'none', none: null };
  const mem = lower[plan.memory];
  if (mem !== null) out.push({ ...plan, memory: mem });
  if (plan.ioDelay > 0) out.push({ ...plan, ioDelay: 0 });
  if (plan.ioErrorPercent > 0) out.push({ ...plan, ioErrorPercent: 0 });
  if (plan.wqDelay > 0) out.push({ ...plan, wqDelay: 0 });
  return out;
}

export function shrink(suite: Suite, repro: Reproducer, shows: (f: RunFinding) => boolean, patch: PatchModule | null): ShrinkResult {
  let replays = 0;
  const reproduces = (plan: string, values: number[]): boolean => {
    if (replays >= MAX_REPLAYS) return false;
    replays++;
    const r = replay(suite, { ...repro, plan, decisions: encodeDecisions(values) }, patch, false);
    return titledFindings(r.findings).some(shows);
  };

  let values = decodeDecisions(repro.decisions);
  let plan = parsePlan(repro.plan);
  const first = replay(suite, repro, patch, true);
  const before = stats(first, values.length);

  // 1. A simpler plan, as long as any simplification keeps the finding.
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of simplerPlans(plan)) {
      if (reproduces(formatPlan(candidate), values)) {
        plan = candidate;
        changed = true;
        break;
      }
    }
  }
  const planLine = formatPlan(plan);

  // 2. The shortest prefix that still reproduces (binary search; the tail defaults to 0).
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reproduces(planLine, values.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  values = values.slice(0, hi);

  // 3. Remove chunks, halving the chunk size (ddmin's complement step).
  for (let size = values.length >> 1; size >= 1; size >>= 1) {
    for (let start = 0; start + size <= values.length; ) {
      const candidate = values.slice(0, start).concat(values.slice(start + size));
      if (reproduces(planLine, candidate)) values = candidate;
      else start += size;
    }
  }

  // 4. Default choices where they do not matter.
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) continue;
    const candidate = values.slice();
    candidate[i] = 0;
    if (reproduces(planLine, candidate)) values = candidate;
  }

  const reproducer: Reproducer = { ...repro, plan: planLine, decisions: encodeDecisions(values) };
  const trace = replay(suite, reproducer, patch, true);
  return {
    reproducer,
    before,
    after: stats(trace, values.length),
    replays,
    confirmed: titledFindings(trace.findings).some(shows),
    trace,
  };
}
