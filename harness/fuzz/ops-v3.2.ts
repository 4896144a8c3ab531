// The operations of a generated v3.2 workload: what userspace does to a throttled, CFQ-scheduled
// disk and its blkio cgroups. Each reads as one short command ("io w 4160+8 nowait"); cgroups
// are numbered 1-3 below the root (0 is the root itself); the disk is the one workload disk.
import type { CommonOp } from './common-ops.ts';
import type { ThrottleRule } from '../suites/blkio-workload.ts';

/** Cgroup numbers: 0 is the root, 1..CGROUPS the directories a program may make. */
export const CGROUPS = 3;

/**
 * How an IO is issued: r (READ, sync in CFQ), w (WRITE: async writeback), ws (WRITE_SYNC:
 * O_DIRECT or O_SYNC), wf (WRITE_FLUSH_FUA: a journal commit, always waited for).
 */
export type IoKind = 'r' | 'w' | 'ws' | 'wf';

/** The files a program reads (every blkio file but reset_stats, which is write-only). */
export const READ_FILES = [
  'blkio.weight',
  'blkio.weight_device',
  'blkio.time',
  'blkio.sectors',
  'blkio.io_service_bytes',
  'blkio.io_serviced',
  'blkio.io_service_time',
  'blkio.io_wait_time',
  'blkio.io_merged',
  'blkio.io_queued',
  'blkio.throttle.read_bps_device',
  'blkio.throttle.write_bps_device',
  'blkio.throttle.read_iops_device',
  'blkio.throttle.write_iops_device',
  'blkio.throttle.io_service_bytes',
  'blkio.throttle.io_serviced',
] as const;

export const RULE_FILES: readonly ThrottleRule['file'][] = ['read_bps_device', 'write_bps_device', 'read_iops_device', 'write_iops_device'];

/** CFQ's tunables, /sys/block/<disk>/queue/iosched/<name> (cfq_attrs in cfq-iosched.c). */
export const CFQ_TUNABLES = [
  'quantum',
  'fifo_expire_sync',
  'fifo_expire_async',
  'back_seek_max',
  'back_seek_penalty',
  'slice_sync',
  'slice_async',
  'slice_async_rq',
  'slice_idle',
  'group_idle',
  'low_latency',
] as const;

/** The elevators of the v3.2 model, by the names /sys/block/<disk>/queue/scheduler takes. */
export const ELEVATORS = ['noop', 'cfq'] as const;

/** IO priority classes of ioprio_set(2), by their ionice names. */
export const IOPRIO_CLASSES = ['rt', 'be', 'idle'] as const;

export type V32Op =
  /** mkdir of cgroup `cg` (skipped while it exists). */
  | { op: 'mkdir'; cg: number }
  /** rmdir of cgroup `cg` (EBUSY while a task is in it). */
  | { op: 'rmdir'; cg: number }
  /** echo $$ > tasks of cgroup `cg`: the task moves itself there. */
  | { op: 'attach'; cg: number }
  /** One IO of `sectors` at `sector`; `wait` sleeps until it completes. */
  | { op: 'io'; kind: IoKind; sector: number; sectors: number; wait: boolean }
  /** `count` adjacent IOs of `sectors` each under one plug, ascending or descending (front merges), not waited for. */
  | { op: 'batch'; kind: 'r' | 'w'; sector: number; sectors: number; count: number; down: boolean }
  /**
   * echo "major:minor value" > blkio.throttle.<rule> (0 removes the rule); with `drop`, then
   * echo "major:minor 0" to remove the rule just written (an existing rule deleted).
   */
  | { op: 'limit'; cg: number; rule: ThrottleRule['file']; value: number; drop?: boolean }
  /** echo value > blkio.weight. */
  | { op: 'weight'; cg: number; value: number }
  /** echo "major:minor value" > blkio.weight_device (0 removes it). */
  | { op: 'weight_device'; cg: number; value: number }
  /** cat of one blkio file. */
  | { op: 'read'; cg: number; file: (typeof READ_FILES)[number] }
  /** echo 1 > blkio.reset_stats. */
  | { op: 'reset'; cg: number }
  /** cat (value null) or echo value > /sys/block/<disk>/queue/iosched/<name>. */
  | { op: 'tunable'; name: (typeof CFQ_TUNABLES)[number]; value: number | null }
  /** ioprio_set(IOPRIO_WHO_PROCESS, 0, class/level) on the task itself (ionice). */
  | { op: 'ioprio'; cls: (typeof IOPRIO_CLASSES)[number]; level: number }
  /**
   * The disk hot-removed while the workload holds it open (del_gendisk, blk_cleanup_queue):
   * IO to it goes on and fails, its tunables are refused (their sysfs directory went with it).
   */
  | { op: 'unplug' }
  /**
   * swapon of the workload disk (from SWAP_START, past every sector a program's IO uses): from
   * then on direct reclaim writes anonymous pages to it through the task's own submit path.
   */
  | { op: 'swapon' }
  /**
   * echo name > /sys/block/<disk>/queue/scheduler: an elevator switch (CFQ to noop or back) while
   * IO goes on.
   */
  | { op: 'scheduler'; name: (typeof ELEVATORS)[number] }
  /**
   * One IO of PAST_END_SECTORS whose second half lies past the disk's end, waited for, as a
   * filesystem that believes its device bigger than it is issues one: generic_make_request_checks()
   * finds it beyond the end ("attempt to access beyond end of device") and fails it with -EIO
   * before any queue sees it.
   */
  | { op: 'past-end'; kind: 'r' | 'w' }
  /** A memory-pressure phase or a pause (common-ops.ts). */
  | CommonOp;

/** The size of a past-end IO: it starts half its length before the disk's last sector. */
export const PAST_END_SECTORS = 8;

/**
 * Whether the end-of-run accounting check holds for a program's operations: no cgroup removed
 * (its stats go with it), no stats reset, no flush+FUA write (blk_insert_flush() queues its
 * data straight on q->queue_head, past CFQ, which then never accounts it), and no unplug (the
 * IO it fails moves no bytes, and the disk's stats are gone with it), and no elevator switch (the
 * blkio weight policy's stats are CFQ's: under noop nothing adds to them). An IO past the disk's
 * end keeps it: failed before it is throttled or queued, it moves no bytes and counts in no stat.
 */
export function keepsAccounting(ops: readonly V32Op[]): boolean {
  return ops.every((o) => o.op !== 'rmdir' && o.op !== 'reset' && o.op !== 'unplug' && o.op !== 'scheduler' && !(o.op === 'io' && o.kind === 'wf'));
}
