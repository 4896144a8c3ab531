// clone(CLONE_IO) in the v3.2 world: copy_io() links the parent's IO context into the child
// (a reference and a task count), a child without CLONE_IO gets a context of its own only when
// the parent's carries a priority, and the context goes with the last of its tasks.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { GFP_KERNEL } from '../../kernel-model/include/linux/gfp.ts';
import { atomic_read } from '../../kernel-model/include/linux/atomic.ts';
import { current, machine } from '../../kernel-model/sim/machine.ts';
import type { KGen, task_struct } from '../../kernel-model/sim/task.ts';
import { blk_ioc } from '../../kernel-model/v3.2/block/blk-ioc.ts';
import type { io_context } from '../../kernel-model/v3.2/include/linux/iocontext.ts';
import { IOPRIO_CLASS_BE, IOPRIO_CLASS_SHIFT } from '../../kernel-model/v3.2/include/linux/ioprio.ts';
import { clone_io_thread, fork_c } from '../../kernel-model/v3.2/model/fork.ts';

describe('clone(CLONE_IO) in the v3.2 world', () => {
  it('shares the parent\'s IO context with its threads, counted once per task, and frees it with the last', () => {
    const seen: { shared: boolean; tasks: number; refs: number }[] = [];
    let ioc: io_context | null = null;
    const r = runSeed(
      {
        base: 'v3.2',
        tasks: {
          parent: function* (): KGen {
            ioc = yield* blk_ioc.current_io_context(GFP_KERNEL, -1);
            const threads: (task_struct | null)[] = [];
            for (let i = 0; i < 2; i++) threads.push(yield* clone_io_thread(`thread${i}`, function* () {}));
            for (const t of threads) seen.push({ shared: t?.io_context === ioc, tasks: atomic_read((ioc as io_context).nr_tasks), refs: atomic_read((ioc as io_context).refcount) });
          },
        },
      },
      1,
    );
    // Read after both threads were made: three tasks, three references (the parent's and a link each).
    expect(seen).toEqual([
      { shared: true, tasks: 3, refs: 3 },
      { shared: true, tasks: 3, refs: 3 },
    ]);
    // Nothing reported at the run's end: kmemleak found the context freed by the last exit_io_context().
    expect(titles(r)).toEqual([]);
  });

  it('gives a child without CLONE_IO no context, or one of its own carrying the parent\'s priority', () => {
    const got: (number | null)[] = [];
    const r = runSeed(
      {
        base: 'v3.2',
        tasks: {
          parent: function* (): KGen {
            const ioc = yield* blk_ioc.current_io_context(GFP_KERNEL, -1);
            // A child made as copy_process() makes one: copy_io() before it first runs; it then
            // runs nothing and exits (its own context, if any, goes with it).
            const fork = function* (): KGen<task_struct> {
              const t = machine().spawn('child', function* () {}, { stopped: true });
              expect(yield* fork_c.copy_io(0, t)).toBe(0);
              machine().activate(t);
              return t;
            };
            const plain = yield* fork();
            got.push(plain.io_context === null ? null : -1);
            ioc.ioprio = (IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT) | 3;
            const own = (yield* fork()).io_context as io_context | null;
            got.push(own !== ioc && own !== null ? own.ioprio : -1);
            expect(current().io_context).toBe(ioc);
          },
        },
      },
      1,
    );
    // Nothing reported: the child's own context was freed when it exited (exit_io_context()).
    expect(titles(r)).toEqual([]);
    expect(got).toEqual([null, (IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT) | 3]);
  });
});
