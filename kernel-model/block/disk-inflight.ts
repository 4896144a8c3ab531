// The I/Os a disk has in progress, /sys/block/DEV/inflight and field 9 of /proc/diskstats, as
// Documentation/iostats.txt (v3.2 and v3.15) describes them: "The only field that should go to
// zero. Incremented as requests are given to appropriate struct request_queue and decremented as
// they finish." blk-core counts a request-based disk's requests (part_inc_in_flight() when a
// request is accounted, part_dec_in_flight() when it is done) and v3.15's dm its bios
// (md->pending). Once a workload is done (nothing runnable, no timer left, no workload task
// waiting) every registered disk must therefore show none in flight; a count left over is an
// increment without its decrement or the reverse, and iostat shows a disk forever busy, or a
// negative queue. The same goes for part0's reference count, counted in both bases: alloc_disk()
// sets it to 1 (hd_ref_init()), and each
// accounted request holds one more from blk_account_io_start()'s hd_struct_try_get() to
// blk_account_io_done()'s hd_struct_put(); any other count once the requests are done is a get
// without its put, or a put too many (which, at zero, frees part0 under the live disk:
// __delete_partition()). A partition (v3.15) is held to the same: none in flight, and its
// reference count 1 (its own hd_ref_init(), which delete_partition() puts) while it is in the
// disk's table. Each world registers the check over its own disk registry.

import { atomic_read, type atomic_t } from '../include/linux/atomic.ts';
import { accounting_drift } from '../kernel/stat-drift.ts';
import type { Ref } from '../lib/c-pointers.ts';
import { registerQuiescentCheck } from '../sim/run.ts';

/** What the check reads of a world's struct gendisk. */
export interface disk_counts {
  disk_name: Ref<string>;
  part0: { in_flight: atomic_t[]; ref: atomic_t };
}

/** What the check reads of a partition: its counts, and its name (sdb1). */
export interface partition_counts {
  name: string;
  in_flight: atomic_t[];
  ref: atomic_t;
}

/**
 * Registers the check for the runs of `base`, over the disks `disks()` lists when a run is done
 * and the partitions `partitionsOf(disk)` lists of each.
 */
export function registerDiskQuiescenceCheck<D extends disk_counts>(base: string, disks: () => readonly D[], partitionsOf: (disk: D) => readonly partition_counts[] = () => []): void {
  registerQuiescentCheck(base, () => {
    for (const disk of disks()) {
      const name = disk.disk_name.v;
      checkCounts(name, 'part0', `/sys/block/${name}`, { name, in_flight: disk.part0.in_flight, ref: disk.part0.ref });
      for (const part of partitionsOf(disk)) checkCounts(part.name, part.name, `/sys/block/${name}/${part.name}`, part);
    }
  });
}

/** The counts of part0 (`which` "part0") or of a partition (`which` its name), named after the device `name`, whose sysfs directory is `dir`. */
function checkCounts(name: string, which: string, dir: string, part: partition_counts): void {
  const counts = part.in_flight.map((c) => atomic_read(c));
  if (!counts.every((n) => n === 0)) {
    accounting_drift(`${name} in_flight`, `${name}: in_flight reads ${counts[0]}, writes ${counts[1]} with no IO left (${dir}/inflight; Documentation/iostats.txt: "the only field that should go to zero")`);
  }
  const ref = atomic_read(part.ref);
  if (ref !== 1) {
    accounting_drift(`${name} ${which} reference`, `${name}: ${which}'s reference count is ${ref} with no request left: hd_ref_init() set 1 and every accounted request's hd_struct_try_get() should have been put`);
  }
}
