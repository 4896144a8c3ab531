// blkio cgroups on a throttled CFQ disk (the translated v3.2 world): one group per cgroup per
// queue and policy however many tasks race to create it, statistics that add up to the IO done,
// and groups freed once a removed cgroup's last reference goes (throttle groups after an RCU
// grace period).
import { describe, expect, it } from 'vitest';
import { type cgroup, cgroup_root, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { init_waitqueue_head, wait_event, wake_up_all } from '../../kernel-model/kernel/sched/wait.ts';
import { container_of } from '../../kernel-model/lib/c-pointers.ts';
import { allocInfo } from '../../kernel-model/mm/kasan.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { BLKIO_POLICY_PROP, BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_MERGED, BLKIO_STAT_CPU_SERVICED, BLKIO_STAT_CPU_SERVICE_BYTES } from '../../kernel-model/v3.2/block/blk-cgroup.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { allCgroupsStat, bootDisk, cgroupGroups, cgroupStat, makeBlkioCgroup, removeCgroups, submitAndWait, submitNoWait } from '../../harness/suites/blkio-workload.ts';
import { type TestProgram, runSeed, titles } from '../helpers/sim.ts';

interface Shared {
  disk: sim_rq_disk;
  cgs: cgroup[];
  go: ReturnType<typeof init_waitqueue_head>;
  ready: boolean;
}

/** Tasks in `layout[i]` cgroups (by index) start together and run `body`; teardown removes all. */
function racing(layout: number[], body: (s: Shared, index: number) => KGen, atEnd: (s: Shared) => KGen): TestProgram {
  const s = { cgs: [], ready: false, go: init_waitqueue_head('go') } as unknown as Shared;
  const tasks: Record<string, () => KGen> = {
    admin: function* (): KGen {
      for (let i = 0; i <= Math.max(...layout); i++) {
        const cg = yield* makeBlkioCgroup(`cg${i}`, s.disk, []);
        if (cg !== null) s.cgs.push(cg);
      }
      s.ready = true;
      wake_up_all(s.go);
    },
  };
  layout.forEach((cgIndex, i) => {
    tasks[`t${i}`] = function* (): KGen {
      yield* wait_event(s.go, () => s.ready);
      yield* cgroups.cgroup_attach_task(s.cgs[cgIndex], current());
      yield* body(s, i);
    };
  });
  return {
    base: 'v3.2',
    before(m) {
      s.disk = bootDisk(m, 'vdx');
    },
    tasks,
    teardown: function* (): KGen {
      yield* atEnd(s);
      yield* removeCgroups();
      yield* sim_rq_disk_ops.sim_rq_disk_remove(s.disk);
    },
  };
}

describe('blkio cgroups (v3.2)', () => {
  it('a cgroup gets one throttle group and one CFQ group per queue, however many tasks race to make it', () => {
    let leakedStats = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const counts: number[] = [];
      const p = racing(
        [0, 0, 0, 1, 1],
        function* (s, i) {
          yield* submitAndWait(s.disk, READ, i * 64, 8);
        },
        function* (s) {
          for (const cg of s.cgs) counts.push(cgroupGroups(s.disk, cg, BLKIO_POLICY_THROTL).length, cgroupGroups(s.disk, cg, BLKIO_POLICY_PROP).length);
        },
      );
      const r = runSeed(p, seed, { plan: {} });
      expect(counts, `seed ${seed}`).toEqual([1, 1, 1, 1]);
      // v3.2's throtl_get_tg() and cfq_get_cfqg() free a group that lost the race with kfree(),
      // without its per-cpu stats: kmemleak sees those, and nothing else goes wrong.
      // kmemleak reports each allocation site on its own: the per-cpu stats' site, nothing else.
      expect(titles(r).filter((t) => t !== 'memory leak in blkio_alloc_blkg_stats'), `seed ${seed}`).toEqual([]);
      const leak = r.findings.find((f) => f.title === 'memory leak in blkio_alloc_blkg_stats');
      if (leak !== undefined) {
        expect(leak.report).toContain('blkio_alloc_blkg_stats');
        leakedStats++;
      }
    }
    expect(leakedStats).toBeGreaterThan(0);
  });

  it('dispatched bytes, IOs and merges per cgroup add up to what its tasks submitted', () => {
    let merged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const stats: Record<string, number> = {};
      const p = racing(
        [0, 1],
        function* (s, i) {
          const done = { n: 0, wq: init_waitqueue_head(`t${i}.writes`) };
          // Cgroup 0: three 4 KiB reads and four contiguous 8 KiB writes (which may merge);
          // cgroup 1: two 4 KiB reads.
          const reads = i === 0 ? 3 : 2;
          for (let k = 0; k < reads; k++) yield* submitAndWait(s.disk, READ, 4096 * i + k * 64, 8);
          if (i === 0) {
            for (let k = 0; k < 4; k++) yield* submitNoWait(s.disk, WRITE, 20000 + k * 16, 16, done);
            yield* wait_event(done.wq, () => done.n === 4);
          }
        },
        function* (s) {
          stats.bytes0 = yield* cgroupStat(s.disk, s.cgs[0], BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICE_BYTES);
          stats.ios0 = yield* cgroupStat(s.disk, s.cgs[0], BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICED);
          stats.bytes1 = yield* cgroupStat(s.disk, s.cgs[1], BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICE_BYTES);
          stats.ios1 = yield* cgroupStat(s.disk, s.cgs[1], BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICED);
          stats.cfqBytes = yield* allCgroupsStat(s.disk, BLKIO_POLICY_PROP, BLKIO_STAT_CPU_SERVICE_BYTES);
          stats.cfqRequests = yield* allCgroupsStat(s.disk, BLKIO_POLICY_PROP, BLKIO_STAT_CPU_SERVICED);
          stats.cfqMerged = yield* allCgroupsStat(s.disk, BLKIO_POLICY_PROP, BLKIO_STAT_CPU_MERGED);
          stats.diskBytes = s.disk.bytes;
          stats.diskRequests = s.disk.seen.length;
          stats.diskMerged = s.disk.seen.reduce((n, rq) => n + rq.bios - 1, 0);
        },
      );
      // Late completions keep the disk busy, so that queued writes merge.
      const r = runSeed(p, seed, { plan: { ioDelay: 3 } });
      expect(titles(r).filter((t) => t !== 'BUG: memory leak'), `seed ${seed}`).toEqual([]);
      // Throttling counts every bio once, in the submitter's cgroup.
      expect(stats.bytes0).toBe(3 * 4096 + 4 * 8192);
      expect(stats.ios0).toBe(7);
      expect(stats.bytes1).toBe(2 * 4096);
      expect(stats.ios1).toBe(2);
      // CFQ counts requests as dispatched to the disk, and the bios merged into them.
      expect(stats.cfqBytes).toBe(stats.diskBytes);
      expect(stats.cfqRequests).toBe(stats.diskRequests);
      expect(stats.cfqMerged).toBe(stats.diskMerged);
      merged += stats.cfqMerged;
    }
    expect(merged).toBeGreaterThan(0);
  });

  it('removing a cgroup frees its groups: the throttle group after an RCU grace period', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const groups: { tg: object | null; cfqg: object | null } = { tg: null, cfqg: null };
      let disk: sim_rq_disk | null = null;
      const r = runSeed(
        {
          base: 'v3.2',
          before(m) {
            disk = bootDisk(m, 'vdr');
          },
          tasks: {
            user: function* (): KGen {
              const d = disk as sim_rq_disk;
              const cg = yield* makeBlkioCgroup('short-lived', d, []);
              if (cg === null) return;
              yield* cgroups.cgroup_attach_task(cg, current());
              yield* submitAndWait(d, READ, 0, 8);
              // The groups are allocated whole; their blkio_group is a member.
              const tg = cgroupGroups(d, cg, BLKIO_POLICY_THROTL)[0];
              const cfqg = cgroupGroups(d, cg, BLKIO_POLICY_PROP)[0];
              groups.tg = tg === undefined ? null : container_of<object>(tg, 'blkg');
              groups.cfqg = cfqg === undefined ? null : container_of<object>(cfqg, 'blkg');
              yield* cgroups.cgroup_attach_task(cgroup_root(), current());
              // Another IO from the root cgroup: CFQ drops the task's queue in the old group.
              yield* submitAndWait(d, READ, 64, 8);
              yield* cgroups.cgroup_rmdir(cg);
            },
          },
          teardown: function* (): KGen {
            yield* sim_rq_disk_ops.sim_rq_disk_remove(disk as sim_rq_disk);
          },
        },
        seed,
      );
      expect(titles(r), `seed ${seed}`).toEqual([]);
      const tg = allocInfo(groups.tg as object);
      const cfqg = allocInfo(groups.cfqg as object);
      expect(tg?.freeTask).toBe('rcu (softirq)');
      expect(tg?.freeStack).toEqual(expect.arrayContaining(['rcu_process_callbacks', 'throtl_free_tg']));
      expect(cfqg?.freeStack).toEqual(expect.arrayContaining(['cfq_put_cfqg']));
    }
  });
});
