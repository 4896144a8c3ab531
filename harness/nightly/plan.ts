// The nightly plan: every patch module against every suite whose runs reach what it touches,
// baseline and patched, cut into jobs of a fixed number of schedules. Baseline jobs do not
// depend on the patch, so patches sharing a suite share its baseline jobs. The plan is a pure
// function of the patches, the budget and the seed; a shard takes every n-th job of it.
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { HarnessError } from '../errors.ts';
import type { NightlyJob } from '../results/nightly.ts';
import { suitesFor } from '../suites/index.ts';

export type { NightlyJob } from '../results/nightly.ts';

export interface PlannedPatch {
  slug: string;
  dir: string;
  patch: PatchModule;
  suites: string[];
  /** Titles of what the patch was posted to fix. */
  postedFor: string[];
}

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (m === null) throw new HarnessError(`--shard takes i/n (like 2/4), not '${text}'`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) throw new HarnessError(`--shard ${text}: i must be between 1 and n`);
  return { index, total };
}

function touched(patch: PatchModule): string[] {
  return [...new Set([...Object.values(patch.touches).flat(), ...Object.keys(patch.overrides)])];
}

export function planPatches(modules: readonly { dir: string; patch: PatchModule; postedFor: string[] }[]): PlannedPatch[] {
  return modules
    .map((m) => ({ slug: m.patch.slug, dir: m.dir, patch: m.patch, postedFor: m.postedFor, suites: suitesFor(touched(m.patch), m.patch.world ?? null).map((s) => s.name) }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

const pad = (n: number): string => String(n).padStart(7, '0');

export function planJobs(patches: readonly PlannedPatch[], budget: number, seed: number, perJob: number): NightlyJob[] {
  const jobs: NightlyJob[] = [];
  const slices = (suite: string, variant: NightlyJob['variant'], p: PlannedPatch | null): void => {
    for (let first = 0; first < budget; first += perJob) {
      const count = Math.min(perJob, budget - first);
      const who = p === null ? 'baseline' : p.slug;
      jobs.push({ key: `${suite}__${who}__${pad(first)}`, variant, suite, slug: p?.slug ?? null, patchDir: p?.dir ?? null, seed, first, count });
    }
  };
  const baselineSuites = [...new Set(patches.flatMap((p) => p.suites))].sort();
  for (const suite of baselineSuites) slices(suite, 'baseline', null);
  for (const p of patches) for (const suite of p.suites) slices(suite, 'patched', p);
  return jobs.sort((a, b) => a.key.localeCompare(b.key));
}

/** The shard's jobs: every n-th job of the plan, starting at its index. */
export function shardJobs(jobs: readonly NightlyJob[], shard: Shard): NightlyJob[] {
  return jobs.filter((_, i) => i % shard.total === shard.index - 1);
}
