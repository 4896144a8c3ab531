import { describe, expect, it } from 'vitest';
import { GFP_ATOMIC, GFP_KERNEL, GFP_NOIO, type gfp_t } from '../../kernel-model/include/linux/gfp.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { mempools, mempoolWaiters, type mempool_t } from '../../kernel-model/mm/mempool.ts';
import { struct_type } from '../../kernel-model/lib/kstruct.ts';
import { kmem_cache_create, slab } from '../../kernel-model/mm/slab.ts';
import { register_reclaim_writeback } from '../../kernel-model/mm/vmscan.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import { PF_MEMALLOC, type KGen } from '../../kernel-model/sim/task.ts';
import { runSeed, runSeeds } from '../helpers/sim.ts';
import { withFailNth } from '../../harness/suites/fail-nth.ts';
import { page_alloc } from '../../kernel-model/mm/page_alloc.ts';
import { memory_pressure_phase } from '../../kernel-model/mm/memory-pressure.ts';
import { mutex_init, mutexes, type mutex } from '../../kernel-model/kernel/locking/mutex.ts';
import { perMachineData } from '../../kernel-model/lib/lazy-per-machine.ts';
import { percpu } from '../../kernel-model/mm/percpu.ts';
import { type FaultPlan, defaultPlan, failslabAt, formatPlan, noFaults, parsePlan } from '../../kernel-model/sim/faults.ts';
import { INIT_RADIX_TREE, radix_tree_insert, radix_tree_root_zeroed } from '../../kernel-model/lib/radix-tree.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel-model/kernel/locking/spinlock.ts';

describe('memory-pressure phases', () => {
  it('a phase the workload starts holds from then on: an atomic allocation fails once memory is exhausted, and succeeds again after', () => {
    const got: boolean[] = [];
    runSeed(
      {
        tasks: {
          t: function* () {
            const tryAtomic = function* (): KGen {
              const p = yield* slab.kmalloc(64, GFP_ATOMIC, () => ({ x: 1 }));
              got.push(p !== null);
              if (p !== null) slab.kfree(p);
            };
            yield* tryAtomic();
            memory_pressure_phase('exhausted');
            yield* tryAtomic();
            memory_pressure_phase('none');
            yield* tryAtomic();
          },
        },
      },
      1,
      { plan: { memory: 'none' } },
    );
    expect(got).toEqual([true, false, true]);
  });
});

describe('allocation under memory pressure', () => {
  function reclaimCalls(gfp: gfp_t, memory: 'none' | 'high'): { calls: number; memallocInside: boolean } {
    let calls = 0;
    let memallocInside = false;
    runSeed(
      {
        before() {
          register_reclaim_writeback(function* (): KGen {
            calls++;
            memallocInside = (current().flags & PF_MEMALLOC) !== 0;
          });
        },
        tasks: {
          t: function* () {
            const p = yield* slab.kmalloc(64, gfp, () => ({ x: 1 }));
            slab.kfree(p);
          },
        },
      },
      1,
      { plan: { memory } },
    );
    return { calls, memallocInside };
  }

  it('a sleeping allocation that may do IO enters direct reclaim, with PF_MEMALLOC set', () => {
    expect(reclaimCalls(GFP_KERNEL, 'high')).toEqual({ calls: 1, memallocInside: true });
  });
  it('no reclaim without pressure, with GFP_NOIO (no swap IO), or for GFP_ATOMIC', () => {
    expect(reclaimCalls(GFP_KERNEL, 'none').calls).toBe(0);
    expect(reclaimCalls(GFP_NOIO, 'high').calls).toBe(0);
    expect(reclaimCalls(GFP_ATOMIC, 'high').calls).toBe(0);
  });
});

describe('fault injection', () => {
  it('fail-nth fails exactly the N-th injectable call of the task that armed it, and only once', () => {
    for (const nth of [1, 2, 5]) {
      const armed: boolean[] = [];
      const other: boolean[] = [];
      const sixAllocations = function* (outcomes: boolean[]): KGen {
        for (let i = 0; i < 6; i++) {
          const p = yield* slab.kmalloc(32, GFP_KERNEL, () => ({}));
          outcomes.push(p !== null);
          slab.kfree(p);
        }
      };
      runSeed(
        {
          tasks: {
            // The plan's N written to /proc/thread-self/fail-nth around the step, as the suites do.
            armed: () => withFailNth(sixAllocations(armed)),
            other: () => sixAllocations(other),
          },
        },
        1,
        { plan: { failslab: { ...noFaults(), failNth: nth } } },
      );
      expect(armed.map((ok, i) => (ok ? i + 1 : -(i + 1)))).toEqual([1, 2, 3, 4, 5, 6].map((i) => (i === nth ? -i : i)));
      expect(other).toEqual([true, true, true, true, true, true]);
    }
  });

  it('fail_page_alloc fails a page only at the plan\'s page sites, only through fail-nth, counted with slab allocations', () => {
    // Each task's first per-cpu allocation populates a page of the first chunk (pcpu_populate_chunk);
    // the armed task then makes two slab allocations. fail-nth's N = 1 lands on the page when
    // the page site is in the plan, on the first slab allocation when it is not.
    function program(outcomes: string[]) {
      return {
        tasks: {
          armed: () =>
            withFailNth(
              (function* (): KGen {
                const stats = yield* percpu.__alloc_percpu(8, () => ({ n: 0 }));
                outcomes.push(stats === null ? 'percpu failed' : 'percpu');
                for (let i = 0; i < 2; i++) {
                  const p = yield* slab.kmalloc(32, GFP_KERNEL, () => ({}));
                  outcomes.push(p === null ? 'kmalloc failed' : 'kmalloc');
                  slab.kfree(p);
                }
                if (stats !== null) yield* percpu.free_percpu(stats);
              })(),
            ),
        },
      };
    }
    const outcomes = (plan: Partial<FaultPlan>): string[] => {
      const seen: string[] = [];
      runSeed(program(seen), 1, { plan });
      return seen;
    };
    const nth1 = { ...noFaults(), failNth: 1 };
    expect(outcomes({ failslab: nth1, pageSites: ['pcpu_populate_chunk'] })).toEqual(['percpu failed', 'kmalloc', 'kmalloc']);
    expect(outcomes({ failslab: nth1 })).toEqual(['percpu', 'kmalloc failed', 'kmalloc']);
    // A probabilistic failslab plan fails slab allocations only, never a page.
    const always = failslabAt([], 100);
    expect(outcomes({ failslab: always, pageSites: ['pcpu_populate_chunk'] })).toEqual(['percpu', 'kmalloc failed', 'kmalloc failed']);
  });

  it('a plan with page sites prints as one line that parses back', () => {
    const plan = { ...defaultPlan(), pageSites: ['pcpu_populate_chunk', 'alloc_pl'] };
    expect(formatPlan(plan)).toMatch(/ failpage=at:pcpu_populate_chunk\+alloc_pl$/);
    expect(parsePlan(formatPlan(plan))).toEqual(plan);
    expect(parsePlan(formatPlan(defaultPlan())).pageSites).toEqual([]);
  });

  it('probability, interval and times bound the failures', () => {
    const outcomes: boolean[] = [];
    runSeed(
      {
        tasks: {
          t: function* () {
            for (let i = 0; i < 20; i++) {
              const p = yield* slab.kmalloc(32, GFP_KERNEL, () => ({}));
              outcomes.push(p !== null);
              slab.kfree(p);
            }
          },
        },
      },
      1,
      { plan: { failslab: { probability: 100, interval: 3, times: 2, space: 0, sites: [], failNth: 0 } } },
    );
    // Every third call is eligible; only the first two eligible calls fail.
    expect(outcomes.map((ok, i) => (ok ? null : i + 1)).filter((x) => x !== null)).toEqual([3, 6]);
  });
});

describe('mempool', () => {
  it('uses the reserve when the allocator fails, fails atomic callers when empty, and makes sleepers wait', () => {
    let pool: mempool_t<{ n: number }> | null = null;
    const got: string[] = [];
    let waiterGot = false;
    let waiterDone = false;
    const r = runSeed(
      {
        cpus: 2,
        tasks: {
          owner: function* (): KGen {
            const cache = kmem_cache_create('test-pool', struct_type('test_elem', 32, () => ({ n: 0 })));
            const p = (yield* mempools.mempool_create_slab_pool(2, cache)) as unknown as mempool_t<{ n: number }>;
            const a = yield* mempools.mempool_alloc(p, GFP_NOIO);
            const b = yield* mempools.mempool_alloc(p, GFP_NOIO);
            got.push(a && b ? 'reserve' : 'no-reserve');
            got.push((yield* mempools.mempool_alloc(p, GFP_ATOMIC)) === null ? 'atomic-null' : 'atomic-got');
            pool = p;
            // Hold both elements until the other task is waiting for one.
            while (mempoolWaiters(p).length === 0) yield* cond_resched();
            got.push('waiter-seen');
            yield* mempools.mempool_free(a, p);
            while (!waiterDone) yield* cond_resched();
            yield* mempools.mempool_free(b, p);
            yield* mempools.mempool_destroy(p);
          },
          waiter: function* (): KGen {
            while (pool === null) yield* cond_resched();
            const e = yield* mempools.mempool_alloc(pool, GFP_NOIO);
            waiterGot = e !== null;
            yield* mempools.mempool_free(e, pool);
            waiterDone = true;
          },
        },
      },
      3,
      // Exhausted memory: every allocation that gives up early fails, so only the reserve serves.
      { plan: { memory: 'exhausted' } },
    );
    expect(r.findings.map((f) => f.report)).toEqual([]);
    expect(r.outcome).toBe('completed');
    expect(got).toEqual(['reserve', 'atomic-null', 'waiter-seen']);
    expect(waiterGot).toBe(true);
  });
});

describe('page allocations and lockdep', () => {
  it('a sleeping page allocation under a lock marks it RECLAIM_FS-ON, as a slab one does', () => {
    // One task allocates pages (as per-cpu population does) under populate_lock; another later
    // enters reclaim, whose writeback takes populate_lock: an inconsistent lock state.
    function program() {
      let lock: mutex;
      let populated = false;
      return {
        before() {
          lock = mutex_init('populate_lock');
          register_reclaim_writeback(function* (): KGen {
            yield* mutexes.mutex_lock(lock);
            yield* mutexes.mutex_unlock(lock);
          });
        },
        tasks: {
          populate: function* (): KGen {
            yield* mutexes.mutex_lock(lock);
            yield* page_alloc.__alloc_pages_nodemask(GFP_KERNEL, false);
            yield* mutexes.mutex_unlock(lock);
            populated = true;
          },
          reclaimer: function* (): KGen {
            while (!populated) yield* cond_resched();
            slab.kfree(yield* slab.kmalloc(64, GFP_KERNEL, () => ({})));
          },
        },
      };
    }
    const hits = runSeeds(program, 30, { plan: { memory: 'low' } }).filter((r) =>
      r.findings.some((f) => f.report.includes('{RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W}') && f.report.includes('populate_lock')),
    );
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe('kmemleak', () => {
  // A static pointer of translated C (its per-machine global set) is in the data section: what
  // it points to at teardown is referenced, not leaked; the same object held by nothing is.
  const globals = perMachineData(() => ({ parked: null as object | null }));
  function leaks(keep: boolean): string[] {
    const r = runSeed(
      {
        tasks: {
          t: function* (): KGen {
            const obj = yield* slab.kzalloc(64, GFP_KERNEL, () => ({ data: 0 }));
            if (keep) globals().parked = obj;
          },
        },
      },
      1,
      { debug: true },
    );
    return r.findings.filter((f) => f.kind === 'kmemleak').map((f) => f.title);
  }

  it('does not report an object a translated global points to', () => {
    expect(leaks(true)).toEqual([]);
  });

  it('reports the object once nothing points to it', () => {
    expect(leaks(false).length).toBe(1);
  });
});

describe('radix tree nodes', () => {
  // An insert that needs a node allocates it with the root's mask: under a spinlock a mask that
  // may sleep is the kernel's "sleeping function called from invalid context"; an atomic mask
  // takes the preloaded node; an insert that needs no node (index 0 of an empty tree lives in
  // the root) allocates nothing.
  function program(mask: gfp_t, index: number) {
    let lock: spinlock_t;
    const root = radix_tree_root_zeroed();
    return {
      before() {
        lock = spin_lock_init('ioc->lock');
        INIT_RADIX_TREE(root, mask);
      },
      tasks: {
        link: function* (): KGen {
          yield* spinlock.spin_lock(lock);
          radix_tree_insert(root, index, { cic: index });
          yield* spinlock.spin_unlock(lock);
        },
      },
    };
  }
  const sleptInAtomic = (mask: gfp_t, index: number): boolean =>
    runSeed(program(mask, index), 1).findings.some((f) => f.title.startsWith('BUG: sleeping function called from invalid context'));

  it('a sleeping mask allocates its node under the inserter\'s lock, an atomic one takes the preload', () => {
    expect(sleptInAtomic(GFP_KERNEL, 1)).toBe(true);
    expect(sleptInAtomic(GFP_ATOMIC, 1)).toBe(false);
  });

  it('index 0 of an empty tree needs no node', () => {
    expect(sleptInAtomic(GFP_KERNEL, 0)).toBe(false);
  });
});
