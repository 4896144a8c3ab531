// Opens of an md device that races its making and its deletion. `mdadm --build /dev/md1` opens
// the node before the array exists, and that first open probes it into existence (md_probe() ->
// md_alloc() -> mddev_find()); a second program opening the same node at that moment (udev's
// blkid, which a member's change event starts, or a second mdadm started for the same array)
// probes it too, so two tasks make the same unit at once, and md_alloc()'s disks_mutex and
// mddev_find()'s all_mddevs_lock are what leave one mddev and one disk. blkid opens, reads the
// first sectors (an error while the array has no personality yet) and closes, three times;
// mdadm builds a mirror, writes and reads it and stops it, twice: its STOP_ARRAY fails with
// -EBUSY while blkid holds the array open, and mdadm retries, as Manage_stop() does (25 times,
// 200 ms apart). The last close of a stopped array hands it to md_misc_wq for deletion
// (mddev_delayed_delete()), where blkid's next open can meet it: md_open() then finds another
// disk and has the open restarted. Meanwhile a third mdadm makes a named array (mdadm.conf's
// CREATE names=yes: /dev/md/home is made by writing md_home to md_mod's new_array parameter):
// add_named_array() -> md_alloc() takes a free minor from 512 up and checks the name against every
// array on all_mddevs while the other two add and drop md1 there; it is stopped again. At the end
// the disks go and the modules are unloaded: a second mddev or disk made and dropped without its
// kfree is a leak.

import { timers } from '../../kernel-model/kernel/timer.ts';
import '../../kernel-model/v3.15/world.ts';
import { defaultPlan, type FaultPlan } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { EBUSY } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { md_close_device, md_dev_path, md_new_array, md_try_open_device, mdadm_stop, mdadm_try_build } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import type { sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { bareDisksProgram } from './bare-disks-program.ts';
import type { Suite } from './suite.ts';
import { submitAndWait } from './workload-io.ts';

const MINOR = 1;
const BUILDS = 2;
const PROBES = 3;
/** Manage_stop()'s retries of a STOP_ARRAY that found the array in use. */
const STOP_TRIES = 25;
const STOP_RETRY_MS = 200;
/** The named array's name, as mdadm derives it from /dev/md/home. */
const NAMED_ARRAY = 'md_home';

/** `mdadm --stop` of an array, retried while something else holds it open. */
function* mdadmStopRetrying(minor: number): KGen {
  for (let tries = STOP_TRIES; ; tries--) {
    const err = yield* mdadm_stop(minor);
    if (err === 0) return;
    if (err !== -EBUSY || tries === 1) throw new Error(`mdadm --stop of md minor ${minor}: ${err}`);
    yield* timers.msleep(STOP_RETRY_MS);
  }
}

function* mdadmRounds(legs: sim_disk[]): KGen {
  for (let round = 0; round < BUILDS; round++) {
    const md = yield* mdadm_try_build({ minor: MINOR, level: 1, members: legs.map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true });
    if (typeof md === 'number') throw new Error(`mdadm --build /dev/md${MINOR}: ${md}`);
    const bdev = yield* open_block_device(md_dev_path(md));
    yield* submitAndWait(bdev, WRITE, round * 16, 8);
    yield* submitAndWait(bdev, READ, round * 16, 8);
    yield* close_block_device(bdev);
    yield* mdadmStopRetrying(MINOR);
  }
}

/** mdadm making /dev/md/home by name (new_array), then stopping it: it is deleted at the close. */
function* namedArray(): KGen {
  const minor = yield* md_new_array(NAMED_ARRAY);
  if (minor < 0) throw new Error(`echo ${NAMED_ARRAY} > /sys/module/md_mod/parameters/new_array: ${minor}`);
  yield* mdadmStopRetrying(minor);
}

/** blkid /dev/md1: open (probing the array when it does not exist), read the first sectors, close. */
function* blkidRounds(): KGen {
  for (let round = 0; round < PROBES; round++) {
    const bdev = yield* md_try_open_device(MINOR);
    if (typeof bdev === 'number') continue;
    yield* submitAndWait(bdev, READ, 0, 8);
    yield* md_close_device(bdev);
  }
}

/** No faults: the races are the schedule's; IO completes with up to two scheduling decisions of delay. */
function plan(seed: number): FaultPlan {
  const p = defaultPlan();
  p.ioDelay = new Prng(seed).below(3);
  return p;
}

const program = (): Program =>
  bareDisksProgram([{ name: 'sda', minor: 0 }, { name: 'sdc', minor: 32 }], (m, disks) => {
    m.spawn('mdadm', () => mdadmRounds(disks));
    m.spawn('blkid', () => blkidRounds());
    m.spawn('mdadm-named', () => namedArray());
  });

export const mdOpenRace: Suite = {
  name: 'md-open-race',
  summary: 'two programs open a new md device at once (both probe it into existence), blkid opens it while mdadm stops it and while its deletion is queued, and a named array is made and stopped beside it',
  scenario: 'when an md device is opened while it is made or deleted',
  kernel: '3.15',
  defaultSchedules: 150,
  expectedSteps: 3000,
  plan,
  program,
};
