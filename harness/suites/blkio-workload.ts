// Building blocks of the blkio-cgroup workloads: a throttled, CFQ-scheduled disk, cgroups with
// throttle rules, IO that is not waited for (writeback-style), and the end-of-run checks that
// every byte the disk transferred was accounted to some group by both policies.

import { type bio } from '../../kernel-model/include/linux/bio.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import {
  BLKIO_POLICY_PROP,
  BLKIO_POLICY_THROTL,
  BLKIO_STAT_CPU_SERVICE_BYTES,
  BLKIO_STAT_READ,
  BLKIO_STAT_WRITE,
  blk_cgroup,
  blkio_root_cgroup,
} from '../../kernel-model/block/blk-cgroup.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/drivers/block/sim-rq-disk.ts';
import { bios } from '../../kernel-model/fs/bio.ts';
import { type cgroup, cgroup_root, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import { stat_drift } from '../../kernel-model/kernel/stat-drift.ts';
import { type FaultPlan, type MemoryPressure, defaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/** A throttle rule: one of the blkio.throttle.*_device files and the value written to it. */
export interface ThrottleRule {
  fileid: number;
  value: number;
}

/** How a suite draws its runs' conditions: memory pressure, late completions, late timers. */
export interface PlanShape {
  /** Drawn uniformly: repeat a level to make it likelier. */
  memory: readonly MemoryPressure[];
  /** 1 in `chance` runs has completions up to `max` jiffies late; the same for timers. */
  ioDelay: { chance: number; max: number };
  wqDelay: { chance: number; max: number };
}

/** The fault plan of one seed, drawn from the suite's shape (the seed alone decides it). */
export function drawPlan(seed: number, shape: PlanShape): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = shape.memory[rng.below(shape.memory.length)];
  p.ioDelay = rng.below(shape.ioDelay.chance) === 0 ? 1 + rng.below(shape.ioDelay.max) : 0;
  p.wqDelay = rng.below(shape.wqDelay.chance) === 0 ? 1 + rng.below(shape.wqDelay.max) : 0;
  return p;
}

/** The disk every blkio workload runs on: request-based, CFQ, throttled, queue depth 2. */
export function bootDisk(m: Machine, name: string): sim_rq_disk {
  const disk = m.bootCall(sim_rq_disk_ops.sim_rq_disk_create(name, 0, 2));
  if (disk === null) throw new Error(`cannot create the disk ${name} at boot`);
  return disk;
}

/** mkdir of a blkio cgroup under the root, with its throttle rules for `disk` written. */
export function* makeBlkioCgroup(name: string, disk: sim_rq_disk, rules: readonly ThrottleRule[]): KGen<cgroup | null> {
  const cg = yield* cgroups.cgroup_mkdir(cgroup_root(), name);
  if (cg === null) return null;
  for (const r of rules) yield* blk_cgroup.blkiocg_file_write(cg, BLKIO_POLICY_THROTL, r.fileid, disk.dev, r.value);
  return cg;
}

/**
 * The end of a blkio workload: the accounting check (when no cgroup was removed during the run:
 * a removed cgroup takes its groups' stats with it), then every cgroup and the disk go.
 */
export function* blkioTeardown(disk: sim_rq_disk, checkAccounting: boolean): KGen {
  if (checkAccounting) checkBlkioAccounting(disk);
  yield* removeCgroups();
  yield* sim_rq_disk_ops.sim_rq_disk_remove(disk);
}

/** rmdir of every cgroup under the root (their tasks have exited). */
export function* removeCgroups(): KGen {
  for (const cg of [...cgroup_root().children]) yield* cgroups.cgroup_rmdir(cg);
}

/** Completions of bios submitted without waiting, and who to wake at each. */
export interface Completions {
  n: number;
  wq: wait_queue_head_t;
}

/**
 * Submits a bio as writeback does, without waiting; `done` counts its completion. The bio is
 * freed by its end_io.
 */
export function* submitNoWait(disk: sim_rq_disk, rw: number, sector: number, sectors: number, done: Completions): KGen<boolean> {
  const b = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio | null;
  if (b === null) return false;
  b.bi_bdev = disk.queue;
  b.bi_sector = sector;
  b.bi_size = sectors << 9;
  b.bi_end_io = function* (bb): KGen {
    done.n++;
    wake_up_all(done.wq);
    yield* bios.bio_put(bb);
  };
  yield* blk_core.submit_bio(rw, b);
  return true;
}

/**
 * One per-cpu statistic (read + write) of a cgroup's group of one policy on `disk`: what its
 * blkio file adds up, read for every group (the file itself skips groups whose device number
 * is not filled in yet). Groups whose stats were never allocated count nothing.
 */
export function cgroupStat(disk: sim_rq_disk, cg: cgroup | null, plid: number, type: number): number {
  const blkcg = cg === null ? blkio_root_cgroup() : blk_cgroup.cgroup_to_blkio_cgroup(cg);
  const key = plid === BLKIO_POLICY_THROTL ? disk.queue.td : disk.queue.elevator?.elevator_data;
  let total = 0;
  for (const blkg of blkcg.blkg_list) {
    if (blkg.plid !== plid || blkg.key !== key || blkg.stats_cpu === null) continue;
    total += blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_READ);
    total += blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_WRITE);
  }
  return total;
}

/** A statistic summed over every cgroup (the root included). */
export function allCgroupsStat(disk: sim_rq_disk, plid: number, type: number): number {
  let total = cgroupStat(disk, null, plid, type);
  for (const cg of cgroup_root().children) total += cgroupStat(disk, cg, plid, type);
  return total;
}

/**
 * Every byte the disk moved went through blk_throtl_bio() and CFQ's dispatch once: the
 * throttle and the proportional-weight io_service_bytes of all cgroups must each add up to it.
 * Groups whose stats were never allocated (a patch may delay them) count nothing. Call before
 * the cgroups are removed (removal frees their groups and stats).
 */
export function checkBlkioAccounting(disk: sim_rq_disk): void {
  const throttled = allCgroupsStat(disk, BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICE_BYTES);
  const scheduled = allCgroupsStat(disk, BLKIO_POLICY_PROP, BLKIO_STAT_CPU_SERVICE_BYTES);
  stat_drift(`blkio.throttle.io_service_bytes of ${disk.name}`, disk.bytes, throttled);
  stat_drift(`blkio.io_service_bytes of ${disk.name}`, disk.bytes, scheduled);
}
