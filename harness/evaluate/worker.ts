// A job's child process: runs its slice of seeds and writes the run records as JSON on stdout.
// Progress goes to stderr as "@progress <runs done>" lines. A crash, a hang or runaway memory
// here is the parent's to report; nothing here catches it.
import { runSeeds } from '../explore/runner.ts';
import { findSuite } from '../suites/index.ts';
import { loadPatch } from '../patches/load.ts';
import type { Job } from './jobs.ts';

const job = JSON.parse(process.argv[2] ?? '') as Job;
const suite = findSuite(job.suite);
if (suite === undefined) {
  process.stderr.write(`worker: no suite '${job.suite}'\n`);
  process.exit(3);
}
const patch = job.patchDir === null ? null : await loadPatch(job.patchDir);
const records = [];
const step = Math.max(1, Math.floor(job.count / 20));
for (let i = 0; i < job.count; i += step) {
  const n = Math.min(step, job.count - i);
  records.push(...runSeeds(suite, { seed: job.seed, first: job.first + i, count: n, strategy: job.strategy, patch }));
  process.stderr.write(`@progress ${i + n}\n`);
}
process.stdout.write(JSON.stringify({ id: job.id, records }));
