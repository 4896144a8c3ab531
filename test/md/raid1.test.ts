import { describe, expect, it } from 'vitest';
import { type bio, READ, WRITE } from '../../kernel-model/include/linux/bio.ts';
import type { blk_plug } from '../../kernel-model/include/linux/blkdev.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { bios } from '../../kernel-model/fs/bio.ts';
import type { mddev } from '../../kernel-model/drivers/md/md.ts';
import { r1 } from '../../kernel-model/drivers/md/raid1.ts';
import { type sim_disk, sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { runSeed, titles } from '../helpers/sim.ts';

/** Runs `body` against a RAID1 array over two fresh disks; returns the findings and the disks. */
function withMirror(seed: number, body: (md: mddev, disks: sim_disk[]) => KGen): { titles: string[]; disks: sim_disk[] } {
  let disks: sim_disk[] = [];
  let md: mddev;
  const r = runSeed(
    {
      before(m) {
        disks = [sim_disk_create('sda'), sim_disk_create('sdb')];
        md = m.bootCall(r1.raid1_run('md0', disks.map((d) => d.queue)));
      },
      tasks: { io: () => body(md, disks) },
      teardown: () => r1.raid1_stop(md),
    },
    seed,
  );
  return { titles: titles(r), disks };
}

describe('raid1 and plugging', () => {
  it('reads go to one mirror, writes to both', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      const r = withMirror(seed, function* (md) {
        statuses.push(yield* submitAndWait(md.queue, WRITE, 8, 8));
        statuses.push(yield* submitAndWait(md.queue, READ, 8, 8));
      });
      expect(r.titles, `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0]);
      const writes = r.disks.map((d) => d.seen.filter((s) => s.write).length);
      const reads = r.disks.map((d) => d.seen.filter((s) => !s.write).length);
      expect(writes).toEqual([1, 1]);
      expect(reads[0] + reads[1]).toBe(1);
    }
  });

  it('writes held on the plug are flushed when the task sleeps, not only at blk_finish_plug', () => {
    for (const sleep of [false, true]) {
      let seenBeforeFinish = -1;
      const r = withMirror(1, function* (md, disks) {
        const plug = {} as blk_plug;
        blk_core.blk_start_plug(plug);
        const b = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
        b.bi_bdev = md.queue;
        b.bi_sector = 0;
        b.bi_size = 4096;
        const done = init_completion('write');
        done.waitsFor = b;
        b.bi_end_io = function* (): KGen {
          yield* completions.complete(done);
        };
        yield* blk_core.submit_bio(WRITE, b);
        // msleep() goes through schedule(): sched_submit_work() flushes the plug's callbacks
        // (raid1_unplug, from_schedule), which hand the writes to raid1d.
        if (sleep) yield* timers.msleep(5);
        seenBeforeFinish = disks[0].seen.length + disks[1].seen.length;
        yield* blk_core.blk_finish_plug(plug);
        yield* completions.wait_for_completion(done);
        yield* bios.bio_put(b);
      });
      expect(r.titles, `sleep ${sleep}`).toEqual([]);
      expect(seenBeforeFinish, `sleep ${sleep}`).toBe(sleep ? 2 : 0);
      expect(r.disks[0].seen.length + r.disks[1].seen.length).toBe(2);
    }
  });
});
