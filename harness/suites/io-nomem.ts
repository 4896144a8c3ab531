// A process's first IO to a disk while one of that IO's allocations fails: fail-nth armed around
// the write, as syzkaller arms it around a syscall. The first write of a process in a new blkio
// cgroup allocates along the whole submission path: the bio, its io_context and CFQ's cic for
// it, the throttle group and CFQ group of its cgroup on that queue with their per-cpu stats, its
// CFQ queue and the request. With the N-th of them failed, each path's fallback runs: the
// throttle and CFQ code account the IO to their root groups, cfq_find_alloc_queue() punts it to
// the OOM queue, a request waits for one in the mempool, and an IO that cannot be started fails
// back to the process. Three processes do so at once, each from a cgroup of its own, then read
// back and exit; at the end the cgroups go and the disk is removed: a fallback that took a
// reference it does not give back, or freed what another still holds, shows then.

import '../../kernel-model/v3.2/world.ts';
import type { cgroup } from '../../kernel-model/kernel/cgroup.ts';
import { current } from '../../kernel-model/sim/machine.ts';
import type { FaultPlan } from '../../kernel-model/sim/faults.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { READ, WRITE } from '../../kernel-model/v3.2/include/linux/fs.ts';
import type { sim_rq_disk } from '../../kernel-model/v3.2/model/sim-rq-disk.ts';
import { attachTask, bootDiskProgram, makeBlkioCgroup, submitAndWait } from './blkio-workload.ts';
import { failNthPlan, withFailNth } from './fail-nth.ts';
import type { Suite } from './suite.ts';

const PROCESSES = 3;

/**
 * The pages fail-nth may fail besides every slab allocation of the path (no slab site filter:
 * syzkaller's fail-nth has none): a per-cpu chunk's page, behind a new group's stats.
 */
const IO_PAGE_SITES = ['pcpu_populate_chunk'];

/** The most injectable calls one first write makes (measured: 9; one more, its vectors, for the eight-page write), and a margin: an N past them fails nothing. */
const FAIL_NTH_SPAN = 11;

/**
 * Sectors each process writes: the first writes eight pages, more than a bio holds inline (four
 * vectors), so its bio_alloc() takes a vector array from a biovec slab, and when fail-nth fails
 * that bvec_alloc_bs() falls back to the bio_set's mempool (the 256-vector pool, as the C does).
 */
const WRITE_SECTORS = [64, 8, 8];

function* firstWrite(disk: sim_rq_disk, index: number): KGen {
  const cg: cgroup | null = yield* makeBlkioCgroup(`io${index}`, disk, []);
  if (cg !== null) yield* attachTask(cg, current());
  const sector = 256 + index * 64;
  yield* withFailNth(submitAndWait(disk, WRITE, sector, WRITE_SECTORS[index]));
  yield* submitAndWait(disk, READ, sector, 8);
}

const plan = (seed: number): FaultPlan => failNthPlan(seed, [], FAIL_NTH_SPAN, IO_PAGE_SITES);

const program = (): Program =>
  bootDiskProgram('vdb', false, (m, disk) => {
    for (let i = 0; i < PROCESSES; i++) m.spawn(`writer${i}`, () => firstWrite(disk, i));
  });

export const ioNomem: Suite = {
  name: 'io-nomem',
  summary: "a process's first write from a new blkio cgroup while one of its allocations fails (fail-nth): the cic, CFQ queue, throttle and CFQ groups and their per-cpu stats, the request",
  scenario: "when a process's first IO cannot allocate what it needs",
  kernel: '3.2',
  defaultSchedules: 200,
  expectedSteps: 600,
  plan,
  program,
};
