// The submit path of the v3.15 world (block/blk-core.c translated) into the bio-based simulated
// disk: a bio completes once, from the disk's interrupt; the fault plan's IO errors reach
// bi_end_io as -EIO.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, v315Program, withOpen } from '../helpers/v315.ts';
import { EIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { READ } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';

describe('submit path', () => {
  it('a bio submitted to the simulated disk completes from its interrupt, once', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const statuses: number[] = [];
      let completed = 0;
      const p = v315Program(
        (m) => bootDevices(m, { sda: null }, []),
        (dev) => ({
          fs: function* () {
            yield* withOpen('/dev/sda', function* (bdev) {
              statuses.push(yield* submitAndWait(bdev, READ, 0, 8));
              statuses.push(yield* submitAndWait(bdev, READ, 8, 8));
            });
            completed = dev().disks.sda.completed;
          },
        }),
      );
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0]);
      expect(completed).toBe(2);
    }
  });

  it('IO errors from the fault plan reach bi_end_io as -EIO', () => {
    const statuses: number[] = [];
    const p = v315Program(
      (m) => bootDevices(m, { sda: null }, []),
      () => ({
        fs: function* () {
          yield* withOpen('/dev/sda', function* (bdev) {
            for (let i = 0; i < 4; i++) statuses.push(yield* submitAndWait(bdev, READ, i * 8, 8));
          });
        },
      }),
    );
    const r = runSeed(p, 1, { plan: { ioErrorPercent: 100 } });
    expect(titles(r)).toEqual([]);
    expect(statuses).toEqual([-EIO, -EIO, -EIO, -EIO]);
  });
});
