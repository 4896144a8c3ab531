import { describe, expect, it } from 'vitest';
import { rcu, call_rcu, rcu_read_lock, rcu_read_unlock } from '../../kernel-model/kernel/rcupdate.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed } from '../helpers/sim.ts';

describe('RCU grace periods', () => {
  it('a callback waits for a reader that was inside its section when call_rcu ran', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const events: string[] = [];
      let readerIn = false;
      runSeed(
        {
          tasks: {
            reader: function* () {
              rcu_read_lock();
              readerIn = true;
              for (let i = 0; i < 4; i++) yield* cond_resched();
              events.push('reader-unlock');
              rcu_read_unlock();
            },
            updater: function* () {
              while (!readerIn) yield* cond_resched();
              call_rcu({ func: null }, function* (): KGen {
                events.push('callback');
              });
            },
          },
        },
        seed,
      );
      expect(events, `seed ${seed}`).toEqual(['reader-unlock', 'callback']);
    }
  });

  it('a reader that starts after call_rcu does not hold the grace period up', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const events: string[] = [];
      let called = false;
      runSeed(
        {
          tasks: {
            updater: function* () {
              call_rcu({ func: null }, function* (): KGen {
                events.push('callback');
              });
              called = true;
            },
            lateReader: function* () {
              while (!called) yield* cond_resched();
              rcu_read_lock();
              // Stay inside long enough for the RCU softirq to be delivered.
              for (let i = 0; i < 40 && !events.includes('callback'); i++) yield* cond_resched();
              events.push(events.includes('callback') ? 'reader-saw-callback' : 'reader-unlock-first');
              rcu_read_unlock();
            },
          },
        },
        seed,
      );
      expect(events, `seed ${seed}`).toContain('callback');
      expect(events[0], `seed ${seed}`).toBe('callback');
    }
  });

  it('synchronize_rcu returns only after earlier readers are done', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const events: string[] = [];
      let readerIn = false;
      runSeed(
        {
          tasks: {
            reader: function* () {
              rcu_read_lock();
              readerIn = true;
              yield* cond_resched();
              events.push('reader-done');
              rcu_read_unlock();
            },
            syncer: function* () {
              while (!readerIn) yield* cond_resched();
              yield* rcu.synchronize_rcu();
              events.push('synced');
            },
          },
        },
        seed,
      );
      expect(events, `seed ${seed}`).toEqual(['reader-done', 'synced']);
    }
  });
});
