// Disks added while their allocations fail: the error paths of making a request queue, which
// no other v3.2 suite takes (every other one makes its disk at boot, where nothing fails). Two
// tasks probe a disk each at the same time, as two SCSI hosts scanned in parallel do (each
// probe: blk_init_queue, the queue's throttle data and root group, its request list, the
// elevator and CFQ's data, root group and cic index, the gendisk), write and read it, and remove
// it, three times over, each with its fail-nth armed around each probe, so that the N-th
// allocation of the probe fails and the driver gives up with what it made undone; the two make
// and remove queues together, so what CFQ shares between queues (the cic index IDA, under
// cic_index_lock) is changed from both. Another task makes a blkio cgroup and does IO to the
// boot disk from it; the probing tasks join that cgroup after their first round, so that their
// IO links the cgroup's groups on the new queues' CFQ and throttle data, and the disks go with
// them linked. That task then switches the boot disk's scheduler to noop and back to CFQ, each
// switch with its fail-nth armed too. At the end the cgroup goes and the boot disk is removed:
// an error path that forgot a kfree is a leak.

import '../../kernel-model/v3.2/world.ts';
import type { cgroup } from '../../kernel-model/kernel/cgroup.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { type sim_rq_disk, sim_rq_disk_ops } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { sysfs_files } from '../../kernel-model/v3.2/model/sysfs.ts';
import { attachTask, bootDiskProgram, makeBlkioCgroup, submitAndWait } from './blkio-workload.ts';
import { failNthPlan, withFailNth } from './fail-nth.ts';
import type { Suite } from './suite.ts';

const ROUNDS = 3;

/**
 * The call sites a probe allocates from, as failslab names them (the first frame that is not
 * the allocator): the queue (blk_alloc_queue_node), the throttle data and root group
 * (blk_throtl_init, throtl_alloc_tg), the request mempool and its reserve (mempool_create_node,
 * from blk_init_free_list), the elevator and its hash (elevator_alloc), CFQ's data
 * (cfq_init_queue), CFQ's cic index (cfq_alloc_cic_index) and the gendisk (alloc_disk), the
 * io_context, CFQ's cic and queues the first IO of a probe makes (alloc_io_context,
 * cfq_alloc_io_context, cfq_find_alloc_queue), the per-cpu allocator's own allocations
 * behind the throttle and CFQ root groups' statistics (its area map and a new chunk), and noop's
 * data when the boot disk's scheduler is switched (noop_init_queue).
 */
export const DISK_ALLOCATION_SITES = [
  'blk_alloc_queue_node', 'blk_throtl_init', 'throtl_alloc_tg', 'mempool_create_node', 'elevator_alloc', 'cfq_init_queue', 'cfq_alloc_cic_index', 'alloc_disk',
  'alloc_io_context', 'cfq_alloc_io_context', 'cfq_find_alloc_queue',
  'pcpu_extend_area_map', 'pcpu_create_chunk', 'noop_init_queue',
];

/** The page allocations a probe makes: a per-cpu chunk's page, for those statistics (fail_page_alloc). */
export const DISK_PAGE_SITES = ['pcpu_populate_chunk'];

/** The allocations of those sites one probe makes (measured: 16), and a margin: an N past them fails nothing. */
const FAIL_NTH_SPAN = 18;

/** A probing task for disk `name`: in the root cgroup for the first round, in `cg` for the others. */
function* hotplugRounds(name: string, first_minor: number, cg: () => cgroup | null): KGen {
  for (let round = 0; round < ROUNDS; round++) {
    const group = cg();
    if (round === 1 && group !== null) yield* attachTask(group, current());
    const d: sim_rq_disk | null = yield* withFailNth(sim_rq_disk_ops.sim_rq_disk_create(name, first_minor, 2, 0));
    if (d === null) continue;
    yield* submitAndWait(d, WRITE, 64 + round * 8, 8);
    yield* submitAndWait(d, READ, 64 + round * 8, 8);
    yield* sim_rq_disk_ops.sim_rq_disk_remove(d);
  }
}

/** IO to the boot disk from a cgroup of its own making, which the probing task joins. */
function* cgroupIo(disk: sim_rq_disk, made: (cg: cgroup) => void): KGen {
  const cg = yield* makeBlkioCgroup('hotplug', disk, []);
  if (cg === null) return;
  made(cg);
  yield* attachTask(cg, current());
  for (let i = 0; i < 4; i++) yield* submitAndWait(disk, i % 2 === 0 ? WRITE : READ, 128 + i * 8, 8);
  // The admin tries noop on the boot disk and puts CFQ back, each switch with the fail-nth armed,
  // so that the new elevator's allocations fail: elevator_switch()'s error paths (the
  // elevator_queue made for it put back, the old elevator kept), with the cgroup's groups linked
  // on the CFQ being switched away from.
  yield* withFailNth(sysfs_files.queue_sysfs_store(disk.queue, 'scheduler', 'noop'));
  yield* withFailNth(sysfs_files.queue_sysfs_store(disk.queue, 'scheduler', 'cfq'));
}

/** Fail-nth's N for every probe of the run; memory sometimes short too. */
const plan = (seed: number): FaultPlan => failNthPlan(seed, DISK_ALLOCATION_SITES, FAIL_NTH_SPAN, DISK_PAGE_SITES);

const program = (): Program =>
  bootDiskProgram('vdb', false, (m, disk) => {
    let cg: cgroup | null = null;
    m.spawn('virtio-probe', () => hotplugRounds('vdc', 16, () => cg));
    m.spawn('scsi_scan_1', () => hotplugRounds('sda', 32, () => cg));
    m.spawn('cgroup-io', () => cgroupIo(disk, (c) => (cg = c)));
  });

export const diskAddNomem: Suite = {
  name: 'disk-add-nomem',
  summary: 'disks added while their allocations fail: the error paths of making a request queue with throttling and CFQ, then IO and removal',
  scenario: 'when adding a disk fails for want of memory',
  kernel: '3.2',
  // Each probe fails at most one of its 16 allocations, the same N in every round of a run: 300
  // runs fail each allocation about 16 times.
  defaultSchedules: 300,
  expectedSteps: 700,
  plan,
  program,
};
