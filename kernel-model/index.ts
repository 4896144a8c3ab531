// The whole kernel model, loaded in a fixed order: boot hooks run in import order, so this
// order is part of what makes a run deterministic.
import './sim/machine.ts';
import './kernel/locking/lockdep.ts';
import './mm/kasan.ts';
import './mm/kmemleak.ts';
import './kernel/hung_task.ts';
import './kernel/rcupdate.ts';
import './kernel/workqueue.ts';
import './mm/vmscan.ts';
import './mm/percpu.ts';
import './mm/mempool.ts';
import './block/blk-io-accounting.ts';
import './fs/bio.ts';
import './block/blk-core.ts';
import './drivers/block/sim-disk.ts';
import './kernel/cgroup.ts';
import './block/blk-ioc.ts';
import './block/blk-cgroup.ts';
import './block/blk-throttle.ts';
import './block/elevator.ts';
import './block/cfq-iosched.ts';
import './block/blk-sysfs.ts';
import './drivers/block/sim-rq-disk.ts';
import './mm/page_io.ts';
import './drivers/acpi/bus.ts';
import './drivers/md/dm.ts';
import './drivers/md/dm-linear.ts';
import './drivers/md/dm-snap.ts';
import './drivers/md/raid1.ts';

export { runProgram, type Program, type RunResult } from './sim/run.ts';
