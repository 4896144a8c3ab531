// The translated v3.2 world boots and moves IO: a bio submitted to the model's request-based
// disk goes through throttling, CFQ and the request list, completes from the disk's interrupt,
// and is accounted to the disk's part0 statistics.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { completions, init_completion } from '../../kernel-model/kernel/sched/completion.ts';
import { page_zeroed } from '../../kernel-model/mm/page.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { list_empty } from '../../kernel-model/include/linux/list.ts';
import { per_cpu_ptr } from '../../kernel-model/mm/percpu.ts';
import { blk_core } from '../../kernel-model/v3.2/block/blk-core.ts';
import { bio_c } from '../../kernel-model/v3.2/fs/bio.ts';
import type { bio } from '../../kernel-model/v3.2/include/linux/blk_types.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import { sim_rq_disk_ops, type sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';

function* io(d: sim_rq_disk, rw: number, sector: number, done: number[]): KGen {
  const b = (yield* bio_c.bio_alloc(GFP_NOIO, 1)) as bio;
  b.bi_bdev = d.bdev;
  b.bi_sector = sector;
  expect(yield* bio_c.bio_add_page(b, page_zeroed(), 4096, 0)).toBe(4096);
  const c = init_completion('io');
  b.bi_end_io = function* (_b: bio, error: number): KGen {
    done.push(error);
    yield* completions.complete(c);
  };
  yield* blk_core.submit_bio(rw, b);
  yield* completions.wait_for_completion(c);
  yield* bio_c.bio_put(b);
}

/**
 * A reader and a writer of one page each on a fresh disk (`timeout`: its command timeout in
 * jiffies, 0 for none); `atEnd` looks at the disk once the workload is done, before it goes.
 */
function readAndWrite(seed: number, name: string, timeout: number, opts: Parameters<typeof runSeed>[2] = {}, atEnd: (d: sim_rq_disk) => void = () => {}) {
  let d: sim_rq_disk | null = null;
  const done: number[] = [];
  const r = runSeed(
    {
      base: 'v3.2',
      before: (m) => {
        d = m.bootCall(sim_rq_disk_ops.sim_rq_disk_create(name, 0, 2, timeout));
      },
      tasks: {
        reader: () => io(d as sim_rq_disk, READ, 0, done),
        writer: () => io(d as sim_rq_disk, WRITE, 64, done),
      },
      teardown: function* (): KGen {
        const disk = d as sim_rq_disk;
        atEnd(disk);
        yield* sim_rq_disk_ops.sim_rq_disk_remove(disk);
      },
    },
    seed,
    opts,
  );
  return { r, disk: d as unknown as sim_rq_disk, done };
}

describe('the v3.2 world', () => {
  it('completes reads and writes through CFQ and throttling on a request-based disk', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { r, disk, done } = readAndWrite(seed, 'vda', 0);
      expect(titles(r)).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(done).toEqual([0, 0]);
      expect(disk.bytes).toBe(8192);
      expect(disk.seen.map((s) => s.sectors)).toEqual([8, 8]);
    }
  });

  it('times each request a SCSI disk starts: on the timeout list until it ends, given more time when it is slow', () => {
    let timedOut = 0;
    for (let seed = 1; seed <= 8; seed++) {
      let listEmptyAtEnd = false;
      // A command timeout of one jiffy (blk_add_timer() rounds the expiry up to the next second)
      // and completions up to two seconds late: some commands are still out when the timer fires.
      const { r, disk, done } = readAndWrite(seed, 'sda', 1, { plan: { ioDelay: 2000 } }, (d) => {
        listEmptyAtEnd = list_empty(d.queue.timeout_list);
      });
      expect(titles(r)).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(done).toEqual([0, 0]);
      // Both requests finished: blk_finish_request() took them off the list.
      expect(listEmptyAtEnd).toBe(true);
      timedOut += disk.timed_out;
    }
    expect(timedOut).toBeGreaterThan(0);
  });

  it('accounts completed IO in the disk statistics', () => {
    let d: sim_rq_disk | null = null;
    const done: number[] = [];
    let ios = 0;
    runSeed(
      {
        base: 'v3.2',
        before: (m) => {
          d = m.bootCall(sim_rq_disk_ops.sim_rq_disk_create('vda', 0, 2, 0));
        },
        tasks: { writer: () => io(d as sim_rq_disk, WRITE, 8, done) },
        // Read once the workload is over: the disk's interrupt accounts the request after it
        // has completed the bio the writer waits for.
        teardown: function* (): KGen {
          const disk = (d as unknown as sim_rq_disk).disk;
          for (let cpu = 0; cpu < 2; cpu++) ios += per_cpu_ptr(disk.part0.dkstats, cpu).ios[1];
          yield* sim_rq_disk_ops.sim_rq_disk_remove(d as sim_rq_disk);
        },
      },
      1,
    );
    expect(done).toEqual([0]);
    expect(ios).toBe(1);
  });
});
