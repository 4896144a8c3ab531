// results.json: everything one evaluation found, as data. The HTML, text and email reports
// render it and never run the model; other tools read it (the shape below only ever grows).
import { z } from 'zod';
import { BacktraceSchema, CycleSchema, FindingKindSchema, FollowerSchema, ReproducerSchema, SideSchema } from './finding.ts';
import { SuiteVerdictSchema, VerdictSchema } from './verdicts.ts';

export const RESULTS_SCHEMA_ID = 'lkml-harness/results/v1';

const PatchInfoSchema = z.object({
  slug: z.string(),
  subject: z.string(),
  /** The subject as the mail gives it, with its [PATCH ...] prefix (the reply's Re: uses it). */
  rawSubject: z.string(),
  author: z.string(),
  date: z.string(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  /** Addresses of the original mail, for the reply: To the author, Cc the rest. */
  to: z.array(z.string()),
  cc: z.array(z.string()),
  base: z.string(),
  commit: z.string().nullable(),
  adaptations: z.string().nullable(),
  overrides: z.array(z.string()),
  notOverridden: z.record(z.string(), z.string()),
});
export type PatchInfo = z.infer<typeof PatchInfoSchema>;

const InputInfoSchema = z.object({
  /** Where the patch text came from (the shipped mail), or null when only its identity ships. */
  source: z.string().nullable(),
  format: z.string().nullable(),
  files: z.array(z.object({ path: z.string(), added: z.number().nullable(), removed: z.number().nullable() })),
  repairs: z.array(z.object({ kind: z.string(), file: z.string().optional(), hunk: z.number().optional(), count: z.number().optional(), detail: z.string() })),
  /** The diff as unified text (after repairs), for the report; empty when not recoverable. */
  diff: z.string(),
});
export type InputInfo = z.infer<typeof InputInfoSchema>;

export const CoverageInfoSchema = z.object({
  functions: z.array(
    z.object({ file: z.string(), name: z.string(), change: z.enum(['added', 'removed', 'modified']), modeled: z.boolean(), overridden: z.boolean(), note: z.string().nullable() }),
  ),
  verified: z.boolean(),
  flags: z.array(z.string()),
});
export type CoverageInfo = z.infer<typeof CoverageInfoSchema>;

/** One step of a replayed schedule, for the per-task timeline (the model's TraceEvent). */
export const TimelineEventSchema = z.object({
  step: z.number(),
  jiffies: z.number(),
  kind: z.enum(['note', 'spawn', 'run', 'preempt', 'block', 'wake', 'irq', 'exit', 'time', 'fault', 'finding', 'acquire', 'release']),
  task: z.string().nullable(),
  text: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

const ShrinkStatsSchema = z.object({ decisions: z.number(), faults: z.number(), preemptions: z.number() });

export const SuiteOutcomeSchema = z.object({
  suite: z.string(),
  baseline: SideSchema,
  patched: SideSchema,
  verdict: SuiteVerdictSchema,
  pValue: z.number(),
  significant: z.boolean(),
  /** The level this suite's comparison was held to (lower after confirmation looks). */
  alpha: z.number(),
  /** Pairs (same seed) whose patched run got to its end: what "fixed" is counted over. */
  eligible: z.object({ runs: z.number().int(), baselineHits: z.number().int(), patchedHits: z.number().int() }),
  maskedBy: z.string().nullable(),
  /** More common with the patch only because baseline runs ended earlier on this report. */
  revealedBy: z.string().nullable().default(null),
});
export type SuiteOutcome = z.infer<typeof SuiteOutcomeSchema>;

export const FindingResultSchema = z.object({
  title: z.string(),
  kind: FindingKindSchema,
  /** The report as the kernel prints it (the side that matters: patched if seen there). */
  report: z.string(),
  verdict: VerdictSchema,
  baseline: SideSchema,
  patched: SideSchema,
  /** The p-value the verdict rests on (see significant and alpha). */
  pValue: z.number(),
  /** Whether the verdict rests on a difference significant at alpha. */
  significant: z.boolean(),
  alpha: z.number(),
  baselineUpper95: z.number(),
  patchedUpper95: z.number(),
  suites: z.array(z.string()),
  /** Suite by suite: a patch may fix one scenario and leave a variant broken. */
  bySuite: z.array(SuiteOutcomeSchema),
  /** This is what the patch was posted to fix. */
  postedFor: z.boolean(),
  /** For masked: the problem the patched runs now end on first. */
  maskedBy: z.string().nullable(),
  /** Seen more often with the patch only because baseline runs ended earlier on this report. */
  revealedBy: z.string().nullable().default(null),
  /** One line when the model watches what the kernel at this base could not. */
  modelOnly: z.string().nullable(),
  /** Reports that followed it in the runs it led: seen again, not separate findings. */
  followedBy: z.array(FollowerSchema),
  backtraces: z.array(BacktraceSchema),
  cycle: CycleSchema.nullable(),
  /**
   * For a data race: the struct member and the function that went without the lock. Runs are
   * counted by it, so a replay that shows the same race with another partner reproduces it.
   */
  raceKey: z.string().optional(),
  /**
   * The KCSAN pair titles of one missing lock that this finding counts together, sorted (only
   * when more than one): its title is the one seen in the most runs.
   */
  mergedTitles: z.array(z.string()).optional(),
  /** The minimal schedule that reproduces it (or the first run's, when not shrunk). */
  reproducer: ReproducerSchema.extend({ command: z.string() }),
  shrink: z.object({ before: ShrinkStatsSchema, after: ShrinkStatsSchema, replays: z.number(), confirmed: z.boolean() }).nullable(),
  /** The replayed run's events, for the per-task timeline. */
  timeline: z.array(TimelineEventSchema),
});
export type FindingResult = z.infer<typeof FindingResultSchema>;

export const SuiteRunSchema = z.object({
  name: z.string(),
  summary: z.string(),
  /** A program of the generated corpus rather than a hand-written stress suite (absent before it existed). */
  generated: z.boolean().default(false),
  /** The scenario in a reviewer's words ("for bio_kmalloc clones"). */
  scenario: z.string(),
  baselineRuns: z.number().int(),
  patchedRuns: z.number().int(),
  /** Schedules added by confirmation (per variant), included in the runs above. */
  confirmationRuns: z.number().int(),
  /** Paired schedules whose patched run did anything differently from the baseline's. */
  changedSchedules: z.number().int(),
});
export type SuiteRun = z.infer<typeof SuiteRunSchema>;

export const PostedForSchema = z.object({
  /** What was reported and the patch was posted to fix, in a sentence. */
  summary: z.string(),
  /** The suites that reproduce that report. */
  suites: z.array(z.string()).min(1),
  /** The findings' titles that are that report. */
  titles: z.array(z.string()).min(1),
});
export type PostedFor = z.infer<typeof PostedForSchema>;

export const ReachSchema = z.object({
  /** Functions of the patch's world that the suites run call (measured by `npm run reach`), of all it has. */
  functions: z.object({ reached: z.number().int(), total: z.number().int() }),
  /** Arms of the translated functions' conditions the suites run take (probes: kernel-model/sim/branches.ts), of all; absent from results written before it. */
  branches: z.object({ reached: z.number().int(), total: z.number().int() }).optional(),
  /** Each function the patch touches, with the suites run whose runs call it. */
  touched: z.array(
    z.object({
      name: z.string(),
      suites: z.array(z.string()),
      /** Arms of its conditions (the base's translated code) the suites run take, of all it has; absent for a function kept by hand or without conditions. */
      branches: z.object({ reached: z.number().int(), total: z.number().int() }).optional(),
    }),
  ),
  /** Touched functions no suite run calls: the evaluation says nothing about them. */
  notExercised: z.array(z.string()),
  /** Every ported function of the world the suites run do not call, sorted (the rest of `functions`; absent from results written before it). */
  unreached: z.array(z.string()).default([]),
});
export type Reach = z.infer<typeof ReachSchema>;

export const EvaluationResultSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA_ID),
  patch: PatchInfoSchema,
  input: InputInfoSchema,
  coverage: CoverageInfoSchema,
  budget: z.object({ seed: z.number(), schedulesPerSuite: z.number().nullable(), strategy: z.string() }),
  significance: z.object({
    test: z.string(),
    alpha: z.number(),
    /** The level of each confirmation look. */
    confirmationAlpha: z.number(),
    /** Confirmation stops at this many times the budget. */
    confirmationCap: z.number(),
  }),
  postedFor: PostedForSchema.nullable(),
  suites: z.array(SuiteRunSchema),
  reach: ReachSchema,
  findings: z.array(FindingResultSchema),
  harnessErrors: z.array(z.object({ job: z.string(), message: z.string() })),
});
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;
