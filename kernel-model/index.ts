// The whole kernel model, loaded in a fixed order: boot hooks run in import order, so this
// order is part of what makes a run deterministic.
import './sim/machine.ts';
import './kernel/locking/lockdep.ts';
import './mm/kasan.ts';
import './mm/kmemleak.ts';
import './kernel/kcsan.ts';
import './kernel/hung_task.ts';
import './kernel/rcupdate.ts';
import './kernel/workqueue.ts';
import './mm/vmscan.ts';
import './mm/percpu.ts';
import './mm/mempool.ts';
import './block/blk-io-accounting.ts';
import './kernel/cgroup.ts';
import './kernel/exit.ts';
import './mm/swapfile.ts';
import './drivers/acpi/bus.ts';
// The translated worlds and their model drivers (each registers under its base).
import './v3.2/world.ts';
import './v3.2/model/genhd.ts';
import './v3.2/model/sim-rq-disk.ts';
import './v3.2/model/sysfs.ts';
import './v3.2/model/protection.ts';
import './v3.2/model/fork.ts';
import './v3.15/world.ts';
import './v3.15/model/genhd.ts';
import './v3.15/model/not-modeled.ts';
import './v3.15/model/sim-disk.ts';
import './v3.15/model/sim-rq-disk.ts';
import './v3.15/model/dm-ioctl.ts';
import './v3.15/model/md-ioctl.ts';
import './v3.15/model/mdstat.ts';
import './v3.15/model/md-safemode.ts';
import './v3.15/model/disk-inflight.ts';
import './v3.15/model/md-quiescence.ts';
import './v3.2/model/disk-inflight.ts';
import './v3.15/model/module-registries.ts';
import './v3.15/model/sysfs.ts';
import './v3.15/model/protection.ts';

export { runProgram, type Program, type RunResult } from './sim/run.ts';
