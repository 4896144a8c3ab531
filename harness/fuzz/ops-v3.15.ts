// The operations of a generated v3.15 workload: IO to a device stack as LVM and mdadm build it,
// and what dmsetup and mdadm do to it while the IO runs. The stack is fixed per program:
//
//   snap    snapshot <lin> /dev/sdb N 16    (reads from lin, copies chunks out to sdb)
//   origin  snapshot-origin <lin>           (writes copy the chunk to the snapshot first)
//   lin     linear /dev/sda 0
//   md0     raid1 over sdc and sdd (mdadm --build --assume-clean: no superblock, no bitmap)
//   sde     a request-based disk (blk_init_queue, the noop elevator), IO to it directly
//   rql     linear /dev/sde 0
//   md1     md's linear personality over sdf and sdg, half the stack's length each (mdadm --build
//           --level=linear): an IO across the members' boundary is split (bio_split, bio_chain),
//           a flush is md's (md_flush_request); built only for a program that names it, so the
//           generator draws it for one operation in sixteen
//
// Every device is STACK_SECTORS long; extents are given in sectors.

/** Sectors of every device of the stack. */
import type { CommonOp } from './common-ops.ts';
import type { ElevatorName, QueueAttr } from '../../kernel-model/v3.15/model/sysfs.ts';

export const STACK_SECTORS = 2048;

/** The devices every program's stack has. */
export const ALWAYS_BUILT = ['snap', 'origin', 'lin', 'md0', 'sde', 'rql'] as const;
/** Every device of the stack: md1 is built for a program that names it. */
export const DEVICES = [...ALWAYS_BUILT, 'md1'] as const;
export type Device = (typeof DEVICES)[number];
export const DM_DEVICES = ['snap', 'origin', 'lin', 'rql'] as const;
export type DmDevice = (typeof DM_DEVICES)[number];

/**
 * The devices a program may swap to: the request-based disk and the snapshot origin (whose
 * writes copy chunks out through kcopyd). A swap write made while a task submits IO to any
 * device of the stack is queued on that task's bio_list, which is what makes a GFP_KERNEL
 * allocation in a make_request_fn wait on its own writeback. Not md0 yet: reclaim's block plug
 * (blk_start_plug() in shrink_zone()) is not modeled, so a swap write to raid1 from raid1d's own
 * reclaim (md_check_recovery()'s GFP_KERNEL kzalloc) would go to pending_bio_list, for raid1d,
 * instead of the plug the C flushes before it throttles.
 */
export const SWAP_DEVICES = ['sde', 'origin'] as const;
export type SwapDevice = (typeof SWAP_DEVICES)[number];

/** The devices each device's IO goes through below it: suspending one of them holds the IO. */
export const LOWER: Readonly<Record<Device, readonly Device[]>> = { snap: ['lin'], origin: ['lin'], lin: [], md0: [], sde: [], rql: [], md1: [] };

/**
 * What a write may ask of the device's write cache: to be written through (WRITE_FUA), or a cache
 * flush before it as well (WRITE_FLUSH_FUA, a journal's commit block).
 */
export const WRITE_ORDERS = ['fua', 'flush+fua'] as const;
export type WriteOrder = (typeof WRITE_ORDERS)[number];

/** What `sync` writes to /sys/block/md0/md/sync_action. */
export const SYNC_ACTIONS = ['check', 'repair', 'resync'] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];

/** What a reload loads instead of the device's own table (see the reload operation). */
export const RELOAD_TABLES = ['error', 'oversize', 'unknown', 'busy', 'shrink', 'badchunk', 'hugecount'] as const;
export type ReloadTable = (typeof RELOAD_TABLES)[number];

/** deadline's files under /sys/block/<disk>/queue/iosched/ (deadline_attrs; noop has none). */
export const DEADLINE_TUNABLES = ['read_expire', 'write_expire', 'writes_starved', 'front_merges', 'fifo_batch'] as const;
export type DeadlineTunable = (typeof DEADLINE_TUNABLES)[number];

export type V315Op =
  /**
   * One IO of `sectors` at `sector`, waited for; a write may carry REQ_FUA or REQ_FLUSH | REQ_FUA. A read with `ahead`
   * (text `ra`) is READA, as a filesystem's readahead of metadata submits it (breada): its request
   * is failfast, so a plain read merged with it makes a mixed merge (blk_rq_set_mixed_merge).
   */
  | { op: 'io'; dev: Device; write: boolean; sector: number; sectors: number; order?: WriteOrder; ahead?: true }
  /**
   * `count` adjacent IOs under one plug (raid1 holds writes on the plug; sde's bios become requests on it), then waited for.
   * With `holes`, the even ones first and then the odd ones, as writeback of pages dirtied out of order submits them: each
   * later IO fills the gap between two earlier ones, so the requests they started merge into one.
   */
  | { op: 'batch'; dev: Device; write: boolean; sector: number; sectors: number; count: number; holes?: boolean }
  /** A cache flush as blkdev_issue_flush() sends it (an empty WRITE_FLUSH bio), waited for. */
  | { op: 'flush'; dev: Device }
  /** blkdev_issue_discard() of `sectors` at `sector` (REQ_DISCARD bios without pages), waited for. */
  | { op: 'discard'; dev: Device; sector: number; sectors: number }
  /** blkdev_issue_write_same() of `sectors` at `sector` (REQ_WRITE_SAME bios of one block), waited for. */
  | { op: 'writesame'; dev: Device; sector: number; sectors: number }
  /** dmsetup suspend [--noflush]. */
  | { op: 'suspend'; dev: DmDevice; noflush: boolean }
  /** dmsetup resume. */
  | { op: 'resume'; dev: DmDevice }
  /**
   * dmsetup suspend, then dmsetup resume, from outside LVM's lock (an administrator's script, or
   * a tool that does not take it): the kernel alone orders it against the suspends, reloads and
   * resumes of the task holding that lock (md->suspend_lock). Skipped while the holder has the
   * device suspended, a device under it is held suspended, or swap is on it or one over it.
   */
  | { op: 'bounce'; dev: DmDevice }
  /** dmsetup reload of the same table, then resume: the live table is replaced (a snapshot's exceptions are handed over). With `error`: dmsetup wipe_table, a table of one error target as long (every IO fails with -EIO; a later plain reload puts the device's own table back, as LVM's reactivation does). With `oversize`: the device's table with every target twice as long, past the end of the device under it, which dm refuses at resume (dm_swap_table: the device area is invalid); the device stays suspended with its old table, and the workload resumes it as LVM does after a failed activation. With `unknown`: a table of a target type the kernel does not have (thin: request_module finds no dm-thin module), refused at load. With `busy`: a linear table over /dev/sdc, a leg of md0, whose rdev holds it open exclusively, as a PV that mdadm took: dm_get_device() cannot open it (blkdev_get_by_dev(): -EBUSY, "Device lookup failed") and the load is refused. With `shrink`: the device's table with every target half as long, as lvreduce loads it: IO the device deferred while suspended is mapped against the smaller table when it resumes (past its end: -EIO from the table lookup), and later IO past the new end fails in generic_make_request_checks ("attempt to access beyond end of device"); a plain reload grows it back. With `badchunk` (the snapshot only): its table with a chunk size of 7 sectors, which dm-snapshot refuses at load (dm_exception_store_create: "Chunk size is not a power of 2"), its exception store undone on the way out. With `hugecount`: the device's own lines under a DM_TABLE_LOAD header whose target count is 2^32 - 1, as a fuzzer sends it: dm_table_create() rounds the count up to a multiple of KEYS_PER_NODE in size_t and keeps the low 32 bits, 0, and refuses the load with -ENOMEM. */
  | { op: 'reload'; dev: DmDevice; table?: ReloadTable }
  /** dmsetup status, or dmsetup table with `table`. */
  | { op: 'status'; dev: DmDevice; table: boolean }
  /** mdadm /dev/md0 --fail of leg 0 (sdc) or 1 (sdd). */
  | { op: 'fail'; leg: number }
  /** echo check|repair|resync > /sys/block/md0/md/sync_action: md's sync thread runs over the array (not waited for; the array's stop at teardown interrupts it). */
  | { op: 'sync'; action: SyncAction }
  /**
   * The range [sector, sector+sectors) of md0 suspended for `ms` milliseconds (md/suspend_lo
   * and suspend_hi written, then suspend_hi set back to release it): writes into it wait, and
   * raid1 freezes the array while the range grows.
   */
  | { op: 'quiesce'; sector: number; sectors: number; ms: number }
  /**
   * echo VALUE > /sys/block/DEV/queue/ATTR, then cat of it (as a tuning tool checks what it set):
   * nr_requests, the size of the request list (at least BLKDEV_MIN_RQ, 4; tasks waiting for a
   * request are woken when it grows), or rq_affinity (1: complete on a CPU sharing a cache with
   * the submitter, 2: on the submitting CPU itself, by IPI). Only a request-based queue takes
   * nr_requests (sde; dm's queues refuse it with EINVAL).
   */
  | { op: 'queue'; dev: Device; attr: QueueAttr; value: number }
  /**
   * echo NAME > /sys/block/DEV/queue/scheduler, then cat of it: an elevator switch under
   * q->sysfs_lock (elevator_switch() puts the queue in bypass and drains it, inits the new
   * elevator, exits the old one), noop to deadline or back, as udev rules and tuning daemons
   * write it. A queue without an elevator (dm's) takes the write and shows "none".
   */
  | { op: 'scheduler'; dev: Device; name: ElevatorName }
  /**
   * echo VALUE > /sys/block/DEV/queue/iosched/NAME, then cat of it: a tunable of the elevator the
   * queue has then, under its sysfs_lock (ENOENT, as the open fails, when it has no such file:
   * noop has none).
   */
  | { op: 'tunable'; dev: Device; name: DeadlineTunable; value: number }
  /** mdadm /dev/md0 --fail LEG --remove LEG --add LEG: the leg comes back as a spare and md recovers onto it (--fail of the last working leg is refused, EBUSY, and mdadm stops there). */
  | { op: 'readd'; leg: number }
  /**
   * echo MAJ:MIN > /sys/block/md0/md/new_dev with leg 0 (sdc) or 1 (sdd), a member of md0
   * already: md_import_device() cannot claim a device another holder has, and md refuses it
   * (EBUSY).
   */
  | { op: 'newdev'; leg: number }
  /** ioctl(HDIO_GETGEO) on the open device (what fdisk and parted ask first). */
  | { op: 'geometry'; dev: Device }
  /** A SCSI ioctl (SG_IO) on the open device, which dm passes down to a single target that takes it (linear). */
  | { op: 'ioctl'; dev: Device }
  /**
   * dmsetup remove --deferred: the workload holds every device open until its teardown, so the
   * device is only marked; the teardown's close starts its removal (dm_deferred_remove).
   */
  | { op: 'remove-deferred'; dev: DmDevice }
  /**
   * dmsetup message DEV 0 @cancel_deferred_remove: a deferred removal not yet started is called
   * off (the teardown then removes the device itself).
   */
  | { op: 'cancel-remove'; dev: DmDevice }
  /**
   * mkswap + swapon of the second half of the device: reclaim writes anonymous pages there from
   * then on (the model keeps one swap area: a second swapon is skipped). The workload swaps off
   * before its teardown, and does not suspend or reload the device or one below it while swap is
   * on (changing a swap device's table is done with swap off: reclaim's writes would wait for
   * the resume of the very task that suspended it).
   */
  | { op: 'swapon'; dev: SwapDevice }
  /**
   * Event monitoring, as LVM and mdadm keep it: dmeventd starts waiting for the events of every
   * dm device of the stack (DM_DEV_STATUS, then DM_DEV_WAIT after DM_DEV_WAIT, until the device
   * is removed), and the teardown runs mdadm --monitor on /proc/mdstat while it stops the arrays.
   * Once per program (a second is skipped).
   */
  | { op: 'monitor' }
  /** A memory-pressure phase or a pause (common-ops.ts). */
  | CommonOp;
