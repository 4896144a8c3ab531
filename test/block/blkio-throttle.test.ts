// Throttling at the configured rate (the translated v3.2 world): bios of a cgroup with a bps or IOPS limit reach the disk
// spaced in virtual time as the limit says, and a cgroup without rules is not delayed.
import { describe, expect, it } from 'vitest';
import { cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { bootDisk, makeBlkioCgroup, removeCgroups, submitAndWait, type ThrottleRule } from '../../harness/suites/blkio-workload.ts';
import { runSeed, titles } from '../helpers/sim.ts';

const WRITES = 6;
const BYTES = 4096;

/** One task in a cgroup with `rules` writes WRITES pages one after another; returns the disk. */
function writeInCgroup(rules: ThrottleRule[], seed: number): { disk: sim_rq_disk; findings: string[] } {
  let disk: sim_rq_disk | null = null;
  const r = runSeed(
    {
      base: 'v3.2',
      before(m) {
        disk = bootDisk(m, 'vdt');
      },
      tasks: {
        writer: function* (): KGen {
          const d = disk as sim_rq_disk;
          const cg = yield* makeBlkioCgroup('limited', d, rules);
          if (cg !== null) yield* cgroups.cgroup_attach_task(cg, current());
          for (let i = 0; i < WRITES; i++) yield* submitAndWait(d, WRITE, i * 64, BYTES >> 9);
        },
      },
      teardown: function* (): KGen {
        yield* removeCgroups();
        yield* sim_rq_disk_ops.sim_rq_disk_remove(disk as sim_rq_disk);
      },
    },
    seed,
  );
  return { disk: disk as unknown as sim_rq_disk, findings: titles(r) };
}

/** Bytes per second the disk saw from the first write to the last. */
function rate(disk: sim_rq_disk): number {
  const at = disk.seen.map((s) => s.at);
  return ((at.length - 1) * BYTES * 1000) / (at[at.length - 1] - at[0]);
}

describe('blk-throttle', () => {
  it('a bps limit spaces the writes at the limit', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const limit = 40960;
      const { disk, findings } = writeInCgroup([{ file: 'write_bps_device', value: limit }], seed);
      expect(findings, `seed ${seed}`).toEqual([]);
      expect(disk.seen).toHaveLength(WRITES);
      // One slice of rounding at most on top of the limit's own spacing.
      expect(rate(disk)).toBeLessThanOrEqual(limit);
      expect(rate(disk)).toBeGreaterThan(limit * 0.75);
    }
  });

  it('an IOPS limit spaces the writes at the limit', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const iops = 20;
      const { disk, findings } = writeInCgroup([{ file: 'write_iops_device', value: iops }], seed);
      expect(findings, `seed ${seed}`).toEqual([]);
      const at = disk.seen.map((s) => s.at);
      const perSecond = ((at.length - 1) * 1000) / (at[at.length - 1] - at[0]);
      expect(perSecond).toBeLessThanOrEqual(iops);
      expect(perSecond).toBeGreaterThan(iops * 0.75);
    }
  });

  it('a cgroup without rules is not delayed', () => {
    const { disk, findings } = writeInCgroup([], 3);
    expect(findings).toEqual([]);
    expect(disk.seen.every((s) => s.at === 0)).toBe(true);
  });
});
