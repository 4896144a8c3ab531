// What dm does with IO that is not a plain read or write, and with the requests around its
// tables: cache flushes sent to every target of a table (__send_empty_flush), discards and
// write-sames split at target boundaries and cloned per target (__send_changing_extent_only),
// flush+FUA writes sequenced through the request-based disk's flush machinery, the geometry
// ioctl of a dm device and of md0 (dm_blk_getgeo, md_getgeo), a snapshot's table reloaded while
// writes go to it and to its origin (its exceptions handed over to the new table's snapshot,
// __handover_exceptions, under the origin's lock; the origin's writes look at the new snapshot,
// which its resume makes active), a linear volume wiped to an error target under IO and restored, and
// the tables' status read back (the transient store's usage). The suite is one named program of
// the generated grammar, so its text is the whole workload.

import { v315Grammar } from '../fuzz/grammar-v3.15.ts';
import { namedProgramSuite } from './named-program.ts';

export const dmExtents = namedProgramSuite(v315Grammar, {
  name: 'dm-extents',
  summary: 'flushes, discards and write-sames through dm, geometry ioctls, a snapshot reloaded and a volume wiped to an error target under IO',
  scenario: 'for flushes, discards, table reloads and error targets under IO',
  defaultSchedules: 100,
  expectedSteps: 2500,
  text: `cpus 3
t0: io lin w 8+8 fua; flush lin; discard lin 272+8; writesame lin 424+8; geometry lin; geometry md0; status snap table; io lin w 1016+16
t1: io snap w 0+16; reload snap; io snap w 16+64 flush+fua; flush origin; reload lin error; io lin r 8+8; reload lin; status origin table
t2: io origin w 96+8; io sde w 8+8 flush+fua; io origin w 160+8; io sde w 296+8; flush md0; discard md0 248+8; io rql w 200+8 fua; flush rql`,
  // Memory plentiful, completions sometimes late, and in a third of the runs some disk IO fails.
  plan: { memory: ['none', 'low'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 3, percent: 10 } },
});
