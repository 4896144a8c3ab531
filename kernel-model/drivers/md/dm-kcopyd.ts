// kcopyd (drivers/md/dm-kcopyd.c, v3.15): copies a region of one device to others from a
// per-client work item. A job moves through three lists (pages, io, complete) that do_work()
// processes in that order inside a plug: the read of the source, then the writes, then the
// notify function (dm-snapshot's copy_callback, which ends in pending_complete) - so the notify
// function runs in the kcopyd worker, in process context, and may sleep.
//
// Simplified: no page pool (bios carry no pages, so run_pages_job only moves the job on), no
// sub-job splitting (the model's copies are one chunk), no throttling, no zeroing jobs.

import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_read, type atomic_t } from '../../include/linux/atomic.ts';
import { READ, WRITE } from '../../include/linux/bio.ts';
import type { blk_plug } from '../../include/linux/blkdev.ts';
import { GFP_KERNEL, GFP_NOIO } from '../../include/linux/gfp.ts';
import { blk_core } from '../../block/blk-core.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { INIT_WORK, WQ_MEM_RECLAIM, alloc_workqueue, workqueue, type work_struct, type workqueue_struct } from '../../kernel/workqueue.ts';
import { type wait_queue_head_t, init_waitqueue_head, wait_event, wake_up } from '../../kernel/sched/wait.ts';
import { mempools, slabPoolFns, type mempool_t } from '../../mm/mempool.ts';
import { kmem_cache_create, slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { type dm_io_client, type dm_io_region, dm_io_ops } from './dm-io.ts';

/**
 * The job pool's reserve. The C keeps 512; the model keeps 8: no workload here has more copy
 * jobs in flight, and every reserved element is a tracked allocation at each boot.
 */
const MIN_JOBS = 8;

/** The notify function: (read_err, write_err, context). */
export type dm_kcopyd_notify_fn = (read_err: number, write_err: number, context: unknown) => KGen;

export interface dm_kcopyd_client {
  job_lock: spinlock_t;
  complete_jobs: kcopyd_job[];
  io_jobs: kcopyd_job[];
  pages_jobs: kcopyd_job[];
  job_pool: mempool_t<kcopyd_job>;
  kcopyd_wq: workqueue_struct;
  kcopyd_work: work_struct;
  io_client: dm_io_client;
  destroyq: wait_queue_head_t;
  nr_jobs: atomic_t;
}

interface kcopyd_job {
  kc: dm_kcopyd_client;
  read_err: number;
  write_err: number;
  rw: number;
  source: dm_io_region;
  dests: dm_io_region[];
  fn: dm_kcopyd_notify_fn;
  context: unknown;
}

const _job_cache = kmem_cache_create('kcopyd_job', 256);
const job_fns = slabPoolFns((): kcopyd_job => ({}) as kcopyd_job);

/** @port drivers/md/dm-kcopyd.c v3.15 ported */
function* wake(kc: dm_kcopyd_client): KGen {
  yield* workqueue.queue_work(kc.kcopyd_wq, kc.kcopyd_work);
}

/** @port drivers/md/dm-kcopyd.c v3.15 ported */
function* pop(jobs: kcopyd_job[], kc: dm_kcopyd_client): KGen<kcopyd_job | null> {
  const flags = yield* spinlock.spin_lock_irqsave(kc.job_lock);
  const job = jobs.shift() ?? null;
  yield* spinlock.spin_unlock_irqrestore(kc.job_lock, flags);
  return job;
}

/** @port drivers/md/dm-kcopyd.c v3.15 ported */
function* push(jobs: kcopyd_job[], job: kcopyd_job): KGen {
  const kc = job.kc;
  const flags = yield* spinlock.spin_lock_irqsave(kc.job_lock);
  jobs.push(job);
  yield* spinlock.spin_unlock_irqrestore(kc.job_lock, flags);
}

/**
 * Frees the job and calls its notify function, in the kcopyd worker.
 * @port drivers/md/dm-kcopyd.c v3.15 simplified - no pages to put back, no sub-jobs
 */
function* run_complete_job(job: kcopyd_job): KGen<number> {
  const { context, read_err, write_err, fn, kc } = job;
  yield* mempools.mempool_free(job, kc.job_pool);
  yield* fn(read_err, write_err, context);
  if (yield* atomic_dec_and_test(kc.nr_jobs)) wake_up(kc.destroyq);
  return 0;
}

/** dm_io's notify function for a job. @port drivers/md/dm-kcopyd.c v3.15 simplified - errors are never ignored */
function* complete_io(error: number, context: unknown): KGen {
  const job = context as kcopyd_job;
  const kc = job.kc;
  if (error) {
    if (job.rw & WRITE) job.write_err |= error;
    else job.read_err = 1;
    yield* kcopyd.push(kc.complete_jobs, job);
    yield* kcopyd.wake(kc);
    return;
  }
  if (job.rw & WRITE) {
    yield* kcopyd.push(kc.complete_jobs, job);
  } else {
    job.rw = WRITE;
    yield* kcopyd.push(kc.io_jobs, job);
  }
  yield* kcopyd.wake(kc);
}

/** Reads the source, or writes the destinations. @port drivers/md/dm-kcopyd.c v3.15 ported */
function* run_io_job(job: kcopyd_job): KGen<number> {
  const where = job.rw === READ ? [job.source] : job.dests;
  return yield* dm_io_ops.dm_io(job.kc.io_client, job.rw, where, kcopyd.complete_io, job);
}

/** @port drivers/md/dm-kcopyd.c v3.15 simplified - no pages to get: the job goes straight to I/O */
function* run_pages_job(job: kcopyd_job): KGen<number> {
  yield* kcopyd.push(job.kc.io_jobs, job);
  return 0;
}

/** @port drivers/md/dm-kcopyd.c v3.15 ported */
function* process_jobs(jobs: kcopyd_job[], kc: dm_kcopyd_client, fn: (job: kcopyd_job) => KGen<number>): KGen<number> {
  let count = 0;
  let job: kcopyd_job | null;
  while ((job = yield* kcopyd.pop(jobs, kc))) {
    const r = yield* fn(job);
    if (r < 0) {
      /* error this rogue job */
      if (job.rw & WRITE) job.write_err = -1;
      else job.read_err = 1;
      yield* kcopyd.push(kc.complete_jobs, job);
      break;
    }
    if (r > 0) {
      /* We couldn't service this job ATM, so push this job back onto the list. */
      jobs.unshift(job);
      break;
    }
    count++;
  }
  return count;
}

/**
 * kcopyd does this every time it's woken up. The order matters: complete jobs can free pages
 * for pages jobs; pages jobs go on to the io jobs; io jobs wake kcopyd when they complete.
 * @port drivers/md/dm-kcopyd.c v3.15 ported
 */
function* do_work(work: work_struct): KGen {
  const kc = (work as work_struct & { kc: dm_kcopyd_client }).kc;
  const plug = {} as blk_plug;
  blk_core.blk_start_plug(plug);
  yield* kcopyd.process_jobs(kc.complete_jobs, kc, kcopyd.run_complete_job);
  yield* kcopyd.process_jobs(kc.pages_jobs, kc, kcopyd.run_pages_job);
  yield* kcopyd.process_jobs(kc.io_jobs, kc, kcopyd.run_io_job);
  yield* blk_core.blk_finish_plug(plug);
}

/** @port drivers/md/dm-kcopyd.c v3.15 simplified - every job starts on the pages list */
function* dispatch_job(job: kcopyd_job): KGen {
  const kc = job.kc;
  yield* atomic_inc(kc.nr_jobs);
  yield* kcopyd.push(kc.pages_jobs, job);
  yield* kcopyd.wake(kc);
}

/**
 * Copies `from` to every region of `dests`, then calls `fn(read_err, write_err, context)` from
 * the kcopyd worker.
 * @port drivers/md/dm-kcopyd.c v3.15 simplified - no zeroing (from is never NULL), no splitting into sub-jobs
 */
function* dm_kcopyd_copy(kc: dm_kcopyd_client, from: dm_io_region, dests: dm_io_region[], _flags: number, fn: dm_kcopyd_notify_fn, context: unknown): KGen<number> {
  const job = (yield* mempools.mempool_alloc(kc.job_pool, GFP_NOIO)) as kcopyd_job;
  /* set up for the read. */
  job.kc = kc;
  job.read_err = 0;
  job.write_err = 0;
  job.dests = [...dests];
  job.source = { ...from };
  job.rw = READ;
  job.fn = fn;
  job.context = context;
  yield* kcopyd.dispatch_job(job);
  return 0;
}

/** @port drivers/md/dm-kcopyd.c v3.15 simplified - no page reserve, no throttle */
function* dm_kcopyd_client_create(): KGen<dm_kcopyd_client | null> {
  const kc = yield* slab.kmalloc(128, GFP_KERNEL, () => ({}) as dm_kcopyd_client);
  if (kc === null) return null;
  kc.job_lock = spin_lock_init('&kc->job_lock');
  kc.complete_jobs = [];
  kc.io_jobs = [];
  kc.pages_jobs = [];
  const pool = yield* mempools.mempool_create('kcopyd_job', MIN_JOBS, job_fns.alloc, job_fns.free, _job_cache);
  if (pool === null) {
    slab.kfree(kc);
    return null;
  }
  kc.job_pool = pool as mempool_t<kcopyd_job>;
  kc.kcopyd_work = Object.assign(INIT_WORK('kcopyd_work', kcopyd.do_work), { kc });
  kc.kcopyd_wq = alloc_workqueue('kcopyd', WQ_MEM_RECLAIM, 0);
  const io_client = yield* dm_io_ops.dm_io_client_create();
  if (io_client === null) {
    yield* mempools.mempool_destroy(kc.job_pool);
    slab.kfree(kc);
    return null;
  }
  kc.io_client = io_client;
  kc.destroyq = init_waitqueue_head('kc->destroyq');
  kc.nr_jobs = ATOMIC_INIT(0);
  return kc;
}

/** Waits for every job to finish, then frees the client. @port drivers/md/dm-kcopyd.c v3.15 simplified */
function* dm_kcopyd_client_destroy(kc: dm_kcopyd_client): KGen {
  /* Wait for completion of all jobs submitted by this client. */
  yield* wait_event(kc.destroyq, () => !atomic_read(kc.nr_jobs));
  yield* dm_io_ops.dm_io_client_destroy(kc.io_client);
  yield* mempools.mempool_destroy(kc.job_pool);
  slab.kfree(kc);
}

export const kcopyd = kernel_functions('drivers/md/dm-kcopyd.c', {
  wake,
  pop,
  push,
  run_complete_job,
  complete_io,
  run_io_job,
  run_pages_job,
  process_jobs,
  do_work,
  dispatch_job,
  dm_kcopyd_copy,
  dm_kcopyd_client_create,
  dm_kcopyd_client_destroy,
});
