// dm-snapshot (drivers/md/dm-snap.c v3.15, translated, transient store) under the stack LVM
// builds: a write to the origin copies the chunk to the COW device before it lands, and the
// snapshot then reads that chunk from the COW device; chunks never written read the origin.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, dm_dev_path, v315Program, withOpen, type Devices } from '../helpers/v315.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';

const CHUNK = 8;

function stack(m: Machine): Devices {
  return bootDevices(m, { sda: null, sdb: 8 * CHUNK }, [
    [{ start: 0, len: 8 * CHUNK, type: 'linear', params: '/dev/sda 0' }],
    [{ start: 0, len: 8 * CHUNK, type: 'snapshot', params: `/dev/dm-0 /dev/sdb N ${CHUNK}` }],
    [{ start: 0, len: 8 * CHUNK, type: 'snapshot-origin', params: '/dev/dm-0' }],
  ]);
}

describe('dm-snapshot', () => {
  it('a write to the origin copies the chunk to the COW device first; the snapshot then reads the copy', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const statuses: number[] = [];
      const events: string[] = [];
      const p = v315Program(stack, (dev) => ({
        fs: function* () {
          const d = dev();
          statuses.push(yield* withOpen(dm_dev_path(d.dm[2].md), (bdev) => submitAndWait(bdev, WRITE, CHUNK, CHUNK)));
          const sdaWrites = d.disks.sda.seen.filter((s) => s.write).map((s) => s.at);
          const cowWrites = d.disks.sdb.seen.filter((s) => s.write);
          events.push(`cow writes ${cowWrites.length}`, `origin writes ${sdaWrites.length}`);
          const cowReadsBefore = d.disks.sdb.seen.filter((s) => !s.write).length;
          statuses.push(yield* withOpen(dm_dev_path(d.dm[1].md), (bdev) => submitAndWait(bdev, READ, CHUNK, CHUNK)));
          events.push(`snapshot read from cow ${d.disks.sdb.seen.filter((s) => !s.write).length - cowReadsBefore}`);
          const originReadsBefore = d.disks.sda.seen.filter((s) => !s.write).length;
          statuses.push(yield* withOpen(dm_dev_path(d.dm[1].md), (bdev) => submitAndWait(bdev, READ, 3 * CHUNK, CHUNK)));
          events.push(`unwritten chunk read from origin ${d.disks.sda.seen.filter((s) => !s.write).length - originReadsBefore}`);
        },
      }));
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0, 0]);
      expect(events).toEqual(['cow writes 1', 'origin writes 1', 'snapshot read from cow 1', 'unwritten chunk read from origin 1']);
    }
  });

  it('the copy reaches the COW device before the origin write reaches the origin', () => {
    for (let seed = 1; seed <= 5; seed++) {
      let order: string[] = [];
      const p = v315Program(stack, (dev) => ({
        fs: function* () {
          const d = dev();
          yield* withOpen(dm_dev_path(d.dm[2].md), (bdev) => submitAndWait(bdev, WRITE, 0, CHUNK));
          const all = [...d.disks.sdb.seen.filter((s) => s.write).map((s) => ({ dev: 'cow', ...s })), ...d.disks.sda.seen.filter((s) => s.write).map((s) => ({ dev: 'origin', ...s }))];
          order = all.sort((a, b) => a.step - b.step).map((s) => s.dev);
        },
      }));
      runSeed(p, seed);
      // The origin write is held on the pending exception and submitted once the copy has
      // completed (pending_complete flushes the origin bios).
      expect(order).toEqual(['cow', 'origin']);
    }
  });
});
