// A RAID1 mirror with bad sectors on both legs: /dev/md0 made as `mdadm --create --metadata=1.2
// --assume-clean` makes it (v3.15/model/mdadm-create.ts), so each leg carries a version-1.2
// superblock and a bad-block log (super_1_load() turns it on), over two disks with a few bad
// sectors each, at different places. Writes across them fail on one leg; raid1d narrows each
// failed write to its bad blocks (narrow_write_error) and records them (rdev_set_badblocks), md's
// thread writes the logs with the superblocks and acknowledges them (md_update_sb). Reads and
// writes across recorded bad blocks are split around them (make_request's bi_phys_segments
// count of r1bios, call_bio_endio()), a write meeting blocks not yet acknowledged waits for the
// superblock write (md_wait_for_blocked_rdev), and reads are steered away from them
// (read_balance). Teardown stops the array and removes the disks.

import '../../kernel-model/v3.15/world.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { md_dev_path } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { DATA_OFFSET_1_2, mdadm_create } from '../../kernel-model/v3.15/model/mdadm-create.ts';
import { sim_disk_set_bad, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { drawPlan } from './plan-shape.ts';
import type { Suite } from './suite.ts';
import { simDisk, submitAndWait, submitBatch } from './workload-io.ts';
import { destroyMirror, type Mirror } from './raid1-mirror.ts';

/** Sectors of each leg: the 1.2 superblock's 1 MiB before the data, and 3 MiB of data. */
const LEG_SECTORS = DATA_OFFSET_1_2 + 6144;

/** Bad sectors of each leg, in array sectors (each leg's data starts at DATA_OFFSET_1_2). */
const BAD_SECTORS: Readonly<Record<'sda' | 'sdc', readonly { sector: number; sectors: number }[]>> = {
  sda: [{ sector: 64, sectors: 8 }, { sector: 200, sectors: 4 }],
  sdc: [{ sector: 128, sectors: 8 }, { sector: 264, sectors: 4 }],
};

/** Boots the two legs with their bad sectors. */
function* bootLegs(): KGen<sim_disk[]> {
  const legs = [yield* simDisk('sda', 0, LEG_SECTORS), yield* simDisk('sdc', 16, LEG_SECTORS)];
  for (const d of legs) for (const b of BAD_SECTORS[d.name as 'sda' | 'sdc']) sim_disk_set_bad(d, DATA_OFFSET_1_2 + b.sector, b.sectors);
  return legs;
}

/**
 * mdadm --create over the legs, then /dev/md0 opened: from a task, as a boot script runs it (the
 * kernel reads the superblocks back and waits for the disks, which boot-time code cannot).
 */
function* createMirror(legs: sim_disk[]): KGen<Mirror> {
  const md = yield* mdadm_create({ minor: 0, level: 1, members: legs.map((d) => ({ name: d.name, dev: d.dev })), assumeClean: true });
  const bdev = yield* open_block_device(md_dev_path(md));
  return { legs, md, bdev };
}

/** Writeback of the region the bad sectors are in, two writes under one plug per round, twice over. */
function* writeback(m: Mirror): KGen {
  for (let pass = 0; pass < 2; pass++) {
    yield* submitBatch(m.bdev, WRITE, [
      { sector: 32, sectors: 64 },
      { sector: 176, sectors: 112 },
    ]);
  }
}

/** A reader across the region (both legs' bad blocks in range: the read is split), rewriting part of it. */
function* reader(m: Mirror): KGen {
  for (let round = 0; round < 3; round++) {
    yield* submitAndWait(m.bdev, READ, 40, 256);
    yield* submitAndWait(m.bdev, WRITE, 120 + round * 8, 24);
  }
}

/** Memory mostly plentiful; completions sometimes late; the bad sectors are the faults. */
function plan(seed: number): FaultPlan {
  return drawPlan(seed, { memory: ['none', 'none', 'low'], ioDelay: { chance: 3, max: 2 }, wqDelay: { chance: 4, max: 1 } });
}

function program(): Program {
  let mirror: Mirror | null = null;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      const legs = m.bootCall(bootLegs());
      // The workload starts once the array runs.
      m.spawn('mdadm', function* () {
        const made = yield* createMirror(legs);
        mirror = made;
        m.spawn('writeback', () => writeback(made));
        m.spawn('dd', () => reader(made));
      });
    },
    teardown: function* () {
      if (mirror === null) throw new Error('raid1-bad-blocks: the array was never created');
      yield* destroyMirror(mirror);
    },
  };
}

export const raid1BadBlocks: Suite = {
  name: 'raid1-bad-blocks',
  summary: 'IO to a RAID1 mirror with 1.2 superblocks over legs with bad sectors: bad-block logs, split reads and writes',
  scenario: 'for IO to a RAID1 mirror whose legs have bad sectors',
  kernel: '3.15',
  defaultSchedules: 150,
  expectedSteps: 2000,
  plan,
  program,
};
