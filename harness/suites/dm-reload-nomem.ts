// Table reloads of live devices while their allocations fail: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts) with one task reloading the snapshot origin, the snapshot, their
// linear volume and the linear volume over the request-based disk (dmsetup reload + resume, as
// lvchange --refresh does), while another writes and reads through them. Failslab is armed in
// every run at table_load()'s allocations (setup-nomem's TABLE_LOAD_ALLOCATION_SITES): the table
// and its target array, the split arguments, each target's device, a snapshot's constructor,
// exception store, registration and kcopyd and dm-io clients, and the table's mempools. A load
// that fails leaves the device on its old table and the workload goes on, as dmsetup's caller
// does after "reload ioctl failed: Cannot allocate memory"; an error path that forgot a kfree is
// a leak, one that forgot a dm_put_device() keeps a device open. setup-nomem fails the same
// functions on a device's creation; here the device is live and has IO in flight. One reload
// carries a hostile header, a target count near 2^32 (as a fuzzer sends DM_TABLE_LOAD), which
// dm_table_create() refuses with -ENOMEM once dm_round_up() wraps it to 0. The suite is one named
// program of the generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';
import { TABLE_LOAD_ALLOCATION_SITES } from './setup-nomem.ts';

export const dmReloadNomem = namedProgramSuite(v315Grammar, {
  name: 'dm-reload-nomem',
  summary: 'reloads of a live snapshot origin, snapshot and linear volumes while a fifth of table_load()\'s allocations fail, with IO through them',
  scenario: 'for table reloads of live devices whose allocations fail',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 2
t0: reload origin; reload snap; reload lin; reload rql; reload lin hugecount; reload origin; reload snap; reload lin; reload rql; reload origin; reload snap
t1: io origin w 0+64; batch snap r 0+8x4; io lin w 128+16; io rql w 0+8; io origin w 256+64; io snap r 320+64; batch rql w 64+8x3`,
  // Completions sometimes late; failslab at table_load()'s functions in every run.
  plan: {
    memory: ['none'],
    ioDelay: { chance: 2, max: 3 },
    wqDelay: { chance: 4, max: 1 },
    failslab: { chance: 1, probability: 20, sites: TABLE_LOAD_ALLOCATION_SITES },
  },
});
