// A RAID1 mirror whose legs fail: /dev/md0 built over two simulated disks as `mdadm --build
// --assume-clean` builds it (v3.15/model/md-ioctl.ts over the translated md.c), two tasks doing
// plugged and unplugged reads and writes to it, and in a third of the runs the disks failing a
// share of their IOs. A failed write makes raid1 mark its leg Faulty (md_error) and carry on
// degraded; a failed read is retried on the other leg by raid1d (fix_read_error); when both legs
// are gone the error reaches the submitter. Teardown stops the array (mdadm --stop) and removes
// the disks. It drives what no other suite does: raid1.c's make_request, its end_io paths,
// raid1d and the array's life cycle in md.c.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import '../../kernel-model/v3.15/world.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { mddev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { md_dev_path, mdadm_build, mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';
import { simDisk, submitAndWait, submitBatch } from './workload-io.ts';

/** Sectors of each leg. */
const LEG_SECTORS = 4096;
/** Rounds of IO each task does. */
const ROUNDS = 4;

/** A mirror a suite built: its legs, the array and /dev/md0 open. */
export interface Mirror {
  legs: sim_disk[];
  md: mddev;
  bdev: block_device;
}

/** Boots the two legs and the array over them, and opens /dev/md0. */
function* buildMirror(): KGen<Mirror> {
  const legs = [yield* simDisk('sda', 0, LEG_SECTORS), yield* simDisk('sdc', 16, LEG_SECTORS)];
  const md = yield* mdadm_build({ minor: 0, level: 1, members: legs.map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true });
  const bdev = yield* open_block_device(md_dev_path(md));
  return { legs, md, bdev };
}

/** Closes /dev/md0, stops the array, removes the legs and unloads the modules. */
export function* destroyMirror(m: Mirror): KGen {
  yield* close_block_device(m.bdev);
  const err = yield* mdadm_stop(0);
  if (err) throw new Error(`mdadm --stop /dev/md0: ${err}`);
  for (const d of m.legs) yield* sim_disk_ops.sim_disk_remove(d);
  /* rmmod dm_snapshot dm_mod raid1 md_mod: the module exits (a leak into a module's cache is reported) */
  yield* delete_modules('v3.15');
}

/** A writer as a filesystem's writeback does it: two writes under one plug, then it waits. */
function* pluggedWriter(m: Mirror, base: number): KGen {
  for (let round = 0; round < ROUNDS; round++) {
    yield* submitBatch(m.bdev, WRITE, [
      { sector: base + round * 32, sectors: 8 },
      { sector: base + round * 32 + 8, sectors: 8 },
    ]);
  }
}

/** A reader that also rewrites what it read, one IO at a time. */
function* readerWriter(m: Mirror, base: number): KGen {
  for (let round = 0; round < ROUNDS; round++) {
    yield* submitAndWait(m.bdev, READ, base + round * 16, 16);
    yield* submitAndWait(m.bdev, WRITE, base + round * 16, 8);
  }
}

/** Memory mostly plentiful; completions sometimes late; in a third of the runs legs fail IOs. */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, { memory: ['none', 'none', 'low'], ioDelay: { chance: 3, max: 2 }, wqDelay: { chance: 4, max: 1 }, ioError: { chance: 3, percent: 30 } });
}

function program(): Program {
  let mirror: Mirror;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      mirror = m.bootCall(buildMirror());
      m.spawn('writeback', () => pluggedWriter(mirror, 0));
      m.spawn('dd', () => readerWriter(mirror, 1024));
    },
    teardown: () => destroyMirror(mirror),
  };
}

export const raid1Mirror: Suite = {
  name: 'raid1-mirror',
  summary: 'plugged and unplugged IO to a RAID1 mirror whose legs fail IOs: md_error, degraded writes, read retries',
  scenario: 'for IO to a RAID1 mirror whose legs fail',
  kernel: '3.15',
  defaultSchedules: 150,
  expectedSteps: 1000,
  plan,
  program,
};
