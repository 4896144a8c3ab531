import { describe, expect, it } from 'vitest';
import { READ, WRITE } from '../../kernel-model/include/linux/bio.ts';
import type { request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import { dm_table_add_target } from '../../kernel-model/drivers/md/dm-table.ts';
import { type mapped_device, dm } from '../../kernel-model/drivers/md/dm.ts';
import { dm_linear, linear_target } from '../../kernel-model/drivers/md/dm-linear.ts';
import { type sim_disk, blk_alloc_queue, sim_disk_create } from '../../kernel-model/drivers/block/sim-disk.ts';
import { bio_io_error } from '../../kernel-model/fs/bio.ts';
import { io_inflight } from '../../kernel-model/block/blk-io-accounting.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { runSeed, titles } from '../helpers/sim.ts';

/** A dm device of linear targets: each [len, start] maps `len` sectors to `start` of `dev`. */
function* linearDevice(name: string, dev: request_queue, targets: [number, number][], opts = {}): KGen<mapped_device> {
  return yield* dm.dm_create(
    name,
    function* (t): KGen {
      for (const [len, start] of targets) yield* dm_linear.linear_ctr(dm_table_add_target(t, linear_target, len), { bdev: dev, name: 'dev' }, start);
    },
    opts,
  );
}

describe('dm core and dm-linear', () => {
  it('remaps sectors through the target that holds them, splitting at target boundaries', () => {
    for (let seed = 1; seed <= 10; seed++) {
      let disk: sim_disk;
      let md: mapped_device;
      const statuses: number[] = [];
      const r = runSeed(
        {
          before(m) {
            disk = sim_disk_create('sda');
            // Sectors 0-7 of the device live at 100, sectors 8-15 at 40.
            md = m.bootCall(linearDevice('lin', disk.queue, [[8, 100], [8, 40]]));
          },
          tasks: {
            io: function* () {
              statuses.push(yield* submitAndWait(md.queue, READ, 2, 4));
              statuses.push(yield* submitAndWait(md.queue, WRITE, 6, 4));
            },
          },
          teardown: () => dm.dm_destroy(md),
        },
        seed,
      );
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0]);
      expect(disk!.seen).toEqual([
        { sector: 102, sectors: 4, write: false },
        { sector: 106, sectors: 2, write: true },
        { sector: 40, sectors: 2, write: true },
      ]);
    }
  });

  it('an error on one clone completes the original bio with that error, once every clone is done', () => {
    let status = 1;
    let inflight = -1;
    let disk: sim_disk;
    let md: mapped_device;
    const r = runSeed(
      {
        before(m) {
          disk = sim_disk_create('sda');
          // A device that fails any bio touching sector 5, and passes the rest to the disk.
          const bad = blk_alloc_queue(
            'bad',
            function* (q, b): KGen {
              if (b.bi_sector <= 5 && b.bi_sector + (b.bi_size >> 9) > 5) yield* bio_io_error(b);
              else yield* disk.queue.make_request_fn(disk.queue, b);
            },
            null,
          );
          md = m.bootCall(linearDevice('lin', bad, [[4, 0], [4, 4], [4, 8]]));
        },
        tasks: {
          io: function* () {
            status = yield* submitAndWait(md.queue, READ, 0, 12);
            inflight = io_inflight();
          },
        },
        teardown: () => dm.dm_destroy(md),
      },
      3,
    );
    expect(titles(r)).toEqual([]);
    expect(status).toBe(-5);
    expect(inflight).toBe(0);
    // The two good clones still went to the disk and completed.
    expect(disk!.seen.map((x) => x.sector)).toEqual([0, 8]);
    expect(disk!.completed).toBe(2);
  });

  it('with every completion failing, the split read fails with -EIO and nothing leaks', () => {
    let status = 1;
    let md: mapped_device;
    const r = runSeed(
      {
        before(m) {
          const disk = sim_disk_create('sda');
          md = m.bootCall(linearDevice('lin', disk.queue, [[4, 0], [4, 4]]));
        },
        tasks: {
          io: function* () {
            status = yield* submitAndWait(md.queue, READ, 2, 4);
          },
        },
        teardown: () => dm.dm_destroy(md),
      },
      1,
      { plan: { ioErrorPercent: 100 } },
    );
    expect(titles(r)).toEqual([]);
    expect(status).toBe(-5);
  });

  it('a device with the bio_kmalloc knob clones without a bio_set', () => {
    let pools: (unknown | null)[] = [];
    let md: mapped_device;
    const r = runSeed(
      {
        before(m) {
          const disk = sim_disk_create('sda');
          md = m.bootCall(linearDevice('lin', disk.queue, [[8, 0]], { clone_with_kmalloc: true }));
        },
        tasks: {
          io: function* () {
            yield* submitAndWait(md.queue, WRITE, 0, 8);
            pools = [md.bs];
          },
        },
        teardown: () => dm.dm_destroy(md),
      },
      1,
    );
    expect(titles(r)).toEqual([]);
    expect(pools).toEqual([null]);
  });
});
