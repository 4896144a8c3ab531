// What the v3.15 world's polling loops wait for, as WaitTargets for the wait-for graph
// (annotations.ts names them in `polling`). Observers only: they read the model's state without
// taking its locks and change nothing.

import { all_of, bio_wait_target } from '../../block/bio-list-owners.ts';
import { hlist_entry_safe } from '../../include/linux/list.ts';
import { kcsan_nocheck } from '../../kernel/kcsan.ts';
import type { WaitTarget } from '../../sim/task.ts';
import { dm_bio_from_per_bio_data } from './bio-memory.ts';
import { DM_TRACKED_CHUNK_HASH_SIZE, type dm_snap_tracked_chunk, type dm_snapshot } from '../drivers/md/dm-snap.ts';

/**
 * The reads dm-snapshot tracks on `chunk` (s->tracked_chunk_hash), which
 * __check_for_conflicting_io() polls for: each must complete, so the poller waits for wherever
 * each bio is (the owner of the bio_list it is queued on).
 */
export function tracked_chunk_bios(s: dm_snapshot, chunk: number): WaitTarget {
  return all_of(`the reads tracked on chunk ${chunk} of the snapshot`, function* () {
    // The walk is the observer's, not the kernel's: KCSAN does not check it against the lock.
    const tracked = kcsan_nocheck(() => {
      const found: dm_snap_tracked_chunk[] = [];
      for (let c = hlist_entry_safe<dm_snap_tracked_chunk>(s.tracked_chunk_hash[chunk & (DM_TRACKED_CHUNK_HASH_SIZE - 1)].first, 'node'); c; c = hlist_entry_safe<dm_snap_tracked_chunk>(c.node.next, 'node')) {
        if (c.chunk === chunk) found.push(c);
      }
      return found;
    });
    for (const c of tracked) yield bio_wait_target(dm_bio_from_per_bio_data(c));
  });
}
