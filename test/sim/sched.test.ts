import { describe, expect, it } from 'vitest';
import { rt_mutex_init, rtmutex, type rt_mutex } from '../../kernel-model/kernel/locking/rtmutex.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { blk_core } from '../../kernel-model/v3.15/block/blk-core.ts';
import { blk_plug_cb_type, blk_plug_type, type blk_plug, type blk_plug_cb } from '../../kernel-model/v3.15/include/linux/blkdev.ts';
import { runSeed } from '../helpers/sim.ts';

// The plug callbacks of the v3.15 world's block/blk-core.c, flushed by its kernel/sched/core.c
// sched_submit_work() when a plugged task sleeps.
function plugWithCallback(log: string[]): { plug: blk_plug; arm: () => KGen } {
  const plug = blk_plug_type.make() as blk_plug;
  const unplug = function* (_cb: blk_plug_cb, from_schedule: boolean): KGen {
    log.push(from_schedule ? 'flushed-from-schedule' : 'flushed-on-finish');
  };
  return {
    plug,
    arm: function* () {
      yield* blk_core.blk_check_plugged(unplug, 'dev', blk_plug_cb_type.size);
    },
  };
}

describe('scheduler entry', () => {
  it('schedule() flushes the plug through sched_submit_work; preemption does not', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const log: string[] = [];
      runSeed(
        {
          base: 'v3.15',
          tasks: {
            plugger: function* () {
              const { plug, arm } = plugWithCallback(log);
              blk_core.blk_start_plug(plug);
              yield* arm();
              // Many preemption points: none of them submits the plug.
              for (let i = 0; i < 10; i++) yield* cond_resched();
              log.push('preempted-only');
              yield* timers.msleep(1);
              yield* blk_core.blk_finish_plug(plug);
            },
            other: function* () {
              for (let i = 0; i < 10; i++) yield* cond_resched();
            },
          },
        },
        seed,
      );
      expect(log, `seed ${seed}`).toEqual(['preempted-only', 'flushed-from-schedule']);
    }
  });

  it('a task blocking on an rt_mutex does not flush its plug (tsk_is_pi_blocked)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const log: string[] = [];
      let lock: rt_mutex;
      let held = false;
      runSeed(
        {
          base: 'v3.15',
          before() {
            lock = rt_mutex_init('test_rt');
          },
          tasks: {
            holder: function* () {
              yield* rtmutex.rt_mutex_lock(lock);
              held = true;
              while (lock.wait_list.length === 0) yield* cond_resched();
              log.push('holder-unlocks');
              yield* rtmutex.rt_mutex_unlock(lock);
            },
            plugger: function* () {
              while (!held) yield* cond_resched();
              const { plug, arm } = plugWithCallback(log);
              blk_core.blk_start_plug(plug);
              yield* arm();
              yield* rtmutex.rt_mutex_lock(lock);
              yield* rtmutex.rt_mutex_unlock(lock);
              yield* blk_core.blk_finish_plug(plug);
            },
          },
        },
        seed,
      );
      expect(log, `seed ${seed}`).toEqual(['holder-unlocks', 'flushed-on-finish']);
    }
  });
});

describe('virtual time', () => {
  it('jiffies move only when nothing can run, and a sleeper wakes at its timeout', () => {
    const seen: number[] = [];
    let wokeAt = -1;
    runSeed(
      {
        tasks: {
          busy: function* () {
            for (let i = 0; i < 50; i++) {
              seen.push(machine().jiffies);
              yield* cond_resched();
            }
          },
          sleeper: function* () {
            yield* timers.msleep(10);
            wokeAt = machine().jiffies;
          },
        },
      },
      4,
    );
    expect(new Set(seen)).toEqual(new Set([0]));
    expect(wokeAt).toBeGreaterThanOrEqual(10);
  });
});
