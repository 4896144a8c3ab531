import { describe, expect, it } from 'vitest';
import { rcu, call_rcu, kfree_rcu, rcu_head_zeroed, rcu_read_lock, rcu_read_unlock, type rcu_head } from '../../kernel-model/kernel/rcupdate.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
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

  it('rcu_barrier returns only after the callbacks queued before it have run, however long their readers stay', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const events: string[] = [];
      let readerIn = false;
      let queued = false;
      runSeed(
        {
          tasks: {
            reader: function* () {
              rcu_read_lock();
              readerIn = true;
              while (!queued) yield* cond_resched();
              for (let i = 0; i < 3; i++) yield* cond_resched();
              events.push('reader-done');
              rcu_read_unlock();
            },
            updater: function* () {
              while (!readerIn) yield* cond_resched();
              call_rcu({ func: null }, function* (): KGen {
                yield* cond_resched();
                events.push('callback');
              });
              queued = true;
              yield* rcu.rcu_barrier();
              events.push('barrier');
            },
          },
        },
        seed,
      );
      expect(events, `seed ${seed}`).toEqual(['reader-done', 'callback', 'barrier']);
    }
  });

  it('rcu_barrier with nothing queued returns at once; an object given to kfree_rcu is freed from the RCU softirq by the time rcu_barrier returns', () => {
    const events: string[] = [];
    const r = runSeed(
      {
        tasks: {
          t: function* () {
            yield* rcu.rcu_barrier();
            events.push('barrier');
            const obj = (yield* slab.kzalloc(16, GFP_KERNEL, () => ({ rcu: rcu_head_zeroed() }))) as { rcu: rcu_head };
            kfree_rcu(obj, obj.rcu);
            events.push(obj.rcu.func === null ? 'not queued' : 'queued');
            yield* rcu.rcu_barrier();
            // Freed by now: this read is KASAN's use-after-free (the proof, below), which stops the run.
            if (obj.rcu) events.push('read after the barrier');
          },
        },
      },
      1,
    );
    expect(events).toEqual(['barrier', 'queued']);
    expect(r.findings.map((f) => f.kind)).toEqual(['kasan']);
    expect(r.findings[0].report).toMatch(/use-after-free[\s\S]*Freed by task rcu \(softirq\):\n kfree\n rcu_process_callbacks/);
  });
});
