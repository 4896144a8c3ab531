// Kernel threads (kernel/kthread.c, v3.15): kthread_run() starts a task running threadfn(data)
// (a daemon: it idles by design and keeps no scenario alive); kthread_stop() asks it to stop,
// wakes it and waits for it to exit.

import { machine, current } from '../sim/machine.ts';
import { type KGen, type task_struct } from '../sim/task.ts';
import { type completion, completions, init_completion } from './sched/completion.ts';
import { wake_up_process } from './sched/core.ts';
import { format } from '../lib/string.ts';

interface kthread {
  should_stop: boolean;
  exited: completion;
  result: number;
}

const kthreads = new WeakMap<task_struct, kthread>();

/**
 * kthread_run(threadfn, data, namefmt, ...): creates and wakes the thread.
 * @port kernel/kthread.c v3.15 simplified - the thread is spawned directly, not by kthreadd
 */
export function kthread_run(threadfn: (data: never) => KGen<number> | KGen, data: unknown, namefmt: string, ...args: unknown[]): task_struct {
  const self: kthread = { should_stop: false, exited: init_completion('kthread exit'), result: 0 };
  const t = machine().spawn(
    format(namefmt, args),
    function* (): KGen {
      const r = yield* (threadfn as (data: unknown) => KGen<number | void>)(data);
      self.result = typeof r === 'number' ? r : 0;
      yield* completions.complete(self.exited);
    },
    { daemon: true },
  );
  self.exited.waitsFor = t;
  kthreads.set(t, self);
  return t;
}

/** @port kernel/kthread.c v3.15 ported */
export function kthread_should_stop(): boolean {
  return kthreads.get(current())?.should_stop ?? false;
}

/** @port kernel/kthread.c v3.15 ported */
export function* kthread_stop(k: task_struct): KGen<number> {
  const self = kthreads.get(k);
  if (self === undefined) throw new Error(`kthread_stop: ${k.comm} is not a kthread`);
  self.should_stop = true;
  wake_up_process(k);
  yield* completions.wait_for_completion(self.exited);
  return self.result;
}
