// elevator.c's registered IO schedulers (LIST_HEAD(elv_list)) under the static elv_list_lock
// beside it, the same in every base's C: a KCSAN rule about the file's globals, which each
// world registers with its own elevator.c's global set.
import { type Protection, staticListProtection } from '../kernel/kcsan.ts';
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
