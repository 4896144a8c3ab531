// Two dmsetup users at once on one device: the v3.15 grammar's device stack
// (harness/fuzz/ops-v3.15.ts), with one task reloading the snapshot origin and the snapshot under
// LVM's lock (table_load, then do_resume: dm_suspend(), dm_swap_table(), dm_resume() and the old
// table destroyed) while another suspends and resumes the same devices from outside that lock,
// as an administrator's script or a tool that does not take it does, and a third writes and
// reads through them, so that each suspend waits for IO in flight (dm_wait_for_completion). Only
// md->suspend_lock orders the two: the second suspend must find the device suspended, or wait,
// and never hold on to a table the first one's reload has swapped out and destroyed. One of the
// snapshot's reloads carries a chunk size that is not a power of 2, which dm-snapshot refuses at
// load, undoing its exception store. The suite is one named program of the generated grammar,
// so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

/** The workload: t0 holds LVM's lock (one of its loads refused), t1 does not, t2 keeps IO in flight. */
export const DM_IOCTL_RACE = `cpus 2
t0: reload origin; reload origin; reload snap; reload snap badchunk; reload origin; reload snap
t1: bounce origin; bounce snap; bounce origin; bounce origin; bounce snap
t2: io origin w 0+64; batch origin w 64+8x4; io snap w 128+16; batch snap r 0+8x4; io origin w 256+64; io snap w 320+64`;

export const dmIoctlRace = namedProgramSuite(v315Grammar, {
  name: 'dm-ioctl-race',
  summary: 'a reload under LVM\'s lock and a dmsetup suspend/resume outside it on the same snapshot origin and snapshot, with IO in flight through both',
  scenario: 'for two dmsetup users at once on one device',
  defaultSchedules: 100,
  expectedSteps: 2500,
  text: DM_IOCTL_RACE,
  // Completions late in most runs, so that suspends wait for IO in flight.
  plan: { memory: ['none'], ioDelay: { chance: 1, max: 3 }, wqDelay: { chance: 3, max: 1 } },
});
