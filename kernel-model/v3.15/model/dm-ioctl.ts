// What dmsetup does through /dev/mapper/control, for the model's stacks: the ioctls of
// drivers/md/dm-ioctl.c (v3.15) that create a device, load its table, resume it and remove it,
// reduced to their calls into dm.c and dm-table.c (translated); suspend and status as dmsetup
// suspend and dmsetup status issue them; dmsetup remove [--deferred] and the deferred removal
// the last close of a marked device schedules (dm_deferred_remove); the device's events as
// dmeventd waits for them (DM_DEV_STATUS, DM_DEV_WAIT), raised by a target or by the removal.
// Not modeled: the ioctl buffer, names and uuids in the hash (a device is named by its disk,
// "dm-N", as /dev/dm-N opens it; the hash is one list in creation order), uevents, the
// read-only flag.

import { EBUSY, EINVAL, ENXIO, ERESTARTSYS } from '../../include/uapi/asm-generic/errno-base.ts';
import { DECLARE_RWSEM, rwsem } from '../../kernel/locking/rwsem.ts';
import { printk } from '../../kernel/printk.ts';
import { timers } from '../../kernel/timer.ts';
import { lazyPerMachine } from '../../lib/lazy-per-machine.ts';
import { FMODE_READ, FMODE_WRITE, disk_registered, genhd_c } from './genhd.ts';
import { IS_ERR, PTR_ERR } from '../../include/linux/kernel.ts';
import { NULL, ref, type Ref } from '../../lib/c-pointers.ts';
import { slab } from '../../mm/slab.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { DM_SUSPEND_LOCKFS_FLAG, DM_SUSPEND_NOFLUSH_FLAG, DM_TYPE_NONE, dm_c, type mapped_device } from '../drivers/md/dm.ts';
import { dm_table_c, type dm_table } from '../drivers/md/dm-table.ts';
import { DM_ANY_MINOR, STATUSTYPE_INFO, STATUSTYPE_TABLE } from '../include/linux/device-mapper.ts';


/** One line of a dm table: `start len type params`, as dmsetup reads it. */
export interface dm_target_spec {
  start: number;
  len: number;
  type: string;
  params: string;
}

/** The hash cell dm-ioctl keeps per device: its md (NULL once removed) and the table loaded but not yet live. */
export interface dm_hash_cell {
  md: mapped_device;
  new_map: dm_table;
}

/** dm-ioctl.c's hash of devices (_name_buckets) under _hash_lock: the model's is one list, in creation order. */
const hash = lazyPerMachine(() => ({ cells: [] as dm_hash_cell[], _hash_lock: DECLARE_RWSEM('_hash_lock') }));

/** DM_DEFERRED_REMOVE (include/uapi/linux/dm-ioctl.h): dmsetup remove --deferred. */
export const DM_DEFERRED_REMOVE = 1 << 17;

/**
 * __hash_remove(hc): the cell leaves the hash and lets go of its device; the staged table, if
 * any, is returned for the caller to destroy. Called with _hash_lock held for writing.
 * The live table raises an event on the way out, which wakes whoever waits for the device's
 * events (DM_DEV_WAIT: dmeventd), so that they let go of it.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - no name or uuid lists or mdptr (dm_hash_cells_mutex)
 */
function* __hash_remove(hc: dm_hash_cell): KGen<dm_table> {
  const h = hash();
  const i = h.cells.indexOf(hc);
  if (i < 0) throw new Error('__hash_remove: the cell is not in the hash');
  h.cells.splice(i, 1);
  const srcu_idx = ref(0);
  const live = dm_c.dm_get_live_table(hc.md, srcu_idx);
  if (live) yield* dm_table_c.dm_table_event(live);
  dm_c.dm_put_live_table(hc.md, srcu_idx.v);
  const table = hc.new_map;
  hc.new_map = NULL;
  const md = hc.md;
  /* the C frees the cell here (free_cell): the model's cell is marked gone instead */
  hc.md = NULL;
  yield* dm_c.dm_put(md);
  return table;
}

/**
 * DM_DEV_CREATE: a new mapped device with any free minor; the hash cell holds a reference.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - dev_create() without names, uuids or the hash table
 */
function* dev_create(cell: Ref<dm_hash_cell>): KGen<number> {
  const md = ref<mapped_device>(NULL);
  const r = yield* dm_c.dm_create(DM_ANY_MINOR, md);
  if (r) return r;
  /* dm_hash_insert() */
  const hc: dm_hash_cell = { md: md.v, new_map: NULL };
  cell.v = hc;
  yield* rwsem.down_write(hash()._hash_lock);
  hash().cells.push(hc);
  yield* dm_c.dm_get(md.v);
  yield* rwsem.up_write(hash()._hash_lock);
  yield* dm_c.dm_put(md.v);
  return 0;
}

/**
 * DM_TABLE_LOAD: a table is built from the target lines, completed, gives the device its type
 * on the first load, and is staged as the cell's inactive table. Returns 0 or the error.
 * `target_count` is the header's count (struct dm_ioctl's), which dmsetup sets to the number of
 * lines and a hostile caller sets to anything: dm_table_create() sizes the table from it, and
 * populate_table() walks that many specs through the buffer.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - table_load() and populate_table() from a list of target lines, the buffer's end where next_target() walks past the last
 */
function* table_load(hc: dm_hash_cell, targets: readonly dm_target_spec[], target_count: number): KGen<number> {
  const md = hc.md;
  const t = ref<dm_table>(NULL);
  let r = yield* dm_table_c.dm_table_create(t, FMODE_READ | FMODE_WRITE, target_count, md);
  if (r) return r;
  /* Protect md->type and md->queue against concurrent table loads. */
  yield* dm_c.dm_lock_md_type(md);
  /* populate_table(): dm_table_complete() reads the live device's type for a table of hybrid
   * targets (error), under md->type_lock */
  if (!target_count) r = -EINVAL; /* DMWARN("populate_table: no targets specified") */
  for (let i = 0; i < target_count && !r; i++) {
    /* next_target() past the end of the buffer: DMWARN("unable to find target") */
    const spec = targets[i];
    r = i >= targets.length ? -EINVAL : yield* dm_table_c.dm_table_add_target(t.v, spec.type, spec.start, spec.len, ref(spec.params));
  }
  if (!r) r = yield* dm_table_c.dm_table_complete(t.v);
  if (!r) {
    if (dm_c.dm_get_md_type(md) === DM_TYPE_NONE) {
      /* Initial table load: acquire type of table. */
      dm_c.dm_set_md_type(md, dm_table_c.dm_table_get_type(t.v));
    } else if (dm_c.dm_get_md_type(md) !== dm_table_c.dm_table_get_type(t.v)) {
      r = -EINVAL;
    }
  }
  if (r) {
    /* err_unlock_md_type: */
    yield* dm_c.dm_unlock_md_type(md);
    yield* dm_table_c.dm_table_destroy(t.v);
    return r;
  }
  /* setup md->queue to reflect md's type (may block) */
  r = dm_c.dm_setup_md_queue(md);
  yield* dm_c.dm_unlock_md_type(md);
  if (r) {
    yield* dm_table_c.dm_table_destroy(t.v);
    return r;
  }
  /* stage inactive table */
  const h = hash();
  yield* rwsem.down_write(h._hash_lock);
  if (hc.md !== md) {
    /* device has been removed from the dev hash table. */
    yield* rwsem.up_write(h._hash_lock);
    yield* dm_table_c.dm_table_destroy(t.v);
    return -ENXIO;
  }
  const old_map = hc.new_map;
  hc.new_map = t.v;
  yield* rwsem.up_write(h._hash_lock);
  if (old_map) yield* dm_table_c.dm_table_destroy(old_map);
  return 0;
}

/**
 * DM_DEV_SUSPEND without the suspend flag (resume): the staged table goes live (the device is
 * suspended first if it is not), then the device resumes; the table it replaced is destroyed.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - do_resume() on the cell (__find_device_hash_cell's dm_get kept), without uevents
 */
function* do_resume(hc: dm_hash_cell): KGen<number> {
  const h = hash();
  yield* rwsem.down_write(h._hash_lock);
  const md = hc.md;
  if (md === NULL) {
    /* device doesn't appear to be in the dev hash table. */
    yield* rwsem.up_write(h._hash_lock);
    return -ENXIO;
  }
  const new_map = hc.new_map;
  hc.new_map = NULL;
  yield* dm_c.dm_get(md);
  yield* rwsem.up_write(h._hash_lock);
  let old_map: dm_table = NULL;
  if (new_map) {
    /* Suspend if it isn't already suspended */
    if (!dm_c.dm_suspended_md(md)) yield* dm_c.dm_suspend(md, DM_SUSPEND_LOCKFS_FLAG);
    old_map = yield* dm_c.dm_swap_table(md, new_map);
    if (IS_ERR(old_map)) {
      yield* dm_table_c.dm_table_destroy(new_map);
      yield* dm_c.dm_put(md);
      return PTR_ERR(old_map);
    }
    if (dm_table_c.dm_table_get_mode(new_map) & FMODE_WRITE) genhd_c.set_disk_ro(dm_c.dm_disk(md), 0);
    else genhd_c.set_disk_ro(dm_c.dm_disk(md), 1);
  }
  let r = 0;
  if (dm_c.dm_suspended_md(md)) r = yield* dm_c.dm_resume(md);
  if (old_map) yield* dm_table_c.dm_table_destroy(old_map);
  yield* dm_c.dm_put(md);
  return r;
}

/**
 * DM_DEV_SUSPEND with the suspend flag (dmsetup suspend [--noflush]): lockfs, and with
 * `noflush` the IO in flight is requeued instead of waited for; a suspended device stays as it is.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - do_suspend() without __dev_status(), and on the cell's md instead of find_device()'s reference (dm_get/dm_put)
 */
function* do_suspend(hc: dm_hash_cell, noflush: boolean): KGen<number> {
  const md = hc.md;
  if (md === NULL) return -ENXIO;
  let suspend_flags = DM_SUSPEND_LOCKFS_FLAG;
  if (noflush) suspend_flags |= DM_SUSPEND_NOFLUSH_FLAG;
  if (!dm_c.dm_suspended_md(md)) return yield* dm_c.dm_suspend(md, suspend_flags);
  return 0;
}

/**
 * retrieve_status(table, ...): each target of the table prints its status line (the table's
 * own lines with STATUSTYPE_TABLE), as the caller's ioctl buffer receives them.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - lines returned instead of written into the ioctl buffer
 */
function* retrieve_status(map: dm_table, type: number): KGen<string[]> {
  const lines: string[] = [];
  for (let i = 0; i < dm_table_c.dm_table_get_num_targets(map); i++) {
    const ti = dm_table_c.dm_table_get_target(map, i);
    const result = ref('');
    if (ti.type.status) yield* ti.type.status(ti, type, 0, result, 4096);
    lines.push(result.v);
  }
  return lines;
}

/**
 * DM_TABLE_STATUS (dmsetup status, or dmsetup table with `table`): the live table's status
 * lines, under its SRCU read lock.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - table_status() without the ioctl buffer, on the cell's md instead of find_device()'s reference
 */
function* table_status(hc: dm_hash_cell, table: boolean): KGen<string[]> {
  const md = hc.md;
  if (md === NULL) return [];
  const srcu_idx = ref(0);
  const map = dm_c.dm_get_live_table(md, srcu_idx);
  const lines = map ? yield* dm_ioctl.retrieve_status(map, table ? STATUSTYPE_TABLE : STATUSTYPE_INFO) : [];
  dm_c.dm_put_live_table(md, srcu_idx.v);
  return lines;
}

/**
 * find_device(): the cell's device with a reference (dm_get), looked up under _hash_lock; NULL
 * once the device has left the hash. Not in the overridable table: dm-table.c has a static
 * find_device() of its own, and the table is one namespace per base.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - the cell itself instead of __find_device_hash_cell()'s lookup by name or uuid
 */
function* find_device(hc: dm_hash_cell): KGen<mapped_device> {
  const h = hash();
  yield* rwsem.down_read(h._hash_lock);
  const md = hc.md;
  if (md !== NULL) yield* dm_c.dm_get(md);
  yield* rwsem.up_read(h._hash_lock);
  return md;
}

/**
 * DM_DEV_STATUS (dmsetup info): the device's event counter, as __dev_status() writes it back
 * (param->event_nr); -ENXIO once the device is gone.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - dev_status() returning __dev_status()'s event_nr only (no flags, open count or target count)
 */
function* dev_status(hc: dm_hash_cell): KGen<number> {
  const md = yield* find_device(hc);
  if (!md) return -ENXIO;
  const event_nr = dm_c.dm_get_event_nr(md);
  yield* dm_c.dm_put(md);
  return event_nr;
}

/**
 * DM_DEV_WAIT (dmsetup wait, dmeventd): sleeps until the device's event counter moves past
 * `event_nr`, then reads the status of the live table, as retrieve_status() does for the
 * caller, and returns the new counter; -ENXIO once the device is gone.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - dev_wait() without the ioctl buffer: the status lines are read and dropped, the event_nr returned
 */
function* dev_wait(hc: dm_hash_cell, event_nr: number): KGen<number> {
  const md = yield* find_device(hc);
  if (!md) return -ENXIO;
  let r: number;
  /*
   * Wait for a notification event
   */
  if (yield* dm_c.dm_wait_event(md, event_nr)) {
    r = -ERESTARTSYS;
  } else {
    /*
     * The userland program is going to want to know what
     * changed to trigger the event, so we may as well tell
     * him and save an ioctl.
     */
    r = dm_c.dm_get_event_nr(md);
    const srcu_idx = ref(0);
    const table = dm_c.dm_get_live_table(md, srcu_idx);
    if (table) yield* dm_ioctl.retrieve_status(table, STATUSTYPE_INFO);
    dm_c.dm_put_live_table(md, srcu_idx.v);
  }
  yield* dm_c.dm_put(md);
  return r;
}

/**
 * DM_DEV_REMOVE: a device nothing holds open is marked deleting, leaves the hash (its staged
 * table destroyed) and is destroyed. One held open is refused with -EBUSY; with
 * DM_DEFERRED_REMOVE it is marked instead (its last close schedules the removal) and the ioctl
 * succeeds.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - dev_remove() on the cell instead of __find_device_hash_cell()'s lookup by name (its dm_get() kept), no uevent or param flags written back
 */
function* dev_remove(hc: dm_hash_cell, flags: number): KGen<number> {
  const h = hash();
  yield* rwsem.down_write(h._hash_lock);
  if (hc.md === NULL) {
    /* device doesn't appear to be in the dev hash table. */
    yield* rwsem.up_write(h._hash_lock);
    return -ENXIO;
  }
  const md = hc.md;
  yield* dm_c.dm_get(md);
  /*
   * Ensure the device is not open and nothing further can open it.
   */
  const r = yield* dm_c.dm_lock_for_deletion(md, !!(flags & DM_DEFERRED_REMOVE), false);
  if (r) {
    if (r === -EBUSY && flags & DM_DEFERRED_REMOVE) {
      yield* rwsem.up_write(h._hash_lock);
      yield* dm_c.dm_put(md);
      return 0;
    }
    /* unable to remove open device */
    yield* rwsem.up_write(h._hash_lock);
    yield* dm_c.dm_put(md);
    return r;
  }
  const t = yield* dm_ioctl.__hash_remove(hc);
  yield* rwsem.up_write(h._hash_lock);
  if (t) {
    yield* dm_c.dm_sync_table(md);
    yield* dm_table_c.dm_table_destroy(t);
  }
  yield* dm_c.dm_put(md);
  yield* dm_c.dm_destroy(md);
  return 0;
}

/**
 * dm_hash_remove_all(keep_open_devices, mark_deferred, only_deferred): every device of the hash
 * that may go (with keep_open_devices: not open, and with only_deferred: marked for deferred
 * removal) is removed, one at a time with the hash unlocked while it is destroyed, starting
 * over after each (a device may have held another open); the others are counted and warned about.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - the buckets are one list in creation order
 */
function* dm_hash_remove_all(keep_open_devices: boolean, mark_deferred: boolean, only_deferred: boolean): KGen {
  const h = hash();
  let dev_skipped: number;
  retry: for (;;) {
    dev_skipped = 0;
    yield* rwsem.down_write(h._hash_lock);
    for (const hc of h.cells) {
      const md = hc.md;
      yield* dm_c.dm_get(md);
      if (keep_open_devices && (yield* dm_c.dm_lock_for_deletion(md, mark_deferred, only_deferred))) {
        yield* dm_c.dm_put(md);
        dev_skipped++;
        continue;
      }
      const t = yield* dm_ioctl.__hash_remove(hc);
      yield* rwsem.up_write(h._hash_lock);
      if (t) {
        yield* dm_c.dm_sync_table(md);
        yield* dm_table_c.dm_table_destroy(t);
      }
      yield* dm_c.dm_put(md);
      /* keep_open_devices: dm_destroy(); the model's callers never ask for dm_destroy_immediate() */
      yield* dm_c.dm_destroy(md);
      /*
       * Some mapped devices may be using other mapped
       * devices, so repeat until we make no further
       * progress.  If a new mapped device is created
       * here it will also get removed.
       */
      continue retry;
    }
    yield* rwsem.up_write(h._hash_lock);
    break;
  }
  if (dev_skipped) printk('device-mapper: ioctl: remove_all left %d open device(s)\n', dev_skipped);
}

/**
 * dm_deferred_remove(): the work the last close of a device marked for deferred removal
 * schedules (dm.c's do_deferred_remove): removes every marked device no longer open.
 * @port drivers/md/dm-ioctl.c v3.15 ported
 */
function* dm_deferred_remove(): KGen {
  yield* dm_ioctl.dm_hash_remove_all(true, false, true);
}

/**
 * message_for_md(md, argc, argv, result, maxlen): a message for the device itself (its first
 * word starts with '@'): 2 when it is not one (the target gets it), else the result of the
 * message. @cancel_deferred_remove takes no argument.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - dm-stats' @stats_* messages are not modeled (-EINVAL, as for an unknown message)
 */
function* message_for_md(md: mapped_device, argv: readonly Ref<string>[]): KGen<number> {
  if (!argv[0]?.v.startsWith('@')) return 2; /* no '@' prefix, deliver to target */
  if (argv[0].v.toLowerCase() === '@cancel_deferred_remove') {
    if (argv.length !== 1) {
      printk('device-mapper: ioctl: Invalid arguments for @cancel_deferred_remove\n');
      return -EINVAL;
    }
    return yield* dm_c.dm_cancel_deferred_remove(md);
  }
  printk('device-mapper: ioctl: Unsupported message sent to DM core: %s\n', argv[0].v);
  return -EINVAL;
}

/**
 * DM_TARGET_MSG (dmsetup message DEV SECTOR MESSAGE): the message split into words
 * (dm_split_args); a message for the device goes to message_for_md(), one for a target to the
 * target at `sector` of the live table, which none of the model's targets (linear, snapshot,
 * snapshot-origin, error) takes.
 * @port drivers/md/dm-ioctl.c v3.15 simplified - target_message() on the cell's md (find_device()'s dm_get/dm_put kept), no ioctl buffer checks or status written back
 */
function* target_message(hc: dm_hash_cell, sector: number, message: string): KGen<number> {
  const md = hc.md;
  if (md === NULL) return -ENXIO;
  yield* dm_c.dm_get(md);
  const argc = ref(0);
  const argvp = ref<Ref<Ref<string>>>(NULL);
  let r = yield* dm_table_c.dm_split_args(argc, argvp, ref(message));
  if (r) {
    printk('device-mapper: ioctl: Failed to split target message parameters\n');
  } else {
    const argv = argvp.v as unknown as Ref<string>[];
    if (!argc.v) {
      printk('device-mapper: ioctl: Empty message received.\n');
    } else {
      r = yield* dm_ioctl.message_for_md(md, argv.slice(0, argc.v));
      if (r > 1) {
        const srcu_idx = ref(0);
        const table = dm_c.dm_get_live_table(md, srcu_idx);
        if (table) {
          if (dm_c.dm_deleting_md(md)) {
            r = -ENXIO;
          } else {
            void sector; /* dm_table_find_target(table, sector): no target of the model has a message method */
            printk('device-mapper: ioctl: Target type does not support messages\n');
            r = -EINVAL;
          }
        }
        dm_c.dm_put_live_table(md, srcu_idx.v);
      }
    }
    slab.kfree(argv);
  }
  yield* dm_c.dm_put(md);
  return r;
}

export const dm_ioctl = kernel_functions('drivers/md/dm-ioctl.c', { dev_create, table_load, do_resume, do_suspend, retrieve_status, table_status, dev_status, dev_wait, __hash_remove, dev_remove, dm_hash_remove_all, dm_deferred_remove, message_for_md, target_message }, 'v3.15');

/** The block-device path of a mapped device, as dm_get_device() of a stacked table reads it. */
export function dm_dev_path(md: mapped_device): string {
  return `/dev/${dm_c.dm_disk(md).disk_name.v}`;
}

/**
 * `dmsetup create` with a table, as libdevmapper's _create_and_load_v4() runs it: create, load,
 * resume; when the load or the resume is refused, the device is removed again ("revert") and
 * dmsetup exits with the error: returned here in place of the device.
 */
export function* dmsetup_try_create(targets: readonly dm_target_spec[]): KGen<dm_hash_cell | number> {
  const hc = ref<dm_hash_cell>(NULL);
  let r = yield* dm_ioctl.dev_create(hc);
  if (r) return r;
  r = yield* dm_ioctl.table_load(hc.v, targets, targets.length);
  if (!r) r = yield* dm_ioctl.do_resume(hc.v);
  if (!r) return hc.v;
  /* revert: */
  yield* dm_ioctl.dev_remove(hc.v, 0);
  return r;
}

/**
 * dmsetup_try_create() where the device must come up: throws when the kernel refuses (the
 * model's stacks are set up at boot, where a refusal is a bug of the stack description).
 */
export function* dmsetup_create(targets: readonly dm_target_spec[]): KGen<dm_hash_cell> {
  const r = yield* dmsetup_try_create(targets);
  if (typeof r === 'number') throw new Error(`dmsetup create: refused (${r}): ${targets.map((t) => `${t.start} ${t.len} ${t.type} ${t.params}`).join('; ')}`);
  return r;
}

/**
 * dmeventd's monitoring of one device (its _monitor_thread): DM_DEV_STATUS for the event
 * counter, then DM_DEV_WAIT after DM_DEV_WAIT, each from the counter the last one returned,
 * until the device is gone (-ENXIO: its removal raised the event that ended the last wait).
 */
export function* dmeventd_monitor(hc: dm_hash_cell): KGen {
  let event_nr = yield* dm_ioctl.dev_status(hc);
  while (event_nr >= 0) event_nr = yield* dm_ioctl.dev_wait(hc, event_nr);
}

/**
 * `dmsetup remove [--deferred] --retry`, as libdevmapper does it: a removal refused with -EBUSY
 * (a device still held open by a table being destroyed, as after a deferred removal the last
 * close started) is tried again after 200 ms, up to 25 times (DM_RETRY_USLEEP_DELAY,
 * dm_task_retry_remove). Returns the last result: 0, -EBUSY, or -ENXIO when the device was gone
 * already (its deferred removal took it).
 */
export function* dmsetup_remove(hc: dm_hash_cell, deferred: boolean): KGen<number> {
  let r = yield* dm_ioctl.dev_remove(hc, deferred ? DM_DEFERRED_REMOVE : 0);
  for (let retries = 0; r === -EBUSY && !deferred && retries < 25; retries++) {
    yield* timers.msleep(200);
    r = yield* dm_ioctl.dev_remove(hc, 0);
  }
  return r;
}

/**
 * `udevadm settle` after removals: waits until the gendisk of each device (by dev_t) is gone,
 * which is when the device's tables have closed the devices under it (a deferred removal runs
 * on a workqueue, after the close that started it returned).
 */
export function* settle_removed(devts: readonly number[]): KGen {
  for (const devt of devts) {
    // udevadm settle's own timeout (120 s): a device still there by then is the workload's error.
    for (let waited = 0; disk_registered(devt); waited += 10) {
      if (waited >= SETTLE_TIMEOUT_MS) throw new Error(`udevadm settle: dm device ${devt >>> 20}:${devt & 0xfffff} still there after ${SETTLE_TIMEOUT_MS / 1000} s`);
      yield* timers.msleep(10);
    }
  }
}

/** How long settle_removed() waits for a device to go, as udevadm settle's default timeout. */
const SETTLE_TIMEOUT_MS = 120_000;
