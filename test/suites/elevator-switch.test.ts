// elevator-switch switches the v3.2 disk's elevator from CFQ to noop and back under IO: the new
// elevator set up, the queue drained with QUEUE_FLAG_ELVSWITCH set, the old one exited (CFQ's
// queues, groups and cfq_io_contexts, its cic index given back). What it finds on the base tree, and the fix that removes it, are
// proven with the other base-tree bugs (test/v3.2/base-bugs.test.ts).
import { describe, expect, it } from 'vitest';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { elevatorSwitch } from '../../harness/suites/elevator-switch.ts';

describe('elevator-switch', () => {
  it('takes the switch\'s paths: both elevators set up and exited, and the drain', { timeout: 120_000 }, () => {
    const r = measureReach(elevatorSwitch, 20);
    for (const fn of ['elv_iosched_store', 'elevator_change', 'elevator_switch', 'elv_quiesce_start', 'elv_quiesce_end', 'blk_drain_queue', 'cfq_init_queue', 'cfq_exit_queue', 'noop_init_queue', 'noop_exit_queue', 'noop_dispatch']) expect(r.functions, fn).toContain(fn);
  });
});
