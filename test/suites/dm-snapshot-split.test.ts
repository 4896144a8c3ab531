import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { runsReporting } from '../helpers/suite-runs.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { allSuites, findSuite } from '../../harness/suites/index.ts';
import type { Suite } from '../../harness/suites/suite.ts';

function suite(name: string): Suite {
  const s = findSuite(name);
  if (s === undefined) throw new Error(`suite ${name} is not registered`);
  return s;
}

// The v3.15 world's stacking suites (harness/suites/dm-snapshot-split.ts, bioset-reserve.ts).
describe('dm-snapshot-split suites on the baseline', () => {
  it('are registered, with plans that depend on the seed only', () => {
    const names = allSuites().map((s) => s.name);
    for (const n of ['dm-snapshot-split', 'dm-snapshot-split-kmalloc', 'dm-snapshot-split-rt', 'bioset-reserve-exhaustion', 'bioset-reserve-exhaustion-kmalloc']) {
      expect(names).toContain(n);
      const s = suite(n);
      expect(JSON.stringify(s.plan(7))).toBe(JSON.stringify(s.plan(7)));
    }
  });

  it('dm-snapshot-split hangs within its default budget, and the report names the cycle', () => {
    const s = suite('dm-snapshot-split');
    const records = runSeeds(s, { seed: 1, count: 40, patch: null });
    const hangs = records.flatMap((r) => r.findings.filter((f) => f.kind === 'hang'));
    expect(hangs.length).toBeGreaterThan(0);
    expect(hangs[0].title).toBe('INFO: task hung in snapshot_map');
    const report = hangs[0].report;
    // The three edges of the seed's cycle: the queued bio, s->lock, the tracked chunk.
    expect(report).toMatch(/bio \(read sector \d+\+\d+\) queued on reader:\d+'s bio_list/);
    expect(report).toMatch(/reader:\d+ waits for rw_semaphore &s->lock, blocked by kworker/);
    expect(report).toMatch(/polls \(sleeps and checks again\) for the reads tracked on chunk \d+ of the snapshot/);
    expect(report).toContain('pending_complete');
    expect(report).toContain('__check_for_conflicting_io');
  });

  it('the bio_kmalloc and rt_mutex variants hang on the baseline too', () => {
    for (const n of ['dm-snapshot-split-kmalloc', 'dm-snapshot-split-rt']) {
      const s = suite(n);
      const records = runSeeds(s, { seed: 1, count: 40, patch: null });
      const titles = new Set(records.flatMap((r) => r.findings.map((f) => f.title)));
      expect([...titles], n).toContain('INFO: task hung in snapshot_map');
    }
  });

  it('the bioset-reserve suites run to the end (no livelock, no time limit)', () => {
    for (const n of ['bioset-reserve-exhaustion', 'bioset-reserve-exhaustion-kmalloc']) {
      const s = suite(n);
      const records = runSeeds(s, { seed: 1, count: 40, patch: null });
      expect(records.every((r) => r.outcome === 'completed' || r.outcome === 'found'), n).toBe(true);
    }
  });
});

// The exception store types are registered at dm-snapshot's init, looked up at every snapshot's
// table load and unregistered at its exit, each under _lock (a KCSAN rule: the static list under
// the static lock beside it). A patch that unregisters without it, taken from its mail by
// `lkml-harness port`, walks and changes the list while other contexts did so under the lock.
describe('dm-snapshot-split and the exception store types', () => {
  const isTypesRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('exception_store_type');

  it('sees dm_exception_store_type_unregister() without _lock at rmmod, and no race on the base tree', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('dm-exstore-unregister-unlocked.patch');
    const s = suite('dm-snapshot-split');
    expect(runsReporting(runSeeds(s, { seed: 1, count: 20, patch }), isTypesRace)).toBeGreaterThan(0);
    expect(runsReporting(runSeeds(s, { seed: 1, count: 20, patch: null }), isTypesRace)).toBe(0);
  });
});

// kcopyd's job lists are "protected by job_lock" (struct dm_kcopyd_client): push() queues a job
// from dm-io's completion on any CPU under it, and the client's work item pops under it. A patch
// popping without the lock, taken from its mail by `lkml-harness port`, races with push().
describe('dm-snapshot-split and kcopyd\'s job lists', () => {
  const isJobsRace = (title: string): boolean => title.startsWith('KCSAN: data-race in') && title.includes('pop');

  it('sees pop() without kc->job_lock race with push(), and no race on the base tree', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('dm-kcopyd-pop-unlocked.patch');
    const s = suite('dm-snapshot-split');
    expect(runsReporting(runSeeds(s, { seed: 1, count: 20, patch }), isJobsRace)).toBeGreaterThan(0);
    expect(runsReporting(runSeeds(s, { seed: 1, count: 20, patch: null }), isJobsRace)).toBe(0);
  });
});
