// Evaluating one patch: pick the suites that exercise what it touches, run them baseline and
// patched over the same seeds in child processes, merge findings by title with verdicts, shrink
// every new or persisting finding to a minimal schedule and replay it, and gather what the
// reports need. Deterministic in the seed: the same seed gives the same results.json.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { HarnessError } from '../errors.ts';
import { type Reproducer, replay } from '../explore/runner.ts';
import { shrink } from '../explore/shrink.ts';
import { computeCoverage, type Coverage } from '../ingest/coverage.ts';
import { indexModel } from '../ingest/model-index.ts';
import { findPatchModuleIn } from '../ingest/module-lookup.ts';
import { listPatchModules } from '../ingest/patch-modules.ts';
import { readPatchSet, setFiles, setRepairs } from '../ingest/patch-set.ts';
import { DEFAULT_MODEL_DIR, DEFAULT_PATCHES_DIR } from '../ingest/project-paths.ts';
import type { PatchSet } from '../ingest/types.ts';
import { findSuite, suitesFor } from '../suites/index.ts';
import type { Suite } from '../suites/suite.ts';
import { loadPatch } from '../patches/load.ts';
import { unifiedDiffText } from './diff-text.ts';
import { planJobs } from './jobs.ts';
import { runPool } from './pool.ts';
import type { Progress } from './progress.ts';
import type { CoverageInfo, EvaluationResult, FindingResult, InputInfo, PatchInfo } from './result.ts';
import { type MergedFinding, mergeFindings } from './verdicts.ts';

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

/** A patch to evaluate: its module, and the mail it came from when there is one. */
export interface Target {
  dir: string;
  patch: PatchModule;
  set: PatchSet | null;
  source: string | null;
}

/** A patch module folder: the module, plus its shipped mail when there is one. */
export async function targetFromDir(dir: string): Promise<Target> {
  const patch = await loadPatch(dir);
  const message = patch.message === undefined ? null : join(dir, patch.message);
  const set = message !== null && existsSync(message) ? await readPatchSet(message, { model: modelNames }) : null;
  return { dir, patch, set, source: message };
}

/** A mail: its patch set, and the module that ports it (one must exist). */
export async function targetFromMail(file: string, patchesDir = DEFAULT_PATCHES_DIR): Promise<Target> {
  const set = await readPatchSet(file, { model: modelNames });
  const coverage = computeCoverage(set, modelIndex(), null);
  const match = await findPatchModuleIn(set, patchesDir);
  if (match === null) {
    const modeled = coverage.functions.filter((f) => f.modeled).length;
    if (modeled === 0) {
      throw new HarnessError(`${file}: the patch touches nothing the model ports (${coverage.functions.length} functions touched, none modeled)`);
    }
    throw new HarnessError(
      `${file}: touches ${modeled} modeled function(s) but no patch module ports it yet; run 'lkml-harness scaffold ${file}'`,
    );
  }
  const patch = await loadPatch(match.module.dir);
  return { dir: match.module.dir, patch, set, source: file };
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

function coverageInfo(t: Target): CoverageInfo {
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

function command(resultsPath: string, index: number): string {
  return `lkml-harness replay ${resultsPath} --finding ${index}`;
}

/** Shrinks new and persisting findings; replays fixed ones as found, for their timeline. */
function reproduce(m: MergedFinding, patch: PatchModule, index: number, resultsPath: string): FindingResult {
  const suite = findSuite(m.example.suite) as Suite;
  const variantPatch = m.example.variant === 'patched' ? patch : null;
  const base: Reproducer = { suite: m.example.suite, variant: m.example.variant, plan: m.example.plan, decisions: m.example.decisions };
  const common = {
    title: m.title,
    kind: m.kind,
    report: m.report,
    verdict: m.verdict,
    baseline: m.baseline,
    patched: m.patched,
    pValue: m.pValue,
    significant: m.significant,
    baselineUpper95: m.baselineUpper,
    patchedUpper95: m.patchedUpper,
    suites: m.suites,
    bySuite: m.bySuite,
  };
  if (m.verdict === 'introduced' || m.verdict === 'persists') {
    const s = shrink(suite, base, m.title, variantPatch);
    const report = s.trace.findings.find((f) => f.title === m.title)?.report ?? m.report;
    return {
      ...common,
      report,
      reproducer: { ...s.reproducer, command: command(resultsPath, index) },
      shrink: { before: s.before, after: s.after, replays: s.replays, confirmed: s.confirmed },
      timeline: s.trace.events ?? [],
    };
  }
  const r = replay(suite, base, variantPatch, true);
  return { ...common, reproducer: { ...base, command: command(resultsPath, index) }, shrink: null, timeline: r.events ?? [] };
}

export async function evaluate(t: Target, opts: EvaluateOptions): Promise<EvaluationResult> {
  const suites = suitesFor(touchedNames(t.patch));
  if (suites.length === 0) {
    throw new HarnessError(`${t.patch.slug}: no suite exercises what the patch touches (${touchedNames(t.patch).join(', ')})`);
  }
  const jobs = planJobs(suites, t.dir, { seed: opts.seed, schedules: opts.schedules, slices: opts.jobs });
  const totals = { baseline: 0, patched: 0 };
  for (const j of jobs) totals[j.variant] += j.count;
  opts.progress.start(totals);
  const pool = await runPool(jobs, {
    jobs: opts.jobs,
    timeoutMs: opts.timeoutMs ?? 10 * 60_000,
    memoryMb: 2048,
    onProgress: (job, n) => opts.progress.runs(job, n),
    onDone: (job, records) => opts.progress.done(job, records),
  });
  opts.progress.finish();

  const merged = mergeFindings(pool.records);
  const findings = merged.map((m, i) => reproduce(m, t.patch, i, opts.resultsPath));
  return {
    schema: 'lkml-harness/results/v1',
    patch: patchInfo(t),
    input: inputInfo(t),
    coverage: coverageInfo(t),
    budget: { seed: opts.seed, schedulesPerSuite: opts.schedules ?? null, strategy: 'portfolio' },
    suites: suites.map((s) => ({
      name: s.name,
      summary: s.summary,
      baselineRuns: pool.records.filter((r) => r.suite === s.name && r.variant === 'baseline').length,
      patchedRuns: pool.records.filter((r) => r.suite === s.name && r.variant === 'patched').length,
    })),
    findings,
    harnessErrors: pool.errors.map((e) => ({
      job: `${e.job.suite} ${e.job.variant} runs ${e.job.first}-${e.job.first + e.job.count - 1}`,
      message: e.message,
    })),
  };
}
