import { describe, expect, it } from 'vitest';
import { spin_lock_init, spinlock } from '../../kernel-model/kernel/locking/spinlock.ts';
import { del_timer, del_timer_sync, mod_timer, setup_timer, timers } from '../../kernel-model/kernel/timer.ts';
import { machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed } from '../helpers/sim.ts';

/** How often a timer that re-arms itself (as the workqueue's mayday timer does) fired after the deleter returned. */
function firingsAfterDelete(seed: number, sync: boolean): { after: number; deleted: boolean } {
  const out = { after: 0, deleted: false };
  runSeed(
    {
      tasks: {
        deleter: function* (): KGen {
          const lock = spin_lock_init('handler_lock');
          let running = false;
          let fired = 0;
          const timer = setup_timer('rearming', function* (): KGen {
            running = true;
            fired++;
            if (out.deleted) out.after++;
            // Something to do under a lock: the handler is still running while another CPU looks.
            yield* spinlock.spin_lock(lock);
            yield* spinlock.spin_unlock(lock);
            if (fired < 20) mod_timer(timer, machine().jiffies + 1);
            running = false;
          });
          mod_timer(timer, machine().jiffies + 1);
          while (!running && fired < 20) yield* timers.schedule_timeout_uninterruptible(1);
          if (sync) yield* del_timer_sync(timer);
          else del_timer(timer);
          out.deleted = true;
        },
      },
    },
    seed,
  );
  return out;
}

describe('del_timer_sync', () => {
  it('del_timer while the handler runs lets the handler re-arm the timer: it fires again after the delete', () => {
    const after = Array.from({ length: 30 }, (_, i) => firingsAfterDelete(i + 1, false).after);
    expect(after.some((n) => n > 0)).toBe(true);
  });

  it('del_timer_sync waits for the running handler and deletes what it re-armed: no firing after it returns', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = firingsAfterDelete(seed, true);
      expect(r.deleted, `seed ${seed}`).toBe(true);
      expect(r.after, `seed ${seed}`).toBe(0);
    }
  });
});
