// The nightly end to end, through the real CLI in child processes: sharding, resuming after a
// kill, and the night-to-night digest.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { REPO, tempPatchesDir, writeModule } from '../helpers/modules.ts';

const CLI = join(REPO, 'bin/lkml-harness.js');
const SLUG = '2099-01-01-nightly-probe';
const BASE_PATCH = `${REPO}/patches/2014-05-27-block-flush-queued-bios-when-the-process-blocks/patch.ts`;

/** Seed 001's port under another name, touching only sched_submit_work: few suites, fast. */
function goodModule(): string {
  return `import base from '${BASE_PATCH}';
import { definePatch } from '${REPO}/kernel-model/patch-api.ts';
export default definePatch({ ...base, slug: '${SLUG}', message: undefined, touches: { 'kernel/sched/core.c': ['sched_submit_work'] }, notOverridden: {} , overrides: { sched_submit_work: base.overrides.sched_submit_work } });
`;
}

/** The same module after a bad change: sched_submit_work now hits a BUG_ON. */
function brokenModule(): string {
  return `import { definePatch } from '${REPO}/kernel-model/patch-api.ts';
import { BUG_ON } from '${REPO}/kernel-model/include/asm-generic/bug.ts';
import type { KGen, task_struct } from '${REPO}/kernel-model/sim/task.ts';
function* sched_submit_work(tsk: task_struct): KGen {
  BUG_ON(tsk.state !== 0, 'kernel/sched/core.c');
}
export default definePatch({ slug: '${SLUG}', messageId: null, subject: 'probe', author: 'Probe <probe@example.com>', date: '2099-01-01', base: 'v3.15', world: 'v3.15', touches: { 'kernel/sched/core.c': ['sched_submit_work'] }, overrides: { sched_submit_work } });
`;
}

async function nightly(args: string[]): Promise<void> {
  await execa('node', [CLI, 'nightly', '--budget', '2', '--per-job', '2', '--jobs', '2', ...args], { reject: false });
}

const read = (f: string) => readFileSync(f, 'utf8');

describe('nightly', () => {
  it('two shards merged give exactly what one machine gives', async () => {
    const patches = tempPatchesDir();
    writeModule(patches, SLUG, goodModule());
    const one = mkdtempSync(join(tmpdir(), 'lkml-one-'));
    const s1 = mkdtempSync(join(tmpdir(), 'lkml-s1-'));
    const s2 = mkdtempSync(join(tmpdir(), 'lkml-s2-'));
    const merged = mkdtempSync(join(tmpdir(), 'lkml-merged-'));
    await nightly(['--patches', patches, '--run-id', 'n1', '--out', one]);
    await nightly(['--patches', patches, '--run-id', 'n1', '--out', s1, '--shard', '1/2']);
    await nightly(['--patches', patches, '--run-id', 'n1', '--out', s2, '--shard', '2/2']);
    const s1Jobs = readdirSync(join(s1, 'nightly/n1/jobs'));
    const s2Jobs = readdirSync(join(s2, 'nightly/n1/jobs'));
    expect(s1Jobs.length).toBeGreaterThan(0);
    expect(s2Jobs.length).toBeGreaterThan(0);
    expect(s1Jobs.filter((j) => s2Jobs.includes(j))).toEqual([]);
    await execa('node', [CLI, 'merge', join(s1, 'nightly/n1'), join(s2, 'nightly/n1'), '--out', merged]);
    for (const f of ['summary.json', 'digest.txt', 'index.html']) {
      expect(read(join(merged, 'nightly/n1', f)), f).toBe(read(join(one, 'nightly/n1', f)));
    }
    expect(JSON.parse(read(join(merged, 'nightly/n1/summary.json'))).complete).toBe(true);
    // The output roots the shards were written to merge the same way.
    const fromRoots = mkdtempSync(join(tmpdir(), 'lkml-merged-roots-'));
    await execa('node', [CLI, 'merge', s1, s2, '--out', fromRoots]);
    for (const f of ['summary.json', 'digest.txt', 'index.html']) {
      expect(read(join(fromRoots, 'nightly/n1', f)), f).toBe(read(join(one, 'nightly/n1', f)));
    }
  });

  it('a nightly killed mid-way and resumed has every job exactly once', async () => {
    const patches = tempPatchesDir();
    writeModule(patches, SLUG, goodModule());
    const out = mkdtempSync(join(tmpdir(), 'lkml-resume-'));
    const args = [CLI, 'nightly', '--budget', '4', '--per-job', '1', '--jobs', '1', '--patches', patches, '--run-id', 'r1', '--out', out];
    const child = execa('node', args, { reject: false });
    const jobs = join(out, 'nightly/r1/jobs');
    // Kill it once a few jobs are done, while others are still to run.
    for (let i = 0; i < 600; i++) {
      if (existsSync(jobs) && readdirSync(jobs).filter((f) => f.endsWith('.json')).length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await child;
    const before = readdirSync(jobs).filter((f) => f.endsWith('.json')).length;
    const plan = JSON.parse(read(join(out, 'nightly/r1/plan.json'))) as { jobs: { key: string }[] };
    expect(before).toBeLessThan(plan.jobs.length);
    await execa('node', args);
    const keys = readdirSync(jobs).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(keys.sort()).toEqual(plan.jobs.map((j) => j.key).sort());
    const done = read(join(out, 'nightly/r1/journal.log')).split('\n').filter((l) => l.startsWith('done ')).map((l) => l.split(' ')[1]);
    expect(new Set(done).size).toBe(done.length);
    expect(readdirSync(jobs).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const summary = JSON.parse(read(join(out, 'nightly/r1/summary.json')));
    expect(summary.complete).toBe(true);
    expect(summary.done).toBe(plan.jobs.length);
  });

  it("the second night's digest lists a finding a changed patch module introduced", async () => {
    const patches = tempPatchesDir();
    const out = mkdtempSync(join(tmpdir(), 'lkml-nights-'));
    writeModule(patches, SLUG, goodModule());
    await nightly(['--patches', patches, '--run-id', '2099-01-01', '--out', out]);
    writeModule(patches, SLUG, brokenModule());
    await nightly(['--patches', patches, '--run-id', '2099-01-02', '--out', out]);
    const digest = read(join(out, 'nightly/2099-01-02/digest.txt'));
    expect(digest).toMatch(/Compared with 2099-01-01/);
    const newSection = digest.slice(digest.indexOf('NEW FINDINGS'), digest.indexOf('GONE'));
    // sched_submit_work() is inline in the C: as in a kernel trace, the BUG is schedule()'s.
    expect(newSection).toContain('kernel BUG in schedule');
    expect(newSection).toContain(SLUG);
    const dashboard = read(join(out, 'nightly/2099-01-02/index.html'));
    expect(dashboard).toContain('2099-01-01');
  });
});
