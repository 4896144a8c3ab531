// Minimal programs for the detector table: for each bug class, a buggy program and the
// corrected one. Their functions are registered as kernel functions so reports name them.

import { GFP_ATOMIC, GFP_KERNEL, GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { BUG_ON } from '../../kernel-model/include/asm-generic/bug.ts';
import { io_account_cache_flush_sent, io_account_cache_flushed, io_account_complete, io_account_failed, io_account_flush, io_account_stored, io_account_submit, io_account_write, type AccountedIo } from '../../kernel-model/block/blk-io-accounting.ts';
import { mutex_init, mutexes, type mutex } from '../../kernel-model/kernel/locking/mutex.ts';
import { init_rwsem, rwsem } from '../../kernel-model/kernel/locking/rwsem.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel-model/kernel/locking/spinlock.ts';
import { completions, init_completion, type completion } from '../../kernel-model/kernel/sched/completion.ts';
import { init_waitqueue_head, wait_event_interruptible, wait_event_timeout, wake_up, type wait_queue_head_t } from '../../kernel-model/kernel/sched/wait.ts';
import { mempoolWaiters, mempools, type mempool_t } from '../../kernel-model/mm/mempool.ts';
import { cond_resched } from '../../kernel-model/kernel/sched/core.ts';
import { srcu_read_lock, srcu_read_unlock, srcu_struct, synchronize_srcu } from '../../kernel-model/kernel/rcu/srcu.ts';
import { THIS_MODULE, delete_modules, module_put, try_module_get } from '../../kernel-model/kernel/module.ts';
import { dm_target_c } from '../../kernel-model/v3.15/drivers/md/dm-target.ts';
import { target_type_type } from '../../kernel-model/v3.15/include/linux/device-mapper.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { call_rcu, rcu_dereference_check, rcu_head_zeroed, rcu_read_lock, rcu_read_unlock } from '../../kernel-model/kernel/rcupdate.ts';
import { percpu, type percpu_ptr } from '../../kernel-model/mm/percpu.ts';
import { kmem_cache_create, kmem_cache_destroy, slab, type kmem_cache } from '../../kernel-model/mm/slab.ts';
import { register_reclaim_writeback } from '../../kernel-model/mm/vmscan.ts';
import { end_page_writeback, page_zeroed, put_page, set_page_writeback, type page } from '../../kernel-model/mm/page.ts';
import { alloc_page } from '../../kernel-model/mm/page_alloc.ts';
import { bio_list_owned } from '../../kernel-model/block/bio-list-owners.ts';
import { kasan_array_read } from '../../kernel-model/mm/kasan.ts';
import { kernel_functions, stand_in_wait } from '../../kernel-model/sim/hooks.ts';
import { kcsan_protect, protection, staticListProtection } from '../../kernel-model/kernel/kcsan.ts';
import { kernel_structs, struct_type } from '../../kernel-model/lib/kstruct.ts';
import { perMachineData } from '../../kernel-model/lib/lazy-per-machine.ts';
import { embed_members, struct_init } from '../../kernel-model/lib/c-pointers.ts';
import { INIT_LIST_HEAD, LIST_HEAD_INIT, list_add_tail, list_first_entry, hlist_add_head, hlist_del, hlist_head_zeroed, hlist_node_zeroed, list_add, list_empty, list_head_zeroed, type hlist_head, type hlist_node, type list_head } from '../../kernel-model/include/linux/list.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import { type KGen, type WaitTarget, type task_struct } from '../../kernel-model/sim/task.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { TestProgram } from '../helpers/sim.ts';
import { bootDevices, md_dev_path, v315Program, withOpen } from '../helpers/v315.ts';
import { blkpg, submitAndWait } from '../../harness/suites/workload-io.ts';
import { md_c, md_h, type md_rdev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { atomic_inc } from '../../kernel-model/include/linux/atomic.ts';
import { mdadm_monitor } from '../../kernel-model/v3.15/model/mdstat.ts';
import { genhd_h, type gendisk } from '../../kernel-model/v3.15/include/linux/genhd.ts';
import { BLKPG_ADD_PARTITION, genhd_parts } from '../../kernel-model/v3.15/model/partitions.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import { bio_h } from '../../kernel-model/v3.15/include/linux/bio.ts';
import type { bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { genhd_h as genhd_v32 } from '../../kernel-model/v3.2/include/linux/genhd.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { bootDisk, submitAndWait as submitAndWaitV32 } from '../../harness/suites/blkio-workload.ts';

interface Shared {
  flag_wq: wait_queue_head_t;
  pool: mempool_t | null;
  a: mutex;
  b: mutex;
  l: spinlock_t;
  done: completion;
  stage: number;
}

let S: Shared;

function fresh(): void {
  S = { flag_wq: init_waitqueue_head('flag_wq'), pool: null, a: mutex_init('lock_a'), b: mutex_init('lock_b'), l: spin_lock_init('lock_l'), done: init_completion('done'), stage: 0 };
}

function* take_a_then_b(): KGen {
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_lock(S.b);
  yield* mutexes.mutex_unlock(S.b);
  yield* mutexes.mutex_unlock(S.a);
}

function* take_b_then_a(): KGen {
  yield* mutexes.mutex_lock(S.b);
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_unlock(S.a);
  yield* mutexes.mutex_unlock(S.b);
}

function* take_a_twice(): KGen {
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_lock(S.a);
}

function* take_a_in_turn(): KGen {
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_unlock(S.a);
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_unlock(S.a);
}

/**
 * Two semaphores of one class (two snapshots' s->lock) taken together, as dm-snap's handover does:
 * plainly (lockdep sees the class taken twice) or the second at a nesting subclass.
 */
function* take_two_of_a_class(nested: boolean): KGen {
  const src = init_rwsem('&s->lock');
  const dest = init_rwsem('&s->lock');
  yield* rwsem.down_write(src);
  if (nested) yield* rwsem.down_write_nested(dest, 1);
  else yield* rwsem.down_write(dest);
  yield* rwsem.up_write(dest);
  yield* rwsem.up_write(src);
}

/** Sleeps up to a second for the flag (stage 2), as md_wait_for_blocked_rdev() sleeps for Blocked to clear. */
function* wait_for_flag(): KGen {
  yield* wait_event_timeout(S.flag_wq, () => S.stage === 2, HZ);
}

/** Sets the flag once the waiter sleeps, and wakes it (or, the bug, does not). */
function* set_flag(wake: boolean): KGen {
  while (S.flag_wq.task_list.length === 0) yield* cond_resched();
  S.stage = 2;
  if (wake) wake_up(S.flag_wq);
}

/** Takes a one-element pool's element and gives it back once another task waits for it: with mempool_free(), or (the bug) put back without its wake-up. */
function* hold_pool_element(wake: boolean): KGen {
  const pool = yield* mempools.mempool_create_kmalloc_pool(1, 32);
  const e = yield* mempools.mempool_alloc(pool, GFP_NOIO);
  S.pool = pool;
  while (mempoolWaiters(pool).length === 0) yield* cond_resched();
  if (wake) yield* mempools.mempool_free(e, pool);
  else pool.elements.push(e as object);
}

/** Waits for the pool's element (memory is exhausted: only the reserve can serve), then frees it and the pool. */
function* wait_for_pool_element(): KGen {
  while (S.pool === null) yield* cond_resched();
  const e = yield* mempools.mempool_alloc(S.pool, GFP_NOIO);
  yield* mempools.mempool_free(e, S.pool);
  yield* mempools.mempool_destroy(S.pool);
}

function* alloc_under_a(gfp: number): KGen {
  yield* mutexes.mutex_lock(S.a);
  slab.kfree(yield* slab.kmalloc(64, gfp, () => ({})));
  yield* mutexes.mutex_unlock(S.a);
  S.stage = 1;
}

function* writeback_takes_a(): KGen {
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_unlock(S.a);
}

/** The submitter's bio_list (current->bio_list inside generic_make_request) and what sits on it. */
interface queued_write {
  bi_next: queued_write | null;
  bi_rw: number;
  bi_vcnt: number;
  bi_io_vec: { bv_page: page }[];
}
let submitterList: { head: queued_write | null; tail: queued_write | null } = { head: null, tail: null };

/** A write of a page put under writeback and queued on the submitter's bio_list, as submit_bio does inside a make_request_fn. */
function queue_page_write(): void {
  const p = page_zeroed();
  set_page_writeback(p);
  const bio: queued_write = { bi_next: null, bi_rw: 1, bi_vcnt: 1, bi_io_vec: [{ bv_page: p }] };
  if (submitterList.tail === null) submitterList.head = bio;
  else submitterList.tail.bi_next = bio;
  submitterList.tail = bio;
}

/** Reclaim's swap writeout, from inside the submitter: the write joins its bio_list. */
function* write_page_to_own_list(_gfp: number): KGen {
  queue_page_write();
}

/**
 * A make_request_fn that allocates with `gfp` while a write of its own is queued: a GFP_KERNEL
 * allocation reclaims, throttles on writeback, and the writeback it waits for is its own.
 */
function* alloc_while_submitting(gfp: number): KGen {
  submitterList = { head: null, tail: null };
  bio_list_owned(submitterList, current_task(), 'the submitter\'s bio_list', 'test:alloc_while_submitting', current_task());
  queue_page_write();
  slab.kfree(yield* slab.kmalloc(64, gfp, () => ({})));
  // Back in generic_make_request: the queued writes go to the disk and complete.
  for (let b = submitterList.head; b !== null; b = b.bi_next) end_page_writeback(b.bi_io_vec[0].bv_page);
  submitterList.head = submitterList.tail = null;
}

function* reclaiming_alloc(): KGen {
  while (S.stage === 0) yield* cond_resched();
  slab.kfree(yield* slab.kmalloc(64, GFP_KERNEL, () => ({})));
}

function* irq_takes_l(): KGen {
  yield* spinlock.spin_lock(S.l);
  yield* spinlock.spin_unlock(S.l);
}

function* task_takes_l(irqsafe: boolean): KGen {
  if (irqsafe) {
    yield* spinlock.spin_lock_irq(S.l);
    yield* spinlock.spin_unlock_irq(S.l);
  } else {
    yield* spinlock.spin_lock(S.l);
    yield* spinlock.spin_unlock(S.l);
  }
}

function* alloc_under_spinlock(gfp: number): KGen {
  yield* spinlock.spin_lock(S.l);
  slab.kfree(yield* slab.kmalloc(32, gfp, () => ({})));
  yield* spinlock.spin_unlock(S.l);
}

function* wait_for_done(): KGen {
  yield* completions.wait_for_completion(S.done);
}

function* complete_done(): KGen {
  yield* completions.complete(S.done);
}

/**
 * A kernel thread's work: it waits for `done` in D state, then completes what the workload
 * task waits for (as raid1d must finish a retry before the reader's bio completes).
 */
function* daemon_waits_then_completes(served: completion): KGen {
  yield* completions.wait_for_completion(S.done);
  yield* completions.complete(served);
}

/**
 * A workload task that waits for the daemon with no kernel frame of its own (the model's
 * workloads wait for their IO like this), and a daemon that waits inside the kernel.
 */
function daemonBlocksWorkload(doneCompleted: boolean): TestProgram {
  const served = init_completion('served');
  return prog(
    {
      reader: function* () {
        yield* stand_in_wait('submit_bio_wait', completions.wait_for_completion(served));
      },
      ...(doneCompleted ? { completer: () => fns.complete_done() } : {}),
    },
    { before: (m) => void m.spawn('md0_raid1', () => fns.daemon_waits_then_completes(served), { daemon: true }) },
  );
}

/**
 * A workload task waits for its bio, which completes or (a lost completion) never does; with
 * `kernelWaiter`, a second task then blocks inside a kernel function on the same completion.
 */
function workloadWaitsForBio(completed: boolean, kernelWaiter = false): TestProgram {
  return prog({
    reader: function* () {
      S.stage = 1;
      yield* stand_in_wait('submit_bio_wait', completions.wait_for_completion(S.done));
    },
    ...(kernelWaiter
      ? {
          waiter: function* () {
            while (S.stage === 0) yield* cond_resched();
            yield* fns.wait_for_done();
          },
        }
      : {}),
    ...(completed ? { completer: function* () { while (S.stage === 0) yield* cond_resched(); yield* completions.complete_all(S.done); } } : {}),
  });
}

function* lock_pair(first: mutex, second: mutex, flag: number): KGen {
  yield* mutexes.mutex_lock(first);
  S.stage |= flag;
  while ((S.stage & 3) !== 3) yield* cond_resched();
  yield* mutexes.mutex_lock(second);
  yield* mutexes.mutex_unlock(second);
  yield* mutexes.mutex_unlock(first);
}

function* keep_running(): KGen {
  for (let i = 0; i < 400; i++) yield* cond_resched();
}

/** An IO item queued on a task's own list: it moves only when that task processes its list. */
function queuedOn(owner: task_struct): WaitTarget & { processed: boolean } {
  const item = {
    processed: false,
    describe: () => `bio queued on ${owner.comm}'s bio_list`,
    *blockers() {
      if (!item.processed) yield owner;
    },
  };
  return item;
}

function* queue_then_lock(processFirst: boolean): KGen {
  const self = current_task();
  const item = queuedOn(self);
  S.done.waitsFor = item;
  S.stage = 1;
  while (S.stage !== 2) yield* cond_resched();
  if (processFirst) {
    item.processed = true;
    yield* completions.complete(S.done);
  }
  yield* mutexes.mutex_lock(S.a);
  yield* mutexes.mutex_unlock(S.a);
  if (!processFirst) {
    item.processed = true;
    yield* completions.complete(S.done);
  }
}

function* lock_then_wait_io(): KGen {
  while (S.stage !== 1) yield* cond_resched();
  yield* mutexes.mutex_lock(S.a);
  S.stage = 2;
  yield* completions.wait_for_completion(S.done);
  yield* mutexes.mutex_unlock(S.a);
}

function* use_after_free(write: boolean, afterFree: boolean): KGen {
  const obj = (yield* slab.kmalloc(32, GFP_KERNEL, () => ({ count: 1 }))) as { count: number };
  if (!afterFree) obj.count++;
  slab.kfree(obj);
  if (afterFree) {
    if (write) obj.count = 2;
    else S.stage = obj.count;
  }
}

/** Picks the first usable slot of an object's trailing array, or reads one past it when none is. */
function* pick_slot(anyUsable: boolean): KGen {
  const obj = (yield* slab.kmalloc(40, GFP_KERNEL, () => ({ slots: [0, 0, anyUsable ? 1 : 0, 0] }))) as { slots: number[] };
  let i = 0;
  while (i < obj.slots.length && obj.slots[i] === 0) i++;
  S.stage = kasan_array_read(obj, 'slots', obj.slots, i);
  slab.kfree(obj);
}

function* free_twice(twice: boolean): KGen {
  const obj = yield* slab.kmalloc(32, GFP_KERNEL, () => ({ v: 0 }));
  slab.kfree(obj);
  if (twice) slab.kfree(obj);
}

function* free_percpu_wrongly(wrong: boolean): KGen {
  const p = (yield* percpu.__alloc_percpu(8, () => ({ n: 0 }))) as percpu_ptr<{ n: number }>;
  if (wrong) slab.kfree(p);
  else yield* percpu.free_percpu(p);
}

function* leak(free: boolean): KGen {
  const obj = yield* slab.kmalloc(96, GFP_KERNEL, () => ({ v: 0 }));
  if (free) slab.kfree(obj);
}

/** A global a page may be kept in (kmemleak's scan finds it there). */
const keptPage = perMachineData(() => ({ page: null as page | null }));

/** Allocates a page and then puts it, keeps it where a global points, or drops it on the floor. */
function* page_user(end: 'put' | 'keep' | 'drop'): KGen {
  const p = yield* alloc_page(GFP_KERNEL);
  if (p === null) return;
  if (end === 'put') put_page(p);
  else if (end === 'keep') keptPage().page = p;
}

/** A module's cache: its init creates it, its users allocate from it, its exit destroys it. */
const moduleCache = perMachineData(() => ({ cache: null as kmem_cache | null, obj: null as object | null }));

function module_cache_init(): void {
  moduleCache().cache = kmem_cache_create('test_object', 96);
}

/** Takes an object from the module's cache, keeps it where a global points (kmemleak stays quiet), and gives it back or not. */
function* module_cache_user(free: boolean): KGen {
  const c = moduleCache();
  c.obj = yield* slab.kmem_cache_alloc(c.cache as kmem_cache, GFP_KERNEL);
  if (free && c.obj !== null) {
    slab.kmem_cache_free(c.cache as kmem_cache, c.obj);
    c.obj = null;
  }
}

/** The module's exit: destroys its cache. */
function module_cache_exit(): void {
  kmem_cache_destroy(moduleCache().cache as kmem_cache);
}

/** A global list head, in the data section kmemleak scans. */
const leakList = perMachineData(() => ({ head: list_head_zeroed() }));

/**
 * An object whose only reference is its embedded list node: on a list a global heads (kmemleak
 * finds the pointer into the block) or on one the function's frame held (nothing does).
 */
function* leak_on_list(globalList: boolean): KGen {
  const obj = yield* slab.kmalloc(64, GFP_KERNEL, () => embed_members({ v: 0, node: list_head_zeroed() }, ['node']));
  const head = globalList ? leakList().head : list_head_zeroed();
  INIT_LIST_HEAD(head);
  if (obj !== null) list_add(obj.node, head);
}

function* check_invariant(broken: boolean): KGen {
  yield* cond_resched();
  BUG_ON(broken, 'test/detectors.c');
}

/** Reads an RCU-protected pointer, inside a read-side section or (the bug) outside one. */
function* read_rcu_pointer(locked: boolean): KGen {
  if (locked) rcu_read_lock();
  S.done = rcu_dereference_check(S.done, false, 'test/detectors.c:42');
  yield* cond_resched();
  if (locked) rcu_read_unlock();
}

/** Waits for a flag in a loop with no scheduling point, as a translated C loop does; nothing ever sets it in the buggy variant. */
function* spin_on_flag(flag: { set: boolean }): KGen {
  let passes = 0;
  while (!flag.set) {
    loop_tick();
    if (++passes === 1000) flag.set = S.stage === 1;
  }
  yield* cond_resched();
}

/**
 * Waits for a count to drain by polling it with msleep(1), as snapshot_dtr() waits for
 * pending_exceptions_count; the buggy caller's count never reaches 0.
 */
function* poll_until_drained(count: { v: number }): KGen {
  while (count.v !== 0) {
    loop_tick();
    yield* timers.msleep(1);
  }
}

/**
 * Waits for a state to go idle by reading it every five seconds, as `mdadm --wait` reads
 * /proc/mdstat until a resync is over; the buggy caller's state never goes idle.
 */
function* wait_until_idle(state: { busy: boolean }): KGen {
  while (state.busy) {
    loop_tick();
    yield* timers.msleep(5000);
  }
}

/**
 * A kernel thread's body that sleeps for work in its own function, as md_thread() and
 * worker_thread() do when idle: a livelock report leaves it out.
 */
function* idle_thread(work: wait_queue_head_t): KGen {
  yield* wait_event_interruptible(work, () => false);
}

/**
 * A resync thread's work: it sleeps inside it until the other array's resync is done (as
 * md_do_sync() waits on resync_wait), then goes idle; the workload polls for that.
 */
function* resync_waits_for_peer(peer: { done: boolean; wq: wait_queue_head_t }, state: { busy: boolean }): KGen {
  yield* fns.wait_for_peer(peer);
  state.busy = false;
}

function* wait_for_peer(peer: { done: boolean; wq: wait_queue_head_t }): KGen {
  yield* wait_event_interruptible(peer.wq, () => peer.done);
}

/** The other array's resync ends, and wakes its waiters (or, buggy, forgets to). */
function* peer_finishes(peer: { done: boolean; wq: wait_queue_head_t }, wakes: boolean): KGen {
  yield* timers.msleep(1000);
  peer.done = true;
  if (wakes) wake_up(peer.wq);
}

/**
 * mdadm --wait polling a resync that sleeps on another array's end: the other's end forgets
 * its wake-up (`wakes` false), so the resync thread sleeps inside its work for good while the
 * poll goes on to the hour; an idle kernel thread sleeps beside it in its own wait for work.
 */
function resyncBehindLostWakeup(wakes: boolean): TestProgram {
  const peer = { done: false, wq: init_waitqueue_head('resync_wait') };
  const state = { busy: true };
  return prog(
    { 'mdadm-wait': () => fns.wait_until_idle(state) },
    {
      before: (m) => {
        m.spawn('md0_raid1', () => fns.idle_thread(init_waitqueue_head('thread->wqueue')), { daemon: true });
        m.spawn('md0_resync', () => fns.resync_waits_for_peer(peer, state), { daemon: true });
        m.spawn('md1_resync', () => fns.peer_finishes(peer, wakes), { daemon: true });
      },
    },
  );
}

function* submit_io(complete: boolean): KGen {
  const io: AccountedIo = { ioId: 1, describe: () => 'bio 1 (read, 4096 bytes)', blockers: () => [] };
  io_account_submit(io);
  yield* cond_resched();
  if (complete) io_account_complete(io, 0);
}

/** The device fails the bio; a completion path then passes the status on, or drops it. */
function* fail_io(passStatusOn: boolean): KGen {
  const bio = { bi_sector: 8 };
  const io: AccountedIo = { ioId: 2, describe: () => 'bio 2 (write, 4096 bytes)', blockers: () => [] };
  io_account_submit(io, bio);
  yield* cond_resched();
  io_account_failed(bio, -5, 'vdz');
  yield* fns.end_io(io, passStatusOn ? -5 : 0);
}

/**
 * A write of two pages goes down a stack that splits it in two; the device stores the first half,
 * and the second half is past the end of the layer's table. The layer ends the write with -EIO,
 * or (the mistake) with the status of the half that went through.
 */
function* write_past_end(passErrorOn: boolean): KGen {
  const pages = [{ page: 0 }, { page: 1 }];
  const io: AccountedIo = { ioId: 3, describe: () => 'bio 3 (write, 8192 bytes)', blockers: () => [] };
  io_account_submit(io);
  io_account_write(io, pages, 'dm-0');
  yield* cond_resched();
  io_account_stored(pages.slice(0, 1), 'sda', false);
  yield* fns.end_io(io, passErrorOn ? -5 : 0);
}

/**
 * A write to a stacked device lands in a member disk's volatile cache and completes; then a cache
 * flush of the stacked device is sent on to the member. The member's flush completes, or fails;
 * the layer ends the flush with `status`: 0 after a good member flush, the member's error after a
 * failed one, or (the mistake, as md_end_flush() does) 0 after a failed one. The write's and the
 * flush's ids are `id` and `id + 1`.
 */
function* flush_after_write(id: number, memberFlushSucceeds: boolean, status: number): KGen {
  const page = { page: 0 };
  const write: AccountedIo = { ioId: id, describe: () => `bio ${id} (write, 4096 bytes)`, blockers: () => [] };
  io_account_submit(write);
  io_account_write(write, [page], 'md9');
  yield* cond_resched();
  io_account_stored([page], 'sdx', false);
  yield* fns.end_io(write, 0);
  const flush: AccountedIo = { ioId: id + 1, describe: () => `bio ${id + 1} (flush)`, blockers: () => [] };
  io_account_submit(flush);
  io_account_flush(flush, 'md9');
  io_account_cache_flush_sent('sdx');
  yield* cond_resched();
  if (memberFlushSucceeds) io_account_cache_flushed('sdx');
  yield* fns.end_io(flush, status);
}

/** What a lookup returns: the item, or NULL when there is none (as here). */
function lookup_item(): { weight: number } | null {
  return null;
}

/**
 * Reads the weight of the item a lookup found, through the pointer as the lookup returned it
 * (NULL: the oops of a kernel NULL pointer dereference), or, corrected, checks it first.
 */
function* weight_of_item(checked: boolean): KGen<number> {
  yield* cond_resched();
  const item = lookup_item();
  if (checked && item === null) return 0;
  return (item as { weight: number }).weight;
}

function* end_io(io: AccountedIo, error: number): KGen {
  io_account_complete(io, error);
  yield* cond_resched();
}

/** A struct whose count and list the C says its lock protects: KCSAN's lockset check watches them. */
interface counter_box {
  lock: spinlock_t;
  count: number;
  items: list_head;
}

const boxes = kernel_structs('detectors', 'test/detectors.c', {
  counter_box: struct_type('counter_box', 32, (): counter_box => embed_members({ lock: spin_lock_init('box->lock'), count: 0, items: list_head_zeroed() }, ['items'])),
});

kcsan_protect('detectors', [
  protection<counter_box>({
    struct: 'counter_box',
    members: ['count'],
    lockName: 'box->lock',
    lockOf: (b) => b.lock,
    // The destructor runs when nobody else can reach the box.
    exclusiveIn: ['box_dtr'],
    because: 'test/detectors.c: "count is protected by box->lock"',
  }),
  protection<counter_box>({
    struct: 'counter_box',
    members: ['items.next', 'items.prev'],
    lockName: 'box->lock',
    lockOf: (b) => b.lock,
    because: 'test/detectors.c: "items are added under box->lock"',
  }),
]);

let box: counter_box;

/** A rule whose value is a C union: its weight and its bps share their bytes. */
interface rule_box {
  lock: spinlock_t;
  val: { weight: number; bps: number };
}

const rules = kernel_structs('detectors', 'test/detectors.c', {
  rule_box: struct_type('rule_box', 16, (): rule_box => embed_members({ lock: spin_lock_init('rule->lock'), val: { weight: 0, bps: 0 } }, ['val'])),
});

kcsan_protect('detectors', [
  protection<rule_box>({
    struct: 'rule_box',
    members: ['val.weight', 'val.bps'],
    union: 'val',
    lockName: 'rule->lock',
    lockOf: (r) => r.lock,
    because: 'test/detectors.c: "val is read and rewritten under rule->lock"',
  }),
]);

let rule: rule_box;

function* read_weight(): KGen<number> {
  yield* spinlock.spin_lock(rule.lock);
  const w = rule.val.weight;
  yield* spinlock.spin_unlock(rule.lock);
  return w;
}

function* set_bps(locked: boolean): KGen {
  if (locked) yield* spinlock.spin_lock(rule.lock);
  rule.val.bps = 1 << 20;
  if (locked) yield* spinlock.spin_unlock(rule.lock);
}

/** The owner sets the count up alone (no lock needed before anyone else sees the box). */
function* init_box(): KGen {
  box.count = 0;
  yield* cond_resched();
}

function* account_io(locked: boolean): KGen {
  if (locked) yield* spinlock.spin_lock(box.lock);
  box.count += 1;
  if (locked) yield* spinlock.spin_unlock(box.lock);
}

function* sample_count(): KGen<number> {
  yield* spinlock.spin_lock(box.lock);
  const n = box.count;
  yield* spinlock.spin_unlock(box.lock);
  return n;
}

/** Links an item onto the box under its lock. */
function* add_item(): KGen {
  yield* spinlock.spin_lock(box.lock);
  list_add(list_head_zeroed(), box.items);
  yield* spinlock.spin_unlock(box.lock);
}

/** Peeks at the list without the lock: list_empty() (a marked read) or the head's pointer itself. */
function* peek_items(marked: boolean): KGen<boolean> {
  const empty = marked ? list_empty(box.items) : box.items.next === box.items;
  yield* cond_resched();
  return empty;
}

/** Tears the box down once its users are gone: no lock needed by its lifecycle. */
function* box_dtr(): KGen {
  box.count = 0;
  yield* cond_resched();
}

/** The same store, made by a function that does not own the box alone. */
function* box_reset(): KGen {
  box.count = 0;
  yield* cond_resched();
}

/** A hash table of hlist buckets whose first pointers the C says one lock protects. */
interface hash_box {
  lock: spinlock_t;
  buckets: hlist_head[];
}

const hashes = kernel_structs('detectors', 'test/detectors.c', {
  hash_box: struct_type('hash_box', 24, (): hash_box => embed_members({ lock: spin_lock_init('hash->lock'), buckets: [hlist_head_zeroed(), hlist_head_zeroed()] }, ['buckets'])),
});

kcsan_protect('detectors', [
  protection<hash_box>({
    struct: 'hash_box',
    members: ['buckets[].first'],
    lockName: 'hash->lock',
    lockOf: (h) => h.lock,
    because: 'test/detectors.c: "entries are hashed in and out under hash->lock"',
  }),
]);

let hash: hash_box;

/** Hashes an entry into its bucket under the lock (dm-snap's track_chunk). */
function* track_item(n: hlist_node, bucket: number): KGen {
  yield* spinlock.spin_lock(hash.lock);
  hlist_add_head(n, hash.buckets[bucket] as hlist_head);
  yield* spinlock.spin_unlock(hash.lock);
}

/** Takes it out again, with or without the lock (stop_tracking_chunk as written, or not). */
function* untrack_item(n: hlist_node, locked: boolean): KGen {
  if (locked) yield* spinlock.spin_lock(hash.lock);
  hlist_del(n);
  if (locked) yield* spinlock.spin_unlock(hash.lock);
}

/** A cache of the last object looked up, published for RCU readers and changed under a lock. */
interface cache_box {
  lock: spinlock_t;
  cached: counter_box | null;
}

const caches = kernel_structs('detectors', 'test/detectors.c', {
  cache_box: struct_type('cache_box', 16, (): cache_box => embed_members({ lock: spin_lock_init('cache->lock'), cached: null }, [])),
});

kcsan_protect('detectors', [
  protection<cache_box>({
    struct: 'cache_box',
    members: ['cached'],
    pointers: true,
    lockName: 'cache->lock',
    lockOf: (c) => c.lock,
    rcuReads: true,
    because: 'test/detectors.c: "cached is set and cleared under cache->lock, read under rcu_read_lock"',
  }),
]);

let cache: cache_box;

/** Reads the cached pointer under RCU and caches the box under the lock when it is empty (cfq_cic_lookup). */
function* cache_lookup(): KGen {
  rcu_read_lock();
  const hit = cache.cached;
  rcu_read_unlock();
  if (hit !== null) return;
  yield* spinlock.spin_lock(cache.lock);
  cache.cached = box;
  yield* spinlock.spin_unlock(cache.lock);
}

/** Drops the cached pointer, with or without the lock (__cfq_exit_single_io_context as written, or not). */
function* cache_clear(locked: boolean): KGen {
  if (locked) yield* spinlock.spin_lock(cache.lock);
  cache.cached = null;
  if (locked) yield* spinlock.spin_unlock(cache.lock);
}

/** A pointer switched with both of its locks held and read under either (q->elevator: sysfs_lock and the queue lock). */
interface switch_box {
  outer: spinlock_t;
  inner: spinlock_t;
  current: counter_box | null;
}

const switches = kernel_structs('detectors', 'test/detectors.c', {
  switch_box: struct_type('switch_box', 24, (): switch_box => embed_members({ outer: spin_lock_init('sw->outer_lock'), inner: spin_lock_init('sw->inner_lock'), current: null }, [])),
});

kcsan_protect('detectors', [
  protection<switch_box>({
    struct: 'switch_box',
    members: ['current'],
    pointers: true,
    lockName: 'sw->outer_lock',
    lockOf: (sw) => sw.outer,
    readLockOf: (sw) => sw.inner,
    readLockName: 'sw->inner_lock',
    writeLockOf: (sw) => sw.inner,
    writeLockName: 'sw->inner_lock',
    because: 'test/detectors.c: "current is switched holding outer_lock and inner_lock; read it holding either"',
  }),
]);

let sw: switch_box;

/** Switches the pointer with both locks held, outer first (elevator_switch() and the init it calls), or with the outer one alone. */
function* switch_current(inner: boolean): KGen {
  yield* spinlock.spin_lock(sw.outer);
  if (inner) yield* spinlock.spin_lock(sw.inner);
  sw.current = box;
  if (inner) yield* spinlock.spin_unlock(sw.inner);
  yield* spinlock.spin_unlock(sw.outer);
}

/** Reads the pointer under the inner lock, or under neither (elv_iosched_show without queue_attr_show's lock). */
function* peek_current(locked: boolean): KGen {
  if (locked) yield* spinlock.spin_lock(sw.inner);
  const seen = sw.current;
  if (locked) yield* spinlock.spin_unlock(sw.inner);
  yield* cond_resched();
  return void seen;
}

/** A live pointer swapped under a mutex and read under SRCU (dm's md->map, io_barrier, suspend_lock). */
interface live_box {
  swap_lock: mutex;
  barrier: srcu_struct;
  live: counter_box | null;
}

const lives = kernel_structs('detectors', 'test/detectors.c', {
  live_box: struct_type('live_box', 32, (): live_box => embed_members({ swap_lock: mutex_init('lb->swap_lock'), barrier: new srcu_struct('lb->barrier'), live: null }, [])),
});

kcsan_protect('detectors', [
  protection<live_box>({
    struct: 'live_box',
    members: ['live'],
    pointers: true,
    lockName: 'lb->swap_lock',
    lockOf: (lb) => lb.swap_lock,
    srcuReadsOf: (lb) => lb.barrier,
    because: 'test/detectors.c: "live is swapped under swap_lock; read it under swap_lock or the barrier\'s SRCU"',
  }),
]);

let lb: live_box;

/** Swaps the live pointer under the mutex, then waits for the readers of the old one (__bind). */
function* swap_live(): KGen {
  yield* mutexes.mutex_lock(lb.swap_lock);
  lb.live = box;
  yield* mutexes.mutex_unlock(lb.swap_lock);
  yield* synchronize_srcu(lb.barrier);
}

/** Reads the live pointer inside an SRCU read section, or outside it (dm_get_live_table, or not). */
function* get_live(inSection: boolean): KGen {
  const idx = inSection ? srcu_read_lock(lb.barrier) : -1;
  const seen = lb.live;
  if (inSection) srcu_read_unlock(lb.barrier, idx);
  yield* cond_resched();
  return void seen;
}

/** Frees an object through call_rcu, once or (a second put of a freed object) twice. */
function* free_rcu_object(twice: boolean): KGen {
  const obj = { rcu: rcu_head_zeroed() };
  const free = function* (): KGen {};
  call_rcu(obj.rcu, free);
  if (twice) call_rcu(obj.rcu, free);
  yield* cond_resched();
}

/** A file's static registration list and the static lock beside it (md.c's pers_list and pers_lock). */
const registry_globals = perMachineData(() => ({ reg_list: LIST_HEAD_INIT(), reg_lock: spin_lock_init('reg_lock') }));

kcsan_protect('detectors', [
  staticListProtection({
    file: 'test/detectors.c',
    globals: registry_globals,
    list: 'reg_list',
    lock: 'reg_lock',
    because: 'test/detectors.c: "reg_list is protected by reg_lock"',
  }),
]);

/** Registers an entry on the static list under its lock (register_md_personality). */
function* register_item(): KGen {
  yield* spinlock.spin_lock(registry_globals().reg_lock);
  list_add_tail(list_head_zeroed(), registry_globals().reg_list);
  yield* spinlock.spin_unlock(registry_globals().reg_lock);
}

/** Looks at the list's first entry, with or without the lock (find_pers from md_run as written, or not). */
function* find_item(locked: boolean): KGen<boolean> {
  if (locked) yield* spinlock.spin_lock(registry_globals().reg_lock);
  const found = registry_globals().reg_list.next !== registry_globals().reg_list;
  if (locked) yield* spinlock.spin_unlock(registry_globals().reg_lock);
  yield* cond_resched();
  return found;
}

const fns = kernel_functions('test/detectors.c', {
  swap_live,
  get_live,
  switch_current,
  peek_current,
  free_rcu_object,
  register_item,
  find_item,
  weight_of_item,
  take_a_then_b,
  take_b_then_a,
  take_a_twice,
  take_a_in_turn,
  take_two_of_a_class,
  wait_for_flag,
  set_flag,
  hold_pool_element,
  wait_for_pool_element,
  alloc_under_a,
  writeback_takes_a,
  write_page_to_own_list,
  alloc_while_submitting,
  reclaiming_alloc,
  irq_takes_l,
  task_takes_l,
  alloc_under_spinlock,
  wait_for_done,
  complete_done,
  daemon_waits_then_completes,
  lock_pair,
  keep_running,
  queue_then_lock,
  lock_then_wait_io,
  use_after_free,
  free_twice,
  pick_slot,
  free_percpu_wrongly,
  leak,
  leak_on_list,
  page_user,
  module_cache_init,
  module_cache_user,
  module_cache_exit,
  check_invariant,
  submit_io,
  read_rcu_pointer,
  spin_on_flag,
  poll_until_drained,
  wait_until_idle,
  idle_thread,
  resync_waits_for_peer,
  wait_for_peer,
  peer_finishes,
  fail_io,
  write_past_end,
  flush_after_write,
  end_io,
  init_box,
  account_io,
  sample_count,
  box_dtr,
  box_reset,
  add_item,
  peek_items,
  read_weight,
  set_bps,
  track_item,
  untrack_item,
  cache_lookup,
  cache_clear,
});

/** A reader takes the rule's weight under the lock; a writer then stores its bps, with or without it. */
function unionRule(locked: boolean): TestProgram {
  return prog(
    {
      reader: function* () {
        yield* fns.read_weight();
        S.stage = 1;
      },
      writer: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.set_bps(locked);
      },
    },
    { before: () => { rule = rules.rule_box.make(); } },
  );
}

/**
 * One task caches a pointer under the lock and later clears it; another reads it meanwhile
 * under RCU. The RCU read of a pointer member is a plain read, so only the clear can be a race.
 */
function cachedPointer(locked: boolean): TestProgram {
  return prog(
    {
      exiter: function* () {
        yield* fns.cache_lookup();
        S.stage = 1;
        while (S.stage === 1) yield* cond_resched();
        yield* fns.cache_clear(locked);
      },
      user: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.cache_lookup();
        S.stage = 2;
      },
    },
    { before: () => { box = boxes.counter_box.make(); cache = caches.cache_box.make(); } },
  );
}

/**
 * One task switches the pointer twice with both locks held; another reads it in between, under
 * the lock readers may hold instead, or under none.
 */
function switchedPointer(locked: boolean, writerHoldsBoth = true): TestProgram {
  return prog(
    {
      switcher: function* () {
        yield* fns.switch_current(true);
        S.stage = 1;
        while (S.stage === 1) yield* cond_resched();
        yield* fns.switch_current(writerHoldsBoth);
      },
      reader: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.peek_current(locked);
        S.stage = 2;
      },
    },
    { before: () => { box = boxes.counter_box.make(); sw = switches.switch_box.make(); } },
  );
}

/**
 * One task swaps the live pointer twice under its mutex; another reads it in between, inside an
 * SRCU read section or outside it.
 */
function liveTable(inSection: boolean): TestProgram {
  return prog(
    {
      swapper: function* () {
        yield* fns.swap_live();
        S.stage = 1;
        while (S.stage === 1) yield* cond_resched();
        yield* fns.swap_live();
      },
      reader: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.get_live(inSection);
        S.stage = 2;
      },
    },
    { before: () => { box = boxes.counter_box.make(); lb = lives.live_box.make(); } },
  );
}

/** An entry hashed in by one task and taken out by another as its IO completes. */
function hashedEntry(locked: boolean): TestProgram {
  const entry = hlist_node_zeroed();
  return prog(
    {
      submitter: function* () {
        yield* fns.track_item(entry, 1);
        S.stage = 1;
      },
      completer: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.untrack_item(entry, locked);
      },
    },
    { before: () => { hash = hashes.hash_box.make(); } },
  );
}

/** The owner links an item under the lock; a second task peeks at the list without it. */
function peekedBox(marked: boolean): TestProgram {
  return prog(
    {
      owner: function* () {
        yield* fns.add_item();
        S.stage = 1;
      },
      peeker: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.peek_items(marked);
      },
    },
    {
      before: () => {
        box = boxes.counter_box.make();
        INIT_LIST_HEAD(box.items);
      },
    },
  );
}

/** Both tasks use the box under its lock; when both are done, one clears it without the lock. */
function boxTeardown(inDestructor: boolean): TestProgram {
  return prog(
    {
      owner: function* () {
        yield* fns.init_box();
        S.stage = 1;
        yield* fns.account_io(true);
        while (S.stage < 2) yield* cond_resched();
        yield* (inDestructor ? fns.box_dtr() : fns.box_reset());
      },
      sampler: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.sample_count();
        S.stage = 2;
      },
    },
    { before: () => { box = boxes.counter_box.make(); } },
  );
}

/**
 * One task sets the box up and accounts under the lock; then a second context touches the count
 * for the first time, once: the owner's locked access is the other side of the race.
 */
function secondContextBox(locked: boolean): TestProgram {
  return prog(
    {
      owner: function* () {
        yield* fns.init_box();
        yield* fns.account_io(true);
        S.stage = 1;
      },
      latecomer: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* (locked ? fns.account_io(true) : fns.box_reset());
      },
    },
    { before: () => { box = boxes.counter_box.make(); } },
  );
}

let boxPool: mempool_t<counter_box>;

/** A pool of one box whose allocator has nothing left once the pool is made: every mempool_alloc() takes the reserve. */
function* make_box_pool(): KGen {
  let made = 0;
  boxPool = yield* mempools.mempool_create<counter_box>(
    1,
    function* () {
      yield* cond_resched();
      return made++ < 1 ? boxes.counter_box.make() : null;
    },
    () => undefined,
    null,
  );
}

/**
 * A user of the box: takes it (from the pool, or as the last user left it), sets it up alone,
 * accounts under its lock and gives it back.
 */
function* use_box(fromPool: boolean): KGen {
  if (fromPool) box = (yield* mempools.mempool_alloc(boxPool, GFP_NOIO)) as counter_box;
  yield* fns.init_box();
  yield* fns.account_io(true);
  if (fromPool) yield* mempools.mempool_free(box, boxPool);
}

/**
 * Two users of one box in turn. Taken again from the mempool's reserve, the box starts a new
 * life and its second user sets it up alone as the first did; handed over with no allocation
 * between, the second user's unlocked set-up races with the first user's locked accounting.
 */
function boxReusedInTurn(fromPool: boolean): TestProgram {
  return prog({
    first: function* () {
      yield* make_box_pool();
      if (!fromPool) box = boxes.counter_box.make();
      yield* use_box(fromPool);
      S.stage = 1;
    },
    second: function* () {
      while (S.stage === 0) yield* cond_resched();
      yield* use_box(fromPool);
    },
  });
}

/**
 * One task registers an entry (as an initcall would), another then looks the list up. With
 * `ownerLooksUp`, the registering task also looks it up under the lock before the other comes
 * (as the boot's first disk finds its elevator): its last access is then a read.
 */
function registryLookup(locked: boolean, ownerLooksUp = false): TestProgram {
  return prog({
    registrar: function* () {
      yield* fns.register_item();
      if (ownerLooksUp) yield* fns.find_item(true);
      S.stage = 1;
    },
    finder: function* () {
      while (S.stage === 0) yield* cond_resched();
      yield* fns.find_item(locked);
    },
  });
}

/**
 * One task sets the box up alone and publishes it; once the other has sampled it, the first
 * accounts (with or without the lock) while the other samples again.
 */
function racyBox(locked: boolean): TestProgram {
  return prog(
    {
      owner: function* () {
        yield* fns.init_box();
        S.stage = 1;
        while (S.stage === 1) yield* cond_resched();
        yield* fns.account_io(locked);
      },
      sampler: function* () {
        while (S.stage === 0) yield* cond_resched();
        yield* fns.sample_count();
        S.stage = 2;
        yield* fns.sample_count();
      },
    },
    { before: () => { box = boxes.counter_box.make(); } },
  );
}

import { HZ, current, loop_tick } from '../../kernel-model/sim/machine.ts';
function current_task(): task_struct {
  return current();
}

export interface DetectorCase {
  name: string;
  title: string;
  plan?: Partial<FaultPlan>;
  buggy: () => TestProgram;
  fixed: () => TestProgram;
}

/** Boots md0, a raid1 mirror over sda and sdc, for the mirror programs below. */
const bootMirror = (m: Machine) => bootDevices(m, { sda: 4096, sdc: 4096 }, [], [{ level: 1, members: ['sda', 'sdc'] }]);

/**
 * md0, a RAID1 array over two disks, written to; then a write md_write_start() counts, which (as
 * on an error path that returns early) md_write_end() never ends, or, corrected, does.
 */
function mirrorWithCountedWrite(ended: boolean): TestProgram {
  return v315Program(
    bootMirror,
    (dev) => ({
      writer: function* () {
        const md = dev().md[0];
        yield* withOpen(md_dev_path(md), (bdev) => submitAndWait(bdev, WRITE, 8, 8));
        const b = (yield* bio_h.bio_alloc(GFP_NOIO, 1)) as bio;
        b.bi_rw = WRITE;
        yield* md_c.md_write_start(md, b);
        if (ended) yield* md_c.md_write_end(md);
        yield* bio_c.bio_put(b);
      },
    }),
  );
}

/**
 * A mirror written through, then a reference taken on its first member's count of pending IO
 * as read_balance() takes one for the read it sends there (atomic_inc(&rdev->nr_pending)),
 * never dropped (or, corrected, dropped by rdev_dec_pending() as the read's completion does).
 */
function mirrorWithPendingMemberIo(dropped: boolean): TestProgram {
  return v315Program(
    bootMirror,
    (dev) => ({
      reader: function* () {
        const md = dev().md[0];
        yield* withOpen(md_dev_path(md), (bdev) => submitAndWait(bdev, WRITE, 8, 8));
        const rdev = list_first_entry<md_rdev>(md.disks, 'same_set');
        yield* atomic_inc(rdev.nr_pending);
        if (dropped) yield* md_h.rdev_dec_pending(rdev, md);
      },
    }),
  );
}

/** A disk written to, then `then` run on its gendisk (an accounting step of the program's own). */
function diskWrittenThen(then: (disk: gendisk) => KGen): TestProgram {
  return v315Program(
    (m) => bootDevices(m, { sda: 4096 }, []),
    (dev) => ({
      writer: function* () {
        yield* withOpen('/dev/sda', (bdev) => submitAndWait(bdev, WRITE, 8, 8));
        yield* then(dev().disks.sda.disk);
      },
    }),
  );
}

/**
 * A driver's own accounting of one more write in flight (part_inc_in_flight()) that it never
 * ends (or, corrected, ends with part_dec_in_flight()).
 */
function diskWithAccountedWrite(ended: boolean): TestProgram {
  return diskWrittenThen(function* (disk) {
    yield* genhd_h.part_inc_in_flight(disk.part0, WRITE);
    if (ended) yield* genhd_h.part_dec_in_flight(disk.part0, WRITE);
  });
}

/**
 * A disk partitioned (BLKPG_ADD_PARTITION on the open whole disk, as parted does) and written
 * through its first partition, then the program's own accounting of one more write in flight on
 * that partition (part_inc_in_flight() of sda1's hd_struct, which counts part0 too), never ended
 * (or, corrected, ended with part_dec_in_flight()).
 */
function partitionWithAccountedWrite(ended: boolean): TestProgram {
  return v315Program(
    (m) => bootDevices(m, { sda: 4096 }, []),
    (dev) => ({
      writer: function* () {
        const disk = dev().disks.sda.disk;
        const added = yield* withOpen('/dev/sda', (whole) => blkpg(whole, BLKPG_ADD_PARTITION, 1, { start: 2048, length: 1024 }));
        if (added !== 0) throw new Error(`BLKPG_ADD_PARTITION: ${added}`);
        yield* withOpen('/dev/sda1', (bdev) => submitAndWait(bdev, WRITE, 8, 8));
        const part = genhd_parts.disk_get_part(disk, 1);
        if (part === null) throw new Error('sda1 is gone');
        yield* genhd_h.part_inc_in_flight(part, WRITE);
        if (ended) yield* genhd_h.part_dec_in_flight(part, WRITE);
        yield* genhd_parts.disk_put_part(part);
      },
    }),
  );
}

/**
 * A reference to part0 taken as blk_account_io_start() takes one for an accounted request
 * (hd_struct_try_get()), never put (or, corrected, put as blk_account_io_done() puts it).
 */
function diskWithPart0Reference(put: boolean): TestProgram {
  return diskWrittenThen(function* (disk) {
    if (!(yield* genhd_h.hd_struct_try_get(disk.part0))) throw new Error('part0 is going away');
    if (put) yield* genhd_h.hd_struct_put(disk.part0);
  });
}

/**
 * The same on the v3.2 tree, whose part0 is counted alike (hd_ref_init(), hd_struct_try_get()
 * in blk_account_io_start()): a v3.2 request-based disk written once, then a reference taken on
 * its part0 and never put (or, corrected, put).
 */
function v32DiskWithPart0Reference(put: boolean): TestProgram {
  let disk: sim_rq_disk;
  return {
    cpus: 1,
    base: 'v3.2',
    before: (m) => {
      disk = bootDisk(m, 'vda');
    },
    tasks: {
      writer: function* () {
        yield* submitAndWaitV32(disk, WRITE, 8, 8);
        if (!(yield* genhd_v32.hd_struct_try_get(disk.disk.part0))) throw new Error('part0 is going away');
        if (put) yield* genhd_v32.hd_struct_put(disk.disk.part0);
      },
    },
    teardown: () => sim_rq_disk_ops.sim_rq_disk_remove(disk),
  };
}

/**
 * A mirror written through while the writer holds a reference to the raid1 module, as a driver
 * pins a personality for what it runs; the reference is kept (or, corrected, dropped), and the
 * teardown stops the array, removes the disks and unloads the modules (rmmod).
 */
function mirrorThenRmmod(dropped: boolean): TestProgram {
  const p = v315Program(
    bootMirror,
    (dev) => ({
      writer: function* () {
        const owner = dev().md[0].pers.owner;
        if (!try_module_get(owner)) throw new Error('raid1 is not live');
        yield* withOpen(md_dev_path(dev().md[0]), (bdev) => submitAndWait(bdev, WRITE, 8, 8));
        if (dropped) module_put(owner);
      },
    }),
  );
  const removeDevices = p.teardown as () => KGen;
  return {
    ...p,
    teardown: function* () {
      yield* removeDevices();
      yield* delete_modules('v3.15');
    },
  };
}

/**
 * md0 watched by mdadm --monitor; once the monitor has read /proc/mdstat, a task takes the
 * array's lock and stops it as do_md_stop() does, without (or, corrected, with) the
 * md_new_event() do_md_stop() ends with.
 */
function mirrorStoppedUnderMonitor(counted: boolean): TestProgram {
  let started = false;
  return v315Program(
    bootMirror,
    (dev) => ({
      monitor: () => mdadm_monitor(60 * HZ, () => void (started = true)),
      stopper: function* () {
        while (!started) yield* timers.msleep(1);
        const md = dev().md[0];
        yield* md_c.mddev_lock(md);
        yield* md_c.__md_stop_writes(md);
        yield* md_c.__md_stop(md);
        if (counted) yield* md_c.md_new_event(md);
        yield* md_c.mddev_unlock(md);
      },
    }),
  );
}

/**
 * A dm target type of the dm_snapshot module registered (as the module's init does), then
 * left on dm's list (or, corrected, unregistered as its exit should) before rmmod.
 */
function targetTypeAtRmmod(unregistered: boolean): TestProgram {
  const tt = struct_init(target_type_type.make(), { name: 'leftover', module: THIS_MODULE('dm_snapshot'), version: [1, 0, 0] });
  return {
    base: 'v3.15',
    tasks: {
      insmod: function* () {
        const r = yield* dm_target_c.dm_register_target(tt);
        if (r) throw new Error(`dm_register_target: ${r}`);
        if (unregistered) yield* dm_target_c.dm_unregister_target(tt);
      },
    },
    teardown: () => delete_modules('v3.15'),
  };
}

function prog(tasks: Record<string, () => KGen>, extra: Partial<TestProgram> = {}): TestProgram {
  return { cpus: 2, ...extra, before: (m: Machine) => { fresh(); extra.before?.(m); }, tasks };
}

export const cases: DetectorCase[] = [
  {
    name: 'ab-ba',
    title: 'possible deadlock in take_b_then_a',
    buggy: () => prog({ first: function* () { yield* fns.take_a_then_b(); S.stage = 1; }, second: function* () { while (S.stage === 0) yield* cond_resched(); yield* fns.take_b_then_a(); } }),
    fixed: () => prog({ first: function* () { yield* fns.take_a_then_b(); S.stage = 1; }, second: function* () { while (S.stage === 0) yield* cond_resched(); yield* fns.take_a_then_b(); } }),
  },
  {
    name: 'aa',
    title: 'possible deadlock in take_a_twice',
    buggy: () => prog({ t: () => fns.take_a_twice() }),
    fixed: () => prog({ t: () => fns.take_a_in_turn() }),
  },
  {
    name: 'aa-nested',
    title: 'possible deadlock in take_two_of_a_class',
    buggy: () => prog({ t: () => fns.take_two_of_a_class(false) }),
    fixed: () => prog({ t: () => fns.take_two_of_a_class(true) }),
  },
  {
    name: 'lost-wakeup',
    title: 'lost wake-up in wait_for_flag',
    buggy: () => prog({ waiter: () => fns.wait_for_flag(), setter: () => fns.set_flag(false) }),
    fixed: () => prog({ waiter: () => fns.wait_for_flag(), setter: () => fns.set_flag(true) }),
  },
  {
    name: 'lost-wakeup-mempool',
    title: 'lost wake-up in mempool_alloc',
    plan: { memory: 'exhausted' },
    buggy: () => prog({ holder: () => fns.hold_pool_element(false), waiter: () => fns.wait_for_pool_element() }),
    fixed: () => prog({ holder: () => fns.hold_pool_element(true), waiter: () => fns.wait_for_pool_element() }),
  },
  {
    name: 'reclaim-fs',
    title: 'inconsistent lock state in writeback_takes_a',
    plan: { memory: 'low' },
    buggy: () => prog({ holder: () => fns.alloc_under_a(GFP_KERNEL), reclaimer: () => fns.reclaiming_alloc() }, { before: () => register_reclaim_writeback(fns.writeback_takes_a) }),
    fixed: () => prog({ holder: () => fns.alloc_under_a(GFP_NOIO), reclaimer: () => fns.reclaiming_alloc() }, { before: () => register_reclaim_writeback(fns.writeback_takes_a) }),
  },
  {
    // throttle_vm_writeout() waits on writeback only for an allocation that may do IO.
    name: 'reclaim-throttle-own-writeback',
    title: 'INFO: task hung in throttle_vm_writeout',
    plan: { memory: 'high' },
    buggy: () => prog({ submitter: () => fns.alloc_while_submitting(GFP_KERNEL) }, { before: () => register_reclaim_writeback(fns.write_page_to_own_list) }),
    fixed: () => prog({ submitter: () => fns.alloc_while_submitting(GFP_NOIO) }, { before: () => register_reclaim_writeback(fns.write_page_to_own_list) }),
  },
  {
    name: 'irq-inversion',
    title: 'inconsistent lock state in task_takes_l',
    buggy: () => prog({ t: function* () { yield* fns.task_takes_l(false); yield* fns.task_takes_l(false); } }, { before: (m) => m.raiseIrq('hardirq', 'dev', fns.irq_takes_l) }),
    fixed: () => prog({ t: function* () { yield* fns.task_takes_l(true); yield* fns.task_takes_l(true); } }, { before: (m) => m.raiseIrq('hardirq', 'dev', fns.irq_takes_l) }),
  },
  {
    name: 'sleep-in-atomic',
    title: 'BUG: sleeping function called from invalid context in alloc_under_spinlock',
    buggy: () => prog({ t: () => fns.alloc_under_spinlock(GFP_KERNEL) }),
    fixed: () => prog({ t: () => fns.alloc_under_spinlock(GFP_ATOMIC) }),
  },
  {
    name: 'global-hang',
    title: 'INFO: task hung in wait_for_done',
    buggy: () => prog({ waiter: () => fns.wait_for_done() }),
    fixed: () => prog({ waiter: () => fns.wait_for_done(), completer: () => fns.complete_done() }),
  },
  {
    // Nothing left to run: the workload task waits with no kernel frame, the kernel thread it
    // waits for is in D state inside the kernel, and the title names where the thread is stuck.
    name: 'daemon-hang',
    title: 'INFO: task hung in daemon_waits_then_completes',
    buggy: () => daemonBlocksWorkload(false),
    fixed: () => daemonBlocksWorkload(true),
  },
  {
    // A workload task waiting for its own bio with nothing in the kernel blocked: the title
    // names the kernel function its wait stands for, not __schedule.
    name: 'workload-hang',
    title: 'INFO: task hung in submit_bio_wait',
    buggy: () => workloadWaitsForBio(false),
    fixed: () => workloadWaitsForBio(true),
  },
  {
    // The same reader sleeps longest, and a task blocked in the kernel proper comes after it:
    // the title names where the kernel is stuck, not the reader's stand-in frame.
    name: 'workload-and-kernel-hang',
    title: 'INFO: task hung in wait_for_done',
    buggy: () => workloadWaitsForBio(false, true),
    fixed: () => workloadWaitsForBio(true, true),
  },
  {
    name: 'partial-hang',
    title: 'INFO: task hung in lock_pair',
    buggy: () => prog({ x: () => fns.lock_pair(S.a, S.b, 1), y: () => fns.lock_pair(S.b, S.a, 2), bystander: () => fns.keep_running() }, { cpus: 3 }),
    fixed: () => prog({ x: () => fns.lock_pair(S.a, S.b, 1), bystander: () => fns.keep_running(), y: function* () { while (!(S.stage & 1)) yield* cond_resched(); S.stage |= 2; } }, { cpus: 3 }),
  },
  {
    name: 'queued-bio-hang',
    // The report prints the stuck tasks in creation order; the title names the first, as syzbot's does.
    title: 'INFO: task hung in queue_then_lock',
    buggy: () => prog({ submitter: () => fns.queue_then_lock(false), waiter: () => fns.lock_then_wait_io() }),
    fixed: () => prog({ submitter: () => fns.queue_then_lock(true), waiter: () => fns.lock_then_wait_io() }),
  },
  {
    name: 'suspicious-rcu',
    title: 'suspicious RCU usage at test/detectors.c:42',
    buggy: () => prog({ t: () => fns.read_rcu_pointer(false) }),
    fixed: () => prog({ t: () => fns.read_rcu_pointer(true) }),
  },
  {
    name: 'soft-lockup',
    title: 'BUG: soft lockup in spin_on_flag',
    buggy: () => prog({ t: () => fns.spin_on_flag({ set: false }) }),
    fixed: () => prog({ t: function* () { S.stage = 1; yield* fns.spin_on_flag({ set: false }); } }),
  },
  {
    // A count that went below zero (a get left out): the poll never ends, nothing is quiescent
    // and the task switches every jiffy, so only the step bound shows it.
    name: 'livelock',
    title: 'livelock in poll_until_drained',
    buggy: () => prog({ t: () => fns.poll_until_drained({ v: -1 }) }, { maxSteps: 20_000 }),
    fixed: () => prog({ t: () => fns.poll_until_drained({ v: 0 }) }, { maxSteps: 20_000 }),
  },
  {
    // A wait for a state that never comes, reading it every five seconds: few steps, so the run
    // reaches its hour of virtual time first, with the task still waiting.
    name: 'livelock-time-limit',
    title: 'livelock in wait_until_idle',
    buggy: () => prog({ t: () => fns.wait_until_idle({ busy: true }) }),
    fixed: () => prog({ t: () => fns.wait_until_idle({ busy: false }) }),
  },
  {
    name: 'livelock-kthread-in-work',
    title: 'livelock in wait_until_idle',
    buggy: () => resyncBehindLostWakeup(false),
    fixed: () => resyncBehindLostWakeup(true),
  },
  {
    // A lock left out around a section with no scheduling point inside: the lockset check sees
    // it whichever way the two tasks interleave; the owner's unlocked set-up is not a race.
    name: 'kcsan-data-race',
    title: 'KCSAN: data-race in account_io / sample_count',
    buggy: () => racyBox(false),
    fixed: () => racyBox(true),
  },
  {
    // A second context's first and only access, without the lock, to a member its owner
    // updated under the lock (a delete on teardown racing with the adds of the IO path).
    name: 'kcsan-second-context',
    title: 'KCSAN: data-race in account_io / box_reset',
    buggy: () => secondContextBox(false),
    fixed: () => secondContextBox(true),
  },
  {
    // Eraser's reset on allocation: an element taken again from a mempool's reserve carries
    // no history from its last user; the same object passed on without one does.
    name: 'kcsan-reallocated',
    title: 'KCSAN: data-race in account_io / init_box',
    buggy: () => boxReusedInTurn(false),
    fixed: () => boxReusedInTurn(true),
  },
  {
    // A test for emptiness before the lock is taken is a marked read (READ_ONCE() in later
    // kernels' list_empty()): not a race; reading the head's pointer plainly is.
    name: 'kcsan-marked-read',
    title: 'KCSAN: data-race in add_item / peek_items',
    buggy: () => peekedBox(false),
    fixed: () => peekedBox(true),
  },
  {
    // The members of a union are one location: a store to one without the lock races with a
    // read of another under it (two members of a struct would not meet).
    name: 'kcsan-union',
    title: 'KCSAN: data-race in read_weight / set_bps',
    buggy: () => unionRule(false),
    fixed: () => unionRule(true),
  },
  {
    // A pointer member read under RCU and changed under its lock: clearing it without the lock
    // races with the store that cached it; the RCU read-back of the pointer is not a race.
    name: 'kcsan-rcu-pointer',
    title: 'KCSAN: data-race in cache_clear / cache_lookup',
    buggy: () => cachedPointer(false),
    fixed: () => cachedPointer(true),
  },
  {
    // A member written holding two locks and read holding either: a read under the second lock
    // is no race with the switch, a read under neither is.
    name: 'kcsan-read-lock',
    title: 'KCSAN: data-race in peek_current / switch_current',
    buggy: () => switchedPointer(false),
    fixed: () => switchedPointer(true),
  },
  {
    // The same member switched again holding the first lock alone: the reader under the second
    // lock sees a change in progress.
    name: 'kcsan-write-lock',
    title: 'KCSAN: data-race in peek_current / switch_current',
    buggy: () => switchedPointer(true, false),
    fixed: () => switchedPointer(true, true),
  },
  {
    // A pointer swapped under its mutex and read under SRCU (dm's live table): a read inside
    // the SRCU read section is no race with the swap, a read outside it is.
    name: 'kcsan-srcu-pointer',
    title: 'KCSAN: data-race in get_live / swap_live',
    buggy: () => liveTable(false),
    fixed: () => liveTable(true),
  },
  {
    // A rule on one member of every element of an array (the first pointers of a hash table's
    // buckets): a delete without the lock races with the add that linked the entry.
    name: 'kcsan-hash-bucket',
    title: 'KCSAN: data-race in track_item / untrack_item',
    buggy: () => hashedEntry(false),
    fixed: () => hashedEntry(true),
  },
  {
    // CONFIG_DEBUG_OBJECTS_RCU_HEAD: an rcu_head queued again before its callback ran (an
    // object freed twice through call_rcu) is an active object activated again.
    name: 'odebug-rcu-head',
    title: 'WARNING: ODEBUG bug in free_rcu_object',
    buggy: () => prog({ t: () => fns.free_rcu_object(true) }),
    fixed: () => prog({ t: () => fns.free_rcu_object(false) }),
  },
  {
    // A rule about a file's globals: a static list registered under its static lock at boot
    // and walked later by another task without it.
    name: 'kcsan-static-list',
    title: 'KCSAN: data-race in find_item / register_item',
    buggy: () => registryLookup(false),
    fixed: () => registryLookup(true),
  },
  {
    // The owner's locked write is remembered past its later locked reads: an unlocked read by a
    // second context meets the registration, not only the owner's last lookup (read against
    // read, which is no race).
    name: 'kcsan-owner-write',
    title: 'KCSAN: data-race in find_item / register_item',
    buggy: () => registryLookup(false, true),
    fixed: () => registryLookup(true, true),
  },
  {
    // A rule's lifecycle functions own the object alone: the same unlocked store is a race
    // anywhere else.
    name: 'kcsan-destructor',
    title: 'KCSAN: data-race in box_reset / sample_count',
    buggy: () => boxTeardown(false),
    fixed: () => boxTeardown(true),
  },
  {
    name: 'uaf-read',
    title: 'KASAN: use-after-free Read in use_after_free',
    buggy: () => prog({ t: () => fns.use_after_free(false, true) }),
    fixed: () => prog({ t: () => fns.use_after_free(false, false) }),
  },
  {
    name: 'uaf-write',
    title: 'KASAN: use-after-free Write in use_after_free',
    buggy: () => prog({ t: () => fns.use_after_free(true, true) }),
    fixed: () => prog({ t: () => fns.use_after_free(true, false) }),
  },
  {
    // An index nothing bounds: a search that finds nothing leaves it one past the array's end.
    name: 'slab-out-of-bounds',
    title: 'KASAN: slab-out-of-bounds Read in pick_slot',
    buggy: () => prog({ t: () => fns.pick_slot(false) }),
    fixed: () => prog({ t: () => fns.pick_slot(true) }),
  },
  {
    name: 'double-free',
    title: 'KASAN: double-free or invalid-free in free_twice',
    buggy: () => prog({ t: () => fns.free_twice(true) }),
    fixed: () => prog({ t: () => fns.free_twice(false) }),
  },
  {
    name: 'invalid-free',
    title: 'KASAN: double-free or invalid-free in free_percpu_wrongly',
    buggy: () => prog({ t: () => fns.free_percpu_wrongly(true) }),
    fixed: () => prog({ t: () => fns.free_percpu_wrongly(false) }),
  },
  {
    name: 'leak',
    title: 'memory leak in leak',
    buggy: () => prog({ t: () => fns.leak(false) }),
    fixed: () => prog({ t: () => fns.leak(true) }),
  },
  {
    name: 'cache-still-has-objects',
    title: 'kmem_cache_destroy: slab cache still has objects in module_cache_exit',
    buggy: () => prog({ t: function* () { fns.module_cache_init(); yield* fns.module_cache_user(false); fns.module_cache_exit(); } }),
    fixed: () => prog({ t: function* () { fns.module_cache_init(); yield* fns.module_cache_user(true); fns.module_cache_exit(); } }),
  },
  {
    // page_owner after teardown: a page allocated and never put, referenced by nothing. One put
    // frees it; one kept where a global points is still in use.
    name: 'page-leak',
    title: 'page leak in page_user',
    buggy: () => prog({ t: () => fns.page_user('drop') }),
    fixed: () => prog({ t: function* () { yield* fns.page_user('put'); yield* fns.page_user('keep'); } }),
  },
  {
    name: 'leak-interior-pointer',
    title: 'memory leak in leak_on_list',
    buggy: () => prog({ t: () => fns.leak_on_list(false) }),
    fixed: () => prog({ t: () => fns.leak_on_list(true) }),
  },
  {
    // Two sites leak in one run: each is its own report, so the second is not hidden behind
    // the first one's title (a mutant leaking beside a known leak).
    name: 'leak-behind-another',
    title: 'memory leak in leak_on_list',
    buggy: () => prog({ t: function* () { yield* fns.leak(false); yield* fns.leak_on_list(false); } }),
    fixed: () => prog({ t: function* () { yield* fns.leak(true); yield* fns.leak_on_list(true); } }),
  },
  {
    name: 'bug-on',
    title: 'kernel BUG in check_invariant',
    buggy: () => prog({ t: () => fns.check_invariant(true) }),
    fixed: () => prog({ t: () => fns.check_invariant(false) }),
  },
  {
    name: 'lost-io-error',
    title: 'lost IO error: bio failed on the device but completed without error',
    buggy: () => prog({ t: () => fns.fail_io(false) }),
    fixed: () => prog({ t: () => fns.fail_io(true) }),
  },
  {
    name: 'lost-write',
    title: 'lost write: bio completed without error before its data reached a device',
    buggy: () => prog({ t: () => fns.write_past_end(false) }),
    fixed: () => prog({ t: () => fns.write_past_end(true) }),
  },
  {
    name: 'lost-flush',
    title: 'lost flush: flush completed without error before earlier writes were durable',
    buggy: () => prog({ t: () => fns.flush_after_write(4, false, 0) }),
    fixed: () => prog({ t: function* () { yield* fns.flush_after_write(4, false, -5); yield* fns.flush_after_write(6, true, 0); } }),
  },
  {
    name: 'md-left-active',
    title: 'md: array left active after its writes stopped',
    buggy: () => mirrorWithCountedWrite(false),
    fixed: () => mirrorWithCountedWrite(true),
  },
  {
    name: 'md-member-pending',
    title: 'accounting drift in md member nr_pending',
    buggy: () => mirrorWithPendingMemberIo(false),
    fixed: () => mirrorWithPendingMemberIo(true),
  },
  {
    name: 'disk-inflight',
    title: 'accounting drift in sda in_flight',
    buggy: () => diskWithAccountedWrite(false),
    fixed: () => diskWithAccountedWrite(true),
  },
  {
    name: 'disk-partition-inflight',
    title: 'accounting drift in sda1 in_flight',
    buggy: () => partitionWithAccountedWrite(false),
    fixed: () => partitionWithAccountedWrite(true),
  },
  {
    name: 'disk-part0-ref',
    title: 'accounting drift in sda part0 reference',
    buggy: () => diskWithPart0Reference(false),
    fixed: () => diskWithPart0Reference(true),
  },
  {
    name: 'disk-part0-ref-v3.2',
    title: 'accounting drift in vda part0 reference',
    buggy: () => v32DiskWithPart0Reference(false),
    fixed: () => v32DiskWithPart0Reference(true),
  },
  {
    name: 'module-in-use',
    title: 'module raid1 still in use after teardown',
    buggy: () => mirrorThenRmmod(false),
    fixed: () => mirrorThenRmmod(true),
  },
  {
    name: 'lost-md-event',
    title: 'lost md event: array stopped with md_event_count unchanged',
    buggy: () => mirrorStoppedUnderMonitor(false),
    fixed: () => mirrorStoppedUnderMonitor(true),
  },
  {
    name: 'module-still-registered',
    title: 'module dm_snapshot unloaded while still registered',
    buggy: () => targetTypeAtRmmod(false),
    fixed: () => targetTypeAtRmmod(true),
  },
  {
    name: 'null-deref',
    title: 'BUG: unable to handle kernel NULL pointer dereference in weight_of_item',
    buggy: () => prog({ t: function* () { yield* fns.weight_of_item(false); } }),
    fixed: () => prog({ t: function* () { yield* fns.weight_of_item(true); } }),
  },
  {
    name: 'lost-bio',
    title: 'lost IO: bio never completed',
    buggy: () => prog({ t: () => fns.submit_io(false) }),
    fixed: () => prog({ t: () => fns.submit_io(true) }),
  },
];
