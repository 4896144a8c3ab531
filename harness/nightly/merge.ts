// Combines the run folders of several shards (same run id, same plan) into one run folder, then
// writes the summary, digest and dashboard exactly as one machine running every job would.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors.ts';
import { PlanFileSchema } from '../results/nightly.ts';
import { parseValidated } from '../results/read.ts';
import { writeFileAtomically } from '../results/atomic-write.ts';
import { finalizeRun } from './run.ts';
import type { NightlySummary } from './summary.ts';

/**
 * The shard run folders named by `paths`: each is a run folder (it holds plan.json) or an output
 * root a shard wrote (`--out`), whose `nightly/<run-id>/` is taken: the one named by `runId`, or
 * the only run it holds.
 */
export function shardRunFolders(paths: readonly string[], runId: string | undefined): string[] {
  return paths.map((p) => {
    if (existsSync(join(p, 'plan.json'))) return p;
    const nightly = join(p, 'nightly');
    const runs = existsSync(nightly) ? readdirSync(nightly).filter((r) => existsSync(join(nightly, r, 'plan.json'))).sort() : [];
    if (runId !== undefined) {
      if (runs.includes(runId)) return join(nightly, runId);
      throw new HarnessError(`${p}: no nightly run ${runId} in it (${runs.length === 0 ? 'no runs' : `runs: ${runs.join(', ')}`})`);
    }
    if (runs.length === 1) return join(nightly, runs[0] as string);
    if (runs.length === 0) throw new HarnessError(`${p}: neither a nightly run folder (no plan.json) nor an output root with runs under nightly/`);
    throw new HarnessError(`${p}: holds several nightly runs (${runs.join(', ')}); name one with --run-id`);
  });
}

export function mergeShards(shardDirs: readonly string[], root: string, reportsBase: string): { dir: string; summary: NightlySummary } {
  if (shardDirs.length === 0) throw new HarnessError('name the shard run folders to merge');
  let planText: string | null = null;
  for (const d of shardDirs) {
    const file = join(d, 'plan.json');
    if (!existsSync(file)) throw new HarnessError(`${d}: not a nightly run folder (no plan.json)`);
    const text = readFileSync(file, 'utf8');
    if (planText !== null && text !== planText) throw new HarnessError(`${d}: its plan differs from the first shard's; shards of one run share one plan`);
    planText = text;
  }
  const plan = parseValidated(planText as string, PlanFileSchema, join(shardDirs[0], 'plan.json'), 'a nightly plan');
  const dir = join(root, plan.runId);
  const jobsDir = join(dir, 'jobs');
  mkdirSync(jobsDir, { recursive: true });
  writeFileAtomically(join(dir, 'plan.json'), planText as string);
  for (const d of shardDirs) {
    const src = join(d, 'jobs');
    if (!existsSync(src)) continue;
    for (const name of readdirSync(src).sort()) {
      if (!name.endsWith('.json')) continue;
      writeFileAtomically(join(jobsDir, name), readFileSync(join(src, name), 'utf8'));
    }
  }
  return { dir, summary: finalizeRun(root, dir, reportsBase) };
}
