// A job that throws, hangs or eats all memory is a harness error; the other jobs go on.
import { describe, expect, it } from 'vitest';
import type { Job } from '../../harness/evaluate/jobs.ts';
import { runPool } from '../../harness/evaluate/pool.ts';
import { REPO, tempPatchesDir, writeModule } from '../helpers/modules.ts';

function misbehaving(slug: string, body: string): string {
  return `import { definePatch } from '${REPO}/kernel-model/patch-api.ts';
import type { KGen, task_struct } from '${REPO}/kernel-model/sim/task.ts';
function* sched_submit_work(_tsk: task_struct): KGen {
  ${body}
}
export default definePatch({ slug: '${slug}', messageId: null, subject: 'x', author: 'x', date: '2024-01-01', base: 'v3.15', world: 'v3.15', touches: {}, overrides: { sched_submit_work } });
`;
}

describe('job pool', () => {
  it('reports a throwing, a hanging and a memory-eating job as harness errors and runs the rest', async () => {
    const patches = tempPatchesDir();
    const dirs = {
      throws: writeModule(patches, '2024-01-01-throws', misbehaving('2024-01-01-throws', "throw new Error('boom in the model');")),
      hangs: writeModule(patches, '2024-01-01-hangs', misbehaving('2024-01-01-hangs', 'for (;;) { /* never yields */ }')),
      balloon: writeModule(patches, '2024-01-01-balloon', misbehaving('2024-01-01-balloon', 'const a: number[][] = []; for (;;) a.push(new Array(1e6).fill(1));')),
    };
    const job = (id: number, patchDir: string | null): Job => ({ id, suite: 'dm-snapshot-split', variant: patchDir === null ? 'baseline' : 'patched', patchDir, seed: 1, first: 0, count: 3, strategy: 'portfolio' });
    const jobs = [job(0, null), job(1, dirs.throws), job(2, dirs.hangs), job(3, dirs.balloon), job(4, null)];
    const done: number[] = [];
    const r = await runPool(jobs, { jobs: 2, timeoutMs: 8_000, memoryMb: 96, onDone: (j) => done.push(j.id) });
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(r.errors.map((e) => e.job.id)).toEqual([1, 2, 3]);
    expect(r.errors[0].message).toContain('boom in the model');
    expect(r.errors[1].message).toMatch(/timed out/);
    expect(r.errors[2].message).toMatch(/worker (killed|exit)/);
    expect(r.records.filter((x) => x.variant === 'baseline')).toHaveLength(6);
  }, 120_000);
});
