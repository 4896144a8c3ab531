// What the C of v3.15 says a lock protects, for KCSAN's lockset check (kernel/kcsan.ts). Only
// members every access to which is under the named lock once the snapshot is shared are listed.
// Left out, with the C's reasons: exception_complete_sequence and out_of_order_list ("Protected
// by kcopyd single-threaded callback": an ordering, not a lock), pending_exceptions_count (an
// atomic_t).

import { kcsan_protect, protection } from '../../kernel/kcsan.ts';
import type { dm_snapshot } from '../drivers/md/dm-snap.ts';

const snapshotLock = protection<dm_snapshot>({
  struct: 'dm_snapshot',
  members: ['exception_start_sequence', 'pending', 'complete'],
  lockName: 's->lock',
  lockOf: (s) => s.lock,
  // device-mapper runs a target's constructor and destructor with no IO on it (the table is not
  // live yet, or has been suspended and unbound): __free_exceptions from snapshot_dtr needs no lock.
  exclusiveIn: ['snapshot_ctr', 'snapshot_dtr'],
  because:
    'drivers/md/dm-snap.c:69 "Protected by \\"lock\\"" (exception_start_sequence); the exception tables are looked up and changed under s->lock (snapshot_map, pending_complete, __origin_write, snapshot_resume)',
});

kcsan_protect('v3.15', [snapshotLock]);
