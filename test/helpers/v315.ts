// Test helpers for the translated v3.15 world: disks and dm devices set up at boot as the suites
// set them up, and a program whose tasks open them.
import '../../kernel-model/index.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import type { block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { dm_dev_path, dm_ioctl, dmsetup_create, type dm_hash_cell, type dm_target_spec } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import type { mddev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { md_dev_path, mdadm_build, mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { SIM_DISK_SECTORS, sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import type { TestProgram } from './sim.ts';

export interface Devices {
  disks: Record<string, sim_disk>;
  dm: dm_hash_cell[];
  /** md arrays, /dev/md0, /dev/md1, ... */
  md: mddev[];
}

/** An md array built as `mdadm --build --assume-clean` builds it over disks booted before it. */
export interface ArraySpec {
  level: number;
  members: readonly string[];
}

/**
 * Boots disks (name -> sectors), then md arrays (built in order: md0, md1, ...), then dm devices
 * (tables, created in order: dm-0, dm-1, ...).
 */
export function bootDevices(m: Machine, disks: Record<string, number | null>, tables: readonly (readonly dm_target_spec[])[], arrays: readonly ArraySpec[] = []): Devices {
  const out: Devices = { disks: {}, dm: [], md: [] };
  let minor = 0;
  for (const [name, sectors] of Object.entries(disks)) {
    const d = m.bootCall(sim_disk_ops.sim_disk_create(name, minor, sectors ?? SIM_DISK_SECTORS));
    if (d === null) throw new Error(`disk ${name}`);
    out.disks[name] = d;
    minor += 16;
  }
  for (const [minor, a] of arrays.entries()) {
    const members = a.members.map((name) => ({ name, dev: out.disks[name].dev }));
    out.md.push(m.bootCall(mdadm_build({ minor, level: a.level, members, assumeClean: true })));
  }
  for (const t of tables) out.dm.push(m.bootCall(dmsetup_create(t)));
  return out;
}

/** Removes what bootDevices made, top first. */
export function* removeDevices(dev: Devices): KGen {
  for (const hc of [...dev.dm].reverse()) yield* dm_ioctl.dev_remove(hc, 0);
  for (let minor = dev.md.length - 1; minor >= 0; minor--) {
    const err = yield* mdadm_stop(minor);
    if (err) throw new Error(`mdadm --stop /dev/md${minor}: ${err}`);
  }
  for (const d of Object.values(dev.disks)) yield* sim_disk_ops.sim_disk_remove(d);
}

/** Runs `body` with `path` open, as a program does between open() and close(). */
export function* withOpen<T>(path: string, body: (bdev: block_device) => KGen<T>): KGen<T> {
  const bdev = yield* open_block_device(path);
  const r = yield* body(bdev);
  yield* close_block_device(bdev);
  return r;
}

/** A v3.15 test program over devices booted in `before`. */
export function v315Program(setup: (m: Machine) => Devices, tasks: (dev: () => Devices) => TestProgram['tasks']): TestProgram {
  let dev: Devices | null = null;
  const get = (): Devices => dev as Devices;
  return {
    base: 'v3.15',
    before: (m) => {
      dev = setup(m);
    },
    tasks: tasks(get),
    teardown: () => removeDevices(get()),
  };
}

export { dm_dev_path, md_dev_path };
