import { describe, expect, it } from 'vitest';
import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import {
  INIT_DELAYED_WORK,
  INIT_WORK,
  WQ_MEM_RECLAIM,
  alloc_workqueue,
  set_max_workers,
  system_nrt_wq,
  workqueue,
  type workqueue_struct,
} from '../../kernel-model/kernel/workqueue.ts';
import { machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { slab } from '../../kernel-model/mm/slab.ts';
import { runSeed } from '../helpers/sim.ts';

describe('workqueues', () => {
  it('queue_work returns false while the work is already pending, and runs it once', () => {
    let refused = 0;
    for (let seed = 1; seed <= 20; seed++) {
      let runs = 0;
      const results: boolean[] = [];
      const work = INIT_WORK('w', function* (): KGen {
        runs++;
      });
      const r = runSeed(
        {
          tasks: {
            queuer: function* () {
              results.push(yield* workqueue.schedule_work(work));
              if (work.pending) results.push(yield* workqueue.schedule_work(work));
              yield* workqueue.flush_work(work);
            },
          },
        },
        seed,
      );
      expect(r.outcome, `seed ${seed}`).toBe('completed');
      // Every call that returned true queued the work once more; a false one queued nothing.
      expect(results[0]).toBe(true);
      expect(runs, `seed ${seed}`).toBe(results.filter(Boolean).length);
      if (results[1] === false) refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('a work item of system_nrt_wq never runs on two workers at once', () => {
    let requeuedWhileRunning = 0;
    for (let seed = 1; seed <= 30; seed++) {
      let running = 0;
      let maxRunning = 0;
      let runs = 0;
      const work = INIT_WORK('nrt', function* (): KGen {
        running++;
        maxRunning = Math.max(maxRunning, running);
        runs++;
        yield* timers.msleep(5);
        running--;
      });
      const queuer = function* (): KGen {
        for (let i = 0; i < 3; i++) {
          if (work.running !== null) requeuedWhileRunning++;
          yield* workqueue.queue_work(system_nrt_wq(), work);
          yield* timers.msleep(2);
        }
        yield* workqueue.flush_work(work);
      };
      const r = runSeed({ cpus: 2, tasks: { a: queuer, b: queuer } }, seed);
      expect(r.outcome, `seed ${seed}`).toBe('completed');
      expect(maxRunning, `seed ${seed}`).toBe(1);
      expect(runs).toBeGreaterThan(0);
    }
    // The runs did queue it while it ran (on the other CPU's pool, or on the same one).
    expect(requeuedWhileRunning).toBeGreaterThan(0);
  });

  /** Two tasks queue one item of an ordinary workqueue three times each while it sleeps inside. */
  function requeuedWhileRunning(cpus: number, base: string | undefined) {
    const seen = { maxRunning: 0, runningAfterFlush: 0, requeued: 0 };
    for (let seed = 1; seed <= 30; seed++) {
      let running = 0;
      let wq: workqueue_struct;
      const work = INIT_WORK('plain', function* (): KGen {
        running++;
        seen.maxRunning = Math.max(seen.maxRunning, running);
        yield* timers.msleep(5);
        running--;
      });
      const queuer = function* (): KGen {
        for (let i = 0; i < 3; i++) {
          if (work.running !== null) seen.requeued++;
          yield* workqueue.queue_work(wq, work);
          yield* timers.msleep(2);
        }
        yield* workqueue.flush_work(work);
        seen.runningAfterFlush = Math.max(seen.runningAfterFlush, running);
      };
      const r = runSeed({ cpus, base, before() { wq = alloc_workqueue('plain', 0, 0); }, tasks: { a: queuer, b: queuer } }, seed);
      expect(r.outcome, `seed ${seed}: ${r.findings.map((f) => f.title).join(', ')}`).toBe('completed');
    }
    return seen;
  }

  it('an item of any workqueue never runs on two workers of one CPU at once, and a flush waits for it', () => {
    const seen = requeuedWhileRunning(1, 'v3.2');
    expect(seen.requeued).toBeGreaterThan(0);
    expect(seen.maxRunning).toBe(1);
    expect(seen.runningAfterFlush).toBe(0);
  });

  it('from v3.7 every workqueue is non-reentrant: at v3.15 an item never runs on two CPUs at once', () => {
    const seen = requeuedWhileRunning(2, 'v3.15');
    expect(seen.requeued).toBeGreaterThan(0);
    expect(seen.maxRunning).toBe(1);
    expect(seen.runningAfterFlush).toBe(0);
  });

  it('at v3.2 an ordinary workqueue is reentrant across CPUs, and a flush still waits for every run', () => {
    const seen = requeuedWhileRunning(2, 'v3.2');
    expect(seen.maxRunning).toBe(2);
    expect(seen.runningAfterFlush).toBe(0);
  });

  it('delayed work runs only after its delay in virtual time', () => {
    let ranAt = -1;
    const dwork = INIT_DELAYED_WORK('d', function* (): KGen {
      ranAt = machine().jiffies;
    });
    runSeed({ tasks: { t: function* () {
      yield* workqueue.schedule_delayed_work(dwork, 50);
      yield* timers.msleep(200);
    } } }, 3);
    expect(ranAt).toBeGreaterThanOrEqual(50);
  });

  // A pool bound of 1 worker: the worker may not start work without another idle worker,
  // and creating one fails, as under memory exhaustion.
  function creationFails(flags: number) {
    let wq: workqueue_struct;
    let ranIn = '';
    const work = INIT_WORK('needed', function* (): KGen {
      ranIn = machine().current.comm;
    });
    const r = runSeed(
      {
        cpus: 1,
        before() {
          set_max_workers(0, 1);
          wq = alloc_workqueue('testwq', flags, 1);
        },
        tasks: {
          t: function* () {
            yield* workqueue.queue_work(wq, work);
            yield* workqueue.flush_work(work);
          },
        },
      },
      5,
    );
    return { r, ranIn };
  }

  it('a WQ_MEM_RECLAIM rescuer runs the work when no worker can be created', () => {
    const { r, ranIn } = creationFails(WQ_MEM_RECLAIM);
    expect(r.outcome).toBe('completed');
    expect(ranIn).toBe('testwq');
  });

  it('without a rescuer the work never runs, and the flusher is reported hung', () => {
    const { r, ranIn } = creationFails(0);
    expect(ranIn).toBe('');
    expect(r.outcome).toBe('found');
    expect(r.findings[0].kind).toBe('hang');
  });

  it('a worker that sleeps in a work item lets another worker take the next item', () => {
    const gate = init_completion('gate');
    const first = INIT_WORK('first', function* (): KGen {
      yield* completions.wait_for_completion(gate);
    });
    const second = INIT_WORK('second', function* (): KGen {
      // A sleeping allocation, then let the first item go.
      const p = yield* slab.kmalloc(16, GFP_KERNEL, () => ({}));
      slab.kfree(p);
      yield* completions.complete(gate);
    });
    const r = runSeed({ cpus: 1, tasks: { t: function* () {
      yield* workqueue.schedule_work(first);
      yield* workqueue.schedule_work(second);
      yield* workqueue.flush_work(first);
      yield* workqueue.flush_work(second);
    } } }, 9);
    expect(r.outcome).toBe('completed');
  });
});
