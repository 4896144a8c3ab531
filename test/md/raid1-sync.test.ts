// md's sync paths in the translated v3.15 world: a check (echo check > md/sync_action, md.c's
// action_store under md_attr_store), recovery onto a member failed, removed and added back
// (mdadm --fail --remove --add: SET_DISK_FAULTY, HOT_REMOVE_DISK, ADD_NEW_DISK), and the array
// stopped while its sync thread runs. md_do_sync runs raid1's sync_request over the array and
// md_reap_sync_thread ends it.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, v315Program } from '../helpers/v315.ts';
import type { Devices } from '../helpers/v315.ts';
import { atomic_read } from '../../kernel-model/include/linux/atomic.ts';
import { test_bit } from '../../kernel-model/include/linux/bitops.ts';
import { list_entry } from '../../kernel-model/include/linux/list.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { field_ref } from '../../kernel-model/lib/c-pointers.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import type { RunResult } from '../../kernel-model/sim/run.ts';
import { Faulty, In_sync, MD_RECOVERY_NEEDED, MD_RECOVERY_RUNNING, type md_rdev, type mddev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { HOT_REMOVE_DISK, md_close_device, md_ioctl_c, md_open_device, md_sync_action, mdadm_fail, mdadm_fail_remove_add, mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';

const SECTORS = 2048;
const MIRROR = { sda: SECTORS, sdc: SECTORS };

/** `mdadm --wait`: polls until no sync runs or is due (no sync thread, MD_RECOVERY_NEEDED and MD_RECOVERY_RUNNING clear). */
function* waitIdle(md: mddev): KGen {
  const recovery = field_ref(md, 'recovery');
  while (md.sync_thread !== null || test_bit(MD_RECOVERY_NEEDED, recovery) || test_bit(MD_RECOVERY_RUNNING, recovery)) yield* timers.msleep(1);
}

/** One run against md0 (RAID1 over sda and sdc); `body` runs in a task, the array is stopped at teardown. */
function withMirror(seed: number, body: (md: mddev, dev: Devices) => KGen, plan: { ioDelay?: number } = {}): { r: RunResult; dev: Devices; log: string[] } {
  let devices: Devices | null = null;
  const p = v315Program(
    (m) => (devices = bootDevices(m, MIRROR, [], [{ level: 1, members: ['sda', 'sdc'] }])),
    (dev) => ({
      admin: function* () {
        yield* body(dev().md[0], dev());
      },
    }),
  );
  const r = runSeed(p, seed, { plan, trace: true });
  return { r, dev: devices as unknown as Devices, log: (r.log ?? []).filter((l) => l.includes('printk: md: ')) };
}

/** The sectors of [0, SECTORS) the disk's reads (or writes) covered. */
function covered(dev: Devices, disk: string, write: boolean): number {
  const seen = new Array<boolean>(SECTORS).fill(false);
  for (const s of dev.disks[disk].seen) if (s.write === write) for (let i = s.sector; i < s.sector + s.sectors && i < SECTORS; i++) seen[i] = true;
  return seen.filter(Boolean).length;
}

function members(md: mddev): md_rdev[] {
  const out: md_rdev[] = [];
  for (let p = md.disks.next; p !== md.disks; p = p.next) out.push(list_entry<md_rdev>(p, 'same_set'));
  return out;
}

describe('md resync, check and recovery over raid1 (v3.15 world)', () => {
  it('a check of an in-sync mirror reads both legs end to end, writes nothing and counts no mismatches', () => {
    for (let seed = 1; seed <= 3; seed++) {
      let written = 0;
      let mismatches = -1;
      let action = '';
      const { r, dev, log } = withMirror(seed, function* (md) {
        // Right after RUN_ARRAY md_run() has set MD_RECOVERY_NEEDED: until md's thread has
        // looked (md_check_recovery), action_store() answers EBUSY.
        yield* waitIdle(md);
        written = yield* md_sync_action(md, 'check');
        yield* waitIdle(md);
        mismatches = atomic_read(md.resync_mismatches);
        action = md.last_sync_action?.v ?? '';
      });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(written).toBe('check\n'.length);
      expect(action).toBe('check');
      expect(log.some((l) => l.includes('md: md0: data-check done.'))).toBe(true);
      expect(mismatches).toBe(0);
      // raid1's sync_request read every sector of both legs (process_checks compares them) ...
      expect(covered(dev, 'sda', false)).toBe(SECTORS);
      expect(covered(dev, 'sdc', false)).toBe(SECTORS);
      // ... and a check of equal legs writes nothing back.
      expect(covered(dev, 'sda', true) + covered(dev, 'sdc', true)).toBe(0);
    }
  });

  it('a second sync_action write while one runs is refused with EBUSY, as action_store says', () => {
    let second = 0;
    const { r } = withMirror(1, function* (md) {
      yield* waitIdle(md);
      yield* md_sync_action(md, 'check');
      second = yield* md_sync_action(md, 'repair');
      yield* waitIdle(md);
    });
    expect(titles(r)).toEqual([]);
    expect(second).toBe(-16);
  });

  it('a leg failed, removed and added back is recovered from the other leg and is in sync again', () => {
    for (let seed = 1; seed <= 3; seed++) {
      let err = -1;
      let degradedAfter = -1;
      let states: string[] = [];
      const { r, dev, log } = withMirror(seed, function* (md, d) {
        err = yield* mdadm_fail_remove_add(0, d.disks.sdc.dev);
        yield* waitIdle(md);
        degradedAfter = md.degraded;
        states = members(md).map((rdev) => `${rdev.bdev.bd_disk.disk_name.v}:${rdev.raid_disk}:${test_bit(In_sync, field_ref(rdev, 'flags')) ? 'in_sync' : ''}${test_bit(Faulty, field_ref(rdev, 'flags')) ? 'faulty' : ''}`);
      });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(err).toBe(0);
      expect(log.some((l) => l.includes('md: recovery of RAID array md0'))).toBe(true);
      expect(log.some((l) => l.includes('md: md0: recovery done.'))).toBe(true);
      // The re-added sdc got every sector written from sda; raid1_spare_active made it In_sync.
      expect(covered(dev, 'sdc', true)).toBe(SECTORS);
      expect(covered(dev, 'sda', false)).toBe(SECTORS);
      expect(degradedAfter).toBe(0);
      expect(states.sort()).toEqual(['sda:0:in_sync', 'sdc:1:in_sync']);
    }
  });

  it('mdadm --remove of a leg not Faulty is refused with EBUSY (hot_remove_disk: "cannot remove active disk")', () => {
    let err = 0;
    const { r, dev } = withMirror(1, function* (md, d) {
      yield* waitIdle(md);
      const bdev = yield* md_open_device(0);
      err = yield* md_ioctl_c.md_ioctl(bdev, 3, HOT_REMOVE_DISK, d.disks.sdc.dev);
      yield* md_close_device(bdev);
    }, {});
    expect(titles(r)).toEqual([]);
    expect(err).toBe(-16);
    expect((r.log ?? []).some((l) => l.includes('md: cannot remove active disk sdc from md0'))).toBe(true);
    expect(covered(dev, 'sdc', true)).toBe(0);
  });

  it('mdadm --fail of the last working leg is refused with EBUSY (raid1 will not fail it), so nothing is removed or added', () => {
    let first = -1;
    let second = 0;
    let names: string[] = [];
    const { r, log } = withMirror(1, function* (md, d) {
      first = yield* mdadm_fail(0, d.disks.sda.dev);
      yield* waitIdle(md);
      second = yield* mdadm_fail_remove_add(0, d.disks.sdc.dev);
      yield* waitIdle(md);
      names = members(md).map((rdev) => rdev.bdev.bd_disk.disk_name.v);
    });
    expect(titles(r)).toEqual([]);
    expect(first).toBe(0);
    expect(second).toBe(-16);
    // sda, Faulty, was removed by md's thread (remove_and_add_spares) but stays bound; sdc stays.
    expect(names.sort()).toEqual(['sda', 'sdc']);
    expect(log.some((l) => l.includes('recovery of RAID array'))).toBe(false);
  });

  it('mdadm --stop while a check runs interrupts the sync thread (do_md_stop sets MD_RECOVERY_INTR and waits for it to be reaped)', () => {
    // (A program's teardown comes when the machine is quiescent, after any sync has ended: the
    // stop here comes from a task while the check runs.)
    for (let seed = 1; seed <= 3; seed++) {
      let err = -1;
      let running = false;
      const { r, log } = withMirror(seed, function* (md) {
        yield* waitIdle(md);
        yield* md_sync_action(md, 'check');
        // until md_check_recovery() has started the sync thread
        while (md.sync_thread === null) yield* timers.msleep(1);
        running = true;
        err = yield* mdadm_stop(0);
      }, { ioDelay: 5 });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(running).toBe(true);
      expect(err).toBe(0);
      const interrupted = log.findIndex((l) => l.includes('md: md0: data-check interrupted.'));
      expect(interrupted).toBeGreaterThan(0);
      expect(interrupted).toBeLessThan(log.findIndex((l) => l.includes('md: md0 stopped.')));
    }
  });
});
