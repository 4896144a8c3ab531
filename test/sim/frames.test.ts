// The frame wrappers kernel_functions() puts around a ported function are specialised by arity:
// they pass exactly Function.length arguments. A default parameter is not counted in length, so
// its argument would be dropped without a word (mm/page_alloc.ts's slab_object was, until this
// check refused it); registration refuses such a function instead.
import { describe, expect, it } from 'vitest';
import { kernel_functions } from '../../kernel-model/sim/hooks.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed } from '../helpers/sim.ts';

describe('kernel function frames', () => {
  it('refuse a function whose default parameter the wrapper would drop', () => {
    function* with_default(a: number, b = 1): KGen<number> {
      yield;
      return a + b;
    }
    expect(() => kernel_functions('test/frames-default.c', { with_default })).toThrow('with_default: a default or rest parameter');
  });

  it('pass every argument of a function with plain parameters, the frame on the stack meanwhile', () => {
    function* three_args(a: number, b: number, c: number): KGen<string> {
      yield;
      return `${a},${b},${c}`;
    }
    const fns = kernel_functions('test/frames-plain.c', { three_args });
    let seen = '';
    runSeed(
      {
        cpus: 1,
        tasks: {
          t: function* () {
            seen = yield* fns.three_args(1, 2, 3);
          },
        },
      },
      1,
    );
    expect(seen).toBe('1,2,3');
  });
});
