import { describe, expect, it } from 'vitest';
import { type bio, BIO_UPTODATE, READ, WRITE, bio_flagged } from '../../kernel-model/include/linux/bio.ts';
import type { request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { type bio_set, bio_io_error, bios } from '../../kernel-model/fs/bio.ts';
import { type sim_disk, blk_alloc_queue, sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import { set_max_workers } from '../../kernel-model/kernel/workqueue.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { runSeed, titles } from '../helpers/sim.ts';

/** A queue that fails bios covering `bad` and passes the others to `disk`. */
function badSectorQueue(disk: sim_disk, bad: number): request_queue {
  return blk_alloc_queue(
    'bad',
    function* (_q, b): KGen {
      if (b.bi_sector <= bad && b.bi_sector + (b.bi_size >> 9) > bad) yield* bio_io_error(b);
      else yield* disk.queue.make_request_fn(disk.queue, b);
    },
    null,
  );
}

/**
 * A bio-based stacking driver that splits every bio into `pieces` chained clones from its own
 * bio_set (allocated beneath generic_make_request, so earlier pieces are still queued on
 * current->bio_list when later ones are allocated) and sends them to `lower`.
 */
function splitter(name: string, lower: request_queue, pieces: number, bs: () => bio_set): request_queue {
  return blk_alloc_queue(
    name,
    function* (_q, b): KGen {
      const sectors = (b.bi_size >> 9) / pieces;
      for (let i = 0; i < pieces; i++) {
        const clone = (yield* bios.bio_alloc_bioset(GFP_NOIO, 0, bs())) as bio;
        bios.__bio_clone_fast(clone, b);
        clone.bi_sector = b.bi_sector + i * sectors;
        clone.bi_size = sectors << 9;
        clone.bi_bdev = lower;
        yield* bios.bio_chain(clone, b);
        yield* blk_core.generic_make_request(clone);
      }
      yield* bios.bio_endio(b, 0);
    },
    null,
  );
}

describe('bios', () => {
  it('split pieces complete, and an error on one piece reaches the parent after all of them', () => {
    for (let seed = 1; seed <= 10; seed++) {
      let disk: sim_disk;
      let q: request_queue;
      const events: string[] = [];
      const r = runSeed(
        {
          before() {
            disk = sim_disk_create('sda');
            q = badSectorQueue(disk, 5);
          },
          tasks: {
            io: function* () {
              for (const parentStart of [0, 8]) {
                const parent = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
                parent.bi_bdev = q;
                parent.bi_sector = parentStart;
                parent.bi_size = 8 << 9;
                let status = 1;
                parent.bi_end_io = function* (b, error): KGen {
                  status = error;
                  events.push(`parent ${parentStart} ${bio_flagged(b, BIO_UPTODATE) ? 'ok' : 'failed'} after ${disk.completed} disk completions`);
                };
                const split = (yield* bios.bio_split(parent, 4, GFP_NOIO, null)) as bio;
                yield* bios.bio_chain(split, parent);
                yield* blk_core.generic_make_request(split);
                yield* blk_core.generic_make_request(parent);
                while (status === 1) yield* submitAndWait(disk.queue, READ, 100, 1);
                yield* bios.bio_put(parent);
              }
            },
          },
        },
        seed,
      );
      expect(titles(r), `seed ${seed}`).toEqual([]);
      // Piece [4,8) of the first parent covers the bad sector: the parent fails, and only
      // completes once its other piece [0,4) did; the second parent is clean. The failure is
      // BIO_UPTODATE: the error argument bi_end_io gets can be 0, because 3.15's bio_endio()
      // picks it before its atomic_dec_and_test() and the last of two racing completions may
      // be the clean one (the errno was only made to travel with the bio by bi_error, v4.3).
      expect(events.map((e) => e.replace(/ after .*/, ''))).toEqual(['parent 0 failed', 'parent 8 ok']);
      expect(events[0]).toMatch(/after [1-9]/);
      expect(disk!.seen.filter((s) => s.sector < 100).map((s) => [s.sector, s.sectors])).toEqual([[0, 4], [8, 4], [12, 4]]);
    }
  });

  it('a bio reused from a mempool reserve comes back with no sector, size, direction or device', () => {
    let first: bio | null = null;
    let again: bio | null = null;
    let fields: unknown[] = [];
    const r = runSeed(
      {
        tasks: {
          io: function* () {
            first = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
            first.bi_rw = WRITE;
            first.bi_sector = 42;
            first.bi_size = 4096;
            yield* bios.bio_put(first);
            again = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
            fields = [again.bi_rw, again.bi_sector, again.bi_size, again.bi_bdev, again.bi_end_io];
            yield* bios.bio_put(again);
          },
        },
      },
      1,
      // Allocations that cannot sleep fail, so both come from fs_bio_set's reserve.
      { plan: { memory: 'exhausted' } },
    );
    expect(titles(r)).toEqual([]);
    expect(again).toBe(first);
    expect(fields).toEqual([0, 0, 0, null, null]);
  });

  it('when the reserve runs out beneath generic_make_request, the queued clones are punted and the bioset rescuer submits them', () => {
    for (let seed = 1; seed <= 5; seed++) {
      let bs: bio_set;
      let disk: sim_disk;
      let top: request_queue;
      const submitters = new Set<string>();
      let status = 1;
      const r = runSeed(
        {
          before(m) {
            disk = sim_disk_create('sda');
            const recording = blk_alloc_queue(
              'rec',
              function* (_q, b): KGen {
                submitters.add(current().comm);
                yield* disk.queue.make_request_fn(disk.queue, b);
              },
              null,
            );
            bs = m.bootCall(bios.bioset_create(2, 0)) as bio_set;
            bs.name = 'split';
            top = splitter('split', recording, 4, () => bs);
            // One worker per pool that cannot grow: rescue work reaches the rescuer by mayday.
            for (let cpu = 0; cpu < m.ncpus; cpu++) set_max_workers(cpu, 1);
          },
          tasks: {
            io: function* () {
              status = yield* submitAndWait(top, WRITE, 0, 16);
            },
          },
          teardown: () => bios.bioset_free(bs),
        },
        seed,
        // Nothing comes from the page allocator: only the reserve of two, and what comes back.
        { plan: { memory: 'exhausted' } },
      );
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(status).toBe(0);
      expect(disk!.seen.map((s) => s.sector).sort((a, b) => a - b)).toEqual([0, 4, 8, 12]);
      expect(submitters.has('bioset'), `seed ${seed}: ${[...submitters]}`).toBe(true);
    }
  });
});
