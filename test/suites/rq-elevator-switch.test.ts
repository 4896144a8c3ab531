// rq-elevator-switch: two tasks switch the request-based disk's elevator (noop to deadline and
// back) and tune deadline while a third keeps IO in flight. q->sysfs_lock, taken by
// queue_attr_store() around the scheduler file's store, keeps the two switches apart (a KCSAN
// rule: q->elevator changed only under it). A patch dropping that lock, taken from its mail by
// `lkml-harness port`, lets both switches attach and exit elevators at once; one dropping it from
// queue_attr_show() reads q->elevator in the scheduler file's show under neither that lock nor
// the queue lock the IO path reads it under (the rule's readers); one dropping e->sysfs_lock from
// elv_attr_store() writes deadline's tunables under no lock (a KCSAN rule: elv_attr_store() makes
// every store under it). The base tree's switches are serialized and report nothing.
import { describe, expect, it } from 'vitest';
import { portFixtureMail } from '../helpers/port-fixture.ts';
import { runsReporting } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { measureProgram } from '../../harness/fuzz/coverage.ts';
import { v315Grammar as g } from '../../harness/fuzz/grammar-v3.15.ts';
import { formatProgram, parseProgram } from '../../harness/fuzz/program.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { RQ_ELEVATOR_SWITCH, rqElevatorSwitch } from '../../harness/suites/rq-elevator-switch.ts';

const SWITCH_RACE = (title: string): boolean => /^KCSAN: data-race in (deadline|noop)_init_queue \/ (deadline|noop)_init_queue$/.test(title);
const TUNABLE_RACE = (title: string): boolean => /^KCSAN: data-race in deadline_\w+_store \/ |\/ deadline_\w+_store$/.test(title);
const SHOW_RACE = (title: string): boolean => /^KCSAN: data-race in (deadline|noop)_init_queue \/ elv_iosched_show$|^KCSAN: data-race in elv_iosched_show \/ (deadline|noop)_init_queue$/.test(title);

/** The base tree's runs, measured once for both patches. */
let base: ReturnType<typeof runSeeds> | undefined;
const baseRuns = (): ReturnType<typeof runSeeds> => (base ??= runSeeds(rqElevatorSwitch, { seed: 1, count: 20, patch: null }));

describe('rq-elevator-switch', () => {
  it('parses back to its text, and takes only the elevators and tunables the configuration has', () => {
    const text = 'cpus 1\nt0: scheduler sde deadline; tunable sde fifo_batch 8; scheduler sde noop';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: scheduler sde cfq')).toThrow('one of noop, deadline');
    expect(() => parseProgram(g, 'cpus 1\nt0: tunable sde quantum 4')).toThrow('one of read_expire');
  });

  it('switches to deadline and back under IO, deadline queueing, dispatching and tuned, with nothing reported on the base tree', () => {
    const m = measureProgram(g, parseProgram(g, RQ_ELEVATOR_SWITCH), 1, 20);
    // deadline, a module, loaded by the first switch to it (deadline_init() in modprobe) and
    // unloaded at teardown.
    for (const f of ['elevator_switch', 'blk_queue_bypass_start', 'deadline_init_queue', 'deadline_add_request', 'deadline_dispatch_requests', 'deadline_exit_queue', 'noop_exit_queue', 'deadline_fifo_batch_store', 'elv_iosched_show', 'deadline_init', 'elv_register', 'deadline_exit', 'elv_unregister']) {
      expect(m.functions.has(f), f).toBe(true);
    }
    expect([...m.titles.keys()]).toEqual([]);
  });

  it('sees two elevator switches at once when queue_attr_store() drops q->sysfs_lock', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('blk-queue-attr-store-unlocked.patch');
    expect(runsReporting(runSeeds(rqElevatorSwitch, { seed: 1, count: 20, patch }), SWITCH_RACE)).toBeGreaterThan(0);
    expect(runsReporting(baseRuns(), SWITCH_RACE)).toBe(0);
  });

  it('sees the scheduler file read q->elevator during a switch when queue_attr_show() drops q->sysfs_lock', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('blk-queue-attr-show-unlocked.patch');
    expect(runsReporting(runSeeds(rqElevatorSwitch, { seed: 1, count: 20, patch }), SHOW_RACE)).toBeGreaterThan(0);
    expect(runsReporting(baseRuns(), SHOW_RACE)).toBe(0);
  });

  it('sees a deadline tunable stored without e->sysfs_lock when elv_attr_store() drops it', { timeout: 180_000 }, async () => {
    const patch = await portFixtureMail('elv-attr-store-unlocked.patch');
    expect(runsReporting(runSeeds(rqElevatorSwitch, { seed: 1, count: 20, patch }), TUNABLE_RACE)).toBeGreaterThan(0);
    expect(runsReporting(baseRuns(), TUNABLE_RACE)).toBe(0);
  });
});
