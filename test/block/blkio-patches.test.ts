// The two patch modules for the Dec 2011 kvm deadlock load, install, and change what they
// claim: a cgroup's first IO no longer allocates its groups' per-cpu stats in the submitting
// task (inside throtl_get_tg) but from a worker. What they do to the findings is for the harness
// to measure, not asserted here.
import { describe, expect, it } from 'vitest';
import { READ } from '../../kernel-model/include/linux/bio.ts';
import {
  BLKIO_POLICY_PROP,
  BLKIO_POLICY_THROTL,
  BLKIO_THROTL_write_bps_device,
  type blkio_cgroup,
  blkio_subsys_id,
} from '../../kernel-model/block/blk-cgroup.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/drivers/block/sim-rq-disk.ts';
import { type cgroup, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { type AllocInfo, allocInfo } from '../../kernel-model/mm/kasan.ts';
import { type PatchModule, withPatch } from '../../kernel-model/patch-api.ts';
import { isOverridden, kernelFunctionFile } from '../../kernel-model/sim/hooks.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { bootDisk, makeBlkioCgroup, removeCgroups } from '../../harness/suites/blkio-workload.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import seedPatch from '../../patches/2011-12-15-blkio-percpu-alloc-worker/patch.ts';
import mergedPatch from '../../patches/2012-03-08-blkcg-alloc-per-cpu-stats-from-worker-thread-in-a/patch.ts';
import { runSeed } from '../helpers/sim.ts';

/** Who allocated the per-cpu stats of a cgroup's throttle and CFQ groups (undefined: none yet). */
interface StatsOrigin {
  throttle: AllocInfo | undefined;
  cfq: AllocInfo | undefined;
}

/** Reads who allocated the stats of the cgroup's groups (a plain read: no kernel code runs). */
function readOrigin(cg: cgroup, origin: StatsOrigin): void {
  const blkcg = cg.subsys[blkio_subsys_id] as blkio_cgroup;
  for (const g of blkcg.blkg_list) {
    const info = g.stats_cpu === null ? undefined : allocInfo(g.stats_cpu);
    if (g.plid === BLKIO_POLICY_THROTL) origin.throttle = info;
    if (g.plid === BLKIO_POLICY_PROP) origin.cfq = info;
  }
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
        before(m) {
          disk = bootDisk(m, 'vdp');
        },
        tasks: {
          guest: function* (): KGen {
            const d = disk as sim_rq_disk;
            cg = yield* makeBlkioCgroup('guest', d, [{ fileid: BLKIO_THROTL_write_bps_device, value: 1 << 20 }]);
            if (cg === null) return;
            yield* cgroups.cgroup_attach_task(cg, current());
            yield* submitAndWait(d.queue, READ, 0, 8);
            yield* timers.msleep(50);
            readOrigin(cg, origin);
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
    readOrigin(cg, origin);
  }
  return origin;
}

describe.each([
  { name: 'seed 000 (2011-12-15)', patch: seedPatch },
  { name: '1cd9e039fc25 (merged)', patch: mergedPatch },
])('patch module $name', ({ patch }) => {
  it('loads, and overrides only model functions, which it installs for its run and removes after', () => {
    expect(patch.slug).toMatch(/^\d{4}-\d{2}-\d{2}-/);
    const names = Object.keys(patch.overrides);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(kernelFunctionFile(name), name).toBeDefined();
    withPatch(patch, () => {
      for (const name of names) expect(isOverridden(name), name).toBe(true);
    });
    for (const name of names) expect(isOverridden(name), name).toBe(false);
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
