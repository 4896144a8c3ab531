// What a generated v3.15 program does on the model: the stack of ops-v3.15.ts built at boot and
// torn down at the end, its tasks running their operations concurrently. Suspends follow what
// LVM does, so that a program cannot deadlock itself in userspace: one task at a time holds
// devices suspended (LVM's lock), it suspends a device only while nothing under it is
// suspended, it skips its own IO to a device it holds suspended, and it resumes what it still
// holds when its operations end, lower devices first. Other tasks' IO waits for the resume.
import { init_waitqueue_head, wait_event, wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import { HZ, machine } from '../../kernel-model/sim/machine.ts';
import { mdadm_monitor } from '../../kernel-model/v3.15/model/mdstat.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import type { mddev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { READ, READA, WRITE, WRITE_FLUSH_FUA, WRITE_FUA, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { ENXIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { delete_modules } from '../../kernel-model/kernel/module.ts';
import { HDIO_GETGEO, type hd_geometry } from '../../kernel-model/include/uapi/linux/hdreg.ts';
import { NULL, ref } from '../../kernel-model/lib/c-pointers.ts';
import { dm_c, dm_c_globals } from '../../kernel-model/v3.15/drivers/md/dm.ts';
import { dm_dev_path, dm_ioctl, dmeventd_monitor, dmsetup_create, dmsetup_remove, settle_removed, type dm_hash_cell, type dm_target_spec } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { close_block_device, ioctl_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { md_dev_path, md_new_dev, md_suspend_range, md_sync_action, mdadm_build, mdadm_fail, mdadm_fail_remove_add, mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { LEVEL_LINEAR } from '../../kernel-model/v3.15/include/uapi/linux/raid/md_u.ts';
import { sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.15/model/sim-rq-disk.ts';
import { queue_sysfs_files } from '../../kernel-model/v3.15/model/sysfs.ts';
import { issueDiscard, issueFlush, issueWriteSame, simDisk, submitAndWait, submitBatch } from '../suites/workload-io.ts';
import { DEVICES, DM_DEVICES, type Device, type DmDevice, LOWER, type ReloadTable, STACK_SECTORS, type SwapDevice, type V315Op, type WriteOrder } from './ops-v3.15.ts';
import { swapoff, swapon } from '../../kernel-model/mm/swapfile.ts';
import type { GenProgram } from './program.ts';
import { runCommon } from './common-ops.ts';

const CHUNK_SECTORS = 16;
/** The request flags of a write of each order (include/linux/fs.h). */
const WRITE_RW: Readonly<Record<WriteOrder, number>> = { fua: WRITE_FUA, 'flush+fua': WRITE_FLUSH_FUA };

/**
 * Requests sde works on at once: one, as a simple disk does, so that IO queues behind it in the
 * elevator and later bios merge into queued requests (measured: more of elevator.c and
 * blk-merge.c is reached than with depth 2 or 4).
 */
const RQ_DEPTH = 1;

interface Stack {
  disks: sim_disk[];
  /** sde, the request-based disk. */
  rqDisk: sim_rq_disk;
  /** Each dm device's cell, the table it was created with (what reload loads again) and its dev_t. */
  dm: Record<DmDevice, { hc: dm_hash_cell; table: dm_target_spec[]; devt: number }>;
  md: mddev;
  /** The md arrays built (md0, and md1 for a program that uses it), by minor. */
  arrays: number[];
  /** The devices as the workload opened them (md1 NULL unless the program uses it). */
  open: Record<Device, block_device>;
}

interface GenState {
  stack: Stack;
  /** The task holding devices suspended, if one does. */
  holder: number | null;
  /** What it holds suspended, in the order it suspended them. */
  suspended: DmDevice[];
  /** The device swap is on, if a task swapped on. */
  swap: SwapDevice | null;
  released: wait_queue_head_t;
  /** Whether the program started event monitoring (the monitor op). */
  monitoring: boolean;
}

/** md0's legs, in the order mdadm --build takes them (leg 0 is the one `fail 0` fails). */
const MD0_LEGS = ['sdc', 'sdd'] as const;

/**
 * The stack, built at boot; md1 and its two disks only for a program that uses md1 (building
 * them would move every other program's schedules).
 */
function* buildStack(withMd1: boolean, dmReservedIos: number | undefined): KGen<Stack> {
  // modprobe dm_mod reserved_bio_based_ios=N: before any dm device or kcopyd client is made.
  if (dmReservedIos !== undefined) dm_c_globals().reserved_bio_based_ios = dmReservedIos;
  const disks = [yield* simDisk('sda', 0, STACK_SECTORS), yield* simDisk('sdb', 16, STACK_SECTORS), yield* simDisk(MD0_LEGS[0], 32, STACK_SECTORS), yield* simDisk(MD0_LEGS[1], 48, STACK_SECTORS)];
  const linTable = [{ start: 0, len: STACK_SECTORS, type: 'linear', params: '/dev/sda 0' }];
  const lin = yield* dmsetup_create(linTable);
  const lower = dm_dev_path(lin.md);
  const snapTable = [{ start: 0, len: STACK_SECTORS, type: 'snapshot', params: `${lower} /dev/sdb N ${CHUNK_SECTORS}` }];
  const snap = yield* dmsetup_create(snapTable);
  const originTable = [{ start: 0, len: STACK_SECTORS, type: 'snapshot-origin', params: lower }];
  const origin = yield* dmsetup_create(originTable);
  const md = yield* mdadm_build({ minor: 0, level: 1, members: [disks[2], disks[3]].map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true });
  const rqDisk = yield* sim_rq_disk_ops.sim_rq_disk_create('sde', 64, STACK_SECTORS, RQ_DEPTH);
  if (rqDisk === null) throw new Error('cannot create the disk sde');
  const rqlTable = [{ start: 0, len: STACK_SECTORS, type: 'linear', params: '/dev/sde 0' }];
  const rql = yield* dmsetup_create(rqlTable);
  const open = {
    snap: yield* open_block_device(dm_dev_path(snap.md)),
    origin: yield* open_block_device(dm_dev_path(origin.md)),
    lin: yield* open_block_device(lower),
    md0: yield* open_block_device(md_dev_path(md)),
    md1: NULL as block_device,
    sde: yield* open_block_device('/dev/sde'),
    rql: yield* open_block_device(dm_dev_path(rql.md)),
  };
  const cell = (hc: dm_hash_cell, table: dm_target_spec[]) => ({ hc, table, devt: dm_c.dm_disk(hc.md).part0.__dev.devt });
  const dm = { lin: cell(lin, linTable), snap: cell(snap, snapTable), origin: cell(origin, originTable), rql: cell(rql, rqlTable) };
  const arrays = [0];
  if (withMd1) {
    // md1's members, half the stack each.
    const members = [yield* simDisk('sdf', 80, STACK_SECTORS / 2), yield* simDisk('sdg', 96, STACK_SECTORS / 2)];
    disks.push(...members);
    const md1 = yield* mdadm_build({ minor: 1, level: LEVEL_LINEAR, members: members.map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true });
    open.md1 = yield* open_block_device(md_dev_path(md1));
    arrays.push(1);
  }
  return { disks, rqDisk, dm, md, arrays, open };
}

/**
 * The devices closed, removed top first (dmsetup remove --retry: a device a deferred removal
 * under way still holds open is tried again; one that removal took already is gone, -ENXIO),
 * settled until their disks are gone (udevadm settle), the arrays stopped (watched by mdadm
 * --monitor with `monitorArrays`, until it has seen them stop), the disks removed, and then the
 * modules unloaded (rmmod dm_snapshot dm_mod raid1 linear md_mod, and deadline_iosched when a
 * scheduler switch loaded it).
 */
function* destroyStack(s: Stack, monitorArrays: boolean): KGen {
  for (const dev of DEVICES) if (s.open[dev] !== NULL) yield* close_block_device(s.open[dev]);
  for (const dev of ['origin', 'snap', 'lin', 'rql'] as const) {
    const r = yield* dmsetup_remove(s.dm[dev].hc, false);
    if (r && r !== -ENXIO) throw new Error(`dmsetup remove ${dev}: ${r}`);
  }
  yield* settle_removed((['origin', 'snap', 'lin', 'rql'] as const).map((d) => s.dm[d].devt));
  const monitorDone = monitorArrays ? yield* startMdadmMonitor() : null;
  for (const minor of s.arrays) {
    const err = yield* mdadm_stop(minor);
    if (err) throw new Error(`mdadm --stop /dev/md${minor}: ${err}`);
  }
  if (monitorDone !== null) yield* monitorDone();
  for (const d of s.disks) yield* sim_disk_ops.sim_disk_remove(d);
  yield* sim_rq_disk_ops.sim_rq_disk_remove(s.rqDisk);
  yield* delete_modules('v3.15');
}

/** SG_IO (include/scsi/sg.h): what sg_inq and udev's scsi_id send to a disk. */
const SG_IO = 0x2285;

/** Whether `dev`'s IO would wait for a device `self` holds suspended. */
function heldBySelf(st: GenState, self: number, dev: Device): boolean {
  return st.holder === self && [dev, ...LOWER[dev]].some((d) => st.suspended.includes(d as DmDevice));
}

/** Takes LVM's lock for suspending: waits while another task holds devices suspended. */
function* takeSuspendLock(st: GenState, self: number): KGen {
  yield* wait_event(st.released, () => st.holder === null || st.holder === self);
  st.holder = self;
}

function releaseIfNothingHeld(st: GenState): void {
  if (st.suspended.length > 0) return;
  st.holder = null;
  wake_up_all(st.released);
}

/**
 * Whether `dev` must not be suspended (or reloaded) now: a device under it is suspended (its
 * in-flight IO could not drain), or swap is on it or on a device over it (changing a swap
 * device's table is done with swap off: reclaim's writes would wait for the resume).
 */
function lowerSuspended(st: GenState, dev: DmDevice): boolean {
  if (st.swap !== null && (st.swap === dev || LOWER[st.swap].includes(dev))) return true;
  return LOWER[dev].some((d) => st.suspended.includes(d as DmDevice));
}

/** The second half of every device is its swap area, when swap is on it. */
const SWAP_START = STACK_SECTORS / 2;

/** mkswap + swapon of `dev` (skipped when swap is on already: the model keeps one swap area). */
function swapOn(st: GenState, dev: SwapDevice): void {
  if (st.swap !== null) return;
  // Not while this device or one under it is suspended (swapon reads the swap header first).
  if (st.suspended.some((d) => d === dev || LOWER[dev].includes(d))) return;
  swapon(st.stack.open[dev], SWAP_START, STACK_SECTORS - SWAP_START);
  st.swap = dev;
}

function* suspend(st: GenState, self: number, dev: DmDevice, noflush: boolean): KGen {
  yield* takeSuspendLock(st, self);
  if (!lowerSuspended(st, dev) && (yield* dm_ioctl.do_suspend(st.stack.dm[dev].hc, noflush)) === 0 && !st.suspended.includes(dev)) st.suspended.push(dev);
  releaseIfNothingHeld(st);
}

/** dmsetup resume; the lock goes when its holder has nothing left suspended (another task's resume leaves it held). */
function* resume(st: GenState, self: number, dev: DmDevice): KGen {
  yield* dm_ioctl.do_resume(st.stack.dm[dev].hc);
  st.suspended = st.suspended.filter((d) => d !== dev);
  if (st.holder === self) releaseIfNothingHeld(st);
}

/**
 * dmsetup suspend + dmsetup resume without LVM's lock: only md->suspend_lock orders them against
 * the lock holder's suspends, reloads and resumes. Not while the holder has the device suspended
 * (this resume would undo that), nor while a device under it is held suspended (the suspend
 * would wait for that holder, who may then wait for this one) or swap is on it or over it
 * (reclaim's writes would wait for this task's resume). Nothing is recorded as held: the device
 * is resumed before the operation ends.
 */
function* bounce(st: GenState, dev: DmDevice): KGen {
  if (lowerSuspended(st, dev) || st.suspended.includes(dev)) return;
  yield* dm_ioctl.do_suspend(st.stack.dm[dev].hc, false);
  yield* dm_ioctl.do_resume(st.stack.dm[dev].hc);
}

/** dmsetup wipe_table's table: one error target over the whole device. */
const ERROR_TABLE: dm_target_spec[] = [{ start: 0, len: STACK_SECTORS, type: 'error', params: '' }];
/** A thin volume's table (pool device, device id), a target type the model's kernel does not have. */
const UNKNOWN_TABLE: dm_target_spec[] = [{ start: 0, len: STACK_SECTORS, type: 'thin', params: '/dev/sdb 1' }];
/** A linear table over md0's first leg, which md0 holds open exclusively: refused at load (EBUSY). */
const BUSY_TABLE: dm_target_spec[] = [{ start: 0, len: STACK_SECTORS, type: 'linear', params: `/dev/${MD0_LEGS[0]} 0` }];

/** A DM_TABLE_LOAD header's target count that dm_round_up() takes past 2^32 (a `hugecount` reload). */
const HOSTILE_TARGET_COUNT = 0xffffffff;

/**
 * The table a reload of `kind` loads: the device's own lines `own` again, ERROR_TABLE, the own
 * lines each twice as long (past the end of the device under it), UNKNOWN_TABLE, BUSY_TABLE, the own lines
 * each half as long (lvreduce), the snapshot's line with a chunk size of 7 sectors, or the own
 * lines again under a hostile header (`hugecount`).
 */
function reloadTable(kind: ReloadTable | undefined, own: dm_target_spec[]): dm_target_spec[] {
  switch (kind) {
    case undefined:
      return own;
    case 'error':
      return ERROR_TABLE;
    case 'unknown':
      return UNKNOWN_TABLE;
    case 'busy':
      return BUSY_TABLE;
    case 'oversize':
      return own.map((t) => ({ ...t, len: 2 * t.len }));
    case 'shrink':
      return own.map((t) => ({ ...t, len: t.len / 2 }));
    case 'badchunk':
      // The snapshot's parameters (origin, COW device, N, chunk size) with the chunk size not a power of 2.
      return own.map((t) => ({ ...t, params: t.params.replace(/ \d+$/, ' 7') }));
    case 'hugecount':
      // The own lines; the header's count is what is hostile (reload()).
      return own;
  }
}

/**
 * dmsetup reload + resume: the live table replaced by reloadTable()'s. The load refuses an
 * unknown target type and a device another holder has claimed; dm refuses an oversized table when it swaps it in, leaving the device
 * suspended with its old table, so the workload resumes it then, as LVM does after a failed
 * activation.
 */
function* reload(st: GenState, self: number, dev: DmDevice, kind: ReloadTable | undefined): KGen {
  yield* takeSuspendLock(st, self);
  const table = reloadTable(kind, st.stack.dm[dev].table);
  const targetCount = kind === 'hugecount' ? HOSTILE_TARGET_COUNT : table.length;
  if (!lowerSuspended(st, dev) && (yield* dm_ioctl.table_load(st.stack.dm[dev].hc, table, targetCount)) === 0) {
    if ((yield* dm_ioctl.do_resume(st.stack.dm[dev].hc)) !== 0 && kind === 'oversize') yield* dm_ioctl.do_resume(st.stack.dm[dev].hc);
    st.suspended = st.suspended.filter((d) => d !== dev);
  }
  releaseIfNothingHeld(st);
}

function* runOp(st: GenState, self: number, o: V315Op): KGen {
  switch (o.op) {
    case 'io':
      if (!heldBySelf(st, self, o.dev)) yield* submitAndWait(st.stack.open[o.dev], !o.write ? (o.ahead ? READA : READ) : o.order !== undefined ? WRITE_RW[o.order] : WRITE, o.sector, o.sectors);
      return;
    case 'flush':
      if (!heldBySelf(st, self, o.dev)) yield* issueFlush(st.stack.open[o.dev]);
      return;
    case 'discard':
      if (!heldBySelf(st, self, o.dev)) yield* issueDiscard(st.stack.open[o.dev], o.sector, o.sectors);
      return;
    case 'writesame':
      if (!heldBySelf(st, self, o.dev)) yield* issueWriteSame(st.stack.open[o.dev], o.sector, o.sectors);
      return;
    case 'batch':
      if (!heldBySelf(st, self, o.dev)) {
        const order = Array.from({ length: o.count }, (_, i) => i);
        // With holes: the even extents first, then the odd ones that fill the gaps between them.
        if (o.holes) order.sort((a, b) => (a % 2) - (b % 2) || a - b);
        const extents = order.map((i) => ({ sector: o.sector + i * o.sectors, sectors: o.sectors }));
        yield* submitBatch(st.stack.open[o.dev], o.write ? WRITE : READ, extents);
      }
      return;
    case 'suspend':
      return yield* suspend(st, self, o.dev, o.noflush);
    case 'resume':
      return yield* resume(st, self, o.dev);
    case 'bounce':
      return yield* bounce(st, o.dev);
    case 'reload':
      return yield* reload(st, self, o.dev, o.table);
    case 'status':
      return void (yield* dm_ioctl.table_status(st.stack.dm[o.dev].hc, o.table));
    case 'fail':
      return void (yield* mdadm_fail(0, st.stack.disks[2 + o.leg].dev));
    case 'sync':
      // Refused with EBUSY while a sync or recovery runs or is due, as action_store() says.
      return void (yield* md_sync_action(st.stack.md, o.action));
    case 'readd':
      return void (yield* mdadm_fail_remove_add(0, st.stack.disks[2 + o.leg].dev));
    case 'newdev':
      // Refused with EBUSY: the leg is md0's member, claimed by its rdev.
      return void (yield* md_new_dev(st.stack.md, st.stack.disks[2 + o.leg].dev));
    case 'quiesce':
      if ((yield* md_suspend_range(st.stack.md, o.sector, o.sector + o.sectors)) === 0) yield* timers.msleep(o.ms);
      return void (yield* md_suspend_range(st.stack.md, o.sector, o.sector));
    case 'queue': {
      const q = st.stack.open[o.dev].bd_disk.queue;
      yield* queue_sysfs_files.queue_sysfs_store(q, o.attr, `${o.value}\n`);
      return void (yield* queue_sysfs_files.queue_sysfs_show(q, o.attr));
    }
    case 'scheduler': {
      const q = st.stack.open[o.dev].bd_disk.queue;
      yield* queue_sysfs_files.queue_sysfs_store(q, 'scheduler', `${o.name}\n`);
      return void (yield* queue_sysfs_files.queue_sysfs_show(q, 'scheduler'));
    }
    case 'tunable': {
      const q = st.stack.open[o.dev].bd_disk.queue;
      yield* queue_sysfs_files.elv_sysfs_store(q, o.name, `${o.value}\n`);
      return void (yield* queue_sysfs_files.elv_sysfs_show(q, o.name));
    }
    case 'geometry':
      return void (yield* ioctl_block_device(st.stack.open[o.dev], HDIO_GETGEO, ref<hd_geometry | null>(null)));
    case 'ioctl':
      return void (yield* ioctl_block_device(st.stack.open[o.dev], SG_IO, 0));
    case 'remove-deferred': {
      /* the device is open (the workload's own open): dev_remove only marks it, and succeeds */
      const r = yield* dmsetup_remove(st.stack.dm[o.dev].hc, true);
      if (r) throw new Error(`dmsetup remove --deferred ${o.dev}: ${r}`);
      return;
    }
    case 'cancel-remove':
      return void (yield* dm_ioctl.target_message(st.stack.dm[o.dev].hc, 0, '@cancel_deferred_remove'));
    case 'swapon':
      return swapOn(st, o.dev);
    case 'monitor':
      return startDmeventd(st);
    case 'pressure':
    case 'sleep':
      return yield* runCommon(o);
  }
}

/**
 * dmeventd registered on every dm device of the stack: one daemon each, waiting for the
 * device's events until its removal ends the wait (once per program).
 */
function startDmeventd(st: GenState): void {
  if (st.monitoring) return;
  st.monitoring = true;
  for (const dev of DM_DEVICES) machine().spawn(`dmeventd:${dev}`, () => dmeventd_monitor(st.stack.dm[dev].hc), { daemon: true });
}

/** mdadm --monitor's --delay: how long it sleeps in select() on /proc/mdstat (its default, 60 s). */
const MDADM_MONITOR_DELAY = 60 * HZ;

/**
 * mdadm --monitor started just before the arrays stop, and waited for until it has read
 * /proc/mdstat once (so that it has seen them active). It ends when it reads them all stopped;
 * the returned wait is for that, as a script waits for the monitor to report the stops before
 * it unloads md (md_exit() wakes every poller of /proc/mdstat itself, which would hide a lost
 * wake-up of the stop).
 */
function* startMdadmMonitor(): KGen<() => KGen> {
  const q = init_waitqueue_head('gen.monitor');
  let started = false;
  let exited = false;
  machine().spawn('mdadm:monitor', function* () {
    yield* mdadm_monitor(MDADM_MONITOR_DELAY, () => {
      started = true;
      wake_up_all(q);
    });
    exited = true;
    wake_up_all(q);
  });
  yield* wait_event(q, () => started);
  return () => wait_event(q, () => exited);
}

/** A task: its operations, then it resumes what it still holds suspended, lower devices first. */
function* task(st: GenState, self: number, ops: readonly V315Op[]): KGen {
  for (const o of ops) yield* runOp(st, self, o);
  if (st.holder !== self) return;
  const held = [...st.suspended].sort((a, b) => LOWER[a].length - LOWER[b].length);
  for (const dev of held) yield* resume(st, self, dev);
  releaseIfNothingHeld(st);
}

export function v315Workload(p: GenProgram<V315Op>): Program {
  let st: GenState;
  return {
    cpus: p.cpus,
    base: 'v3.15',
    setup(m) {
      const withMd1 = p.tasks.some((ops) => ops.some((o) => 'dev' in o && o.dev === 'md1'));
      st = { stack: m.bootCall(buildStack(withMd1, p.dmReservedIos)), holder: null, suspended: [], swap: null, released: init_waitqueue_head('gen.suspend'), monitoring: false };
      p.tasks.forEach((ops, i) => m.spawn(`gen:t${i}`, () => task(st, i, ops)));
    },
    teardown: function* () {
      if (st.swap !== null) swapoff();
      yield* destroyStack(st.stack, st.monitoring);
    },
  };
}
