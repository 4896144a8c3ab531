// What a workload task does to a block device: build bios, submit them as a filesystem would,
// and sleep until they complete. Each completion says what it waits for (its bio), so the
// wait-for graph can follow a waiting task to wherever its bio is stuck.

import { type bio } from '../../kernel-model/include/linux/bio.ts';
import type { blk_plug, request_queue } from '../../kernel-model/include/linux/blkdev.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { blk_core } from '../../kernel-model/block/blk-core.ts';
import { bios } from '../../kernel-model/fs/bio.ts';
import { type completion, completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';

/** A range of sectors of a device. */
export interface Extent {
  sector: number;
  sectors: number;
}

interface PendingIo {
  b: bio;
  done: completion;
  status: number;
}

/** Allocates a bio for `e` of `q` whose completion records its status and wakes the waiter. */
function* prepareIo(q: request_queue, e: Extent): KGen<PendingIo> {
  const b = (yield* bios.bio_alloc(GFP_NOIO, 1)) as bio;
  b.bi_bdev = q;
  b.bi_sector = e.sector;
  b.bi_size = e.sectors << 9;
  const io: PendingIo = { b, done: init_completion('submit_bio_wait'), status: 1 };
  io.done.waitsFor = b;
  b.bi_end_io = function* (_b, error): KGen {
    io.status = error;
    yield* completions.complete(io.done);
  };
  return io;
}

function* waitIo(io: PendingIo): KGen<number> {
  yield* completions.wait_for_completion(io.done);
  yield* bios.bio_put(io.b);
  return io.status;
}

/** Reads or writes `sectors` sectors at `sector` of `q` and waits; returns the bio's status. */
export function* submitAndWait(q: request_queue, rw: number, sector: number, sectors: number): KGen<number> {
  const io = yield* prepareIo(q, { sector, sectors });
  yield* blk_core.submit_bio(rw, io.b);
  return yield* waitIo(io);
}

/**
 * Submits every extent under one plug, as a filesystem's writeback batch does, then waits for
 * all of them; returns their statuses. Stacking drivers that hold writes on the plug (raid1)
 * see them flushed at blk_finish_plug, or when the task sleeps first.
 */
export function* submitBatch(q: request_queue, rw: number, extents: readonly Extent[]): KGen<number[]> {
  const plug = {} as blk_plug;
  const ios: PendingIo[] = [];
  blk_core.blk_start_plug(plug);
  for (const e of extents) {
    const io = yield* prepareIo(q, e);
    ios.push(io);
    yield* blk_core.submit_bio(rw, io.b);
  }
  yield* blk_core.blk_finish_plug(plug);
  const statuses: number[] = [];
  for (const io of ios) statuses.push(yield* waitIo(io));
  return statuses;
}
