// What a generated v3.2 program does on the model: every task runs its operations in order on
// the one workload disk (throttled, CFQ, queue depth 2, as every v3.2 suite's), concurrently
// with the others. Once the disk is unplugged its IO still goes to it (the workload holds it
// open) and fails, its tunables are refused (their sysfs directory went with it), and the
// teardown's close releases it. Cgroups are looked up by number when an operation starts, as a
// shell finds a directory by name: an operation on a cgroup that does not exist is skipped
// (ENOENT); one that found its cgroup keeps it open (a file open pins a cgroup), and rmdir waits
// for those. Tasks a program names threads (`clone-io N`) are made by t0 with clone(CLONE_IO).
// A program's swapon makes the second half of the disk the swap area until the teardown's swapoff.
import { type cgroup, cgroup_root, cgroups } from '../../kernel-model/kernel/cgroup.ts';
import { init_waitqueue_head, wait_event, wake_up_all, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { blk_core } from '../../kernel-model/v3.2/block/blk-core.ts';
import { blk_ioc } from '../../kernel-model/v3.2/block/blk-ioc.ts';
import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
import { clone_io_thread } from '../../kernel-model/v3.2/model/fork.ts';
import { READ, WRITE, WRITE_FLUSH_FUA, WRITE_SYNC } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { blk_plug_type, type blk_plug } from '../../kernel-model/v3.2/include/linux/blkdev.ts';
import { SIM_DISK_MAJOR, SIM_DISK_SECTORS, type sim_rq_disk, sim_rq_disk_ops } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { sysfs_files } from '../../kernel-model/v3.2/model/sysfs.ts';
import { ioprio } from '../../kernel-model/v3.2/fs/ioprio.ts';
import { IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE, IOPRIO_CLASS_RT, IOPRIO_CLASS_SHIFT } from '../../kernel-model/v3.2/include/linux/ioprio.ts';
import { type Completions, attachTask, blkioTeardown, bootDisk, makeBlkioCgroup, removeCgroup, submitAndWait, submitNoWait, writeRule } from '../suites/blkio-workload.ts';
import { CGROUPS, type IOPRIO_CLASSES, type IoKind, type V32Op, PAST_END_SECTORS, keepsAccounting } from './ops-v3.2.ts';
import { type GenProgram, sharedIoTasks } from './program.ts';
import { runCommon } from './common-ops.ts';
import { swapoff, swapon } from '../../kernel-model/mm/swapfile.ts';

const IOPRIO_CLASS: Record<(typeof IOPRIO_CLASSES)[number], number> = { rt: IOPRIO_CLASS_RT, be: IOPRIO_CLASS_BE, idle: IOPRIO_CLASS_IDLE };

const RW: Record<IoKind, number> = { r: READ, w: WRITE, ws: WRITE_SYNC, wf: WRITE_FLUSH_FUA };

interface GenState {
  disk: sim_rq_disk;
  /** Cgroup by number (index 0 unused: the root is always there); null where none exists. */
  cgs: (cgroup | null)[];
  /** Numbers whose mkdir is under way. */
  making: boolean[];
  /** Operations holding each cgroup open. */
  pins: Map<cgroup, number>;
  /** Woken when a pin is dropped. */
  changed: wait_queue_head_t;
  /** By program index (a thread of t0 once t0 has created it). */
  tasks: task_struct[];
  /** The disk was unplugged: its sysfs files are refused from then on (its IO fails in the kernel). */
  unplugged: boolean;
  /** A task swapped on to the disk: the teardown swaps off before it removes the disk. */
  swapping: boolean;
}

/** The second half of the disk is the swap area, past every sector a program's IO names. */
const SWAP_START = SIM_DISK_SECTORS / 2;

/** One task's IOs that it did not wait for: it waits for them before it exits. */
interface Unwaited extends Completions {
  issued: number;
}

/** Runs `body` on cgroup `n` held open; skipped when there is no such cgroup. */
function* onCgroup(st: GenState, n: number, body: (cg: cgroup) => KGen<unknown>): KGen {
  if (n === 0) {
    yield* body(cgroup_root());
    return;
  }
  const cg = st.cgs[n];
  if (cg === null) return;
  st.pins.set(cg, (st.pins.get(cg) ?? 0) + 1);
  yield* body(cg);
  st.pins.set(cg, (st.pins.get(cg) ?? 1) - 1);
  wake_up_all(st.changed);
}

function* mkdir(st: GenState, n: number): KGen {
  if (st.cgs[n] !== null || st.making[n]) return;
  st.making[n] = true;
  const cg = yield* makeBlkioCgroup(`gen${n}`, st.disk, []);
  st.making[n] = false;
  st.cgs[n] = cg;
}

/** rmdir: the name goes at once; the directory once nothing holds it open. EBUSY puts it back. */
function* rmdir(st: GenState, n: number): KGen {
  const cg = st.cgs[n];
  if (cg === null) return;
  st.cgs[n] = null;
  yield* wait_event(st.changed, () => (st.pins.get(cg) ?? 0) === 0);
  const ret = yield* removeCgroup(cg);
  if (ret !== 0 && st.cgs[n] === null && !st.making[n]) st.cgs[n] = cg;
}

function* batch(st: GenState, o: Extract<V32Op, { op: 'batch' }>, unwaited: Unwaited): KGen {
  const plug = blk_plug_type.make() as blk_plug;
  blk_core.blk_start_plug(plug);
  for (let i = 0; i < o.count; i++) {
    const at = o.sector + (o.down ? o.count - 1 - i : i) * o.sectors;
    if (yield* submitNoWait(st.disk, RW[o.kind], at, o.sectors, unwaited)) unwaited.issued++;
  }
  yield* blk_core.blk_finish_plug(plug);
}

function* runOp(st: GenState, self: number, o: V32Op, unwaited: Unwaited): KGen {
  const device = `${SIM_DISK_MAJOR}:${st.disk.disk.first_minor}`;
  switch (o.op) {
    case 'mkdir':
      return yield* mkdir(st, o.cg);
    case 'rmdir':
      return yield* rmdir(st, o.cg);
    case 'attach':
      return yield* onCgroup(st, o.cg, (cg) => attachTask(cg, st.tasks[self]));
    case 'io':
      if (o.wait) yield* submitAndWait(st.disk, RW[o.kind], o.sector, o.sectors);
      else if (yield* submitNoWait(st.disk, RW[o.kind], o.sector, o.sectors, unwaited)) unwaited.issued++;
      return;
    case 'batch':
      return yield* batch(st, o, unwaited);
    case 'past-end':
      yield* submitAndWait(st.disk, RW[o.kind], SIM_DISK_SECTORS - PAST_END_SECTORS / 2, PAST_END_SECTORS);
      return;
    case 'limit':
      return yield* onCgroup(st, o.cg, function* (cg) {
        yield* writeRule(cg, st.disk, { file: o.rule, value: o.value });
        if (o.drop === true) yield* writeRule(cg, st.disk, { file: o.rule, value: 0 });
      });
    case 'weight':
      return yield* onCgroup(st, o.cg, (cg) => cgroups.cgroup_file_write(cg, 'blkio.weight', `${o.value}`));
    case 'weight_device':
      return yield* onCgroup(st, o.cg, (cg) => cgroups.cgroup_file_write(cg, 'blkio.weight_device', `${device} ${o.value}`));
    case 'read':
      return yield* onCgroup(st, o.cg, (cg) => cgroups.cgroup_file_read(cg, o.file));
    case 'reset':
      return yield* onCgroup(st, o.cg, (cg) => cgroups.cgroup_file_write(cg, 'blkio.reset_stats', '1'));
    case 'tunable':
      if (st.unplugged) return;
      if (o.value === null) yield* sysfs_files.elv_sysfs_show(st.disk.queue, o.name);
      else yield* sysfs_files.elv_sysfs_store(st.disk.queue, o.name, `${o.value}`);
      return;
    case 'ioprio':
      return void (yield* ioprio.set_task_ioprio(st.tasks[self], (IOPRIO_CLASS[o.cls] << IOPRIO_CLASS_SHIFT) | o.level));
    case 'unplug':
      if (st.unplugged) return;
      st.unplugged = true;
      return yield* sim_rq_disk_ops.sim_rq_disk_unplug(st.disk);
    case 'scheduler':
      if (st.unplugged) return;
      return void (yield* sysfs_files.queue_sysfs_store(st.disk.queue, 'scheduler', o.name));
    case 'swapon':
      // mkswap + swapon: one swap area (a second swapon is EBUSY), none on an unplugged disk.
      if (st.swapping || st.unplugged) return;
      st.swapping = true;
      return void swapon(st.disk.bdev, SWAP_START, SIM_DISK_SECTORS - SWAP_START);
    case 'pressure':
    case 'sleep':
      return yield* runCommon(o);
  }
}

/** A task: its operations in order, then it waits for the IOs it did not wait for, and exits. */
function* task(st: GenState, self: number, ops: readonly V32Op[]): KGen {
  const unwaited: Unwaited = { n: 0, issued: 0, wq: init_waitqueue_head(`gen.t${self}.io`) };
  for (const o of ops) yield* runOp(st, self, o, unwaited);
  yield* wait_event(unwaited.wq, () => unwaited.n === unwaited.issued);
}

/**
 * t0 of a program whose first `shared` tasks share an IO context: it has one, as a process that
 * has done IO has (current_io_context(), what the request path calls), creates t1.. with
 * clone(CLONE_IO), then runs its own operations.
 */
function* threadsParent(st: GenState, p: GenProgram<V32Op>, shared: number): KGen {
  yield* blk_ioc.current_io_context(GFP_KERNEL, -1);
  for (let i = 1; i < shared; i++) {
    const t = yield* clone_io_thread(`gen:t${i}`, () => task(st, i, p.tasks[i]));
    if (t === null) throw new Error(`clone(CLONE_IO) of gen:t${i} failed: t0's IO context was going away`);
    st.tasks[i] = t;
  }
  yield* task(st, 0, p.tasks[0]);
}

/** The workload of a generated v3.2 program; the accounting is checked where the program keeps it. */
export function v32Workload(p: GenProgram<V32Op>): Program {
  let st: GenState;
  return {
    cpus: p.cpus,
    base: 'v3.2',
    setup(m) {
      st = {
        // A disk with a command timeout is a SCSI disk (sdb), one without a virtio-blk disk (vdb).
        disk: p.diskTimeout === undefined ? bootDisk(m, 'vdb') : bootDisk(m, 'sdb', p.diskTimeout),
        cgs: new Array<cgroup | null>(CGROUPS + 1).fill(null),
        making: new Array<boolean>(CGROUPS + 1).fill(false),
        pins: new Map(),
        changed: init_waitqueue_head('gen.cgroups'),
        tasks: [],
        unplugged: false,
        swapping: false,
      };
      const shared = sharedIoTasks(p);
      if (shared > 0) st.tasks[0] = m.spawn('gen:t0', () => threadsParent(st, p, shared));
      p.tasks.forEach((ops, i) => {
        if (shared === 0 || i >= shared) st.tasks[i] = m.spawn(`gen:t${i}`, () => task(st, i, ops));
      });
    },
    teardown: function* () {
      if (st.swapping) swapoff();
      yield* blkioTeardown(st.disk, keepsAccounting(p.tasks.flat()), st.unplugged);
    },
  };
}
