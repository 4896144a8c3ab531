// Kernel threads (kernel/kthread.c, v3.15): kthread_run() starts a task running threadfn(data)
// (a daemon: it idles by design and keeps no scenario alive) once the caller could allocate the
// request for it; kthread_stop() asks it to stop, wakes it and waits for it to exit.

import { machine, current } from '../sim/machine.ts';
import { type KGen, type task_struct } from '../sim/task.ts';
import { type completion, completions, init_completion } from './sched/completion.ts';
import { wake_up_process } from './sched/core.ts';
import { format } from '../lib/string.ts';
import { ERR_PTR } from '../include/linux/kernel.ts';
import { ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';
import { GFP_KERNEL } from '../include/linux/gfp.ts';
import { slab } from '../mm/slab.ts';
import { kernel_functions } from '../sim/hooks.ts';

interface kthread {
  should_stop: boolean;
  exited: completion;
  result: number;
}

const kthreads = new WeakMap<task_struct, kthread>();

/**
 * sizeof(struct kthread_create_info) on x86_64 (kernel/kthread.c v3.15: threadfn, data, node,
 * result, done, list): 56 bytes, from kmalloc-64.
 */
const KTHREAD_CREATE_INFO_SIZE = 56;

/**
 * kthread_create_on_node(): the request is allocated in the caller's context (GFP_KERNEL) and
 * queued to kthreadd, which forks the thread while the caller waits; a request that cannot be
 * allocated fails the creation with -ENOMEM. Since v3.13 ("kthread: make kthread_create()
 * killable") the request is kmalloc()ed rather than on the caller's stack, so the caller's
 * fault injection (fail-nth, failslab) reaches it.
 * @port kernel/kthread.c v3.15 simplified - the thread is spawned directly, not by kthreadd: kthreadd's own fork allocations are not injected
 */
function* kthread_create_on_node(threadfn: (data: never) => KGen<number> | KGen, data: unknown, name: string): KGen<task_struct> {
  const create = yield* slab.kmalloc(KTHREAD_CREATE_INFO_SIZE, GFP_KERNEL, () => ({ kthread_create_info: true }));
  if (!create) return ERR_PTR(-ENOMEM) as task_struct;
  const self: kthread = { should_stop: false, exited: init_completion('kthread exit'), result: 0 };
  const t = machine().spawn(
    name,
    function* (): KGen {
      const r = yield* (threadfn as (data: unknown) => KGen<number | void>)(data);
      self.result = typeof r === 'number' ? r : 0;
      yield* completions.complete(self.exited);
    },
    { daemon: true },
  );
  self.exited.waitsFor = t;
  kthreads.set(t, self);
  slab.kfree(create);
  return t;
}

/**
 * kthread_run(threadfn, data, namefmt, ...): creates the thread and wakes it (the model's thread
 * runs once spawned); an ERR_PTR when it could not be created.
 * @port include/linux/kthread.h v3.15 simplified
 */
export function* kthread_run(threadfn: (data: never) => KGen<number> | KGen, data: unknown, namefmt: string, ...args: unknown[]): KGen<task_struct> {
  return yield* kthread.kthread_create_on_node(threadfn, data, format(namefmt, args));
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

export const kthread = kernel_functions('kernel/kthread.c', { kthread_create_on_node });
