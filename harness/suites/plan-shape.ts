// How a suite draws the fault plan of each run from its plan seed: memory pressure, late
// completions and timers, failing disk IO, lost commands, slab allocations failing at given
// sites. Shared by the suites of both worlds.
import { type FaultPlan, type MemoryPressure, defaultPlan, failslabAt } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';

/** How a suite draws its runs' conditions: memory pressure, late completions, late timers. */
export interface PlanShape {
  /** Drawn uniformly: repeat a level to make it likelier. */
  memory: readonly MemoryPressure[];
  /** 1 in `chance` runs has completions up to `max` jiffies late; the same for timers. */
  ioDelay: { chance: number; max: number };
  wqDelay: { chance: number; max: number };
  /**
   * 1 in `chance` runs fails up to `percent`% of device IOs with -EIO (the model's accounting
   * then checks every failed bio completes with an error). Drawn after the rest, so a suite
   * that adds it keeps the other conditions of each seed.
   */
  ioError?: { chance: number; percent: number };
  /**
   * 1 in `chance` runs loses up to `percent`% of the commands of the disks that have a command
   * timeout (the request-based disk of v3.15): the device answers them only as their timeout
   * fires, or never, and the driver's timeout handler fails those it aborts. Drawn last, for the
   * same reason as ioError.
   */
  ioLost?: { chance: number; percent: number };
  /**
   * 1 in `chance` runs has failslab armed at `sites` only (the kernel's fault-inject stack
   * filter, require-start/require-end around those functions): each of their slab allocations
   * fails with `probability`%, whatever its mask. Drawn last, as ioError.
   */
  failslab?: { chance: number; probability: number; sites: readonly string[] };
}

/** The fault plan of one seed, drawn from the suite's shape (the seed alone decides it). */
export function drawPlan(seed: number, shape: PlanShape): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = shape.memory[rng.below(shape.memory.length)];
  p.ioDelay = rng.below(shape.ioDelay.chance) === 0 ? 1 + rng.below(shape.ioDelay.max) : 0;
  p.wqDelay = rng.below(shape.wqDelay.chance) === 0 ? 1 + rng.below(shape.wqDelay.max) : 0;
  if (shape.ioError !== undefined) p.ioErrorPercent = rng.below(shape.ioError.chance) === 0 ? 1 + rng.below(shape.ioError.percent) : 0;
  if (shape.ioLost !== undefined) p.ioLostPercent = rng.below(shape.ioLost.chance) === 0 ? 1 + rng.below(shape.ioLost.percent) : 0;
  if (shape.failslab !== undefined && rng.below(shape.failslab.chance) === 0) {
    p.failslab = failslabAt(shape.failslab.sites, shape.failslab.probability);
  }
  return p;
}
