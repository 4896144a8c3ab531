// What every single-owner lock of the model has in common (mutex, rt_mutex, spinlock): an owner,
// the lockdep map its class comes from, and the wait-for edge "waiters wait for the owner".

import type { WaitTarget, task_struct } from '../../sim/task.ts';
import { type lockdep_map, lockdep_init_map } from './lockdep.ts';

export abstract class owner_lock implements WaitTarget {
  owner: task_struct | null = null;
  /** Set again by the C's in-place init (spin_lock_init(&x->lock)), which names the class. */
  dep_map: lockdep_map;
  /** The lock's kind as reports name it ("mutex", "spinlock"). */
  protected abstract readonly kind: string;

  constructor(name: string) {
    this.dep_map = lockdep_init_map(name);
  }

  describe(): string {
    return `${this.kind} ${this.dep_map.name}`;
  }

  *blockers(): Iterable<task_struct> {
    if (this.owner !== null) yield this.owner;
  }
}
