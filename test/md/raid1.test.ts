// RAID1 in the translated v3.15 world: an array built as `mdadm --build --assume-clean` builds
// it (v3.15/model/md-ioctl.ts over the translated md.c), over two simulated disks; raid1.c's
// make_request, raid1d and raid1_unplug do the rest.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, md_dev_path, v315Program, withOpen } from '../helpers/v315.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { bio_wait_target } from '../../kernel-model/block/bio-list-owners.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { page_zeroed } from '../../kernel-model/mm/page.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { blk_core } from '../../kernel-model/v3.15/block/blk-core.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import { bio_h } from '../../kernel-model/v3.15/include/linux/bio.ts';
import type { bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { blk_plug_type } from '../../kernel-model/v3.15/include/linux/blkdev.ts';
import type { block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { Devices } from '../helpers/v315.ts';

const MIRROR = { sda: 4096, sdc: 4096 };

/** One run against md0, a RAID1 array over sda and sdc; the body gets md0 open. */
function withMirror(seed: number, body: (bdev: block_device, dev: Devices) => KGen): { titles: string[]; outcome: string; dev: Devices } {
  let devices: Devices | null = null;
  const p = v315Program(
    (m) => (devices = bootDevices(m, MIRROR, [], [{ level: 1, members: ['sda', 'sdc'] }])),
    (dev) => ({
      io: function* () {
        yield* withOpen(md_dev_path(dev().md[0]), (bdev) => body(bdev, dev()));
      },
    }),
  );
  const r = runSeed(p, seed);
  return { titles: titles(r), outcome: r.outcome, dev: devices as unknown as Devices };
}

const writes = (dev: Devices, name: string): { sector: number; sectors: number }[] =>
  dev.disks[name].seen.filter((s) => s.write).map(({ sector, sectors }) => ({ sector, sectors }));
const reads = (dev: Devices, name: string): { sector: number; sectors: number }[] =>
  dev.disks[name].seen.filter((s) => !s.write).map(({ sector, sectors }) => ({ sector, sectors }));

describe('raid1 and plugging (v3.15 world)', () => {
  it('reads go to one mirror, writes to both', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      const r = withMirror(seed, function* (bdev) {
        statuses.push(yield* submitAndWait(bdev, WRITE, 8, 8));
        statuses.push(yield* submitAndWait(bdev, READ, 8, 8));
        statuses.push(yield* submitAndWait(bdev, READ, 64, 16));
      });
      expect(r.titles, `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(statuses).toEqual([0, 0, 0]);
      // The write is cloned to each mirror at the same sector (no superblock: data offset 0).
      expect(writes(r.dev, 'sda')).toEqual([{ sector: 8, sectors: 8 }]);
      expect(writes(r.dev, 'sdc')).toEqual([{ sector: 8, sectors: 8 }]);
      // Each read is served by exactly one mirror (read_balance()).
      const served = [...reads(r.dev, 'sda'), ...reads(r.dev, 'sdc')].sort((a, b) => a.sector - b.sector);
      expect(served).toEqual([
        { sector: 8, sectors: 8 },
        { sector: 64, sectors: 16 },
      ]);
    }
  });

  it('writes held on the plug are flushed when the task sleeps, not only at blk_finish_plug', () => {
    for (const sleep of [false, true]) {
      let seenBeforeFinish = -1;
      let status = 1;
      const r = withMirror(1, function* (bdev, dev) {
        // A first write outside the plug: md_write_start() marks the array dirty (raid1d runs
        // md_update_sb()), so the plugged write below does not sleep in make_request.
        expect(yield* submitAndWait(bdev, WRITE, 0, 8)).toBe(0);
        const seenBefore = dev.disks.sda.seen.length + dev.disks.sdc.seen.length;
        const plug = blk_plug_type.make();
        blk_core.blk_start_plug(plug);
        const b = (yield* bio_h.bio_alloc(GFP_NOIO, 1)) as bio;
        b.bi_bdev = bdev;
        b.bi_iter.bi_sector = 16;
        yield* bio_c.bio_add_page(b, page_zeroed(), 4096, 0);
        const done = init_completion('write');
        done.waitsFor = bio_wait_target(b);
        b.bi_end_io = function* (bb: bio, error: number): KGen {
          status = error;
          void bb;
          yield* completions.complete(done);
        };
        // raid1's make_request puts a clone per mirror on the plug (blk_check_plugged(), the
        // task's raid1_plug_cb), not on the disks.
        yield* blk_core.submit_bio(WRITE, b);
        // msleep() goes through schedule(): sched_submit_work() -> blk_schedule_flush_plug()
        // runs raid1_unplug(from_schedule), which hands the writes to raid1d.
        if (sleep) yield* timers.msleep(5);
        seenBeforeFinish = dev.disks.sda.seen.length + dev.disks.sdc.seen.length - seenBefore;
        yield* blk_core.blk_finish_plug(plug);
        yield* completions.wait_for_completion(done);
        yield* bio_c.bio_put(b);
      });
      expect(r.titles, `sleep ${sleep}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(status).toBe(0);
      expect(seenBeforeFinish, `sleep ${sleep}`).toBe(sleep ? 2 : 0);
      expect(writes(r.dev, 'sda')).toEqual([{ sector: 0, sectors: 8 }, { sector: 16, sectors: 8 }]);
      expect(writes(r.dev, 'sdc')).toEqual([{ sector: 0, sectors: 8 }, { sector: 16, sectors: 8 }]);
    }
  });
});
