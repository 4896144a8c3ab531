import { describe, expect, it } from 'vitest';
import { READ, type bio } from '../../kernel-model/include/linux/bio.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { io_inflight } from '../../kernel-model/block/blk-io-accounting.ts';
import { bios } from '../../kernel-model/fs/bio.ts';
import { completions, init_completion, type completion } from '../../kernel-model/kernel/sched/completion.ts';
import { sim_disk_create, type sim_disk } from '../../kernel-model/drivers/block/sim-disk.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed, titles } from '../helpers/sim.ts';

function* readAndWait(disk: sim_disk, sector: number): KGen<number> {
  const b = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
  b.bi_bdev = disk.queue;
  b.bi_sector = sector;
  b.bi_size = 4096;
  const done: completion = init_completion('bio-wait');
  let status = 1;
  b.bi_private = done;
  b.bi_end_io = function* (_b, error): KGen {
    status = error;
    yield* completions.complete(done);
  };
  done.waitsFor = b;
  yield* blk_core.submit_bio(READ, b);
  yield* completions.wait_for_completion(done);
  yield* bios.bio_put(b);
  return status;
}

describe('submit path', () => {
  it('a bio submitted to the simulated disk completes from its interrupt, once', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let disk: sim_disk;
      const statuses: number[] = [];
      let inflightAfter = -1;
      const r = runSeed(
        {
          before() {
            disk = sim_disk_create('sda');
          },
          tasks: {
            reader: function* () {
              statuses.push(yield* readAndWait(disk, 0));
              statuses.push(yield* readAndWait(disk, 8));
              inflightAfter = io_inflight();
            },
          },
        },
        seed,
      );
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0]);
      expect(inflightAfter).toBe(0);
      expect(disk!.seen.map((s) => s.sector)).toEqual([0, 8]);
    }
  });

  it('IO errors from the fault plan reach bi_end_io as -EIO', () => {
    let disk: sim_disk;
    const statuses: number[] = [];
    runSeed(
      {
        before() {
          disk = sim_disk_create('sda');
        },
        tasks: {
          reader: function* () {
            for (let i = 0; i < 4; i++) statuses.push(yield* readAndWait(disk, i * 8));
          },
        },
      },
      2,
      { plan: { ioErrorPercent: 100 } },
    );
    expect(statuses).toEqual([-5, -5, -5, -5]);
  });
});
