// Table reloads of live devices while their allocations fail: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts) with one task reloading the snapshot origin, the snapshot, their
// linear volume and the linear volume over the request-based disk (dmsetup reload + resume, as
// lvchange --refresh does), while another writes and reads through them. Failslab is armed in
// every run at the functions of table_load()'s path (fault-inject's stack filter): the table
// and its target array, the split arguments, each target's device, and a snapshot's
// constructor, exception store and its kcopyd and dm-io clients. A load that fails leaves the
// device on its old table and the workload goes on, as dmsetup's caller does after "reload
// ioctl failed: Cannot allocate memory"; an error path that forgot a kfree is a leak, one that
// forgot a dm_put_device() keeps a device open. setup-nomem fails the same functions on a
// device's creation; here the device is live and has IO in flight. The suite is one named
// program of the generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

/** table_load()'s allocations, by the function that makes each (setup-nomem's dm sites, less the device's own). */
const TABLE_LOAD_SITES = [
  'dm_table_create', 'alloc_targets', 'dm_split_args', 'dm_get_device',
  'snapshot_ctr', 'dm_exception_store_create', 'transient_ctr', 'dm_vcalloc_of', 'dm_kcopyd_client_create', 'dm_io_client_create',
];

export const dmReloadNomem = namedProgramSuite(v315Grammar, {
  name: 'dm-reload-nomem',
  summary: 'reloads of a live snapshot origin, snapshot and linear volumes while a fifth of table_load()\'s allocations fail, with IO through them',
  scenario: 'for table reloads of live devices whose allocations fail',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 2
t0: reload origin; reload snap; reload lin; reload rql; reload origin; reload snap; reload lin; reload rql; reload origin; reload snap
t1: io origin w 0+64; batch snap r 0+8x4; io lin w 128+16; io rql w 0+8; io origin w 256+64; io snap r 320+64; batch rql w 64+8x3`,
  // Completions sometimes late; failslab at table_load()'s functions in every run.
  plan: {
    memory: ['none'],
    ioDelay: { chance: 2, max: 3 },
    wqDelay: { chance: 4, max: 1 },
    failslab: { chance: 1, probability: 20, sites: TABLE_LOAD_SITES },
  },
});
