// A v3.15 disk's references (block/genhd.c, fs/block_dev.c): the driver's alloc_disk() holds
// one, the first open of its block device takes another through get_gendisk() until the last
// close, and the last put frees the disk. A disk removed while a program still has it open
// stays readable until that close, and is freed by it.
import { describe, expect, it } from 'vitest';
import { runSeed, titles, type TestProgram } from '../helpers/sim.ts';
import { bootDevices, type Devices } from '../helpers/v315.ts';
import { allocInfo } from '../../kernel-model/mm/kasan.ts';
import { kobject_refcount } from '../../kernel-model/lib/kobject.ts';
import { close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { sim_disk_ops } from '../../kernel-model/v3.15/model/sim-disk.ts';
import type { gendisk } from '../../kernel-model/v3.15/include/linux/genhd.ts';

interface Seen {
  /** The disk's references while the program has it open, before and after the driver's remove. */
  refsOpen: number;
  refsRemoved: number;
  /** Whether the disk had been freed after the remove, and after the close. */
  freedRemoved: boolean;
  freedClosed: boolean;
  name: string;
}

const freed = (disk: gendisk): boolean => allocInfo(disk)?.freeStack != null;

/** Opens sda, has its driver remove it (del_gendisk, put_disk), reads the disk, closes it. */
function removedWhileOpen(seen: Partial<Seen>): TestProgram {
  let dev: Devices | null = null;
  return {
    base: 'v3.15',
    before: (m) => {
      dev = bootDevices(m, { sda: null }, []);
    },
    tasks: {
      holder: function* () {
        const sda = (dev as Devices).disks.sda;
        const disk = sda.disk;
        const bdev = yield* open_block_device('/dev/sda');
        seen.refsOpen = kobject_refcount(disk.part0.__dev.kobj);
        yield* sim_disk_ops.sim_disk_remove(sda);
        seen.refsRemoved = kobject_refcount(disk.part0.__dev.kobj);
        seen.freedRemoved = freed(disk);
        seen.name = bdev.bd_disk.disk_name.v;
        yield* close_block_device(bdev);
        seen.freedClosed = freed(disk);
      },
    },
  };
}

describe('v3.15 disk references', () => {
  it('an open block device keeps its disk past the driver\'s put, and its last close frees it', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const seen: Partial<Seen> = {};
      const r = runSeed(removedWhileOpen(seen), seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      // alloc_disk()'s reference and the first opener's (the driver's own open at create; a
      // later open drops the one get_gendisk() took).
      expect(seen.refsOpen).toBe(2);
      expect(seen.refsRemoved).toBe(1);
      expect(seen.freedRemoved).toBe(false);
      expect(seen.name).toBe('sda');
      expect(seen.freedClosed).toBe(true);
    }
  });
});
