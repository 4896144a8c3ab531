// Threads sharing one IO context (clone(CLONE_IO)), as a program whose threads issue IO for one
// another does, so that CFQ treats them as one: every thread's first request to the disk looks up
// the context's cfq_io_context and, finding none, allocates one and links it under ioc->lock
// (cfq_cic_link(): the radix tree and the context's cic_list), so the threads' first requests race
// to link; they race again to allocate the context's sync queue (cfq_find_alloc_queue() drops the
// queue lock to allocate and frees its own when another thread linked one); a priority set by one
// thread makes the next request of any of them walk the shared list (cfq_ioc_set_ioprio()); moving
// one thread to a cgroup is refused while the context is shared (blkiocg_can_attach()); and the
// context goes with the last thread to exit (exit_io_context()'s task count). A separate process in
// a cgroup does IO beside them. The suite is one named program of the generated grammar, so its
// text is the whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const cfqSharedIoContext = namedProgramSuite(v32Grammar, {
  name: 'cfq-shared-io-context',
  summary: 'threads sharing one IO context (CLONE_IO) racing to link it to CFQ, changing its priority, and exiting, beside a process of its own',
  scenario: 'for IO contexts shared by threads (CLONE_IO)',
  defaultSchedules: 100,
  expectedSteps: 600,
  text: `cpus 3
clone-io 3
t0: io r 4096+8 wait; io w 4160+8 nowait; ioprio be 2; io r 4224+8 wait; attach 1; io ws 4288+8 wait
t1: io r 4104+8 wait; ioprio rt 3; io w 4168+8 nowait; io r 4232+8 wait
t2: io w 4112+8 nowait; io r 4176+8 wait; batch r 4300+8x3 down
t3: mkdir 1; io r 4500+8 wait; attach 1; io w 4508+8 wait`,
  // Memory plentiful in half the runs and low in the others (allocations then sleep, which
  // widens the windows between lookup and link); completions sometimes late, so that the
  // threads' requests meet in CFQ.
  plan: { memory: ['none', 'low'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
