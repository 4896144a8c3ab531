// What mdadm does through /dev/mdN, for the model's arrays: `mdadm --build` (an array without a
// superblock) opens the device, which probes it into existence (md_probe -> md_alloc) and opens
// it (md_open), then sends SET_ARRAY_INFO, ADD_NEW_DISK per member and RUN_ARRAY, and closes it
// (md_release); `mdadm --stop` sends STOP_ARRAY; `mdadm --fail/--remove/--add` send
// SET_DISK_FAULTY, HOT_REMOVE_DISK and ADD_NEW_DISK (a spare). The kernel side is the translated
// md.c: this file plays md_ioctl()'s part for those commands, reduced to its calls into md.c
// (the open and close go through v3.15/model/genhd.ts's blkdev_get/blkdev_put, which call
// md_open and md_release as the disk's fops). It also plays sysfs's md_attr_store() for writes
// to /sys/block/mdN/md/<attr> (sync_action: md.c's action_store()). Not modeled: the ioctl's
// user buffer (the argument is the struct itself), capability checks, the commands the model's
// mdadm does not send, partitionable arrays (mdp), and mdadm's own checks of the member devices.

import { EBUSY, EINVAL, ENODEV, ENOTTY, ENXIO, ERESTARTSYS, EROFS } from '../../include/uapi/asm-generic/errno-base.ts';
import { IS_ERR, PTR_ERR } from '../../include/linux/kernel.ts';
import { NULL, field_ref } from '../../lib/c-pointers.ts';
import { mutexes } from '../../kernel/locking/mutex.ts';
import { atomic_read } from '../../include/linux/atomic.ts';
import { set_bit, test_bit } from '../../include/linux/bitops.ts';
import { wait_event, wait_event_timeout } from '../../kernel/sched/wait.ts';
import { msecs_to_jiffies } from '../../kernel/timer.ts';
import { workqueue } from '../../kernel/workqueue.ts';
import { list_empty, list_entries } from '../../include/linux/list.ts';
import { spinlock } from '../../kernel/locking/spinlock.ts';
import { rcu_read_lock, rcu_read_unlock } from '../../kernel/rcupdate.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { MD_CHANGE_DEVS, MD_CHANGE_PENDING, MD_RECOVERY_NEEDED, MD_STILL_CLOSED, UNTIL_IOCTL, md_c, md_c_globals, md_h, type md_rdev, type mddev } from '../drivers/md/md.ts';
import type { block_device } from '../include/linux/fs.ts';
import { MD_DISK_ACTIVE, MD_DISK_SYNC, MD_SB_CLEAN } from '../include/uapi/linux/raid/md_p.ts';
import { mdu_array_info_s_type, mdu_disk_info_s_type, type mdu_array_info_s, type mdu_disk_info_s } from '../include/uapi/linux/raid/md_u.ts';
import { FMODE_READ, FMODE_WRITE, MKDEV, block_dev_c, disk_by_name, disk_registered } from './genhd.ts';
import { MINORBITS, MINORMASK } from '../include/linux/kdev_t.ts';

/** include/linux/raid/md_u.h's MD_MAJOR (include/uapi/linux/major.h). */
export const MD_MAJOR = 9;

/** md_ioctl()'s commands that the model's mdadm sends (include/uapi/linux/raid/md_u.h). */
export const ADD_NEW_DISK = 0x40140921; // _IOW(MD_MAJOR, 0x21, mdu_disk_info_t)
export const HOT_REMOVE_DISK = 0x922; // _IO(MD_MAJOR, 0x22)
export const SET_ARRAY_INFO = 0x40480923; // _IOW(MD_MAJOR, 0x23, mdu_array_info_t)
export const RUN_ARRAY = 0x400c0930; // _IOW(MD_MAJOR, 0x30, mdu_param_t)
export const STOP_ARRAY = 0x932; // _IO(MD_MAJOR, 0x32)
export const SET_DISK_FAULTY = 0x929; // _IO(MD_MAJOR, 0x29)

/**
 * md_ioctl(bdev, mode, cmd, arg) for SET_ARRAY_INFO (arg: the mdu_array_info_t), ADD_NEW_DISK
 * (arg: the mdu_disk_info_t), RUN_ARRAY and STOP_ARRAY on an array being built or running,
 * HOT_REMOVE_DISK (arg: the member's dev_t), and SET_DISK_FAULTY (arg: the member's dev_t),
 * which the C handles before it takes the array's lock. The C's order: the commands without
 * the lock, flush_workqueue(md_misc_wq) before ADD_NEW_DISK, HOT_REMOVE_DISK's wait for the
 * recovery thread (the C tests MD_RECOVERY_NEEDED in mddev->flags, where no one sets it, so it
 * does not wait), STOP_ARRAY's open check, then the array's lock; ADD_NEW_DISK of a device not
 * in sync on a running array goes on past the read-only check ("Need to clear read-only").
 * @port drivers/md/md.c v3.15 simplified - md_ioctl() for the commands of mdadm --build, --fail, --remove, --add and --stop: no user copy, capabilities, update_array_info or other commands
 */
function* md_ioctl(bdev: block_device, mode: number, cmd: number, arg: mdu_array_info_s | mdu_disk_info_s | number | null): KGen<number> {
  void mode;
  if (cmd !== SET_ARRAY_INFO && cmd !== ADD_NEW_DISK && cmd !== RUN_ARRAY && cmd !== STOP_ARRAY && cmd !== SET_DISK_FAULTY && cmd !== HOT_REMOVE_DISK) return -ENOTTY;
  const mddev = bdev.bd_disk.private_data as mddev;
  if (!mddev) return -ENODEV;
  if (cmd === SET_DISK_FAULTY) return yield* md_c.set_disk_faulty(mddev, arg as number);
  if (cmd === ADD_NEW_DISK)
    /* need to ensure md_delayed_delete() has completed */
    yield* workqueue.flush_workqueue(md_c_globals().md_misc_wq);
  if (cmd === HOT_REMOVE_DISK)
    /* need to ensure recovery thread has run */
    yield* wait_event_timeout(mddev.sb_wait, () => !test_bit(MD_RECOVERY_NEEDED, field_ref(mddev, 'flags')), msecs_to_jiffies(5000));
  if (cmd === STOP_ARRAY) {
    /* Need to flush page cache, and ensure no-one else opens and writes */
    yield* mutexes.mutex_lock(mddev.open_mutex);
    if (atomic_read(mddev.openers) > 1) {
      yield* mutexes.mutex_unlock(mddev.open_mutex);
      return -EBUSY;
    }
    yield* set_bit(MD_STILL_CLOSED, field_ref(mddev, 'flags'));
    yield* mutexes.mutex_unlock(mddev.open_mutex);
    block_dev_c.sync_blockdev(bdev);
  }
  let err = yield* md_c.mddev_lock(mddev);
  if (err) return err;
  done: {
    if (cmd === SET_ARRAY_INFO) {
      if (mddev.pers || !list_empty(mddev.disks) || mddev.raid_disks) {
        /* update_array_info() of a running array is not modeled; an array with disks or
         * initialised already: "already has disks" / "already initialised" */
        err = -EBUSY;
        break done;
      }
      err = yield* md_c.set_array_info(mddev, (arg ?? mdu_array_info_s_type.make()) as mdu_array_info_s);
      break done;
    }
    /* if we are not initialised yet, only ADD_NEW_DISK, STOP_ARRAY and RUN_ARRAY are allowed */
    if (!mddev.raid_disks && !mddev.external && cmd !== ADD_NEW_DISK && cmd !== STOP_ARRAY && cmd !== RUN_ARRAY) {
      err = -ENODEV;
      break done;
    }
    /* Commands even a read-only array can execute: */
    if (cmd === STOP_ARRAY) {
      err = yield* md_c.do_md_stop(mddev, 0, bdev);
      break done;
    }
    if (cmd === HOT_REMOVE_DISK) {
      err = yield* md_c.hot_remove_disk(mddev, arg as number);
      break done;
    }
    if (cmd === ADD_NEW_DISK && mddev.pers) {
      /* We can support ADD_NEW_DISK on read-only arrays on if we are re-adding a preexisting
       * device. So require mddev->pers and MD_DISK_SYNC. */
      const info = arg as mdu_disk_info_s;
      if (info.state & (1 << MD_DISK_SYNC)) {
        err = yield* md_c.add_new_disk(mddev, info);
        break done;
      }
      /* Need to clear read-only for this: on to the check below */
    }
    /* The remaining ioctls are changing the state of the superblock, so we do not allow them
     * on read-only arrays ... switch to rw mode if started auto-readonly. */
    if (mddev.ro && mddev.pers) {
      if (mddev.ro === 2) {
        mddev.ro = 0;
        md_h.sysfs_notify_dirent_safe(mddev.sysfs_state);
        yield* set_bit(MD_RECOVERY_NEEDED, field_ref(mddev, 'recovery'));
        /* mddev_unlock will wake thread */
        /* If a device failed while we were read-only, we need to make sure the metadata is
         * updated now. */
        if (test_bit(MD_CHANGE_DEVS, field_ref(mddev, 'flags'))) {
          yield* md_c.mddev_unlock(mddev);
          yield* wait_event(mddev.sb_wait, () => !test_bit(MD_CHANGE_DEVS, field_ref(mddev, 'flags')) && !test_bit(MD_CHANGE_PENDING, field_ref(mddev, 'flags')));
          yield* md_c.mddev_lock_nointr(mddev);
        }
      } else {
        err = -EROFS;
        break done;
      }
    }
    if (cmd === ADD_NEW_DISK) {
      err = yield* md_c.add_new_disk(mddev, arg as mdu_disk_info_s);
      break done;
    }
    err = yield* md_c.do_md_run(mddev);
  }
  if (mddev.hold_active === UNTIL_IOCTL && err !== -EINVAL) mddev.hold_active = 0;
  yield* md_c.mddev_unlock(mddev);
  return err;
}

export const md_ioctl_c = kernel_functions('drivers/md/md.c', { md_ioctl }, 'v3.15');

/**
 * open("/dev/mdN", O_RDWR): the first open of an md device node probes the array into
 * existence (md_probe() -> md_alloc()), then the block device is opened, which runs md_open()
 * (blkdev_get() -> __blkdev_get() calls the disk's fops->open). When md_open() lost a race with
 * the array's deletion (its disk is not the one the open found) it has flushed md_misc_wq and
 * returns -ERESTARTSYS, on which __blkdev_get() undoes the open and restarts from
 * get_gendisk(), whose region lookup probes the array again. The model looks the disk up before
 * the open and probes there, so the open is retried from the probe after -ERESTARTSYS, and
 * after -ENXIO when the disk it saw went before the open found it (a deletion in between, which
 * the C's get_gendisk() would have probed again). Returns the device, or the error open() would
 * fail with (an array md_alloc() could not make has no disk: -ENXIO).
 */
export function* md_try_open_device(minor: number): KGen<block_device | number> {
  const dev = MKDEV(MD_MAJOR, minor);
  for (;;) {
    /* md_probe(), by blk_register_region(): an unregistered md dev_t is probed into existence */
    const probed = !disk_registered(dev);
    if (probed) yield* md_c.md_alloc(dev, NULL);
    const bdev = yield* block_dev_c.blkdev_get_by_dev(dev, FMODE_READ | FMODE_WRITE, NULL);
    if (!IS_ERR(bdev)) return bdev;
    const err = PTR_ERR(bdev);
    const diskWentMeanwhile = err === -ENXIO && !probed && !disk_registered(dev);
    if (err !== -ERESTARTSYS && !diskWentMeanwhile) return err;
  }
}

/** md_try_open_device() where the open must succeed (the model's own set-up and teardown). */
export function* md_open_device(minor: number): KGen<block_device> {
  const bdev = yield* md_try_open_device(minor);
  if (typeof bdev === 'number') throw new Error(`open(/dev/md${minor}): md_open failed (${bdev})`);
  return bdev;
}

/** close() of an md device node: blkdev_put(), which runs md_release() (the disk's fops->release). */
export function* md_close_device(bdev: block_device): KGen {
  yield* block_dev_c.blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

/** What `mdadm --build` is told: the level and the member devices (/dev/NAME of the model's disks). */
export interface mdadm_build_spec {
  /** The array is /dev/md<minor>. */
  minor: number;
  level: number;
  members: readonly { name: string; dev: number }[];
  /** --assume-clean: the array is marked clean, so no resync starts at RUN_ARRAY. */
  assumeClean: boolean;
  /** --size in KiB (0: the smallest member's size). */
  sizeKiB?: number;
}

/**
 * `mdadm --build /dev/mdN --level=L --raid-devices=n [--assume-clean] members...`, as mdadm's
 * Build.c sends it: SET_ARRAY_INFO (not persistent, clean with --assume-clean), ADD_NEW_DISK
 * per member (active and in sync, in slot order), RUN_ARRAY, then close. When the kernel
 * refuses a step, Build.c's abort path sends STOP_ARRAY before closing, and mdadm exits with
 * the error: returned here in place of the array.
 */
export function* mdadm_try_build(spec: mdadm_build_spec): KGen<mddev | number> {
  const bdev = yield* md_try_open_device(spec.minor);
  if (typeof bdev === 'number') return bdev;
  const array = mdu_array_info_s_type.make();
  array.level = spec.level;
  array.size = spec.sizeKiB ?? 0;
  array.nr_disks = spec.members.length;
  array.raid_disks = spec.members.length;
  array.md_minor = spec.minor;
  array.not_persistent = 1;
  array.state = spec.assumeClean ? 1 << MD_SB_CLEAN : 0;
  array.active_disks = spec.members.length;
  array.working_disks = spec.members.length;
  return yield* mdadm_set_up_array(bdev, spec, array);
}

/**
 * What mdadm sends once it has /dev/mdN open, to build or assemble an array: SET_ARRAY_INFO
 * (`array`), ADD_NEW_DISK per member (active and in sync, in slot order), RUN_ARRAY, then the
 * close. When the kernel refuses a step, mdadm's abort path sends STOP_ARRAY before closing and
 * exits with the error: returned here in place of the array.
 */
export function* mdadm_set_up_array(bdev: block_device, spec: mdadm_build_spec, array: mdu_array_info_s): KGen<mddev | number> {
  let err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, SET_ARRAY_INFO, array);
  for (const [i, m] of spec.members.entries()) {
    if (err) break;
    const disk = mdu_disk_info_s_type.make();
    disk.number = i;
    disk.raid_disk = i;
    disk.state = (1 << MD_DISK_SYNC) | (1 << MD_DISK_ACTIVE);
    disk.major = m.dev >>> 20;
    disk.minor = m.dev & 0xfffff;
    err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, ADD_NEW_DISK, disk);
  }
  if (!err) err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, RUN_ARRAY, null);
  if (err) {
    /* abort: */
    yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, STOP_ARRAY, null);
    yield* md_close_device(bdev);
    return err;
  }
  const mddev = bdev.bd_disk.private_data as mddev;
  yield* md_close_device(bdev);
  return mddev;
}

/**
 * mdadm_try_build() where the build must succeed: throws when the kernel refuses (the model's
 * arrays are set up at boot, where a refusal is a bug of the stack description).
 */
export function* mdadm_build(spec: mdadm_build_spec): KGen<mddev> {
  const r = yield* mdadm_try_build(spec);
  if (typeof r === 'number') throw new Error(`mdadm --build /dev/md${spec.minor}: the kernel refused (${r})`);
  return r;
}

/** `mdadm --stop /dev/mdN`: open, STOP_ARRAY, close (the last close lets md_misc_wq delete the array). */
export function* mdadm_stop(minor: number): KGen<number> {
  const bdev = yield* md_open_device(minor);
  const err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, STOP_ARRAY, null);
  yield* md_close_device(bdev);
  return err;
}

/**
 * `echo NAME > /sys/module/md_mod/parameters/new_array`: sysfs's param_attr_store() calls the
 * parameter's set function, add_named_array(), which makes the array NAME at a free minor from
 * 512 up, held until a STOP_ARRAY. Returns the array's minor (what `ls -l /dev/NAME` shows), or
 * the write's error. param_attr_store()'s param_lock is left out: no other parameter is written.
 */
export function* md_new_array(name: string): KGen<number> {
  const err = yield* md_c.add_named_array(`${name}\n`, NULL);
  if (err) return err;
  const disk = disk_by_name(name);
  if (disk === null) throw new Error(`echo ${name} > new_array: no disk ${name} after the write succeeded`);
  return disk.first_minor;
}

/** The block-device path of an array. */
export function md_dev_path(mddev: mddev): string {
  return `/dev/${mddev.gendisk.disk_name.v}`;
}

/** `mdadm /dev/mdN --fail /dev/NAME`: open, SET_DISK_FAULTY of the member's dev_t, close. */
export function* mdadm_fail(minor: number, member: number): KGen<number> {
  const bdev = yield* md_open_device(minor);
  const err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, SET_DISK_FAULTY, member);
  yield* md_close_device(bdev);
  return err;
}

/**
 * `mdadm /dev/mdN --fail DEV --remove DEV --add DEV`, as mdadm's Manage_subdevs() sends it for
 * an array without a superblock (not_persistent): SET_DISK_FAULTY, HOT_REMOVE_DISK, then
 * ADD_NEW_DISK with state 0 in the first free descriptor slot from raid_disks on (mdadm finds it
 * with GET_DISK_INFO: the first number no member has), which adds the device as a spare that
 * md recovers onto. mdadm stops at the first refusal: --fail of the last working leg (raid1 does
 * not fail it) is EBUSY, and so is --remove of a member not Faulty; nothing is added then.
 * Returns the first error, or 0. (md's version is 0.90.3, so mdadm does not use the old
 * HOT_ADD_DISK.)
 */
export function* mdadm_fail_remove_add(minor: number, member: number): KGen<number> {
  const bdev = yield* md_open_device(minor);
  const mddev = bdev.bd_disk.private_data as mddev;
  let err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, SET_DISK_FAULTY, member);
  if (!err) err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, HOT_REMOVE_DISK, member);
  if (!err) {
    const disk = mdu_disk_info_s_type.make();
    /* GET_DISK_INFO from raid_disks on: the first number without a member (get_disk_info()'s
     * find_rdev_nr_rcu() finds none: major 0, minor 0, raid_disk -1) */
    let j = mddev.raid_disks;
    while (mddev_has_desc_nr(mddev, j)) j++;
    disk.number = j;
    disk.raid_disk = -1;
    disk.state = 0;
    disk.major = member >>> 20;
    disk.minor = member & 0xfffff;
    err = yield* md_ioctl_c.md_ioctl(bdev, FMODE_READ | FMODE_WRITE, ADD_NEW_DISK, disk);
  }
  yield* md_close_device(bdev);
  return err;
}

/**
 * Whether a member of the array has descriptor number `nr` (what GET_DISK_INFO of `nr` finds:
 * get_disk_info() looks it up with find_rdev_nr_rcu() under rcu_read_lock()).
 */
function mddev_has_desc_nr(mddev: mddev, nr: number): boolean {
  rcu_read_lock();
  const found = list_entries<md_rdev>(mddev.disks, 'same_set').some((rdev) => rdev.desc_nr === nr);
  rcu_read_unlock();
  return found;
}

/**
 * A write of `text` to /sys/block/mdN/md/ATTR: sysfs calls md_attr_store(), which holds a
 * reference to the array and its lock around the attribute's store (`store`, e.g. md.c's
 * action_store for sync_action). Returns what the store returns (the length written, or an
 * error).
 * @port drivers/md/md.c v3.15 simplified - md_attr_store() with the attribute's store given: no kobject, attribute or capability check, no -EIO for an attribute without a store
 */
function* md_attr_store(mddev: mddev, store: (mddev: mddev, page: string, len: number) => KGen<number>, text: string): KGen<number> {
  yield* spinlock.spin_lock(md_c_globals().all_mddevs_lock);
  if (list_empty(mddev.all_mddevs)) {
    yield* spinlock.spin_unlock(md_c_globals().all_mddevs_lock);
    return -EBUSY;
  }
  yield* md_c.mddev_get(mddev);
  yield* spinlock.spin_unlock(md_c_globals().all_mddevs_lock);
  if (store === md_c.new_dev_store) yield* workqueue.flush_workqueue(md_c_globals().md_misc_wq);
  let rv = yield* md_c.mddev_lock(mddev);
  if (!rv) {
    rv = yield* store(mddev, text, text.length);
    yield* md_c.mddev_unlock(mddev);
  }
  yield* md_c.mddev_put(mddev);
  return rv;
}

export const md_sysfs_c = kernel_functions('drivers/md/md.c', { md_attr_store }, 'v3.15');

/**
 * `echo LO > md/suspend_lo; echo HI > md/suspend_hi`: writes to sectors [LO, HI) of the array
 * wait until the range is released (the personality quiesces while the range grows: raid1
 * freezes the array). `echo LO > md/suspend_hi` releases it (the range shrinks to nothing and
 * the waiting writers are woken). The first refusal's error, or 0.
 */
export function* md_suspend_range(mddev: mddev, lo: number, hi: number): KGen<number> {
  const r = yield* md_sysfs_c.md_attr_store(mddev, md_c.suspend_lo_store, `${lo}\n`);
  if (r < 0) return r;
  const s = yield* md_sysfs_c.md_attr_store(mddev, md_c.suspend_hi_store, `${hi}\n`);
  return s < 0 ? s : 0;
}

/**
 * `echo MAJ:MIN > /sys/block/mdN/md/new_dev`: new_dev_store() imports the device and binds it to
 * the array, or refuses it (a device another holder has claimed: md_import_device() cannot claim
 * it, -EBUSY). What the store returns: the length written, or an error.
 */
export function* md_new_dev(mddev: mddev, dev: number): KGen<number> {
  return yield* md_sysfs_c.md_attr_store(mddev, md_c.new_dev_store, `${dev >>> MINORBITS}:${dev & MINORMASK}\n`);
}

/** `echo ACTION > /sys/block/mdN/md/sync_action` (check, repair, resync, idle, frozen, recover): action_store() through md_attr_store(). */
export function* md_sync_action(mddev: mddev, action: string): KGen<number> {
  return yield* md_sysfs_c.md_attr_store(mddev, md_c.action_store, `${action}\n`);
}
