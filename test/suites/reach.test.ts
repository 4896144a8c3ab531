// Suite selection by measured reach: the table is what the suites' runs call today, a patch
// selects the suites of its world whose runs reach what it touches, and tracing leaves the
// model's tables as it found them.
import { describe, expect, it } from 'vitest';
import { baseline, registeredFunctions, world_function } from '../../kernel-model/sim/hooks.ts';
import * as notModeled from '../../kernel-model/v3.15/model/not-modeled.ts';
import { GENERATED_BUDGET, allSuites, branchesOf, findSuite, reachOf, suitesFor } from '../../harness/suites/index.ts';
import { isGenerated } from '../../harness/fuzz/corpus-suites.ts';
import { REACH, REACH_BRANCHES } from '../../harness/suites/reach-table.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { reachSummary } from '../../harness/evaluate/reach-summary.ts';
import { branchCounts, maskSize } from '../../kernel-model/sim/branches.ts';
import type { Suite } from '../../harness/suites/suite.ts';

const names = (suites: readonly { name: string }[]) => suites.map((s) => s.name);

describe('suite reach', () => {
  it('the table is what every suite reaches today (else: npm run reach)', { timeout: 1_200_000 }, () => {
    expect(Object.keys(REACH).sort()).toEqual(names(allSuites()).sort());
    expect(Object.keys(REACH_BRANCHES).sort()).toEqual(names(allSuites()).sort());
    for (const s of allSuites()) expect(measureReach(s), `${s.name}: stale, run npm run reach`).toEqual({ functions: REACH[s.name], branches: branchesOf(s) });
  });

  it('tracing a suite puts every table back as it was', () => {
    const suite = findSuite('kvm-cgroup-swap');
    if (suite === undefined) throw new Error('no kvm-cgroup-swap');
    const before = world_function('v3.2', 'cfq_cic_link');
    expect(measureReach(suite, 2).functions).toContain('cfq_cic_link');
    expect(world_function('v3.2', 'cfq_cic_link')).toBe(before);
  });

  it('a patch selects the suites of its world whose runs reach what it touches', () => {
    // cfq_cic_link runs on every request of a v3.2 workload; a hand list had missed it.
    // Beside them, the budget of generated programs, each reaching it too.
    const cic = suitesFor(['cfq_cic_link'], 'v3.2');
    expect(names(cic.filter((s) => !isGenerated(s)))).toEqual(['kvm-cgroup-swap', 'cgroup-churn', 'throttle-limits', 'cgroup-churn-stats', 'blkio-files', 'blkio-rule-delete', 'disk-unplug', 'cfq-ioprio-tunables', 'cfq-shared-io-context', 'disk-add-nomem', 'request-list-full', 'elevator-switch', 'io-nomem']);
    expect(cic.filter(isGenerated)).toHaveLength(GENERATED_BUDGET);
    for (const s of cic) expect(reachOf(s)).toContain('cfq_cic_link');
    // The fixed suites that run a RAID1 array (the mirror whose legs fail, and those that build
    // the grammar's whole stack, md0 in it: the stack swapping under pressure, the mirror whose
    // reads fail with IO in flight, the snapshot whose disks fail, the mirror checked while its
    // legs fail, the mirror with ranges suspended, the request-based disk losing commands, the
    // origin copying chunks under pressure, the volumes shrunk, the linear array, the
    // request-based disk under reclaim, the mirror built while its allocations fail, the stack
    // watched for events, the flushes and discards through the stack, the mirror opened while it is made and stopped, the stack
    // whose dm devices two dmsetup users suspend at once, the stack whose request-based disk's
    // scheduler is switched, the mirror frozen behind a writer's plug, the mirror whose sync
    // threads cannot be made, the origin swapped to while kcopyd runs dry, the stack whose tables
    // are reloaded while their allocations fail, the two mirrors on one pair of disks, the mirror
    // with 1.2 superblocks over bad sectors): a raid1 patch selects them.
    expect(names(suitesFor(['make_request', 'raid1d'], 'v3.15').filter((s) => !isGenerated(s)))).toEqual([
      'raid1-mirror', 'swap-under-stack', 'raid1-read-errors', 'raid1-freeze-plugged', 'md-sync-thread-nomem', 'dm-snapshot-io-errors', 'raid1-check-errors', 'raid1-suspend-range',
      'rq-disk-timeouts', 'snapshot-copy-pressure', 'snapshot-copy-swap', 'dm-shrink', 'md-linear', 'rq-disk-reclaim', 'setup-nomem', 'event-monitors', 'dm-extents', 'md-open-race',
      'dm-ioctl-race', 'rq-elevator-switch', 'dm-reload-nomem', 'md-shared-disks', 'raid1-bad-blocks',
    ]);
    // Resync writes come from a check or repair (md/sync_action: raid1-check-errors,
    // event-monitors, md-sync-thread-nomem, md-shared-disks and generated programs), from the
    // recovery after a leg is given back (raid1-read-errors) and from the first resync of an
    // array built without --assume-clean (md-shared-disks): those alone are selected.
    const sync = suitesFor(['sync_request_write'], 'v3.15');
    expect(names(sync.filter((s) => !isGenerated(s)))).toEqual(['raid1-read-errors', 'md-sync-thread-nomem', 'raid1-check-errors', 'event-monitors', 'md-shared-disks']);
    expect(sync.filter(isGenerated).length).toBeGreaterThan(0);
    for (const s of sync) expect(reachOf(s), s.name).toContain('sync_request_write');
    // Snapshot-merge needs the persistent exception store, which no workload has: it selects nothing.
    expect(suitesFor(['snapshot_merge_next_chunks'], 'v3.15')).toEqual([]);
    // Both worlds define generic_make_request: the patch's world decides.
    const v32 = suitesFor(['generic_make_request'], 'v3.2');
    const v315 = suitesFor(['generic_make_request'], 'v3.15');
    expect(v32.length).toBeGreaterThan(0);
    expect(v315.length).toBeGreaterThan(0);
    expect(v32.every((s) => s.kernel === '3.2') && v315.every((s) => s.kernel === '3.15')).toBe(true);
    for (const s of [...v32, ...v315]) expect(reachOf(s)).toContain('generic_make_request');
  });

  it('generated programs are aimed at what the fixed suites miss first, then at what the patch touches most', () => {
    // A task's plug flushed by the scheduler as it goes to sleep is reached in v3.2 only by
    // generated programs: one that reaches the touched function is chosen first.
    const aimed = suitesFor(['blk_schedule_flush_plug', 'cfq_cic_link'], 'v3.2').filter(isGenerated);
    expect(aimed).toHaveLength(GENERATED_BUDGET);
    expect(allSuites().filter((s) => s.kernel === '3.2' && !isGenerated(s) && reachOf(s).includes('blk_schedule_flush_plug'))).toEqual([]);
    expect(aimed.some((s) => reachOf(s).includes('blk_schedule_flush_plug'))).toBe(true);
    // A function nothing reaches selects nothing, generated or fixed.
    expect(suitesFor(['blk_rq_set_mixed_merge'], 'v3.2')).toEqual([]);
    // Every generated program is a suite of the registry, replayable by name.
    for (const s of allSuites().filter(isGenerated)) expect(findSuite(s.name)).toBe(s);
  });

  it('an evaluation names what the patch touches that no suite run calls, and leaves out what it adds', () => {
    // The fixed dm suites that do no IO to the mirror (generated programs aimed at __map_bio,
    // swap-under-stack, raid1-freeze-plugged, setup-nomem, event-monitors and dm-extents also write to it).
    const suites = suitesFor(['__map_bio'], 'v3.15').filter((s) => !isGenerated(s) && !['swap-under-stack', 'raid1-freeze-plugged', 'setup-nomem', 'event-monitors', 'dm-extents'].includes(s.name));
    const r = reachSummary(['__map_bio', 'make_request', 'dm_offload_start'], suites, 'v3.15');
    expect(r.notExercised).toEqual(['make_request']);
    expect(r.touched.map((t) => t.name)).toEqual(['__map_bio', 'make_request']);
    expect(r.touched[0]?.suites).toEqual(names(suites));
    expect(r.functions.reached).toBeGreaterThan(0);
    expect(r.functions.reached).toBeLessThan(r.functions.total);
    // The touched functions' own arms: some of __map_bio's are taken, none of make_request's.
    const [mapBio, makeRequest] = r.touched;
    expect(mapBio?.branches?.reached).toBeGreaterThan(0);
    expect(mapBio?.branches?.reached).toBeLessThanOrEqual(mapBio?.branches?.total ?? 0);
    expect(makeRequest?.branches?.reached).toBe(0);
    expect(makeRequest?.branches?.total).toBe(branchCounts('v3.15').get('make_request'));
    // Branches: the arms the same suites' runs took, of all the world's translated functions have.
    const arms = [...branchCounts('v3.15').values()].reduce((a, b) => a + b, 0);
    expect(r.branches?.total).toBe(arms);
    expect(r.branches?.reached).toBeGreaterThan(0);
    expect(r.branches?.reached).toBeLessThan(arms);
  });

  it('measures ported functions only: stand-ins that only stop the run are not counted', () => {
    const ported = registeredFunctions().filter((f) => f.overridable && f.base === 'v3.15');
    const stubs = ported.filter((f) => f.stub).map((f) => f.name);
    expect(stubs).toContain('blk_mq_insert_request');
    // Each one stops the run when called: it stands for something the model leaves out.
    type Table = Parameters<typeof baseline>[0];
    const tables = (Object.values(notModeled) as unknown[]).filter((t): t is Table => typeof t === 'object' && t !== null);
    for (const name of stubs) {
      const table = tables.find((t) => name in t);
      if (table === undefined) throw new Error(`${name}: not in v3.15/model/not-modeled.ts`);
      const fn = baseline(table, name) as unknown as (...args: unknown[]) => unknown;
      expect(() => {
        const r = fn() as { next?: () => unknown } | undefined;
        r?.next?.();
      }, name).toThrow(/not modeled/);
    }
    const r = reachSummary([], [], 'v3.15');
    expect(r.functions.total).toBe(ported.length - stubs.length);
    for (const name of stubs) expect(r.unreached).not.toContain(name);
  });

  it('generated programs are aimed at the arms of what a patch touches: the one taking most of them is chosen', () => {
    const fn = 'blkiocg_file_write';
    const arms = (s: Suite): number => maskSize(branchesOf(s)[fn] ?? '0');
    const programs = allSuites().filter((s) => isGenerated(s) && s.kernel === '3.2' && reachOf(s).includes(fn));
    const most = Math.max(...programs.map(arms));
    const aimed = suitesFor([fn], 'v3.2').filter(isGenerated);
    expect(aimed.some((s) => arms(s) === most)).toBe(true);
    // Not the programs that merely reach it: some reach it along fewer arms (a rule added, never deleted).
    expect(Math.min(...programs.map(arms))).toBeLessThan(most);
  });
});
