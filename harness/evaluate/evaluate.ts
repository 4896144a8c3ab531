// Evaluating one patch: pick the suites that exercise what it touches, run them baseline and
// patched over the same seeds in child processes, confirm every difference that is not yet
// significant with more schedules, judge each finding (per suite and over all), shrink what the
// patch leaves or breaks to a minimal schedule, and gather what the reports need.
// Deterministic in the seed: the same seed gives the same results.json.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { HarnessError } from '../errors.ts';
import { computeCoverage, type Coverage } from '../ingest/coverage.ts';
import { indexModel } from '../ingest/model-index.ts';
import { findPatchModuleIn } from '../ingest/module-lookup.ts';
import { listPatchModules } from '../ingest/patch-modules.ts';
import { readPatchSet, setFiles, setRepairs } from '../ingest/patch-set.ts';
import { DEFAULT_MODEL_DIR, DEFAULT_PATCHES_DIR } from '../ingest/project-paths.ts';
import type { PatchSet } from '../ingest/types.ts';
import { suitesFor } from '../suites/index.ts';
import { reachSummary } from './reach-summary.ts';
import { loadPatch, loadPostedFor } from '../patches/load.ts';
import { type CoverageInfo, type EvaluationResult, type InputInfo, type PatchInfo, type PostedFor, RESULTS_SCHEMA_ID } from '../results/evaluation.ts';
import { ALPHA, CONFIRMATION_CAP, CONFIRMATION_ROUNDS, TEST_NAME } from '../verdicts/significance.ts';
import { assembleFinding } from './assemble.ts';
import { confirmDifferences } from './confirm.ts';
import { unifiedDiffText } from './diff-text.ts';
import { type Job, planJobs } from './jobs.ts';
import { runPool } from './pool.ts';
import type { Progress } from './progress.ts';

export interface EvaluateOptions {
  seed: number;
  /** Schedules per suite and variant; default: each suite's default budget. */
  schedules?: number;
  jobs: number;
  /** Where results.json will live, for the replay command printed with each finding. */
  resultsPath: string;
  progress: Progress;
  timeoutMs?: number;
}

/** A patch to evaluate: its module, the mail it came from when there is one, its coverage. */
export interface Target {
  dir: string;
  patch: PatchModule;
  postedFor: PostedFor | null;
  set: PatchSet | null;
  source: string | null;
  /** Computed once, when the target is read. */
  coverage: CoverageInfo;
}

async function target(dir: string, patch: PatchModule, set: PatchSet | null, source: string | null): Promise<Target> {
  const t = { dir, patch, set, source, postedFor: await loadPostedFor(dir) };
  return { ...t, coverage: coverageInfo(t) };
}

/** A patch module folder: the module, plus its shipped mail when there is one. */
export async function targetFromDir(dir: string): Promise<Target> {
  const patch = await loadPatch(dir);
  const message = patch.message === undefined ? null : join(dir, patch.message);
  const set = message !== null && existsSync(message) ? await readPatchSet(message, { model: modelNames }) : null;
  return target(dir, patch, set, message);
}

/** A mail: its patch set, and the module that ports it (one must exist). */
export async function targetFromMail(file: string, patchesDir = DEFAULT_PATCHES_DIR): Promise<Target> {
  const set = await readPatchSet(file, { model: modelNames });
  const match = await findPatchModuleIn(set, patchesDir);
  if (match === null) {
    const coverage = computeCoverage(set, modelIndex(), null);
    const modeled = coverage.functions.filter((f) => f.modeled).length;
    if (modeled === 0) {
      throw new HarnessError(`${file}: the patch touches nothing the model ports (${coverage.functions.length} functions touched, none modeled)`);
    }
    throw new HarnessError(
      `${file}: touches ${modeled} modeled function(s) but no patch module ports it yet; run 'lkml-harness scaffold ${file}'`,
    );
  }
  const patch = await loadPatch(match.module.dir);
  return target(match.module.dir, patch, set, file);
}

let cachedIndex: ReturnType<typeof indexModel> | null = null;
function modelIndex(): ReturnType<typeof indexModel> {
  cachedIndex ??= indexModel(DEFAULT_MODEL_DIR);
  return cachedIndex;
}

function modelNames(): { name: string; cFile: string }[] {
  return modelIndex().functions.map((f) => ({ name: f.name, cFile: f.cFile }));
}

/** The kernel functions a patch module is about: what its diff touches and what it overrides. */
function touchedNames(patch: PatchModule): string[] {
  return [...new Set([...Object.values(patch.touches).flat(), ...Object.keys(patch.overrides)])];
}

function patchInfo(t: Target): PatchInfo {
  const id = t.set?.identity ?? null;
  return {
    slug: t.patch.slug,
    subject: t.patch.subject,
    rawSubject: id?.rawSubject || t.patch.subject,
    author: t.patch.author,
    date: t.patch.date,
    messageId: t.patch.messageId ?? id?.messageId ?? null,
    inReplyTo: id?.inReplyTo ?? null,
    references: id?.references ?? [],
    to: id?.to ?? [],
    cc: id?.cc ?? [],
    base: t.patch.base,
    commit: t.patch.commit ?? null,
    adaptations: t.patch.adaptations ?? null,
    overrides: Object.keys(t.patch.overrides).sort(),
    notOverridden: t.patch.notOverridden,
  };
}

function inputInfo(t: Target): InputInfo {
  if (t.set === null) return { source: null, format: null, files: [], repairs: [], diff: '' };
  return {
    source: t.source,
    format: t.set.format,
    files: setFiles(t.set).map((f) => ({ path: f.path, added: f.added, removed: f.removed })),
    repairs: setRepairs(t.set).map((r) => ({ kind: r.kind, file: r.file, hunk: r.hunk, count: r.count, detail: r.detail })),
    diff: unifiedDiffText(t.set),
  };
}

function coverageInfo(t: Pick<Target, 'dir' | 'patch' | 'set'>): CoverageInfo {
  if (t.set === null) {
    // No mail ships: the module's own list of touched functions stands in for the diff.
    const fns = Object.entries(t.patch.touches).flatMap(([file, names]) => names.map((name) => ({ file, name })));
    const index = new Set(modelIndex().functions.map((f) => f.name));
    return {
      functions: fns.map((f) => ({
        ...f,
        change: 'modified' as const,
        modeled: index.has(f.name),
        overridden: f.name in t.patch.overrides,
        note: t.patch.notOverridden[f.name] ?? null,
      })),
      verified: fns.every((f) => f.name in t.patch.overrides || f.name in t.patch.notOverridden),
      flags: [],
    };
  }
  // The module is known already (it was given, or found for the mail): read its static facts.
  const info = listPatchModules(dirname(resolve(t.dir))).find((m) => m.slug === t.patch.slug);
  const c: Coverage = computeCoverage(t.set, modelIndex(), info === undefined ? null : { module: info, matchedBy: 'message-id' });
  return {
    functions: c.functions.map((f) => ({ file: f.file, name: f.name, change: f.change, modeled: f.modeled, overridden: f.overridden, note: f.notOverriddenBecause })),
    verified: c.verified,
    flags: c.flags.map((f) => `${f.kind}: ${f.detail}`),
  };
}

export async function evaluate(t: Target, opts: EvaluateOptions): Promise<EvaluationResult> {
  const suites = suitesFor(touchedNames(t.patch), t.patch.world ?? null);
  if (suites.length === 0) {
    throw new HarnessError(`${t.patch.slug}: no suite's runs reach what the patch touches (${touchedNames(t.patch).join(', ')})`);
  }
  const runJobs = (jobs: Job[]) =>
    runPool(jobs, {
      jobs: opts.jobs,
      timeoutMs: opts.timeoutMs ?? 10 * 60_000,
      memoryMb: 2048,
      onProgress: (job, n) => opts.progress.runs(job, n),
      onDone: (job, records) => opts.progress.done(job, records),
    });
  const jobs = planJobs(suites, t.dir, { seed: opts.seed, schedules: opts.schedules, slices: opts.jobs });
  const totals = { baseline: 0, patched: 0 };
  for (const j of jobs) totals[j.variant] += j.count;
  opts.progress.start(totals);
  const first = await runJobs(jobs);
  const postedFor = new Set(t.postedFor?.titles ?? []);
  const c = await confirmDifferences(first, {
    suites,
    patchDir: t.dir,
    seed: opts.seed,
    schedules: opts.schedules,
    slices: opts.jobs,
    postedFor,
    progress: opts.progress,
    runJobs,
  });

  const findings = c.judged.findings.map((j) => assembleFinding(j, c.records, c.judged.raceTitles, t.patch, `patches/${t.patch.slug}`));
  const count = (suite: string, variant: Job['variant']): number => c.records.filter((r) => r.suite === suite && r.variant === variant).length;
  return {
    schema: RESULTS_SCHEMA_ID,
    patch: patchInfo(t),
    input: inputInfo(t),
    coverage: t.coverage,
    budget: { seed: opts.seed, schedulesPerSuite: opts.schedules ?? null, strategy: 'portfolio' },
    significance: { test: TEST_NAME, alpha: ALPHA, confirmationAlpha: ALPHA / CONFIRMATION_ROUNDS, confirmationCap: CONFIRMATION_CAP },
    postedFor: t.postedFor,
    suites: suites.map((s) => {
      const tally = c.judged.tallies.find((x) => x.suite === s.name);
      return {
        name: s.name,
        summary: s.summary,
        generated: s.generated === true,
        scenario: s.scenario,
        baselineRuns: count(s.name, 'baseline'),
        patchedRuns: count(s.name, 'patched'),
        confirmationRuns: c.added.get(s.name) ?? 0,
        changedSchedules: tally?.changedSchedules ?? 0,
      };
    }),
    reach: reachSummary(touchedNames(t.patch), suites, t.patch.world ?? null),
    findings,
    harnessErrors: c.errors.map((e) => ({
      job: `${e.job.suite} ${e.job.variant} runs ${e.job.first}-${e.job.first + e.job.count - 1}`,
      message: e.message,
    })),
  };
}
