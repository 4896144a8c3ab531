// KCSAN rules about elevator.c that are the same in every base's C: the registered IO
// schedulers (LIST_HEAD(elv_list)) under the static elv_list_lock beside it, a rule about the
// file's globals which each world registers with its own elevator.c's global set; and a queue's
// elevator (q->elevator), changed only by a switch under q->sysfs_lock.
import { type LockLike, type Protection, protection, staticListProtection } from '../kernel/kcsan.ts';
import type { list_head } from '../include/linux/list.ts';
import type { spinlock_t } from '../kernel/locking/spinlock.ts';

export function elvListProtection(globals: () => { elv_list: list_head; elv_list_lock: spinlock_t }): Protection {
  return staticListProtection({
    file: 'block/elevator.c',
    globals,
    list: 'elv_list',
    lock: 'elv_list_lock',
    because: 'block/elevator.c: elevator_get (around elevator_find), elv_register, elv_unregister and elv_iosched_show walk and change elv_list under elv_list_lock (static DEFINE_SPINLOCK beside LIST_HEAD(elv_list))',
  });
}

/** Where a base's C also says who may read q->elevator. */
export interface ElevatorReaders {
  /** The lock readers may hold instead of q->sysfs_lock (the queue lock, which a switch's elevator init takes too). */
  lockOf: (q: { queue_lock: LockLike }) => LockLike | null;
  /** That lock as the C names it. */
  lockName: string;
  /** Readers under neither lock whom the C orders against a switch by other means (the drain of requests with elevator data, sysfs registration, the queue's last reference). */
  orderedIn: readonly string[];
}

/**
 * q->elevator under q->sysfs_lock: once the queue is made, only an elevator switch (a store to
 * the scheduler file, which queue_attr_store() makes under the lock) changes it, and it takes the
 * queue lock too to do so. Without
 * `readers`, plain reads go unchecked and the rule is about two writers; with them, a read must
 * hold sysfs_lock or the readers' lock, or be one the C orders otherwise. `because` cites the
 * base's C.
 */
export function queueElevatorProtection(because: string, readers?: ElevatorReaders): Protection {
  return protection<{ elevator: unknown; sysfs_lock: LockLike; queue_lock: LockLike }>({
    struct: 'request_queue',
    members: ['elevator'],
    pointers: true,
    lockName: 'q->sysfs_lock',
    lockOf: (q) => q.sysfs_lock,
    ...(readers === undefined ? { unlockedReads: true } : { readLockOf: readers.lockOf, readLockName: readers.lockName }),
    // The switch attaches the new elevator with the queue lock taken too (v3.2's elevator_switch()
    // around elevator_attach(), v3.15's elevator init functions), so that the IO path, which
    // reads q->elevator under the queue lock alone, never sees a switch in progress.
    writeLockOf: (q) => q.queue_lock,
    writeLockName: 'q->queue_lock',
    // The queue's first elevator is attached as the queue is made, before anyone can see it.
    exclusiveIn: ['elevator_init', ...(readers?.orderedIn ?? [])],
    because,
  });
}
