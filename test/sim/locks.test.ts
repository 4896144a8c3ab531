import { describe, expect, it } from 'vitest';
import { mutex_init, mutexes } from '../../kernel-model/kernel/locking/mutex.ts';
import { init_rwsem, rwsem } from '../../kernel-model/kernel/locking/rwsem.ts';
import { spin_lock_init, spinlock } from '../../kernel-model/kernel/locking/spinlock.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { current, machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed, runSeeds } from '../helpers/sim.ts';

/** Three tasks each add 1 to a shared counter 5 times with a read / yield / write update. */
function counterProgram(lock: 'none' | 'spin' | 'mutex') {
  const shared = { counter: 0 };
  let spin: ReturnType<typeof spin_lock_init>;
  let mtx: ReturnType<typeof mutex_init>;
  function* update(): KGen {
    for (let i = 0; i < 5; i++) {
      if (lock === 'spin') yield* spinlock.spin_lock(spin);
      if (lock === 'mutex') yield* mutexes.mutex_lock(mtx);
      const v = shared.counter;
      yield* cond_resched();
      shared.counter = v + 1;
      if (lock === 'spin') yield* spinlock.spin_unlock(spin);
      if (lock === 'mutex') yield* mutexes.mutex_unlock(mtx);
    }
  }
  return {
    shared,
    program: {
      cpus: 2,
      before() {
        spin = spin_lock_init('test_spin');
        mtx = mutex_init('test_mutex');
      },
      tasks: { a: update, b: update, c: update },
    },
  };
}

describe('mutual exclusion', () => {
  it('loses updates without a lock on some schedules (the interleaving is real)', () => {
    let lost = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const { shared, program } = counterProgram('none');
      runSeed(program, seed);
      if (shared.counter < 15) lost++;
    }
    expect(lost).toBeGreaterThan(0);
  });

  for (const kind of ['spin', 'mutex'] as const) {
    it(`never loses an update under a ${kind} lock`, () => {
      for (let seed = 1; seed <= 50; seed++) {
        const { shared, program } = counterProgram(kind);
        const r = runSeed(program, seed);
        expect(r.outcome, `seed ${seed}`).toBe('completed');
        expect(shared.counter, `seed ${seed}`).toBe(15);
      }
    });
  }
});

describe('spinlocks and CPUs', () => {
  it('a task holding a spinlock on the only CPU is never preempted', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const events: string[] = [];
      let lock: ReturnType<typeof spin_lock_init>;
      runSeed(
        {
          cpus: 1,
          before() {
            lock = spin_lock_init('one_cpu');
          },
          tasks: {
            holder: function* () {
              yield* spinlock.spin_lock(lock);
              for (let i = 0; i < 5; i++) {
                events.push('holder');
                yield* cond_resched();
              }
              events.push('holder-unlock');
              yield* spinlock.spin_unlock(lock);
            },
            other: function* () {
              for (let i = 0; i < 5; i++) {
                events.push('other');
                yield* cond_resched();
              }
            },
          },
        },
        seed,
      );
      const first = events.indexOf('holder');
      const unlock = events.indexOf('holder-unlock');
      if (first >= 0) expect(events.slice(first, unlock).every((e) => e === 'holder'), `seed ${seed}`).toBe(true);
    }
  });

  it('spin_lock_irqsave restores the irq state it saved', () => {
    let states: boolean[] = [];
    runSeed(
      {
        tasks: {
          t: function* () {
            const a = spin_lock_init('a');
            const b = spin_lock_init('b');
            const fa = yield* spinlock.spin_lock_irqsave(a);
            const fb = yield* spinlock.spin_lock_irqsave(b);
            states.push(current().irqs_disabled);
            yield* spinlock.spin_unlock_irqrestore(b, fb);
            states.push(current().irqs_disabled);
            yield* spinlock.spin_unlock_irqrestore(a, fa);
            states.push(current().irqs_disabled);
          },
        },
      },
      1,
    );
    expect(states).toEqual([true, true, false]);
    states = [];
  });
});

describe('wake order', () => {
  it('mutex waiters get the lock in the order they queued when nobody steals it', () => {
    const order: string[] = [];
    let queued: string[] = [];
    let m: ReturnType<typeof mutex_init>;
    function* waiter(name: string): KGen {
      while (m.owner === null && order.length === 0) yield* cond_resched();
      yield* mutexes.mutex_lock(m);
      order.push(name);
      yield* mutexes.mutex_unlock(m);
    }
    runSeed(
      {
        cpus: 1,
        before() {
          m = mutex_init('fifo');
        },
        tasks: {
          owner: function* () {
            yield* mutexes.mutex_lock(m);
            // Let every waiter queue up before letting go.
            while (m.wait_list.length < 3) yield* cond_resched();
            queued = m.wait_list.map((t) => t.comm);
            yield* mutexes.mutex_unlock(m);
          },
          w1: () => waiter('w1'),
          w2: () => waiter('w2'),
          w3: () => waiter('w3'),
        },
      },
      7,
      // Round-robin over the candidates: no randomness, every task gets to queue.
      { source: { pickTask: (_c, count, step) => step % count, choose: () => 0 } },
    );
    expect(queued).toHaveLength(3);
    expect(order).toEqual(queued);
  });

  it('rwsem: readers share, a writer excludes everyone', () => {
    for (const r of runSeeds(() => {
      let sem: ReturnType<typeof init_rwsem>;
      let readers = 0;
      let writers = 0;
      function* reader(): KGen {
        yield* rwsem.down_read(sem);
        readers++;
        expect(writers).toBe(0);
        yield* cond_resched();
        readers--;
        yield* rwsem.up_read(sem);
      }
      return {
        before() {
          sem = init_rwsem('&test->sem');
        },
        tasks: {
          r1: reader,
          r2: reader,
          w: function* () {
            yield* rwsem.down_write(sem);
            writers++;
            expect(readers).toBe(0);
            yield* cond_resched();
            writers--;
            yield* rwsem.up_write(sem);
          },
        },
      };
    }, 40)) {
      expect(r.outcome).toBe('completed');
    }
  });
});

describe('step bound', () => {
  it('a task that never stops is a livelock outcome, not a hung harness', () => {
    const r = runSeed(
      {
        maxSteps: 500,
        tasks: {
          spinner: function* () {
            for (;;) yield* cond_resched();
          },
        },
      },
      1,
    );
    expect(r.outcome).toBe('livelock');
    expect(r.steps).toBe(500);
    expect(machine().steps).toBe(500);
  });
});
