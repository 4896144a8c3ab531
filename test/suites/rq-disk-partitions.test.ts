// Partitions (v3.15, model/partitions.ts) and rq-disk-partitions. A partition added with BLKPG
// on the open whole disk opens through it (bd_contains), takes bios at its own sectors that
// reach the disk remapped by its start, refuses to be deleted while open, and once deleted
// cannot be opened; a request accounted to a deleted partition keeps it until the request is
// done, and the partition is freed a grace period later. A patch that stops counting a
// partition's requests on the whole disk's part0 (part_inc_in_flight()), taken from its mail by
// `lkml-harness port`, leaves part0's in_flight below zero once each request is done; the base
// tree's runs report nothing.
import { describe, expect, it } from 'vitest';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import { baseTitles } from '../helpers/suite-runs.ts';
import { runSeed, titles, type TestProgram } from '../helpers/sim.ts';
import { bootDevices, v315Program, withOpen } from '../helpers/v315.ts';
import { blkpg, submitAndWait } from '../../harness/suites/workload-io.ts';
import { rqDiskPartitions } from '../../harness/suites/rq-disk-partitions.ts';
import { traceCalls } from '../../kernel-model/sim/hooks.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import { allocInfo } from '../../kernel-model/mm/kasan.ts';
import { EBUSY, EINVAL, ENXIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { hd_struct } from '../../kernel-model/v3.15/include/linux/genhd.ts';
import { FMODE_READ, block_dev_c, close_block_device, open_block_device } from '../../kernel-model/v3.15/model/genhd.ts';
import { IS_ERR, PTR_ERR } from '../../kernel-model/include/linux/kernel.ts';
import { BLKPG_ADD_PARTITION, BLKPG_DEL_PARTITION, genhd_parts } from '../../kernel-model/v3.15/model/partitions.ts';

interface Seen {
  added: number[];
  overlap: number;
  containsWhole: boolean;
  size: number;
  name: string;
  delOpen: number;
  delClosed: number;
  reopen: string;
  reopenByDev: number;
  nonWhole: number;
  sectors: { sector: number; write: boolean }[];
  part: hd_struct | null;
}


/** sda partitioned, written and read through sda1, sda1 deleted after its close. */
function partitioned(seen: Partial<Seen>): TestProgram {
  return v315Program(
    (m) => bootDevices(m, { sda: 8192 }, []),
    (dev) => ({
      parted: function* () {
        const sda = dev().disks.sda;
        const whole = yield* open_block_device('/dev/sda');
        seen.added = [yield* blkpg(whole, BLKPG_ADD_PARTITION, 1, { start: 2048, length: 2048 }), yield* blkpg(whole, BLKPG_ADD_PARTITION, 2, { start: 4096, length: 4096 })];
        seen.overlap = yield* blkpg(whole, BLKPG_ADD_PARTITION, 3, { start: 3072, length: 2048 });
        seen.part = genhd_parts.disk_get_part(sda.disk, 1);
        yield* genhd_parts.disk_put_part(seen.part);
        const p1 = yield* open_block_device('/dev/sda1');
        seen.containsWhole = p1.bd_contains === whole;
        seen.size = p1.bd_inode.i_size;
        seen.name = p1.bd_part.__dev.name;
        const devt = p1.bd_dev;
        seen.nonWhole = yield* blkpg(p1, BLKPG_ADD_PARTITION, 4, { start: 0, length: 8 });
        const before = sda.seen.length;
        yield* submitAndWait(p1, WRITE, 8, 8);
        yield* submitAndWait(p1, READ, 8, 8);
        seen.sectors = sda.seen.slice(before).map(({ sector, write }) => ({ sector, write }));
        seen.delOpen = yield* blkpg(whole, BLKPG_DEL_PARTITION, 1, { start: 0, length: 0 });
        yield* close_block_device(p1);
        seen.delClosed = yield* blkpg(whole, BLKPG_DEL_PARTITION, 1, { start: 0, length: 0 });
        // udev took /dev/sda1 away; a program that kept its dev_t gets -ENXIO from the open.
        try {
          yield* withOpen('/dev/sda1', () => (function* () {})());
          seen.reopen = 'opened';
        } catch (e) {
          seen.reopen = String(e);
        }
        const byDev = yield* block_dev_c.blkdev_get_by_dev(devt, FMODE_READ, null);
        seen.reopenByDev = IS_ERR(byDev) ? PTR_ERR(byDev) : 0;
        yield* close_block_device(whole);
      },
    }),
  );
}

describe('v3.15 partitions', () => {
  it('opens a partition through its whole disk, remaps its bios, and deletes it only when closed', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const seen: Partial<Seen> = {};
      const r = runSeed(partitioned(seen), seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(seen.added).toEqual([0, 0]);
      expect(seen.overlap).toBe(-EBUSY);
      expect(seen.nonWhole).toBe(-EINVAL);
      expect(seen.containsWhole).toBe(true);
      expect(seen.size).toBe(2048 * 512);
      expect(seen.name).toBe('sda1');
      // sda1's sector 8 is the disk's 2048 + 8.
      expect(seen.sectors).toEqual([
        { sector: 2056, write: true },
        { sector: 2056, write: false },
      ]);
      expect(seen.delOpen).toBe(-EBUSY);
      expect(seen.delClosed).toBe(0);
      expect(seen.reopen).toContain('open(/dev/sda1): no such block device');
      expect(seen.reopenByDev).toBe(-ENXIO);
      // Deleted, its last reference put and a grace period passed: freed (the disk's removal
      // deleted sda2 the same way, which kmemleak would report otherwise).
      expect(allocInfo(seen.part as hd_struct)?.freeStack).not.toBeNull();
    }
  });
});

describe('rq-disk-partitions', () => {
  it('deletes a partition under requests accounted to it and frees it after them, with nothing reported on the base tree', () => {
    const reached = new Set<string>();
    // The partition freed by the last accounted request's put, after delete_partition() put its own.
    let freedByRequest = 0;
    const restore = traceCalls('v3.15', (name) => {
      reached.add(name);
      if (name === '__delete_partition' && current().stack.includes('blk_account_io_done')) freedByRequest++;
    });
    let found: string[];
    try {
      found = baseTitles(rqDiskPartitions, 20);
    } finally {
      restore();
    }
    expect(found).toEqual([]);
    expect(freedByRequest).toBeGreaterThan(0);
    for (const fn of ['add_partition', 'disk_expand_part_tbl', 'blk_partition_remap', 'disk_map_sector_rcu', 'delete_partition', 'hd_struct_put', 'delete_partition_rcu_cb', 'part_release', 'delete_partitions', 'blkpg_ioctl']) {
      expect(reached, fn).toContain(fn);
    }
  });

  it('sees part0 counted below zero when part_inc_in_flight() stops counting a partition\'s requests on it', { timeout: 180_000 }, async () => {
    const { patched, base } = await reportingWithMailAndBase(rqDiskPartitions, 'part-inc-in-flight-no-part0.patch', 20, 'accounting drift in sdg in_flight');
    expect(patched).toBeGreaterThan(0);
    expect(base).toBe(0);
  });
});
