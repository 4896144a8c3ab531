// The Dec 2011 kvm deadlock in small (Nate Custer's report, seed 000): guests in their own blkio
// cgroups do IO to a throttled, CFQ-scheduled disk that is also the swap device, while
// libvirtd creates their cgroups and memory is short. Direct reclaim in a guest writes pages to
// swap in the guest's cgroup; the first IO of a cgroup makes throtl_get_tg() and cfq_get_cfqg()
// allocate its groups with alloc_percpu(), which takes pcpu_alloc_mutex - a lock that is held
// across GFP_KERNEL allocations (ACPI init at boot, modprobe, the guests' own per-cpu setup).
// Lockdep sees RECLAIM_FS-ON then IN-RECLAIM_FS on pcpu_alloc_mutex; a guest whose own
// alloc_percpu() enters reclaim before its cgroup has groups waits for the mutex it holds.

import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
import { acpi_bus } from '../../kernel-model/drivers/acpi/bus.ts';
import { swapon } from '../../kernel-model/mm/swapfile.ts';
import { percpu, type percpu_ptr } from '../../kernel-model/mm/percpu.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import { machine } from '../../kernel-model/sim/machine.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import type { sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { attachTask, bootDiskProgram, makeBlkioCgroup, submitAndWait } from './blkio-workload.ts';
import { drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';

const GUESTS = 3;
/** Rounds of "fault in guest memory, then do disk IO" per guest. */
const ROUNDS = 3;
/** Per-cpu areas a guest sets up before its IO (vcpu and vhost state). */
const GUEST_PERCPU = 2;
const SWAP_START = 1 << 20;


/** The size of the workload's own per-cpu areas (module and device state). */
const PERCPU_SIZE = 64;

function* allocPercpu(): KGen<percpu_ptr<{ n: number }> | null> {
  return yield* percpu.__alloc_percpu(PERCPU_SIZE, () => ({ n: 0 }));
}

/** A guest: per-cpu setup, then rounds of faulting in memory and doing disk IO. */
function* qemuKvm(disk: sim_rq_disk, index: number): KGen {
  const areas: percpu_ptr<{ n: number }>[] = [];
  for (let i = 0; i < GUEST_PERCPU; i++) {
    const p = yield* allocPercpu();
    if (p !== null) areas.push(p);
  }
  const ram: object[] = [];
  const base = index * 4096;
  for (let k = 0; k < ROUNDS; k++) {
    const page = yield* slab.kmalloc(4096, GFP_KERNEL, () => ({ guestPage: k }));
    if (page !== null) ram.push(page);
    yield* submitAndWait(disk, READ, base + k * 16, 8);
    yield* submitAndWait(disk, WRITE, base + k * 16 + 8, 8);
  }
  for (const page of ram) slab.kfree(page);
  for (const p of areas) yield* percpu.free_percpu(p);
}

/** libvirtd starts the guests one by one: a cgroup with throttle rules, then the guest in it. */
function* libvirtd(disk: sim_rq_disk): KGen {
  for (let g = 0; g < GUESTS; g++) {
    const cg = yield* makeBlkioCgroup(`guest${g}`, disk, [
      { file: 'read_bps_device', value: 1 << 20 },
      { file: 'write_bps_device', value: 512 << 10 },
      { file: 'write_iops_device', value: 100 },
    ]);
    const guest: task_struct = machine().spawn(`qemu-kvm:${g}`, () => qemuKvm(disk, g));
    if (cg !== null) yield* attachTask(cg, guest);
  }
}

/** modprobe loads a module: per-cpu data allocated with pcpu_alloc_mutex held across GFP_KERNEL. */
function* modprobe(): KGen {
  const p = yield* allocPercpu();
  yield* percpu.free_percpu(p);
}

const program = (): Program =>
  bootDiskProgram('vda', true, (m, disk) => {
    m.bootCall(acpi_bus.acpi_early_init());
    swapon(disk.bdev, SWAP_START);
    m.spawn('libvirtd', () => libvirtd(disk));
    m.spawn('modprobe', modprobe);
  });

/**
 * Memory is short in most runs (a quarter of sleeping allocations reclaim), sometimes very
 * short (all of them do, and atomic ones fail half the time); IO completions and the throttle
 * timer are sometimes late.
 */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, { memory: ['high', 'low', 'low', 'low', 'low'], ioDelay: { chance: 3, max: 2 }, wqDelay: { chance: 4, max: 1 } });
}

export const kvmCgroupSwap: Suite = {
  name: 'kvm-cgroup-swap',
  summary: 'kvm guests in blkio cgroups doing IO to a throttled CFQ disk that is also swap, under memory pressure',
  scenario: 'for kvm guests in blkio cgroups swapping to a throttled disk',
  kernel: '3.2',
  defaultSchedules: 200,
  expectedSteps: 1200,
  plan,
  program,
};
