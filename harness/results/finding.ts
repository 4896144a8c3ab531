// The finding shape every result file shares: what kind of report it is, how often it was seen,
// the stacks and the lock or wait-for cycle behind it, and the verdict words. harness/ writes
// these and reports/ reads them; nothing here imports the model runtime.
import { z } from 'zod';

/** The detector that reported it (the model's FindingKind; runner.ts checks they agree). */
export const FindingKindSchema = z.enum(['lockdep', 'hang', 'kasan', 'kmemleak', 'kcsan', 'bug', 'warning', 'sleep-in-atomic', 'lost-io', 'lost-wakeup', 'livelock', 'accounting']);
export type FindingKind = z.infer<typeof FindingKindSchema>;

/** Runs in which something was seen, out of runs made. */
export const SideSchema = z.object({ hits: z.number().int().nonnegative(), runs: z.number().int().nonnegative() });
export type Side = z.infer<typeof SideSchema>;

/** One task's stack, innermost frame first, as the kernel prints a call trace. */
export const BacktraceSchema = z.object({ task: z.string(), frames: z.array(z.string()) });
export type Backtrace = z.infer<typeof BacktraceSchema>;

/**
 * A cycle a detector closed: lock classes in lockdep's dependency order, or tasks each waiting
 * on the next. The edge marked `closesCycle` is the one whose arrival made it a cycle.
 */
export const CycleSchema = z.object({
  kind: z.enum(['lock', 'wait']),
  edges: z.array(z.object({ from: z.string(), to: z.string(), label: z.string(), closesCycle: z.boolean() })),
});
export type Cycle = z.infer<typeof CycleSchema>;

/** A report that followed this finding in the runs it led (same root cause, seen again). */
export const FollowerSchema = z.object({ title: z.string(), baseline: z.number().int().nonnegative(), patched: z.number().int().nonnegative() });
export type Follower = z.infer<typeof FollowerSchema>;

/** What replays one run exactly. */
export const ReproducerSchema = z.object({
  suite: z.string(),
  variant: z.enum(['baseline', 'patched']),
  plan: z.string(),
  decisions: z.string(),
});
export type Reproducer = z.infer<typeof ReproducerSchema>;
