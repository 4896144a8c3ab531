// Arrays and mapped devices created while their allocations fail: the error paths of creation,
// which no other suite takes (every other suite builds its stack at boot, where nothing fails).
// One task builds a RAID1 mirror with `mdadm --build`, writes and reads through it and stops it,
// three times over; another creates a snapshot-origin device and a snapshot of it with `dmsetup
// create`, writes through the snapshot and removes both, three times over. Each creation runs
// with the task's fail-nth armed (fail-nth.ts), so that the N-th allocation of its path fails
// (md_alloc, md_import_device, raid1's setup_conf, md's threads; dm's alloc_dev, table and
// targets, the table's bio_set and its bio slab, the snapshot's exception store and hash
// tables): mdadm then stops what it half built (Build.c's abort), dmsetup removes what it created
// (libdevmapper's revert), and the task goes on with its next round. At the end the disks go and
// the modules are unloaded: an error path that forgot a kfree is a leak, one that forgot a
// module_put leaves its module in use.

import '../../kernel-model/v3.15/world.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { dm_dev_path, dmsetup_remove, dmsetup_try_create } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { md_dev_path, mdadm_stop, mdadm_try_build } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import type { sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { bareDisksProgram } from './bare-disks-program.ts';
import type { Suite } from './suite.ts';
import { failNthPlan, withFailNth } from './fail-nth.ts';
import { submitAndWait } from './workload-io.ts';

const ROUNDS = 3;
/** Origin and COW volume of the snapshot, in sectors. */
const SNAP_SECTORS = 256;

/**
 * table_load()'s allocations, by the function that makes each (failslab's site is the
 * allocation's caller): the table, its target array, the split arguments and each target's
 * device; a snapshot's constructor, its exception store, hash tables, registration and kcopyd and
 * dm-io clients; and dm_table_complete()'s mempools, their bio_set and the bio slab it finds or
 * makes. A creation loads a table; so does a reload of a live device (dm-reload-nomem).
 */
export const TABLE_LOAD_ALLOCATION_SITES = [
  'dm_alloc_md_mempools', 'bioset_create', 'bio_find_or_create_slab', 'dm_table_create', 'alloc_targets', 'dm_split_args', 'dm_get_device',
  'snapshot_ctr', 'dm_exception_store_create', 'transient_ctr', 'register_snapshot', 'dm_vcalloc_of', 'dm_kcopyd_client_create', 'dm_io_client_create',
];

/**
 * The functions whose allocations the plan may fail: the creation paths of an array (md_alloc's
 * mddev, disk and queue; the members' rdevs; the personality's conf and md's threads) and of a
 * mapped device (its mapped_device, disk and queue, then its first table). Sites
 * whose allocations are counted in hundreds per run (mempool prefills, kcopyd's pages) are
 * left out, so that the failure lands on a creation step rather than on a reserve being filled.
 */
export const SETUP_ALLOCATION_SITES = [
  'mddev_find', 'alloc_disk', 'blk_alloc_queue_node', 'md_import_device', 'md_rdev_init', 'setup_conf', 'md_register_thread', 'kthread_create_on_node',
  'alloc_dev', ...TABLE_LOAD_ALLOCATION_SITES,
];

/**
 * The most allocations of those sites one creation makes (measured: 13 for mdadm --build of a
 * two-leg mirror, 11 for dmsetup create of an origin, 22 of a snapshot, since the queue's
 * kmem_cache_alloc_node() counts as blk_alloc_queue_node()'s and the table's bio_set makes its
 * bio slab: the slab's kmem_cache, and for the snapshot's front pad a bigger table of slabs),
 * and a margin: an N past them fails nothing, and the creation succeeds.
 */
const FAIL_NTH_SPAN = 24;

function* mirrorRounds(legs: sim_disk[]): KGen {
  for (let round = 0; round < ROUNDS; round++) {
    const md = yield* withFailNth(mdadm_try_build({ minor: 0, level: 1, members: legs.map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true }));
    if (typeof md === 'number') continue;
    const bdev = yield* open_block_device(md_dev_path(md));
    yield* submitAndWait(bdev, WRITE, round * 16, 8);
    yield* submitAndWait(bdev, READ, round * 16, 8);
    yield* close_block_device(bdev);
    const err = yield* mdadm_stop(0);
    if (err) throw new Error(`mdadm --stop /dev/md0: ${err}`);
  }
}

function* snapshotRounds(): KGen {
  for (let round = 0; round < ROUNDS; round++) {
    const origin = yield* withFailNth(dmsetup_try_create([{ start: 0, len: SNAP_SECTORS, type: 'snapshot-origin', params: '/dev/sdb' }]));
    if (typeof origin === 'number') continue;
    const snap = yield* withFailNth(dmsetup_try_create([{ start: 0, len: SNAP_SECTORS, type: 'snapshot', params: '/dev/sdb /dev/sdd N 8' }]));
    if (typeof snap !== 'number') {
      const bdev = yield* open_block_device(dm_dev_path(snap.md));
      yield* submitAndWait(bdev, WRITE, round * 8, 8);
      yield* close_block_device(bdev);
      const r = yield* dmsetup_remove(snap, false);
      if (r) throw new Error(`dmsetup remove snapshot: ${r}`);
    }
    const r = yield* dmsetup_remove(origin, false);
    if (r) throw new Error(`dmsetup remove origin: ${r}`);
  }
}

/** Fail-nth's N for every creation of the run; memory sometimes short too. */
const plan = (seed: number): FaultPlan => failNthPlan(seed, SETUP_ALLOCATION_SITES, FAIL_NTH_SPAN);

const program = (): Program =>
  bareDisksProgram(
    [{ name: 'sda', minor: 0 }, { name: 'sdc', minor: 32 }, { name: 'sdb', minor: 16, sectors: SNAP_SECTORS }, { name: 'sdd', minor: 48, sectors: SNAP_SECTORS }],
    (m, disks) => {
      m.spawn('mdadm', () => mirrorRounds([disks[0], disks[1]]));
      m.spawn('dmsetup', () => snapshotRounds());
    },
  );

export const setupNomem: Suite = {
  name: 'setup-nomem',
  summary: 'mdadm --build and dmsetup create of a snapshot while their allocations fail: the error paths of creation, then rmmod',
  scenario: 'when creating arrays and snapshots fails for want of memory',
  kernel: '3.15',
  defaultSchedules: 150,
  expectedSteps: 4000,
  plan,
  program,
};
