// The run's memory pressure: the fault plan's level, until a workload starts a phase of its own
// (another process taking or giving back memory). The page allocator decides from it whether an
// allocation reclaims or fails (page_alloc.ts); reclaim's writeback throttle reads it as the
// dirty threshold (page-writeback.ts).

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { MemoryPressure } from '../sim/faults.ts';
import { machine } from '../sim/machine.ts';

/** A pressure level the workload set for a phase of the run; null: the plan's level. */
const phase = lazyPerMachine((): { level: MemoryPressure | null } => ({ level: null }));

/**
 * Memory pressure from now on, as another process starting or stopping a large allocation would
 * make it: a workload's pressure phase within one run (the plan's level holds until the first).
 */
export function memory_pressure_phase(level: MemoryPressure): void {
  phase().level = level;
  machine().log(`memory pressure -> ${level}`);
}

/** The memory pressure in force now: the latest phase's level, else the plan's. */
export function memory_pressure(): MemoryPressure {
  return phase().level ?? machine().plan.memory;
}
