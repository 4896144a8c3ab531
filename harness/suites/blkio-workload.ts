// Building blocks of the blkio-cgroup workloads (the translated v3.2 world): a throttled,
// CFQ-scheduled disk, cgroups with throttle rules written to their blkio files as userspace
// writes them, IO submitted as a filesystem or writeback submits it, and the end-of-run check
// that every byte the disk transferred was accounted to some group by both policies.

import '../../kernel-model/v3.2/world.ts';
import { type AccountedIo, io_account_complete, io_account_flush, io_account_submit, io_account_write } from '../../kernel-model/block/blk-io-accounting.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { ENOMEM } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { lazyPerMachine } from '../../kernel-model/lib/lazy-per-machine.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import { type cgroup, cgroup_root, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import { stat_drift } from '../../kernel-model/kernel/stat-drift.ts';
import { container_of } from '../../kernel-model/lib/c-pointers.ts';
import { PAGE_SIZE, page_zeroed } from '../../kernel-model/mm/page.ts';
import { HZ, type Machine } from '../../kernel-model/sim/machine.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { blk_core } from '../../kernel-model/v3.2/block/blk-core.ts';
import {
  BLKIO_POLICY_PROP,
  BLKIO_POLICY_THROTL,
  BLKIO_STAT_CPU_SERVICE_BYTES,
  BLKIO_STAT_READ,
  BLKIO_STAT_WRITE,
  blk_cgroup,
  blk_cgroup_globals,
  type blkio_cgroup,
  type blkio_group,
} from '../../kernel-model/v3.2/block/blk-cgroup.ts';
import { bio_c } from '../../kernel-model/v3.2/fs/bio.ts';
import { REQ_FLUSH, REQ_WRITE, type bio } from '../../kernel-model/v3.2/include/linux/blk_types.ts';
import { SIM_DISK_MAJOR, sim_bio_pages, sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { genhd } from '../../kernel-model/v3.2/model/genhd.ts';

/** A throttle rule: one of the blkio.throttle.*_device files and the value written to it. */
export interface ThrottleRule {
  file: 'read_bps_device' | 'write_bps_device' | 'read_iops_device' | 'write_iops_device';
  value: number;
}

/**
 * The disk every blkio workload runs on: request-based, CFQ, throttled, queue depth 2; with a
 * command timeout of `timeoutSeconds` when given (a SCSI disk), none otherwise (virtio-blk).
 */
export function bootDisk(m: Machine, name: string, timeoutSeconds?: number): sim_rq_disk {
  const disk = m.bootCall(sim_rq_disk_ops.sim_rq_disk_create(name, 0, 2, timeoutSeconds === undefined ? 0 : timeoutSeconds * HZ));
  if (disk === null) throw new Error(`cannot create the disk ${name} at boot`);
  return disk;
}

/**
 * A two-CPU v3.2 program on one disk made at boot: `start` starts its tasks (and does any other
 * boot-time set-up), and the end is blkioTeardown() with or without the accounting check.
 */
export function bootDiskProgram(name: string, checkAccounting: boolean, start: (m: Machine, disk: sim_rq_disk) => void): Program {
  let disk: sim_rq_disk;
  return {
    cpus: 2,
    base: 'v3.2',
    setup(m) {
      disk = bootDisk(m, name);
      start(m, disk);
    },
    teardown: () => blkioTeardown(disk, checkAccounting),
  };
}

/** mkdir of a blkio cgroup under the root, with its throttle rules for `disk` written. */
export function* makeBlkioCgroup(name: string, disk: sim_rq_disk, rules: readonly ThrottleRule[]): KGen<cgroup | null> {
  const cg = yield* cgroups.cgroup_mkdir(cgroup_root(), name);
  if (!cg) return null;
  for (const r of rules) yield* writeRule(cg, disk, r);
  return cg;
}

/** echo "major:minor value" > blkio.throttle.<rule> of the cgroup; the write's result. */
export function* writeRule(cg: cgroup, disk: sim_rq_disk, r: ThrottleRule): KGen<number> {
  return yield* cgroups.cgroup_file_write(cg, `blkio.throttle.${r.file}`, `${SIM_DISK_MAJOR}:${disk.disk.first_minor} ${r.value}`);
}

/**
 * The end of a blkio workload: the accounting check (when no cgroup was removed during the run:
 * a removed cgroup takes its groups' stats with it), then every cgroup and the disk go (one
 * already unplugged is only released: the workload's last close).
 */
export function* blkioTeardown(disk: sim_rq_disk, checkAccounting: boolean, unplugged = false): KGen {
  if (checkAccounting) yield* checkBlkioAccounting(disk);
  yield* removeCgroups();
  if (unplugged) yield* genhd.disk_release(disk.disk);
  else yield* sim_rq_disk_ops.sim_rq_disk_remove(disk);
}

/** rmdir of every cgroup under the root (their tasks have exited). */
export function* removeCgroups(): KGen {
  for (const cg of [...cgroup_root().children]) yield* removeCgroup(cg);
}

/** rmdir of one cgroup; its result. */
export function* removeCgroup(cg: cgroup): KGen<number> {
  return yield* cgroups.cgroup_rmdir(cg);
}

/** What the IO accounting follows of one bio the workload submitted. */
function accounted(b: bio, ioId: number): AccountedIo {
  return { ioId, describe: () => `bio ${ioId} (sector ${b.bi_sector})`, blockers: () => [] };
}

/** Ids of the workload's bios, per machine (a run's reports must not depend on earlier runs). */
const ioIds = lazyPerMachine((): { next: number } => ({ next: 0 }));

/**
 * A bio for `sectors` sectors at `sector` of the disk, with fresh pages: what a filesystem
 * builds with bio_alloc() and bio_add_page().
 */
function* buildBio(disk: sim_rq_disk, sector: number, sectors: number): KGen<bio | null> {
  const pages = Math.ceil((sectors << 9) / PAGE_SIZE);
  const b = (yield* bio_c.bio_alloc(GFP_NOIO, pages)) as bio | null;
  if (!b) return null;
  b.bi_bdev = disk.bdev;
  b.bi_sector = sector;
  for (let left = sectors << 9; left > 0; left -= PAGE_SIZE) {
    const len = Math.min(left, PAGE_SIZE);
    if ((yield* bio_c.bio_add_page(b, page_zeroed(), len, 0)) !== len) throw new Error('bio_add_page refused a page of a fresh bio');
  }
  return b;
}

/**
 * The IO accounting follows `b` from here: it must complete once; a write's fresh pages must reach
 * the disk before it completes without an error, and a flush must leave the writes to the disk
 * that completed before it durable.
 */
function accountSubmit(disk: sim_rq_disk, rw: number, io: AccountedIo, b: bio): void {
  io_account_submit(io, b);
  if (rw & REQ_WRITE) io_account_write(io, sim_bio_pages(b, rw), disk.name);
  if (rw & REQ_FLUSH) io_account_flush(io, disk.name);
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
  const b = yield* buildBio(disk, sector, sectors);
  if (b === null) return false;
  const io = accounted(b, ioIds().next++);
  b.bi_end_io = function* (bb: bio, error: number): KGen {
    io_account_complete(io, error);
    done.n++;
    wake_up_all(done.wq);
    yield* bio_c.bio_put(bb);
  };
  accountSubmit(disk, rw, io, b);
  yield* blk_core.submit_bio(rw, b);
  return true;
}

/** Reads or writes `sectors` sectors at `sector` and waits; returns the bio's status (0, -EIO). */
export function* submitAndWait(disk: sim_rq_disk, rw: number, sector: number, sectors: number): KGen<number> {
  const b = yield* buildBio(disk, sector, sectors);
  if (b === null) return -ENOMEM;
  const io = accounted(b, ioIds().next++);
  const done = init_completion('submit_bio_wait');
  let status = 1;
  b.bi_end_io = function* (_bb: bio, error: number): KGen {
    io_account_complete(io, error);
    status = error;
    yield* completions.complete(done);
  };
  accountSubmit(disk, rw, io, b);
  yield* blk_core.submit_bio(rw, b);
  yield* completions.wait_for_completion(done);
  yield* bio_c.bio_put(b);
  return status;
}

/** The groups of one policy a cgroup has on the disk's queue (null: the root cgroup). */
export function cgroupGroups(disk: sim_rq_disk, cg: cgroup | null, plid: number): blkio_group[] {
  const blkcg = cg === null ? blk_cgroup_globals().blkio_root_cgroup : blk_cgroup.cgroup_to_blkio_cgroup(cg);
  const key: unknown = plid === BLKIO_POLICY_THROTL ? disk.queue.td : disk.queue.elevator?.elevator_data;
  return groupsOf(blkcg).filter((g) => g.plid === plid && g.key === key);
}

/** The blkio groups of a cgroup (blkcg->blkg_list), in list order. */
function groupsOf(blkcg: blkio_cgroup): blkio_group[] {
  const out: blkio_group[] = [];
  for (let n = blkcg.blkg_list.first; n; n = n.next) out.push(container_of<blkio_group>(n, 'blkcg_node'));
  return out;
}

/**
 * One per-cpu statistic (read + write) of a cgroup's group of one policy on `disk`: what its
 * blkio file adds up, read for every group (the file itself skips groups whose device number
 * is not filled in yet). Groups whose stats were never allocated count nothing.
 */
export function* cgroupStat(disk: sim_rq_disk, cg: cgroup | null, plid: number, type: number): KGen<number> {
  let total = 0;
  for (const blkg of cgroupGroups(disk, cg, plid)) {
    if (!blkg.stats_cpu) continue;
    total += yield* blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_READ);
    total += yield* blk_cgroup.blkio_read_stat_cpu(blkg, type, BLKIO_STAT_WRITE);
  }
  return total;
}

/** A statistic summed over every cgroup (the root included). */
export function* allCgroupsStat(disk: sim_rq_disk, plid: number, type: number): KGen<number> {
  let total = yield* cgroupStat(disk, null, plid, type);
  for (const cg of cgroup_root().children) total += yield* cgroupStat(disk, cg, plid, type);
  return total;
}

/**
 * Every byte the disk moved went through blk_throtl_bio() and CFQ's dispatch once: the
 * throttle and the proportional-weight io_service_bytes of all cgroups must each add up to it.
 * Groups whose stats were never allocated (a patch may delay them) count nothing. Call before
 * the cgroups are removed (removal frees their groups and stats).
 */
export function* checkBlkioAccounting(disk: sim_rq_disk): KGen {
  const throttled = yield* allCgroupsStat(disk, BLKIO_POLICY_THROTL, BLKIO_STAT_CPU_SERVICE_BYTES);
  const scheduled = yield* allCgroupsStat(disk, BLKIO_POLICY_PROP, BLKIO_STAT_CPU_SERVICE_BYTES);
  stat_drift(`blkio.throttle.io_service_bytes of ${disk.name}`, disk.bytes, throttled);
  stat_drift(`blkio.io_service_bytes of ${disk.name}`, disk.bytes, scheduled);
}

/** Moves a task into a cgroup (echo pid > tasks). */
export function* attachTask(cg: cgroup, t: task_struct): KGen<number> {
  return yield* cgroups.cgroup_attach_task(cg, t);
}
