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

export { runProgram, type Program, type RunResult } from './sim/run.ts';
