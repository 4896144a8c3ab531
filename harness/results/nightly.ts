// The nightly's files: plan.json (the whole plan), jobs/<key>.json (one KCIDB-like result per
// job) and summary.json (per patch, every finding with its verdict), plus the night-to-night
// changes and histories the digest and dashboard show. Read back with these schemas.
import { z } from 'zod';
import { FindingKindSchema, FollowerSchema, ReproducerSchema, SideSchema } from './finding.ts';
import { SuiteOutcomeSchema } from './evaluation.ts';
import { RunDigestSchema } from './run-digest.ts';
import { VerdictSchema } from './verdicts.ts';

export const NightlyJobSchema = z.object({
  /** Stable name of the job: its result file is jobs/<key>.json. */
  key: z.string(),
  variant: z.enum(['baseline', 'patched']),
  suite: z.string(),
  /** The patch for a patched job; null for a (shared) baseline job. */
  slug: z.string().nullable(),
  patchDir: z.string().nullable(),
  seed: z.number(),
  first: z.number().int(),
  count: z.number().int(),
});
export type NightlyJob = z.infer<typeof NightlyJobSchema>;

export const PlanFileSchema = z.object({
  schema: z.literal('lkml-harness/nightly-plan/v1'),
  runId: z.string(),
  budget: z.number(),
  seed: z.number(),
  patches: z.array(z.object({ slug: z.string(), subject: z.string(), author: z.string(), suites: z.array(z.string()), postedFor: z.array(z.string()).optional() })),
  /** Every job of the whole plan (all shards). */
  jobs: z.array(NightlyJobSchema),
});
export type PlanFile = z.infer<typeof PlanFileSchema>;

/** The first run that found a title: replayable from its decisions, or re-run by base seed and index. */
const JobReproducerSchema = ReproducerSchema.extend({ seed: z.number(), baseSeed: z.number(), index: z.number().int() });

/** Per title (and, for a data race, per race key: see RunDigestSchema's raceKeys), in one job. */
export const JobFindingSchema = z.object({ title: z.string(), kind: FindingKindSchema, hits: z.number().int(), raceKey: z.string().optional(), reproducer: JobReproducerSchema });
export type JobFinding = z.infer<typeof JobFindingSchema>;

export const JobResultSchema = z.object({
  /** KCIDB-style identity: origin and id of the test. */
  origin: z.literal('lkml-harness'),
  id: z.string(),
  job: NightlyJobSchema,
  /** PASS: ran, nothing found; FAIL: findings; ERROR: the harness failed to run it. */
  status: z.enum(['PASS', 'FAIL', 'ERROR']),
  runs: z.number().int(),
  findings: z.array(JobFindingSchema),
  /** Every run, digested for the verdict rules (pairing by seed, masking, changed schedules). */
  digests: z.array(RunDigestSchema),
  error: z.string().nullable(),
});
export type JobResult = z.infer<typeof JobResultSchema>;

export const NightlyFindingSchema = z.object({
  title: z.string(),
  kind: FindingKindSchema,
  verdict: VerdictSchema,
  baseline: SideSchema,
  patched: SideSchema,
  pValue: z.number(),
  significant: z.boolean(),
  alpha: z.number(),
  bySuite: z.array(SuiteOutcomeSchema),
  maskedBy: z.string().nullable(),
  followedBy: z.array(FollowerSchema),
  reproducer: JobReproducerSchema,
});
export type NightlyFinding = z.infer<typeof NightlyFindingSchema>;

export const NightlySummarySchema = z.object({
  schema: z.literal('lkml-harness/nightly-summary/v1'),
  runId: z.string(),
  budget: z.number(),
  seed: z.number(),
  planned: z.number().int(),
  done: z.number().int(),
  complete: z.boolean(),
  schedules: z.number().int(),
  errors: z.array(z.object({ key: z.string(), error: z.string() })),
  patches: z.array(
    z.object({
      slug: z.string(),
      subject: z.string(),
      author: z.string(),
      suites: z.array(z.string()),
      /** Paired schedules whose patched run did anything differently, per suite. */
      changedSchedules: z.array(z.object({ suite: z.string(), changed: z.number().int(), runs: z.number().int() })),
      findings: z.array(NightlyFindingSchema),
    }),
  ),
});
export type NightlySummary = z.infer<typeof NightlySummarySchema>;

/**
 * A finding's rate on one side, tonight against the night before, by the same test as the
 * verdicts: new, gone and moved only when significant; a change that is not is "unconfirmed".
 */
export interface ChangeEntry {
  change: 'new' | 'gone' | 'rate-moved' | 'unconfirmed';
  slug: string;
  title: string;
  side: 'baseline' | 'patched';
  before: z.infer<typeof SideSchema> | null;
  now: z.infer<typeof SideSchema> | null;
  pValue: number;
}

export interface HistoryPoint {
  runId: string;
  baseline: z.infer<typeof SideSchema>;
  patched: z.infer<typeof SideSchema>;
}

export interface FindingHistory {
  slug: string;
  title: string;
  firstSeen: string;
  lastSeen: string;
  nights: HistoryPoint[];
}
