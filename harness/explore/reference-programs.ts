// Reference programs: small, fixed workloads used to calibrate exploration, to check
// determinism across processes, and as the benchmark's scenarios.

import '../../kernel-model/index.ts';
import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
import { mutex_init, mutexes, type mutex } from '../../kernel-model/kernel/locking/mutex.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel-model/kernel/locking/spinlock.ts';
import { call_rcu, rcu_read_lock, rcu_read_unlock } from '../../kernel-model/kernel/rcupdate.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { INIT_WORK, workqueue } from '../../kernel-model/kernel/workqueue.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/**
 * Three tasks taking a mutex and a spinlock in turn: about 200 steps in all (the benchmark's
 * "3-task, 200-step lock scenario").
 */
export function lockScenario(): Program {
  let m: mutex;
  let s: spinlock_t;
  const shared = { n: 0 };
  function* body(): KGen {
    for (let i = 0; i < 11; i++) {
      yield* mutexes.mutex_lock(m);
      yield* spinlock.spin_lock_irq(s);
      shared.n++;
      yield* spinlock.spin_unlock_irq(s);
      yield* mutexes.mutex_unlock(m);
      yield* cond_resched();
    }
  }
  return {
    cpus: 2,
    setup(machine) {
      m = mutex_init('ref_mutex');
      s = spin_lock_init('ref_lock');
      for (const name of ['a', 'b', 'c']) machine.spawn(name, body);
    },
  };
}

/**
 * Everything at once: allocation, a device interrupt completing a waiter, work items, RCU
 * callbacks, timers and locks.
 */
export function mixedScenario(): Program {
  let lock: spinlock_t;
  return {
    cpus: 2,
    setup(machine) {
      lock = spin_lock_init('mixed_lock');
      for (const name of ['io0', 'io1']) {
        machine.spawn(name, function* (): KGen {
          for (let i = 0; i < 3; i++) {
            const obj = yield* slab.kmalloc(128, GFP_KERNEL, () => ({ v: i }));
            const done = init_completion('io');
            // A device completes the request from hard-irq context.
            machine.raiseIrq('hardirq', 'disk', function* (): KGen {
              yield* spinlock.spin_lock(lock);
              yield* spinlock.spin_unlock(lock);
              yield* completions.complete(done);
            });
            yield* completions.wait_for_completion(done);
            const work = INIT_WORK(`w-${name}-${i}`, function* (): KGen {
              yield* spinlock.spin_lock_irq(lock);
              yield* spinlock.spin_unlock_irq(lock);
            });
            yield* workqueue.schedule_work(work);
            rcu_read_lock();
            yield* cond_resched();
            rcu_read_unlock();
            call_rcu({ func: null }, function* (): KGen {
              slab.kfree(obj);
            });
            yield* workqueue.flush_work(work);
            yield* timers.msleep(1);
          }
        });
      }
    },
  };
}
