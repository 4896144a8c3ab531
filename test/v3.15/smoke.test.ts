// The translated v3.15 world moves IO through the stacks the suites build: dm-linear remaps a
// bio onto its disk; a snapshot splits a read at its chunk boundary and reads the origin; a
// RAID1 array (mdadm --build) mirrors a write.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, dm_dev_path, md_dev_path, v315Program, withOpen } from '../helpers/v315.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';

describe('the v3.15 world', () => {
  it('a bio to a dm-linear device reaches the disk at the remapped sector', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      let seen: { sector: number; sectors: number; write: boolean }[] = [];
      const p = v315Program(
        (m) => bootDevices(m, { sda: null }, [[{ start: 0, len: 64, type: 'linear', params: '/dev/sda 100' }]]),
        (dev) => ({
          fs: function* () {
            yield* withOpen(dm_dev_path(dev().dm[0].md), function* (bdev) {
              statuses.push(yield* submitAndWait(bdev, READ, 8, 8));
              statuses.push(yield* submitAndWait(bdev, WRITE, 16, 8));
            });
            seen = dev().disks.sda.seen.map(({ sector, sectors, write }) => ({ sector, sectors, write }));
          },
        }),
      );
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(statuses).toEqual([0, 0]);
      expect(seen).toEqual([
        { sector: 108, sectors: 8, write: false },
        { sector: 116, sectors: 8, write: true },
      ]);
    }
  });

  it('a snapshot read across a chunk boundary is split per chunk and read from the origin', () => {
    for (let seed = 1; seed <= 5; seed++) {
      let status = 1;
      let seen: { sector: number; sectors: number }[] = [];
      const p = v315Program(
        (m) =>
          bootDevices(m, { sda: null, sdb: 64 }, [
            [{ start: 0, len: 64, type: 'linear', params: '/dev/sda 0' }],
            [{ start: 0, len: 64, type: 'snapshot', params: '/dev/dm-0 /dev/sdb N 8' }],
          ]),
        (dev) => ({
          reader: function* () {
            status = yield* withOpen(dm_dev_path(dev().dm[1].md), (bdev) => submitAndWait(bdev, READ, 4, 8));
            seen = dev().disks.sda.seen.map(({ sector, sectors }) => ({ sector, sectors }));
          },
        }),
      );
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(status).toBe(0);
      expect(seen).toEqual([
        { sector: 4, sectors: 4 },
        { sector: 8, sectors: 4 },
      ]);
    }
  });

  it('a write to a RAID1 array reaches both mirrors, and a read one of them', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      let seen: Record<string, { sector: number; sectors: number; write: boolean }[]> = {};
      const p = v315Program(
        (m) => bootDevices(m, { sda: 1024, sdc: 1024 }, [], [{ level: 1, members: ['sda', 'sdc'] }]),
        (dev) => ({
          fs: function* () {
            yield* withOpen(md_dev_path(dev().md[0]), function* (bdev) {
              statuses.push(yield* submitAndWait(bdev, WRITE, 32, 8));
              statuses.push(yield* submitAndWait(bdev, READ, 32, 8));
            });
            for (const name of ['sda', 'sdc']) seen[name] = dev().disks[name].seen.map(({ sector, sectors, write }) => ({ sector, sectors, write }));
          },
        }),
      );
      seen = {};
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(statuses).toEqual([0, 0]);
      expect(seen.sda.filter((s) => s.write)).toEqual([{ sector: 32, sectors: 8, write: true }]);
      expect(seen.sdc.filter((s) => s.write)).toEqual([{ sector: 32, sectors: 8, write: true }]);
      expect([...seen.sda, ...seen.sdc].filter((s) => !s.write)).toEqual([{ sector: 32, sectors: 8, write: false }]);
    }
  });
});
