// An evaluation's work, cut into jobs: (suite, variant, slice of seeds). Baseline and patched
// run the same seeds, so every difference is the patch's.

import type { Suite } from '../suites/suite.ts';
import type { StrategyName } from '../explore/strategies.ts';

export interface Job {
  id: number;
  suite: string;
  variant: 'baseline' | 'patched';
  /** Folder of the patch module, for the patched variant. */
  patchDir: string | null;
  seed: number;
  first: number;
  count: number;
  strategy: Exclude<StrategyName, 'replay'>;
}

export interface JobPlanOptions {
  seed: number;
  /** Schedules per suite and variant; default: each suite's own default budget. */
  schedules?: number;
  /** Index of the first schedule (confirmation continues after the runs already made). */
  first?: number;
  /** Id of the first job, so jobs of later rounds keep ids of their own. */
  firstId?: number;
  /** Jobs per (suite, variant): enough slices to keep every worker busy. */
  slices: number;
  strategy?: Exclude<StrategyName, 'replay'>;
}

export function planJobs(suites: readonly Suite[], patchDir: string, opts: JobPlanOptions): Job[] {
  const jobs: Job[] = [];
  for (const suite of suites) {
    const total = opts.schedules ?? suite.defaultSchedules;
    const offset = opts.first ?? 0;
    const slices = Math.max(1, Math.min(opts.slices, total));
    for (const variant of ['baseline', 'patched'] as const) {
      for (let s = 0; s < slices; s++) {
        const first = offset + Math.floor((s * total) / slices);
        const end = offset + Math.floor(((s + 1) * total) / slices);
        if (end <= first) continue;
        jobs.push({
          id: (opts.firstId ?? 0) + jobs.length,
          suite: suite.name,
          variant,
          patchDir: variant === 'patched' ? patchDir : null,
          seed: opts.seed,
          first,
          count: end - first,
          strategy: opts.strategy ?? 'portfolio',
        });
      }
    }
  }
  return jobs;
}
