// Event monitoring of the v3.15 stack, as LVM and mdadm keep it: dmeventd waits for the events of
// every dm device (DM_DEV_STATUS, then DM_DEV_WAIT after DM_DEV_WAIT, each holding a reference to
// the device), and mdadm --monitor polls /proc/mdstat while the arrays stop. What raises the
// events: a snapshot that invalidates itself (the disks fail a share of their IOs in a third of
// the runs: a failed exception copy or commit makes the snapshot invalid, dm_table_event()), a
// device's removal (__hash_remove() raises one on the live table so that waiters let go: rql's
// deferred removal at the last close, the others at teardown), and md's own (md_new_event(): a
// member failed, removed, added back and recovered, a check run, the array stopped). A lost
// wake-up or event count leaves dmeventd asleep holding its device, which the removal then waits
// for forever, or leaves mdadm --monitor to learn of a stop only when its delay runs out. No
// other suite waits for dm or md events. The suite is one named program of the generated
// grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const eventMonitors = namedProgramSuite(v315Grammar, {
  name: 'event-monitors',
  summary: 'dmeventd waiting on every dm device and mdadm --monitor polling /proc/mdstat while snapshots invalidate, a mirror leg fails and comes back, and the stack is removed',
  scenario: 'for dm and md events and who waits for them',
  defaultSchedules: 100,
  expectedSteps: 3000,
  text: `cpus 3
t0: monitor; io snap w 0+64; io origin w 128+64; fail 0; io md0 w 0+8; readd 0; io md0 w 64+8
t1: io origin w 256+64; status snap; reload lin; io snap r 0+64; remove-deferred rql; io rql w 0+8; io md0 r 0+8
t2: sync check; io lin w 512+8; suspend origin; resume origin; io snap w 1024+16; io md0 w 8+8`,
  // Memory mostly plentiful; completions and work items sometimes late; in a third of the runs
  // the disks fail up to a fifth of their IOs (the snapshot invalidates, raid1 fails a leg).
  plan: { memory: ['none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 }, ioError: { chance: 3, percent: 20 } },
});
