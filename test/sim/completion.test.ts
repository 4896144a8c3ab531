import { describe, expect, it } from 'vitest';
import { completions, init_completion, type completion } from '../../kernel-model/kernel/sched/completion.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import type { DecisionSource } from '../../kernel-model/sim/decisions.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed } from '../helpers/sim.ts';

/** Always runs the completer when it can run: its two complete() calls land back to back. */
function completerFirst(completerPid: () => number): DecisionSource {
  return {
    pickTask: (ids, count) => {
      for (let i = 0; i < count; i++) if (ids[i] === completerPid()) return i;
      return 0;
    },
    choose: () => 0,
  };
}

describe('completions', () => {
  it('two complete() calls wake two waiters, even when the first is not running yet', () => {
    let x: completion;
    const woke: string[] = [];
    let completer = -1;
    function* waiter(name: string): KGen {
      yield* completions.wait_for_completion(x);
      woke.push(name);
    }
    const r = runSeed(
      {
        cpus: 1,
        before(m) {
          x = init_completion('two');
          completer = m.spawn('completer', function* (): KGen {
            while (x.waiters.length < 2) yield* timers.msleep(1);
            yield* completions.complete(x);
            yield* completions.complete(x);
          }).pid;
        },
        tasks: { w1: () => waiter('w1'), w2: () => waiter('w2') },
      },
      1,
      { source: completerFirst(() => completer) },
    );
    expect(r.findings.map((f) => f.title)).toEqual([]);
    expect(r.outcome).toBe('completed');
    expect(woke.sort()).toEqual(['w1', 'w2']);
  });
});
