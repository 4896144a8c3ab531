// md's resync, check and recovery threads started while kernel thread creation fails: the v3.15
// grammar's device stack (harness/fuzz/ops-v3.15.ts) with one task asking md0 for a check, a
// repair and, after giving a leg back (mdadm --fail --remove --add), a recovery, while another
// writes and reads the mirror. md_check_recovery() starts each sync in a thread of its own
// (md_register_thread() from raid1d); failslab is armed at kthread_create_on_node() in every
// run (fault-inject's stack filter), so half of those creations fail, as they do when
// kthread_create_on_node() cannot allocate its request: md_check_recovery() then says "could not
// start resync thread" and gives the action up, and md_register_thread() must free the md_thread
// it allocated. The suite is one named program of the generated grammar, so its text is the
// whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const mdSyncThreadNomem = namedProgramSuite(v315Grammar, {
  name: 'md-sync-thread-nomem',
  summary: 'checks, repairs and a recovery of a RAID1 mirror while half of the kernel thread creations fail: md_check_recovery() cannot start its sync thread',
  scenario: 'for md sync actions whose threads cannot be created',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 2
t0: sync check; sleep 200; sync repair; sleep 200; readd 0; sleep 200; sync check
t1: io md0 w 0+8; io md0 r 0+8; batch md0 w 64+8x2; io md0 r 64+8`,
  // Completions and timers sometimes late; failslab at kthread_create_on_node() in every run.
  plan: {
    memory: ['none'],
    ioDelay: { chance: 2, max: 3 },
    wqDelay: { chance: 4, max: 1 },
    failslab: { chance: 1, probability: 50, sites: ['kthread_create_on_node'] },
  },
});
