// dm core (drivers/md/dm.c, dm-table.c, dm-linear.c of v3.15, translated) through dmsetup's
// path: a bio is split at target boundaries and each clone remapped by its target; a failed
// clone fails the original once every clone is done; the kmalloc knob's clones carry no bio_set.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, dm_dev_path, v315Program, withOpen } from '../helpers/v315.ts';
import { EIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { installOverrides, resetOverrides, baseline } from '../../kernel-model/sim/hooks.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import type { bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { dm_clone_with_kmalloc } from '../../kernel-model/v3.15/model/dm-clone-kmalloc.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';

/** Two linear targets of 8 sectors onto sda 100.. and sda 200.. */
const TWO_TARGETS = [
  { start: 0, len: 8, type: 'linear', params: '/dev/sda 100' },
  { start: 8, len: 8, type: 'linear', params: '/dev/sda 200' },
];

describe('dm core and dm-linear', () => {
  it('remaps sectors through the target that holds them, splitting at target boundaries', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      let seen: { sector: number; sectors: number; write: boolean }[] = [];
      const p = v315Program(
        (m) => bootDevices(m, { sda: null }, [TWO_TARGETS]),
        (dev) => ({
          fs: function* () {
            yield* withOpen(dm_dev_path(dev().dm[0].md), function* (bdev) {
              // One page at sector 4: the queue lets it cross the boundary, dm splits it.
              statuses.push(yield* submitAndWait(bdev, READ, 4, 8));
              statuses.push(yield* submitAndWait(bdev, WRITE, 10, 4));
            });
            seen = dev().disks.sda.seen.map(({ sector, sectors, write }) => ({ sector, sectors, write }));
          },
        }),
      );
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0]);
      expect([...seen].sort((a, b) => a.sector - b.sector)).toEqual([
        { sector: 104, sectors: 4, write: false },
        { sector: 200, sectors: 4, write: false },
        { sector: 202, sectors: 4, write: true },
      ]);
    }
  });

  it('with every completion failing, the split read fails with -EIO and nothing leaks', () => {
    for (let seed = 1; seed <= 5; seed++) {
      let status = 1;
      const p = v315Program(
        (m) => bootDevices(m, { sda: null }, [TWO_TARGETS]),
        (dev) => ({
          fs: function* () {
            status = yield* withOpen(dm_dev_path(dev().dm[0].md), (bdev) => submitAndWait(bdev, READ, 4, 8));
          },
        }),
      );
      const r = runSeed(p, seed, { plan: { ioErrorPercent: 100 } });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(status).toBe(-EIO);
    }
  });

  it('a device with the kmalloc knob sends clones without a bio_set; others keep theirs', () => {
    const pools: { dev: string; pool: boolean }[] = [];
    const endio = baseline(bio_c, 'bio_endio');
    installOverrides(
      {
        bio_endio: function* (b: bio, error: number) {
          if (b.bi_bdev?.bd_disk?.disk_name.v === 'sda') pools.push({ dev: 'sda', pool: b.bi_pool !== null });
          yield* endio(b, error);
        },
      },
      'v3.15',
    );
    try {
      const p = v315Program(
        (m) => {
          const d = bootDevices(m, { sda: null }, [[{ start: 0, len: 16, type: 'linear', params: '/dev/sda 0' }], [{ start: 0, len: 16, type: 'linear', params: '/dev/sda 0' }]]);
          dm_clone_with_kmalloc(d.dm[1].md);
          return d;
        },
        (dev) => ({
          fs: function* () {
            yield* withOpen(dm_dev_path(dev().dm[0].md), (bdev) => submitAndWait(bdev, WRITE, 0, 8));
            yield* withOpen(dm_dev_path(dev().dm[1].md), (bdev) => submitAndWait(bdev, WRITE, 0, 8));
          },
        }),
      );
      const r = runSeed(p, 1);
      expect(titles(r)).toEqual([]);
    } finally {
      resetOverrides();
    }
    expect(pools).toEqual([
      { dev: 'sda', pool: true },
      { dev: 'sda', pool: false },
    ]);
  });
});
