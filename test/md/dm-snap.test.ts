import { describe, expect, it } from 'vitest';
import { READ, WRITE } from '../../kernel-model/include/linux/bio.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { type SnapshotStack, buildSnapshotStack, destroySnapshotStack } from '../../harness/suites/snapshot-stack.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';
import { runSeed, titles } from '../helpers/sim.ts';

const CHUNK = 8;

/** Runs `body` against a fresh snapshot stack; returns each disk's I/O as "disk w/r sector+n". */
function withStack(seed: number, body: (st: SnapshotStack) => KGen): { titles: string[]; io: string[] } {
  let st: SnapshotStack;
  const r = runSeed(
    {
      before(m) {
        st = m.bootCall(buildSnapshotStack({ chunkSectors: CHUNK, chunks: 4, cloneWithKmalloc: false, rtLock: false, raid1Origin: false }));
      },
      tasks: { io: () => body(st) },
      teardown: () => destroySnapshotStack(st),
    },
    seed,
  );
  const io: string[] = [];
  for (const d of st!.disks) for (const s of d.seen) io.push(`${d.name} ${s.write ? 'w' : 'r'} ${s.sector}+${s.sectors}`);
  return { titles: titles(r), io };
}

describe('dm-snapshot', () => {
  it('a write to the origin copies the chunk to the COW device first; the snapshot then reads the copy', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const statuses: number[] = [];
      let order: string[] = [];
      const r = withStack(seed, function* (st) {
        statuses.push(yield* submitAndWait(st.origin.queue, WRITE, CHUNK, CHUNK));
        order = st.disks.flatMap((d) => d.seen.map((s) => `${d.name} ${s.write ? 'w' : 'r'} ${s.sector}`));
        // Chunk 1 was copied: the snapshot reads it from sdb. Chunk 2 was not: from sda.
        statuses.push(yield* submitAndWait(st.snap.queue, READ, CHUNK, CHUNK));
        statuses.push(yield* submitAndWait(st.snap.queue, READ, 2 * CHUNK, CHUNK));
        // A second write to the same chunk of the origin copies nothing.
        statuses.push(yield* submitAndWait(st.origin.queue, WRITE, CHUNK, CHUNK));
      });
      expect(r.titles, `seed ${seed}`).toEqual([]);
      expect(statuses).toEqual([0, 0, 0, 0]);
      expect(order.sort()).toEqual(['sda r 8', 'sda w 8', 'sdb w 0']);
      expect(r.io.sort()).toEqual(['sda r 16+8', 'sda r 8+8', 'sda w 8+8', 'sda w 8+8', 'sdb r 0+8', 'sdb w 0+8']);
    }
  });

  it('the copy reaches the COW device before the origin write reaches the origin', () => {
    for (let seed = 1; seed <= 8; seed++) {
      let sdbWroteFirst = false;
      withStack(seed, function* (st) {
        const [sda, sdb] = st.disks;
        yield* submitAndWait(st.origin.queue, WRITE, 0, CHUNK);
        // The origin write was held on the pending exception until kcopyd's write completed.
        sdbWroteFirst = sdb.completed === 1 && sda.seen.findIndex((s) => s.write) === 1;
      });
      expect(sdbWroteFirst, `seed ${seed}`).toBe(true);
    }
  });

  it('a write to the snapshot goes to a new COW chunk, after the old data was copied; the origin keeps it', () => {
    const r = withStack(2, function* (st) {
      yield* submitAndWait(st.snap.queue, WRITE, 3 * CHUNK + 2, 4);
      yield* submitAndWait(st.snap.queue, READ, 3 * CHUNK, CHUNK);
    });
    expect(r.titles).toEqual([]);
    expect(r.io.sort()).toEqual(['sda r 24+8', 'sdb r 0+8', 'sdb w 0+8', 'sdb w 2+4']);
  });

  it('a read spanning a chunk boundary is split into one clone per chunk', () => {
    const r = withStack(1, function* (st) {
      yield* submitAndWait(st.snap.queue, READ, CHUNK / 2, CHUNK);
    });
    expect(r.titles).toEqual([]);
    expect(r.io).toEqual(['sda r 4+4', 'sda r 8+4']);
  });
});
