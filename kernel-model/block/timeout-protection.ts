// A KCSAN rule about blk-timeout.c that is the same in every base's C: a request queue's list of
// started requests whose timeout runs (q->timeout_list), added to as a request starts and taken
// from as it completes, both with the queue lock held, and walked by the queue's timeout timer
// under the same lock.
import { type LockLike, type Protection, protection } from '../kernel/kcsan.ts';

/** q->timeout_list under q->queue_lock; `because` cites the base's C. */
export function queueTimeoutListProtection(because: string): Protection {
  return protection<{ queue_lock: LockLike | null }>({
    struct: 'request_queue',
    // The head's pointers: a request added at the tail writes prev, the first one deleted next.
    members: ['timeout_list.next', 'timeout_list.prev'],
    lockName: 'q->queue_lock',
    lockOf: (q) => q.queue_lock,
    because,
  });
}
