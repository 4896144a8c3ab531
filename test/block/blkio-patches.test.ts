// The patch modules for the Dec 2011 kvm deadlock (ported from their C by lkml-harness port) load, install, and change what they
// claim: a cgroup's first IO no longer allocates its groups' per-cpu stats in the submitting
// task (inside throtl_get_tg) but from a worker. What they do to the findings is for the harness
// to measure, not asserted here.
import { describe, expect, it } from 'vitest';
import { type cgroup, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { type AllocInfo, allocInfo } from '../../kernel-model/mm/kasan.ts';
import { type PatchModule, withPatch } from '../../kernel-model/patch-api.ts';
import { isOverridden, kernelFunctionFile } from '../../kernel-model/sim/hooks.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { BLKIO_POLICY_PROP, BLKIO_POLICY_THROTL } from '../../kernel-model/v3.2/block/blk-cgroup.ts';
import { READ } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { bootDisk, cgroupGroups, makeBlkioCgroup, removeCgroups, submitAndWait } from '../../harness/suites/blkio-workload.ts';
import seedPatch from '../../patches/2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread/patch.ts';
import mergedPatch from '../../patches/2012-03-08-blkcg-alloc-per-cpu-stats-from-worker-thread-in-a/patch.ts';
import { runSeed } from '../helpers/sim.ts';

/** Who allocated the per-cpu stats of a cgroup's throttle and CFQ groups (undefined: none yet). */
interface StatsOrigin {
  throttle: AllocInfo | undefined;
  cfq: AllocInfo | undefined;
}

/** Reads who allocated the stats of the cgroup's groups (a plain read: no kernel code runs). */
function readOrigin(disk: sim_rq_disk, cg: cgroup, origin: StatsOrigin): void {
  const info = (plid: number): AllocInfo | undefined => {
    const g = cgroupGroups(disk, cg, plid)[0];
    return g === undefined || !g.stats_cpu ? undefined : allocInfo(g.stats_cpu);
  };
  origin.throttle = info(BLKIO_POLICY_THROTL);
  origin.cfq = info(BLKIO_POLICY_PROP);
}

/**
 * A task's first IO in a new cgroup, then time for workers to run. The groups are read after
 * the run, whatever ended it (seed 000's work items free the stats they install, so KASAN may
 * stop a run early).
 */
function firstIoInCgroup(patch: PatchModule | null, seed: number): StatsOrigin {
  let disk: sim_rq_disk | null = null;
  let cg: cgroup | null = null;
  const origin: StatsOrigin = { throttle: undefined, cfq: undefined };
  withPatch(patch, () =>
    runSeed(
      {
        base: 'v3.2',
        before(m) {
          disk = bootDisk(m, 'vdp');
        },
        tasks: {
          guest: function* (): KGen {
            const d = disk as sim_rq_disk;
            cg = yield* makeBlkioCgroup('guest', d, [{ file: 'write_bps_device', value: 1 << 20 }]);
            if (cg === null) return;
            yield* cgroups.cgroup_attach_task(cg, current());
            yield* submitAndWait(d, READ, 0, 8);
            yield* timers.msleep(50);
            readOrigin(d, cg, origin);
          },
        },
        teardown: function* (): KGen {
          yield* removeCgroups();
          yield* sim_rq_disk_ops.sim_rq_disk_remove(disk as sim_rq_disk);
        },
      },
      seed,
    ),
  );
  if (origin.throttle === undefined && origin.cfq === undefined && cg !== null) {
    // The run ended before the guest looked: look now, at the objects the run left.
    readOrigin(disk as unknown as sim_rq_disk, cg, origin);
  }
  return origin;
}

describe.each([
  { name: 'seed 000 (2011-12-15)', patch: seedPatch },
  { name: '1cd9e039fc25 adapted to v3.2', patch: mergedPatch },
])('patch module $name', ({ patch }) => {
  it('loads, and overrides only model functions, which it installs for its run and removes after', () => {
    expect(patch.slug).toMatch(/^\d{4}-\d{2}-\d{2}-/);
    const names = Object.keys(patch.overrides);
    expect(names.length).toBeGreaterThan(5);
    expect(patch.world).toBe('v3.2');
    for (const name of names) expect(kernelFunctionFile(name, 'v3.2'), name).toBeDefined();
    withPatch(patch, () => {
      for (const name of names) expect(isOverridden(name, 'v3.2'), name).toBe(true);
    });
    for (const name of names) expect(isOverridden(name, 'v3.2'), name).toBe(false);
    for (const name of Object.keys(patch.notOverridden)) expect(patch.overrides).not.toHaveProperty(name);
  });

  it('allocates a new group\'s per-cpu stats in a kworker, not in the task that submitted the IO', () => {
    let fromWorkers = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { throttle, cfq } = firstIoInCgroup(patch, seed);
      for (const info of [throttle, cfq]) {
        // Not allocated yet is fine: the work item may not have run when the run ended.
        if (info === undefined) continue;
        fromWorkers++;
        expect(info.allocTask, `seed ${seed}`).toMatch(/^kworker\//);
        expect(info.allocStack).not.toContain('throtl_get_tg');
        expect(info.allocStack).not.toContain('cfq_get_cfqg');
      }
    }
    expect(fromWorkers).toBeGreaterThan(0);
  });
});

describe('baseline (v3.2)', () => {
  it('allocates a new group\'s per-cpu stats in the submitting task, from throtl_get_tg and cfq_get_cfqg', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { throttle, cfq } = firstIoInCgroup(null, seed);
      expect(throttle?.allocTask).toMatch(/^guest:/);
      expect(throttle?.allocStack).toEqual(expect.arrayContaining(['blk_throtl_bio', 'throtl_get_tg', 'blkio_alloc_blkg_stats']));
      expect(cfq?.allocTask).toMatch(/^guest:/);
      expect(cfq?.allocStack).toEqual(expect.arrayContaining(['cfq_get_cfqg', 'blkio_alloc_blkg_stats']));
    }
  });
});
