// md's version-1 superblock in the v3.15 world: what a disk keeps (bytes written from pages that
// carry them), an array made as `mdadm --create --metadata=1.2` makes it (super_1_load,
// super_1_validate, super_1_sync over v3.15/model/md-p-layout.ts), and the bad-block log it
// turns on: a leg's write that fails on bad sectors is narrowed to them, recorded, written to
// the leg's log, and later reads and writes over them are split around them.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, md_dev_path, v315Program, withOpen, type Devices } from '../helpers/v315.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { page_data, page_zeroed, type page } from '../../kernel-model/mm/page.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { BB_ACK, BB_LEN, BB_OFFSET, bb_entries } from '../../kernel-model/v3.15/drivers/md/md-badblocks.ts';
import { In_sync, type md_rdev } from '../../kernel-model/v3.15/drivers/md/md.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import { bio_h } from '../../kernel-model/v3.15/include/linux/bio.ts';
import { BIO_UPTODATE } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { READ, WRITE, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { list_entries } from '../../kernel-model/include/linux/list.ts';
import { MD_FEATURE_BAD_BLOCKS, MD_SB_MAGIC } from '../../kernel-model/v3.15/include/uapi/linux/raid/md_p.ts';
import { le64_entries, mdp_superblock_1 } from '../../kernel-model/v3.15/model/md-p-layout.ts';
import { calc_sb_1_csum } from '../../kernel-model/v3.15/model/md-super-1.ts';
import { BBLOG_OFFSET_FROM_SB, DATA_OFFSET_1_2, SB_1_2_OFFSET, mdadm_assemble, mdadm_create } from '../../kernel-model/v3.15/model/mdadm-create.ts';
import { sim_disk_set_bad, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { sector_store_read } from '../../kernel-model/v3.15/model/sim-disk-data.ts';
import type { mdadm_build_spec } from '../../kernel-model/v3.15/model/md-ioctl.ts';

const MIRROR = { sda: 8192, sdc: 8192 };

/** Reads or writes one page at `sector` of `bdev` and waits: whether it succeeded. */
function* pageIo(bdev: block_device, rw: number, sector: number, p: page): KGen<boolean> {
  const b = yield* bio_h.bio_alloc(GFP_NOIO, 1);
  b.bi_bdev = bdev;
  b.bi_iter.bi_sector = sector;
  yield* bio_c.bio_add_page(b, p, 4096, 0);
  yield* bio_c.submit_bio_wait(rw, b);
  const ok = (b.bi_flags & (1 << BIO_UPTODATE)) !== 0;
  yield* bio_c.bio_put(b);
  return ok;
}

/** The bytes `d` holds from `sector` on, `sectors` long (zeroes where it holds none). */
const stored = (d: sim_disk, sector: number, sectors: number): Uint8Array => sector_store_read(d.data, sector, sectors);

/** The version-1.2 superblock on `d`, read from what the disk holds. */
function superblockOn(d: sim_disk): mdp_superblock_1 {
  return new mdp_superblock_1(stored(d, SB_1_2_OFFSET, 8));
}

const rdevs = (dev: Devices): md_rdev[] => list_entries<md_rdev>(dev.md[0].disks, 'same_set');

/** A leg's bad-block table as ranges of device sectors, and whether each is acknowledged. */
function decodeTable(rdev: md_rdev): { start: number; len: number; ack: number }[] {
  return bb_entries(rdev.badblocks)
    .slice(0, rdev.badblocks.count)
    .map((e) => ({ start: Number(BB_OFFSET(e)), len: Number(BB_LEN(e)), ack: BB_ACK(e) }));
}

/** The mirror's spec: md0, RAID1 over sda and sdc, clean. */
const mirrorSpec = (dev: Devices): mdadm_build_spec => ({ minor: 0, level: 1, members: ['sda', 'sdc'].map((name) => ({ name, dev: dev.disks[name].dev })), assumeClean: true });

/**
 * One run against md0, a RAID1 array with 1.2 superblocks over sda and sdc, created by the run's
 * task (the superblock reads wait for the disks, which boot-time code cannot); `before` marks bad
 * sectors first. The body gets md0 open.
 */
function withMirror(seed: number, body: (bdev: block_device, dev: Devices) => KGen, before: (dev: Devices) => void = () => {}): { titles: string[]; outcome: string; dev: Devices } {
  let devices: Devices | null = null;
  const p = v315Program(
    (m) => {
      devices = bootDevices(m, MIRROR, []);
      before(devices);
      return devices;
    },
    (dev) => ({
      io: function* () {
        dev().md.push(yield* mdadm_create(mirrorSpec(dev())));
        yield* withOpen(md_dev_path(dev().md[0]), (bdev) => body(bdev, dev()));
      },
    }),
  );
  const r = runSeed(p, seed);
  return { titles: titles(r), outcome: r.outcome, dev: devices as unknown as Devices };
}

describe('a disk keeps the bytes written to it (v3.15 world)', () => {
  it('reads back what a page with bytes wrote; a page without bytes leaves zeroes', () => {
    let readBack: Uint8Array | null = null;
    let afterPlain: Uint8Array | null = null;
    const p = v315Program(
      (m) => bootDevices(m, { sda: 4096 }, []),
      () => ({
        io: function* () {
          yield* withOpen('/dev/sda', function* (bdev) {
            const w = page_zeroed();
            page_data(w).forEach((_, i, a) => (a[i] = (i * 7 + 3) & 0xff));
            expect(yield* pageIo(bdev, WRITE, 24, w)).toBe(true);
            const r = page_zeroed();
            expect(yield* pageIo(bdev, READ, 24, r)).toBe(true);
            readBack = page_data(r).slice();
            // A workload's data page carries no bytes: what it overwrote reads as zeroes.
            expect(yield* pageIo(bdev, WRITE, 24, page_zeroed())).toBe(true);
            expect(yield* pageIo(bdev, READ, 24, r)).toBe(true);
            afterPlain = page_data(r).slice();
          });
        },
      }),
    );
    const r = runSeed(p, 1);
    expect(titles(r)).toEqual([]);
    expect(r.outcome).toBe('completed');
    const expected = new Uint8Array(4096).map((_, i) => (i * 7 + 3) & 0xff);
    expect(readBack).toEqual(expected);
    expect(afterPlain).toEqual(new Uint8Array(4096));
  });
});

describe('md with a version-1.2 superblock (v3.15 world)', () => {
  it('runs the array its superblocks describe, with bad-block logs on, and writes them back with the event count', () => {
    for (let seed = 1; seed <= 3; seed++) {
      let array: { persistent: number; major: number; minor: number; raid_disks: number; events: number } | null = null;
      let legs: { shift: number; data_offset: number; in_sync: number }[] = [];
      const r = withMirror(seed, function* (bdev, dev) {
        expect(yield* submitAndWait(bdev, WRITE, 0, 8)).toBe(0);
        const md = dev.md[0];
        array = { persistent: md.persistent, major: md.major_version, minor: md.minor_version, raid_disks: md.raid_disks, events: md.events };
        legs = rdevs(dev).map((x) => ({ shift: x.badblocks.shift, data_offset: x.data_offset, in_sync: (x.flags >>> In_sync) & 1 }));
      });
      expect(r.titles, `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(array).toMatchObject({ persistent: 1, major: 1, minor: 2, raid_disks: 2 });
      // Both legs in sync, each with its bad-block log on (super_1_load(): bblog_offset != 0).
      expect(legs).toEqual([0, 1].map(() => ({ shift: 0, data_offset: DATA_OFFSET_1_2, in_sync: 1 })));
      const events = (array as unknown as { events: number }).events;
      for (const name of ['sda', 'sdc']) {
        const d = r.dev.disks[name];
        // The array's sector 0 is the legs' data_offset.
        expect(d.seen.filter((s) => s.write && s.sector === DATA_OFFSET_1_2).length, name).toBe(1);
        const sb = superblockOn(d);
        expect(sb.magic).toBe(MD_SB_MAGIC);
        expect(calc_sb_1_csum(sb), `${name} checksum`).toBe(sb.sb_csum);
        // md_update_sb() wrote the array's event count, one past what mdadm wrote (0).
        expect(sb.events).toBeGreaterThan(0);
        expect(sb.events).toBeGreaterThanOrEqual(events);
      }
    }
  });

  // v3.15's narrow_write_error() rewrites a failed write block by block and records a block
  // bad "if (submit_bio_wait(WRITE, wbio) == 0) /* failure! */", but since v3.10 (when
  // submit_bio_wait() moved from md to the block layer) it returns 0 on success: the C records
  // the blocks whose rewrite succeeded and leaves the ones that failed unrecorded (later kernels
  // test "< 0"). The model runs the C as written.
  it('narrows a leg\'s failed write block by block and records, as v3.15\'s inverted test does, the blocks rewritten', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const BAD = { sector: 64, sectors: 8 }; // array sectors 64..71 are bad on sda
      const WRITTEN = { sector: 32, sectors: 64 };
      let status = 1;
      let table: { start: number; len: number }[] = [];
      let sdaInSync = 0;
      const r = withMirror(
        seed,
        function* (bdev, dev) {
          status = yield* submitAndWait(bdev, WRITE, WRITTEN.sector, WRITTEN.sectors);
          const sda = rdevs(dev).find((x) => x.bdev === dev.disks.sda.bdev) as md_rdev;
          table = decodeTable(sda).map(({ start, len }) => ({ start, len }));
          sdaInSync = (sda.flags >>> In_sync) & 1;
        },
        (dev) => sim_disk_set_bad(dev.disks.sda, DATA_OFFSET_1_2 + BAD.sector, BAD.sectors),
      );
      expect(r.titles, `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      // The mirror's other leg took the write: it succeeds.
      expect(status).toBe(0);
      // sda's table: the written range less its bad sectors, in device sectors.
      const at = DATA_OFFSET_1_2 + WRITTEN.sector;
      const badAt = DATA_OFFSET_1_2 + BAD.sector;
      expect(table, `seed ${seed}`).toEqual([
        { start: at, len: badAt - at },
        { start: badAt + BAD.sectors, len: at + WRITTEN.sectors - (badAt + BAD.sectors) },
      ]);
      // The leg stays in the array: its blocks were recorded instead of failing it.
      expect(sdaInSync).toBe(1);
      // Its superblock says it has bad blocks, and its log on disk holds the table, each range
      // as offset << 10 | length, then all ones.
      const sb = superblockOn(r.dev.disks.sda);
      expect(sb.feature_map & MD_FEATURE_BAD_BLOCKS).toBe(MD_FEATURE_BAD_BLOCKS);
      const log = le64_entries(stored(r.dev.disks.sda, SB_1_2_OFFSET + BBLOG_OFFSET_FROM_SB, 8));
      table.forEach((e, i) => expect(log.get(i)).toBe((BigInt(e.start) << 10n) | BigInt(e.len)));
      expect(log.get(table.length)).toBe((1n << 64n) - 1n);
    }
  });

  it('assembled again after a stop, loads the bad-block log it wrote (super_1_load), acknowledged', () => {
    const BAD = 200;
    let written: { start: number; len: number; ack: number }[] = [];
    let loaded: { start: number; len: number; ack: number }[] = [];
    const r = withMirror(
      1,
      function* (bdev, dev) {
        expect(yield* submitAndWait(bdev, WRITE, BAD - 8, 16)).toBe(0);
        written = decodeTable(rdevs(dev).find((x) => x.bdev === dev.disks.sda.bdev) as md_rdev);
      },
      (dev) => sim_disk_set_bad(dev.disks.sda, DATA_OFFSET_1_2 + BAD, 4),
    );
    expect(r.titles).toEqual([]);
    // A second run over what the disks hold: a new machine cannot take the old disks, so their
    // bytes are carried over, as a reboot keeps a disk.
    const carried = { sda: new Map(r.dev.disks.sda.data), sdc: new Map(r.dev.disks.sdc.data) };
    const p = v315Program(
      (m) => {
        const dev = bootDevices(m, MIRROR, []);
        for (const name of ['sda', 'sdc'] as const) for (const [s, bytes] of carried[name]) dev.disks[name].data.set(s, bytes);
        return dev;
      },
      (dev) => ({
        assemble: function* () {
          const md = yield* mdadm_assemble(mirrorSpec(dev()));
          dev().md.push(md);
          loaded = decodeTable(list_entries<md_rdev>(md.disks, 'same_set').find((x) => x.bdev === dev().disks.sda.bdev) as md_rdev);
        },
      }),
    );
    const again = runSeed(p, 1);
    expect(titles(again)).toEqual([]);
    expect(again.outcome).toBe('completed');
    expect(written.length).toBeGreaterThan(0);
    // The same ranges, each acknowledged: super_1_load() sets them acknowledged, as
    // md_update_sb() acknowledged them once the log was written.
    expect(loaded).toEqual(written.map((e) => ({ ...e, ack: 1 })));
  });
});
