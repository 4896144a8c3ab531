// Sequence locks (include/linux/seqlock.h, v3.15): writers take the spinlock and bump the
// sequence around their update; readers retry when the sequence moved or was odd.

import type { KGen } from '../../sim/task.ts';
import { spinlock, spinlock_t } from '../../kernel/locking/spinlock.ts';

export interface seqlock_t {
  sequence: number;
  lock: spinlock_t;
}

/** A seqlock embedded in a zeroed struct. */
export function seqlock_zeroed(): seqlock_t {
  return { sequence: 0, lock: new spinlock_t('(seqlock)') };
}

/** seqlock_init(sl) @port include/linux/seqlock.h v3.15 ported */
export function seqlock_init(sl: seqlock_t, name: string): void {
  sl.sequence = 0;
  sl.lock = new spinlock_t(name);
}

/** @port include/linux/seqlock.h v3.15 simplified - a reader never spins: the model has no torn reads while it runs */
export function read_seqbegin(sl: seqlock_t): number {
  return sl.sequence & ~1;
}

/** @port include/linux/seqlock.h v3.15 ported */
export function read_seqretry(sl: seqlock_t, start: number): boolean {
  return sl.sequence !== start;
}

/** @port include/linux/seqlock.h v3.15 ported */
export function* write_seqlock_irq(sl: seqlock_t): KGen {
  yield* spinlock.spin_lock_irq(sl.lock);
  sl.sequence++;
}

/** @port include/linux/seqlock.h v3.15 ported */
export function* write_sequnlock_irq(sl: seqlock_t): KGen {
  sl.sequence++;
  yield* spinlock.spin_unlock_irq(sl.lock);
}

/** Returns the saved flags. @port include/linux/seqlock.h v3.15 ported */
export function* write_seqlock_irqsave(sl: seqlock_t): KGen<number> {
  const flags = yield* spinlock.spin_lock_irqsave(sl.lock);
  sl.sequence++;
  return flags;
}

/** @port include/linux/seqlock.h v3.15 ported */
export function* write_sequnlock_irqrestore(sl: seqlock_t, flags: number): KGen {
  sl.sequence++;
  yield* spinlock.spin_unlock_irqrestore(sl.lock, flags);
}
