// The v3.15 world's request-based disk (model/sim-rq-disk.ts): bios become requests through
// blk_queue_bio and the noop elevator; a plugged batch is merged on the plug and inserted by
// blk_flush_plug_list; the driver's interrupt hands each request to the block softirq, which
// completes it and its bios; a command the device does not answer times out and fails.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { submitAndWait, submitBatch } from '../../harness/suites/workload-io.ts';
import { traceCalls } from '../../kernel-model/sim/hooks.ts';
import { EIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.15/model/sim-rq-disk.ts';
import type { TestProgram } from '../helpers/sim.ts';
import type { RunResult } from '../../kernel-model/sim/run.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';

/** sde, a request-based disk of 2048 sectors and depth 2: a write, a plugged batch of three writes (two adjacent), a read. */
function program(out: { statuses: unknown[]; disk: sim_rq_disk | null }): TestProgram {
  let d: sim_rq_disk;
  return {
    base: 'v3.15',
    before: (m) => {
      d = m.bootCall(sim_rq_disk_ops.sim_rq_disk_create('sde', 64, 2048, 2)) as sim_rq_disk;
      out.disk = d;
    },
    tasks: {
      io: function* () {
        out.statuses.push(yield* submitAndWait(d.bdev, WRITE, 8, 8));
        out.statuses.push(yield* submitBatch(d.bdev, WRITE, [{ sector: 16, sectors: 8 }, { sector: 24, sectors: 8 }, { sector: 100, sectors: 8 }]));
        out.statuses.push(yield* submitAndWait(d.bdev, READ, 8, 16));
      },
    },
    teardown: () => sim_rq_disk_ops.sim_rq_disk_remove(d),
  };
}

/** Runs the program once with every v3.15 function it calls added to `reached`. */
function runTraced(out: { statuses: unknown[]; disk: sim_rq_disk | null }, seed: number, plan: Partial<FaultPlan>, reached: Set<string>): RunResult {
  const restore = traceCalls('v3.15', (name) => reached.add(name));
  try {
    return runSeed(program(out), seed, { plan });
  } finally {
    restore();
  }
}

describe('the v3.15 request-based disk', () => {
  it('turns bios into requests, merges a plugged batch, and completes every bio from its interrupt', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const out = { statuses: [] as unknown[], disk: null as sim_rq_disk | null };
      const reached = new Set<string>();
      const r = runTraced(out, seed, { ioDelay: 2 }, reached);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(out.statuses).toEqual([0, [0, 0, 0], 0]);
      const d = out.disk as sim_rq_disk;
      // The two adjacent bios of the batch were merged on the plug into one request.
      expect(d.seen.map(({ sector, sectors, write, bios }) => ({ sector, sectors, write, bios }))).toEqual([
        { sector: 8, sectors: 8, write: true, bios: 1 },
        { sector: 16, sectors: 16, write: true, bios: 2 },
        { sector: 100, sectors: 8, write: true, bios: 1 },
        { sector: 8, sectors: 16, write: false, bios: 1 },
      ]);
      expect(d.completed).toBe(4);
      expect(d.inflight.size).toBe(0);
      for (const fn of ['blk_complete_request', '__blk_complete_request', 'blk_done_softirq', 'blk_end_request_all', 'blk_queue_bio', 'get_request', 'blk_flush_plug_list', 'plug_rq_cmp', 'queue_unplugged', '__elv_add_request', 'noop_add_request', 'elv_rqhash_add', 'elv_dispatch_sort', 'noop_dispatch', 'blk_start_request', 'blk_update_request', 'blk_finish_request', 'blk_account_io_done', '__blk_put_request', 'blk_free_request', 'freed_request', 'bio_attempt_back_merge']) {
        expect(reached, `seed ${seed}: ${fn}`).toContain(fn);
      }
    }
  });

  it('fails every bio of a request the device fails whole, and only the bio of the bad segment on a media error', () => {
    // Every command fails: half lose the link (the request fails whole), half hit a media error
    // on one segment. The batch's two adjacent one-page bios are one request of two segments,
    // so a media error fails one of them and completes the other with its data.
    const batches = new Set<string>();
    const reached = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const out = { statuses: [] as unknown[], disk: null as sim_rq_disk | null };
      const r = runTraced(out, seed, { ioErrorPercent: 100 }, reached);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      const [first, batch, last] = out.statuses as [number, number[], number];
      // One-segment requests fail whole either way.
      expect([first, batch[2], last], `seed ${seed}`).toEqual([-EIO, -EIO, -EIO]);
      batches.add(JSON.stringify(batch.slice(0, 2)));
    }
    expect([...batches].sort()).toEqual([[-EIO, -EIO], [-EIO, 0], [0, -EIO]].map((b) => JSON.stringify(b)).sort());
    for (const fn of ['blk_end_request_cur', 'blk_rq_cur_bytes', 'blk_update_request']) expect(reached, fn).toContain(fn);
  });

  it('ends a command the device does not answer when its timeout fires, once, whichever of the answer and the timer wins', () => {
    // Every command is lost: half are never answered (the timeout handler aborts them: -EIO),
    // half are answered as their timeout fires, racing the timer for REQ_ATOM_COMPLETE (the
    // interrupt winning ends the request with the device's status, 0). Over these seeds both
    // happen, and no request is completed twice or touched after it is freed.
    const statuses = new Set<string>();
    const reached = new Set<string>();
    let aborted = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const out = { statuses: [] as unknown[], disk: null as sim_rq_disk | null };
      const r = runTraced(out, seed, { ioLostPercent: 100 }, reached);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome, `seed ${seed}`).toBe('completed');
      expect(out.statuses.flat(), `seed ${seed}`).toHaveLength(5);
      for (const st of out.statuses.flat()) statuses.add(String(st));
      const d = out.disk as sim_rq_disk;
      expect(d.inflight.size, `seed ${seed}`).toBe(0);
      aborted += d.aborted;
    }
    expect([...statuses].sort()).toEqual([String(-EIO), '0'].sort());
    expect(aborted).toBeGreaterThan(0);
    for (const fn of ['blk_rq_timed_out_timer', 'blk_rq_check_expired', 'blk_rq_timed_out', 'sim_rq_disk_timed_out', '__blk_complete_request', 'blk_done_softirq']) expect(reached, fn).toContain(fn);
  });
});
