// include/linux/lockdep.h: the assertions kernel code makes about the locks it holds.

import { WARN_ON } from '../asm-generic/bug.ts';
import { type lockdep_map, lockdep_is_held, debug_locks } from '../../kernel/locking/lockdep.ts';

/**
 * lockdep_assert_held(l): WARN_ON(debug_locks && !lockdep_is_held(l)), at `where` (the caller's
 * file:line).
 * @port include/linux/lockdep.h v3.2 ported
 */
export function lockdep_assert_held(lock: { dep_map: lockdep_map }, where: string): void {
  WARN_ON(debug_locks() && !lockdep_is_held(lock), where);
}
