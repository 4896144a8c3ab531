// RAID1 (drivers/md/raid1.c, v3.15), simplified: a read goes to one mirror, a write to every
// mirror; the master bio completes when the last mirror's clone does. Writes are not submitted
// from make_request: they wait on the task's plug (raid1_unplug submits them when the plug is
// finished, or hands them to raid1d when the task sleeps) or on conf->pending_bio_list for the
// raid1d thread - the plug-callback mechanism of blk-core that md brought in.
//
// Simplified: every clone comes from bio_kmalloc, as raid1's resync buffers (r1buf_pool_alloc)
// did at the time - its normal I/O cloned from mddev->bio_set with bio_clone_mddev - so that
// stacking scenarios have clones without a bio_set, which current->bio_list flushing by bio_set
// cannot move. No resync (the barrier is never raised), no bad blocks, no write-behind, no
// retry of failed reads or writes (a failed read fails the master; a write fails only if every
// mirror failed), read balancing by nearest head position only.

import { ATOMIC_INIT, atomic_dec_and_test, atomic_inc, atomic_set, type atomic_t } from '../../include/linux/atomic.ts';
import { BUG_ON } from '../../include/asm-generic/bug.ts';
import {
  type bio,
  type bio_list,
  BIO_UPTODATE,
  READ,
  WRITE,
  bio_data_dir,
  bio_flagged,
  bio_list_add,
  bio_list_get,
  bio_list_init,
  bio_list_merge,
  bio_sectors,
} from '../../include/linux/bio.ts';
import type { blk_plug, blk_plug_cb, request_queue } from '../../include/linux/blkdev.ts';
import { GFP_KERNEL, GFP_NOIO, type gfp_t } from '../../include/linux/gfp.ts';
import { blk_core } from '../../block/blk-core.ts';
import { bios } from '../../fs/bio.ts';
import { spin_lock_init, spinlock, type spinlock_t } from '../../kernel/locking/spinlock.ts';
import { type wait_queue_head_t, init_waitqueue_head, wake_up } from '../../kernel/sched/wait.ts';
import { mempools, type mempool_t } from '../../mm/mempool.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import { current } from '../../sim/machine.ts';
import type { KGen } from '../../sim/task.ts';
import { type md_thread, type mddev, md, md_alloc, md_wakeup_thread } from './md.ts';

/** The r1bio pool's reserve: 256 in the C, 16 here (see MIN_JOBS in dm-kcopyd.ts for why). */
const NR_RAID1_BIOS = 16;

/** r1bio->state bits */
const R1BIO_Uptodate = 0;
const R1BIO_Returned = 6;

interface raid1_info {
  rdev: request_queue;
  head_position: number;
}

export interface r1conf {
  mddev: mddev;
  mirrors: raid1_info[];
  raid_disks: number;
  r1bio_pool: mempool_t<r1bio>;
  device_lock: spinlock_t;
  /** Writes waiting for raid1d. */
  pending_bio_list: bio_list;
  pending_count: number;
  resync_lock: spinlock_t;
  nr_pending: number;
  wait_barrier: wait_queue_head_t;
}

interface r1bio {
  remaining: atomic_t;
  sector: number;
  sectors: number;
  state: number;
  mddev: mddev;
  master_bio: bio;
  read_disk: number;
  bios: (bio | null)[];
}

/** The plug callback with the writes it holds (struct raid1_plug_cb). */
interface raid1_plug_cb extends blk_plug_cb {
  pending: bio_list;
  pending_cnt: number;
}

function conf_of(mddev: mddev): r1conf {
  return mddev.private as r1conf;
}

/** @port drivers/md/raid1.c v3.15 ported */
function* r1bio_pool_alloc(gfp_flags: gfp_t, data: unknown): KGen<r1bio | null> {
  const raid_disks = data as number;
  return yield* slab.kzalloc(64 + raid_disks * 8, gfp_flags, (): r1bio => ({
    remaining: ATOMIC_INIT(0),
    sector: 0,
    sectors: 0,
    state: 0,
    mddev: null as unknown as mddev,
    master_bio: null as unknown as bio,
    read_disk: -1,
    bios: Array.from({ length: raid_disks }, () => null),
  }));
}

/** @port drivers/md/raid1.c v3.15 ported */
function r1bio_pool_free(r1_bio: r1bio, _data: unknown): void {
  slab.kfree(r1_bio);
}

/** @port drivers/md/raid1.c v3.15 ported */
function* put_all_bios(conf: r1conf, r1_bio: r1bio): KGen {
  for (let i = 0; i < conf.raid_disks; i++) {
    const b = r1_bio.bios[i];
    if (b !== null) yield* bios.bio_put(b);
    r1_bio.bios[i] = null;
  }
}

/** @port drivers/md/raid1.c v3.15 ported */
function* free_r1bio(r1_bio: r1bio): KGen {
  const conf = conf_of(r1_bio.mddev);
  yield* r1.put_all_bios(conf, r1_bio);
  yield* mempools.mempool_free(r1_bio, conf.r1bio_pool);
}

/**
 * Counts the request in; waits while a resync barrier is raised.
 * @port drivers/md/raid1.c v3.15 simplified - no resync in the model, so the barrier is never raised and only nr_pending is kept
 */
function* wait_barrier(conf: r1conf): KGen {
  yield* spinlock.spin_lock_irq(conf.resync_lock);
  conf.nr_pending++;
  yield* spinlock.spin_unlock_irq(conf.resync_lock);
}

/** @port drivers/md/raid1.c v3.15 simplified - no resync windows */
function* allow_barrier(conf: r1conf): KGen {
  const flags = yield* spinlock.spin_lock_irqsave(conf.resync_lock);
  conf.nr_pending--;
  yield* spinlock.spin_unlock_irqrestore(conf.resync_lock, flags);
  wake_up(conf.wait_barrier);
}

/** @port drivers/md/raid1.c v3.15 simplified - no split master bios (bi_phys_segments) */
function* call_bio_endio(r1_bio: r1bio): KGen {
  const b = r1_bio.master_bio;
  const conf = conf_of(r1_bio.mddev);
  if (!(r1_bio.state & (1 << R1BIO_Uptodate))) b.bi_flags &= ~(1 << BIO_UPTODATE);
  yield* bios.bio_endio(b, 0);
  /* Wake up any possible resync thread that waits for the device to go idle. */
  yield* r1.allow_barrier(conf);
}

/** @port drivers/md/raid1.c v3.15 ported */
function* raid_end_bio_io(r1_bio: r1bio): KGen {
  /* if nobody has done the final endio yet, do it now */
  if (!(r1_bio.state & (1 << R1BIO_Returned))) {
    r1_bio.state |= 1 << R1BIO_Returned;
    yield* r1.call_bio_endio(r1_bio);
  }
  yield* r1.free_r1bio(r1_bio);
}

/** Update disk head position estimator based on IRQ completion info. @port drivers/md/raid1.c v3.15 ported */
function update_head_pos(conf: r1conf, disk: number, r1_bio: r1bio): void {
  conf.mirrors[disk].head_position = r1_bio.sector + r1_bio.sectors;
}

/** @port drivers/md/raid1.c v3.15 simplified - a failed read fails the master instead of a retry from raid1d */
function* raid1_end_read_request(b: bio, _error: number): KGen {
  const r1_bio = b.bi_private as r1bio;
  const conf = conf_of(r1_bio.mddev);
  update_head_pos(conf, r1_bio.read_disk, r1_bio);
  if (bio_flagged(b, BIO_UPTODATE)) r1_bio.state |= 1 << R1BIO_Uptodate;
  yield* r1.raid_end_bio_io(r1_bio);
}

/** @port drivers/md/raid1.c v3.15 ported */
function* r1_bio_write_done(r1_bio: r1bio): KGen {
  if (!(yield* atomic_dec_and_test(r1_bio.remaining))) return;
  yield* r1.raid_end_bio_io(r1_bio);
}

/**
 * 'one mirror IO has finished' event handler.
 * @port drivers/md/raid1.c v3.15 simplified - a failed write is not retried or recorded as a bad block
 */
function* raid1_end_write_request(b: bio, _error: number): KGen {
  const r1_bio = b.bi_private as r1bio;
  const mirror = r1_bio.bios.indexOf(b);
  let to_put: bio | null = null;
  if (bio_flagged(b, BIO_UPTODATE)) {
    /*
     * Set R1BIO_Uptodate in our master bio, so that we will return a good error code for to the
     * higher levels even if IO on some other mirrored buffer fails.
     */
    r1_bio.bios[mirror] = null;
    to_put = b;
    r1_bio.state |= 1 << R1BIO_Uptodate;
  }
  /* Let's see if all mirrored write operations have finished already. */
  yield* r1.r1_bio_write_done(r1_bio);
  if (to_put !== null) yield* bios.bio_put(to_put);
}

/** @port drivers/md/raid1.c v3.15 simplified - the mirror whose head is nearest; no bad blocks, no sequential detection */
function read_balance(conf: r1conf, r1_bio: r1bio): number {
  let best = 0;
  for (let i = 1; i < conf.raid_disks; i++) {
    const d = Math.abs(conf.mirrors[i].head_position - r1_bio.sector);
    if (d < Math.abs(conf.mirrors[best].head_position - r1_bio.sector)) best = i;
  }
  return best;
}

/** Submits queued writes. @port drivers/md/raid1.c v3.15 ported */
function* flush_pending_writes(conf: r1conf): KGen {
  yield* spinlock.spin_lock_irq(conf.device_lock);
  if (conf.pending_bio_list.bios.length > 0) {
    const list = bio_list_get(conf.pending_bio_list);
    conf.pending_count = 0;
    yield* spinlock.spin_unlock_irq(conf.device_lock);
    wake_up(conf.wait_barrier);
    /* submit pending writes */
    for (const b of list) yield* blk_core.generic_make_request(b);
  } else {
    yield* spinlock.spin_unlock_irq(conf.device_lock);
  }
}

/**
 * The plug callback: submit the writes held on the plug, or hand them to raid1d when the task
 * is about to sleep (or is inside generic_make_request).
 * @port drivers/md/raid1.c v3.15 ported
 */
function* raid1_unplug(cb: blk_plug_cb, from_schedule: boolean): KGen {
  const plug = cb as raid1_plug_cb;
  const mddev = plug.data as mddev;
  const conf = conf_of(mddev);
  if (from_schedule || current().bio_list) {
    yield* spinlock.spin_lock_irq(conf.device_lock);
    bio_list_merge(conf.pending_bio_list, plug.pending);
    conf.pending_count += plug.pending_cnt;
    yield* spinlock.spin_unlock_irq(conf.device_lock);
    wake_up(conf.wait_barrier);
    md_wakeup_thread(mddev.thread);
    return;
  }
  /* we aren't scheduling, so we can do the write-out directly. */
  const list = bio_list_get(plug.pending);
  wake_up(conf.wait_barrier);
  /* submit pending writes */
  for (const b of list) yield* blk_core.generic_make_request(b);
}

/**
 * A clone of `b` for one mirror.
 * @port drivers/md/raid1.c v3.15 simplified - bio_kmalloc + __bio_clone_fast in place of bio_clone_mddev (see the file comment)
 */
function* r1_clone(b: bio): KGen<bio> {
  const clone = yield* bios.bio_kmalloc(GFP_NOIO, 0);
  // bio_clone_mddev (a bio_set) cannot fail here; bio_kmalloc only can under fault injection.
  BUG_ON(clone === null, 'drivers/md/raid1.c');
  bios.__bio_clone_fast(clone as bio, b);
  return clone as bio;
}

/** @port drivers/md/raid1.c v3.15 simplified - no bad-block splitting, no bitmap, no write-behind */
function* make_request(mddev: mddev, b: bio): KGen {
  const conf = conf_of(mddev);
  const rw = bio_data_dir(b);
  yield* r1.wait_barrier(conf);
  const r1_bio = (yield* mempools.mempool_alloc(conf.r1bio_pool, GFP_NOIO)) as r1bio;
  r1_bio.master_bio = b;
  r1_bio.sectors = bio_sectors(b);
  r1_bio.state = 0;
  r1_bio.mddev = mddev;
  r1_bio.sector = b.bi_sector;
  if (rw === READ) {
    /* read balancing logic: */
    const rdisk = read_balance(conf, r1_bio);
    const mirror = conf.mirrors[rdisk];
    r1_bio.read_disk = rdisk;
    const read_bio = yield* r1.r1_clone(b);
    r1_bio.bios[rdisk] = read_bio;
    read_bio.bi_sector = r1_bio.sector;
    read_bio.bi_bdev = mirror.rdev;
    read_bio.bi_end_io = r1.raid1_end_read_request;
    read_bio.bi_rw = READ;
    read_bio.bi_private = r1_bio;
    yield* blk_core.generic_make_request(read_bio);
    return;
  }
  /* WRITE: */
  atomic_set(r1_bio.remaining, 1);
  for (let i = 0; i < conf.raid_disks; i++) {
    const mbio = yield* r1.r1_clone(b);
    r1_bio.bios[i] = mbio;
    mbio.bi_sector = r1_bio.sector;
    mbio.bi_bdev = conf.mirrors[i].rdev;
    mbio.bi_end_io = r1.raid1_end_write_request;
    mbio.bi_rw = WRITE;
    mbio.bi_private = r1_bio;
    yield* atomic_inc(r1_bio.remaining);
    const plug = blk_core.blk_check_plugged(r1.raid1_unplug, mddev) as raid1_plug_cb | null;
    if (plug !== null && plug.pending === undefined) {
      // kzalloc'ed by blk_check_plugged in the C: an empty list held by the plugging task.
      const t = current();
      plug.pending = bio_list_init({ describe: () => `${t.comm}:${t.pid}'s plug`, blockers: () => [t] });
      plug.pending_cnt = 0;
    }
    const flags = yield* spinlock.spin_lock_irqsave(conf.device_lock);
    if (plug !== null) {
      bio_list_add(plug.pending, mbio);
      plug.pending_cnt++;
    } else {
      bio_list_add(conf.pending_bio_list, mbio);
      conf.pending_count++;
    }
    yield* spinlock.spin_unlock_irqrestore(conf.device_lock, flags);
    if (plug === null) md_wakeup_thread(mddev.thread);
  }
  yield* r1.r1_bio_write_done(r1_bio);
  /* In case raid1d snuck in to freeze_array */
  wake_up(conf.wait_barrier);
}

/** The array's daemon. @port drivers/md/raid1.c v3.15 simplified - no retry list, no recovery check */
function* raid1d(thread: md_thread): KGen {
  const conf = conf_of(thread.mddev);
  const plug = {} as blk_plug;
  blk_core.blk_start_plug(plug);
  yield* r1.flush_pending_writes(conf);
  yield* blk_core.blk_finish_plug(plug);
}

/**
 * Assembles a running RAID1 array over `legs` (setup_conf + raid1_run).
 * @port drivers/md/raid1.c v3.15 model - array assembly without superblocks
 */
function* raid1_run(name: string, legs: request_queue[]): KGen<mddev> {
  const mddev = yield* md_alloc(name, { name: 'raid1', make_request: (m, b) => r1.make_request(m, b) });
  const conf = (yield* slab.kzalloc(256, GFP_KERNEL, () => ({}) as r1conf)) as r1conf;
  conf.mddev = mddev;
  conf.raid_disks = legs.length;
  conf.mirrors = legs.map((rdev) => ({ rdev, head_position: 0 }));
  conf.r1bio_pool = (yield* mempools.mempool_create('r1bio_pool', NR_RAID1_BIOS, r1.r1bio_pool_alloc, r1bio_pool_free, legs.length)) as mempool_t<r1bio>;
  conf.device_lock = spin_lock_init('&conf->device_lock');
  conf.pending_count = 0;
  conf.resync_lock = spin_lock_init('&conf->resync_lock');
  conf.nr_pending = 0;
  conf.wait_barrier = init_waitqueue_head('conf->wait_barrier');
  mddev.private = conf;
  mddev.thread = yield* md.md_register_thread((t) => r1.raid1d(t), mddev, 'raid1');
  const thread = mddev.thread;
  conf.pending_bio_list = bio_list_init({ describe: () => `${name}'s pending writes (raid1d)`, blockers: () => (thread ? [thread.tsk] : []) });
  return mddev;
}

/** @port drivers/md/raid1.c v3.15 simplified */
function* raid1_stop(mddev: mddev): KGen {
  const conf = conf_of(mddev);
  if (mddev.thread !== null) yield* md.md_unregister_thread(mddev.thread);
  mddev.thread = null;
  yield* mempools.mempool_destroy(conf.r1bio_pool);
  slab.kfree(conf);
  slab.kfree(mddev);
}

export const r1 = kernel_functions('drivers/md/raid1.c', {
  r1bio_pool_alloc,
  put_all_bios,
  free_r1bio,
  wait_barrier,
  allow_barrier,
  call_bio_endio,
  raid_end_bio_io,
  raid1_end_read_request,
  r1_bio_write_done,
  raid1_end_write_request,
  flush_pending_writes,
  raid1_unplug,
  r1_clone,
  make_request,
  raid1d,
  raid1_run,
  raid1_stop,
});
