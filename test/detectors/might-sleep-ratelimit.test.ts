// __might_sleep() prints at most once per HZ (kernel/sched.c v3.2, `static prev_jiffy`): a task
// that keeps sleeping in atomic context gives one report per second of virtual time, not one
// per sleeping call. Proven on minimal programs: two invalid sleeps within a jiffy report once;
// the same two a second apart report twice; the corrected program (GFP_ATOMIC) reports nothing.
import { describe, expect, it } from 'vitest';
import { GFP_ATOMIC, GFP_KERNEL, type gfp_t } from '../../kernel-model/include/linux/gfp.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel-model/kernel/locking/spinlock.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { kernel_functions } from '../../kernel-model/sim/hooks.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { type TestProgram, runSeed } from '../helpers/sim.ts';

let lock: spinlock_t;

function* first_alloc_under_lock(gfp: gfp_t): KGen {
  yield* spinlock.spin_lock(lock);
  slab.kfree(yield* slab.kmalloc(32, gfp, () => ({})));
  yield* spinlock.spin_unlock(lock);
}

function* second_alloc_under_lock(gfp: gfp_t): KGen {
  yield* spinlock.spin_lock(lock);
  slab.kfree(yield* slab.kmalloc(32, gfp, () => ({})));
  yield* spinlock.spin_unlock(lock);
}

const fns = kernel_functions('test/might-sleep.c', { first_alloc_under_lock, second_alloc_under_lock });

function program(gfp: gfp_t, pauseMs: number): TestProgram {
  return {
    cpus: 1,
    before: () => {
      lock = spin_lock_init('lock_l');
    },
    tasks: {
      t: function* () {
        yield* fns.first_alloc_under_lock(gfp);
        if (pauseMs > 0) yield* timers.msleep(pauseMs);
        yield* fns.second_alloc_under_lock(gfp);
      },
    },
  };
}

const sleepTitles = (p: TestProgram, seed: number): string[] =>
  runSeed(p, seed).findings.filter((f) => f.kind === 'sleep-in-atomic').map((f) => f.title);

describe('__might_sleep rate limit (once per HZ)', () => {
  it('two invalid sleeps in the same jiffy: only the first is reported', () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(sleepTitles(program(GFP_KERNEL, 0), seed)).toEqual(['BUG: sleeping function called from invalid context in first_alloc_under_lock']);
    }
  });

  it('the same two a second apart: both are reported', () => {
    const pause = 2000; // ms: two seconds, past one HZ of jiffies
    for (let seed = 1; seed <= 10; seed++) {
      expect(sleepTitles(program(GFP_KERNEL, pause), seed)).toEqual([
        'BUG: sleeping function called from invalid context in first_alloc_under_lock',
        'BUG: sleeping function called from invalid context in second_alloc_under_lock',
      ]);
    }
  });

  it('corrected program (GFP_ATOMIC): silent', () => {
    for (let seed = 1; seed <= 10; seed++) expect(sleepTitles(program(GFP_ATOMIC, 0), seed)).toEqual([]);
  });
});
