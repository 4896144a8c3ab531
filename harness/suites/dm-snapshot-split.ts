// The dm-snapshot deadlock of seed 001 (Mikulas Patocka, 2014): reads of a snapshot that span a
// chunk boundary are split by dm; the first piece tracks its chunk and is only queued on the
// reader's current->bio_list; kcopyd finishing that chunk's exception runs pending_complete(),
// which takes s->lock and polls until the tracked read is done; the second piece then waits for
// s->lock. A writer to the origin volume keeps exceptions completing while a reader crosses
// chunk boundaries.
//
// Variants: the snapshot's clones without a bio_set, as bio_kmalloc gives them (they cannot be
// handed to a rescuer; a model knob, see snapshot-stack.ts), and s->lock sleeping on an
// rt_mutex (a pi-blocked task is skipped by sched_submit_work). The hand-written model of old
// ran the kmalloc variant over a RAID1 origin whose clones it took from bio_kmalloc; v3.15's
// raid1.c, translated here, clones normal I/O from mddev->bio_set (bio_clone_mddev(); md_run()
// creates the set, and only resync buffers come from bio_kmalloc), so a RAID1 origin puts
// nothing on the reader's bio_list that a rescuer cannot take: the snapshot over /dev/md0
// without the knob hangs in 28/200 schedules unpatched and 0/200 with either patch. The knob
// stays.
//
// The translated v3.15 world: the stack is built as dmsetup builds it (snapshot-stack.ts).

import '../../kernel-model/v3.15/world.ts';
import { READ, WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import { defaultPlan, failslabAt } from '../../kernel-model/sim/faults.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import { init_waitqueue_head, wait_event, wake_up_all } from '../../kernel-model/kernel/sched/wait.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { type SnapshotStack, type SnapshotStackOptions, buildSnapshotStack, destroySnapshotStack } from './snapshot-stack.ts';
import type { Suite } from './suite.ts';
import { submitAndWait } from './workload-io.ts';

const CHUNK = 8;
const CHUNKS = 6;
/** Reads of one boundary at most while its exception is in flight. */
const REREADS = 3;


/**
 * The seed's plans: memory mostly plentiful (the deadlock needs no pressure), sometimes an
 * I/O completion delay, and now and then a failed exception allocation (which invalidates the
 * snapshot and takes pending_complete's error path).
 */
function plan(seed: number): FaultPlan {
  const rng = new Prng(seed);
  const p = defaultPlan();
  p.memory = (['none', 'none', 'low', 'high'] as const)[rng.below(4)];
  p.ioDelay = rng.below(3) === 0 ? 1 + rng.below(2) : 0;
  if (rng.below(4) === 0) {
    p.failslab = failslabAt(['alloc_completed_exception'], 20, 1);
  }
  return p;
}

function program(opts: SnapshotStackOptions): Program {
  let st: SnapshotStack;
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      st = m.bootCall(buildSnapshotStack(opts));
      // The writer starts one exception per chunk (a write to the origin volume copies the
      // chunk out first); while chunk k's exception is in flight, the reader keeps reading
      // across the boundary between chunks k and k+1, half a chunk either side.
      const progress = { started: -1, done: -1, wq: init_waitqueue_head('workload progress') };
      m.spawn('writer', function* (): KGen {
        for (let k = 0; k < CHUNKS - 1; k++) {
          progress.started = k;
          wake_up_all(progress.wq);
          yield* submitAndWait(st.originDev, WRITE, k * CHUNK, CHUNK);
          progress.done = k;
        }
      });
      m.spawn('reader', function* (): KGen {
        for (let k = 0; k < CHUNKS - 1; k++) {
          yield* wait_event(progress.wq, () => progress.started >= k);
          // A bounded number of reads: virtual time stands still while a task keeps running,
          // so an unbounded loop would keep pending_complete's msleep from ever expiring.
          for (let i = 0; i < REREADS && progress.done < k; i++) {
            yield* submitAndWait(st.snapDev, READ, k * CHUNK + CHUNK / 2, CHUNK);
          }
        }
      });
    },
    teardown: () => destroySnapshotStack(st),
  };
}

function snapshotSuite(name: string, summary: string, scenario: string, opts: Omit<SnapshotStackOptions, 'chunkSectors' | 'chunks'>): Suite {
  const stack = { ...opts, chunkSectors: CHUNK, chunks: CHUNKS };
  return {
    name,
    summary,
    scenario,
    kernel: '3.15',
    defaultSchedules: 200,
    expectedSteps: 1300,
    plan,
    program: () => program(stack),
  };
}

export const dmSnapshotSplit = snapshotSuite(
  'dm-snapshot-split',
  'split snapshot reads racing pending_complete (seed 001 deadlock)',
  'for a split read on a dm snapshot',
  { cloneWithKmalloc: false, rtLock: false },
);

export const dmSnapshotSplitKmalloc = snapshotSuite(
  'dm-snapshot-split-kmalloc',
  'the same with the snapshot\'s clones from bio_kmalloc (no bio_set)',
  'for bio_kmalloc clones',
  { cloneWithKmalloc: true, rtLock: false },
);

export const dmSnapshotSplitRt = snapshotSuite(
  'dm-snapshot-split-rt',
  'the same with s->lock on an rt_mutex (pi-blocked submitter)',
  'for a submitter blocked on an rt_mutex',
  { cloneWithKmalloc: false, rtLock: true },
);
