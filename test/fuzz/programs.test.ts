// Generated programs: the text form parses back to itself, bad text is refused with a reason,
// drawing and mutating follow the seed alone, shrinking keeps the property it is given, and the
// workload of a program does what its operations say on the model.
import { describe, expect, it } from 'vitest';
import '../../kernel-model/index.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import { MIN_FRESH_BRANCHES, buildCorpus } from '../../harness/fuzz/build-corpus.ts';
import { CORPUS } from '../../harness/fuzz/corpus-v3.2.ts';
import { measureProgram } from '../../harness/fuzz/coverage.ts';
import { programSuite } from '../../harness/fuzz/program-suite.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { mutateProgram, randomProgram } from '../../harness/fuzz/generate.ts';
import { v32Grammar as g } from '../../harness/fuzz/grammar-v3.2.ts';
import { v315Grammar } from '../../harness/fuzz/grammar-v3.15.ts';
import { CORPUS as CORPUS_V3_15 } from '../../harness/fuzz/corpus-v3.15.ts';
import { type Grammar, formatProgram, opCount, parseProgram } from '../../harness/fuzz/program.ts';
import { keepsAccounting } from '../../harness/fuzz/ops-v3.2.ts';
import { shrinkProgram } from '../../harness/fuzz/shrink-program.ts';

/**
 * The operations 3000 draws of `grammar` make, each drawn operation and a variation of it checked
 * to parse back to itself; `each` sees every drawn operation.
 */
function drawnOps<Op extends { op: string }>(grammar: Grammar<Op>, each: (o: Op) => void = () => {}): Set<string> {
  const rng = new Prng(9);
  const ops = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    const o = grammar.randomOp(rng);
    ops.add(o.op);
    each(o);
    for (const v of [o, grammar.tweakOp(rng, o)]) expect(grammar.parseOp(grammar.formatOp(v))).toEqual(v);
  }
  return ops;
}

const draw = (seed: number, n: number): string[] => {
  const rng = new Prng(seed);
  const out: string[] = [];
  let p = randomProgram(g, rng);
  for (let i = 0; i < n; i++) {
    out.push(formatProgram(g, p));
    p = i % 3 === 2 ? randomProgram(g, rng) : mutateProgram(g, rng, p, p);
  }
  return out;
};

describe('program text', () => {
  it('every corpus program and every drawn program parses back to the same text', () => {
    expect(CORPUS.length).toBeGreaterThan(0);
    for (const text of [...CORPUS.map((e) => e.program), ...draw(7, 200)]) expect(formatProgram(g, parseProgram(g, text))).toBe(text);
  });

  it('says which tasks share an IO context (clone-io), and drawing and mutating make and unmake such threads', () => {
    const text = 'cpus 2\nclone-io 2\nt0: io r 4096+8 wait\nt1: ioprio be 3\nt2: mkdir 1';
    expect(parseProgram(g, text).cloneIo).toBe(2);
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    const drawn = draw(7, 200);
    expect(drawn.filter((t) => t.includes('\nclone-io ')).length).toBeGreaterThan(0);
    expect(drawn.filter((t) => !t.includes('\nclone-io ') && t.split('\n').length > 2).length).toBeGreaterThan(0);
  });

  it.each([
    ['cpus 0\nt0: sleep 1', 'cpus 0: the model runs 1 to 8 CPUs'],
    ['t0: sleep 1', 'a program starts with "cpus N"'],
    ['cpus 1\nt1: sleep 1', 'line 2: expected "t0: op; op; ...", got "t1: sleep 1"'],
    ['cpus 1\nt0: format c:', '"format c:": no operation "format"'],
    ['cpus 1\nt0: mkdir 0', '"mkdir 0": the cgroup 0 is outside 1..3'],
    ['cpus 1\nt0: io w 4096+0 wait', '"io w 4096+0 wait": the size in sectors 0 is outside 1..256'],
    ['cpus 1\nt0: io w 4096 wait', '"io w 4096 wait": expected SECTOR+SECTORS, got "4096"'],
    ['cpus 1\nt0: tunable nr_requests 4', '"tunable nr_requests 4": CFQ has no tunable "nr_requests"'],
    ['cpus 1\nt0: read 1 ../../etc/passwd', '"read 1 ../../etc/passwd": no such blkio file'],
    ['cpus 1\nclone-io 3\nt0: sleep 1\nt1: sleep 1', 'clone-io 3: 2 to 2 of the program\'s tasks can share one IO context'],
    ['cpus 1\nclone-io 1\nt0: sleep 1', 'clone-io 1: 2 to 1 of the program\'s tasks'],
    ['cpus 1\nt0: sleep 1\nclone-io 2', 'line 3: expected "t1: op; op; ...", got "clone-io 2"'],
    ['cpus 1\ndisk-timeout 0\nt0: sleep 1', 'disk-timeout 0: a command timeout is 1 to 3600 seconds'],
    ['cpus 1\nt0: past-end ws', '"past-end ws": IO past the end reads (r) or writes (w)'],
    ['cpus 1\ndisk-timeout 30\nclone-io 2\nt0: sleep 1\nt1: sleep 1', 'line 3: expected "t0: op; op; ...", got "clone-io 2"'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseProgram(g, text)).toThrow(why);
  });

  // A header line a world's grammar takes: the text, the field it sets and an operation a
  // shrinking property keeps (so that shrinking is left only the header to try).
  const headers = [
    { what: 'gives the disk a command timeout (disk-timeout, v3.2)', g: g as Grammar<never>, text: 'cpus 2\nclone-io 2\ndisk-timeout 30\nt0: io r 4096+8 wait; past-end w\nt1: ioprio be 3\nt2: mkdir 1', field: 'diskTimeout', value: 30, kept: 'mkdir' },
    { what: 'loads dm_mod with a reserve of its own (dm-reserved-ios, v3.15)', g: v315Grammar as Grammar<never>, text: 'cpus 2\ndm-reserved-ios 2\nt0: swapon origin; io origin w 0+8\nt1: sleep 1', field: 'dmReservedIos', value: 2, kept: 'swapon' },
  ] as const;

  it.each(headers)('$what, which mutating keeps and shrinking drops only when the property holds without it', ({ g: gr, text, field, value, kept }) => {
    const p = parseProgram(gr, text);
    expect(p[field]).toBe(value);
    expect(formatProgram(gr, p)).toBe(text);
    const rng = new Prng(5);
    for (let i = 0, q = p; i < 50; i++) {
      q = mutateProgram(gr, rng, q, q);
      expect(q[field]).toBe(value);
    }
    const has = (q: typeof p): boolean => q.tasks.some((ops) => ops.some((o: { op: string }) => o.op === kept));
    const shrunk = shrinkProgram(gr, p, (q) => has(q) && q[field] === value).program;
    expect(shrunk[field]).toBe(value);
    expect(opCount(shrunk)).toBe(1);
    expect(shrinkProgram(gr, p, has).program[field]).toBeUndefined();
  });

  it('refuses a reserve dm does not take, and the header in a world without dm (v3.2)', () => {
    expect(() => parseProgram(v315Grammar, 'cpus 1\ndm-reserved-ios 0\nt0: sleep 1')).toThrow('dm-reserved-ios 0: dm takes a reserve of 1 to 1024');
    expect(() => parseProgram(g, 'cpus 1\ndm-reserved-ios 2\nt0: sleep 1')).toThrow('dm-reserved-ios: the v3.2 model\'s dm_mod has no reserved_bio_based_ios');
  });

  it('refuses clone-io in a world whose tasks do not share IO contexts (v3.15)', () => {
    expect(() => parseProgram(v315Grammar, 'cpus 1\nclone-io 2\nt0: sleep 1\nt1: sleep 1')).toThrow('clone-io: the v3.15 model\'s tasks do not share IO contexts');
    expect(() => parseProgram(v315Grammar, 'cpus 1\ndisk-timeout 30\nt0: sleep 1')).toThrow('disk-timeout: the v3.15 model\'s disk has no command timeout to set');
  });
});

describe('drawing and mutating', () => {
  it('follow the seed alone: the same seed draws the same programs, another seed others', () => {
    expect(draw(11, 60)).toEqual(draw(11, 60));
    expect(draw(12, 60)).not.toEqual(draw(11, 60));
  });

  it('stay within the grammar\'s limits', () => {
    for (const text of draw(3, 200)) {
      const p = parseProgram(g, text);
      expect(p.cpus).toBeLessThanOrEqual(g.limits.cpus);
      expect(p.tasks.length).toBeLessThanOrEqual(g.limits.tasks);
      expect(opCount(p)).toBeGreaterThan(0);
    }
  });
});

describe('shrinking', () => {
  it('drops every operation, task and CPU the property does not need', () => {
    const p = parseProgram(g, 'cpus 3\nt0: mkdir 1; io w 4160+64 nowait; ioprio be 3; read 0 blkio.weight\nt1: batch r 4200+8x4 down; sleep 30\nt2: limit 0 read_iops_device 50');
    const reachesIoprio = (q: typeof p): boolean => measureProgram(g, q, 1, 1).functions.has('set_task_ioprio');
    const { program } = shrinkProgram(g, p, reachesIoprio);
    expect(formatProgram(g, program)).toBe('cpus 1\nt0: ioprio be 3');
  });

  it('makes threads processes again when the property does not need the shared IO context, and keeps them when it does', () => {
    const p = parseProgram(g, 'cpus 2\nclone-io 2\nt0: ioprio be 3\nt1: io r 4096+8 wait');
    const reaches = (fn: string) => (q: typeof p): boolean => measureProgram(g, q, 1, 1).functions.has(fn);
    expect(formatProgram(g, shrinkProgram(g, p, reaches('set_task_ioprio')).program)).toBe('cpus 1\nt0: ioprio be 3');
    expect(formatProgram(g, shrinkProgram(g, p, reaches('ioc_task_link')).program)).toBe('cpus 1\nclone-io 2\nt0: ioprio be 3\nt1: io r 4096+8 wait');
  });

  it('leaves a program alone when nothing smaller keeps the property', () => {
    const p = parseProgram(g, 'cpus 1\nt0: ioprio be 3');
    expect(shrinkProgram(g, p, (q) => measureProgram(g, q, 1, 1).functions.has('set_task_ioprio')).program).toEqual(p);
  });
});

describe('the v3.2 workload', () => {
  const titlesOf = (text: string, runs: number): string[] => [...measureProgram(g, parseProgram(g, text), 5, runs).titles.keys()];

  it.each([
    // rmdir of a cgroup a task is in fails (EBUSY) and leaves it for teardown
    'cpus 2\nt0: mkdir 1; attach 1; rmdir 1; io w 4160+8 wait',
    // operations on cgroups that do not exist are skipped, as a shell's would fail
    'cpus 1\nt0: attach 2; limit 3 write_bps_device 262144; read 1 blkio.time; rmdir 2',
    // a deleted rule means "no limit" (U64_MAX), not a limit of -1 bytes/s
    'cpus 1\nt0: limit 0 write_bps_device 0; io w 4272+8 wait',
    // tunables, weights and ioprio through the C's own handlers
    'cpus 2\nt0: tunable slice_idle 0; tunable quantum; weight 0 500; weight_device 0 300; read 0 blkio.weight_device\nt1: ioprio idle 7; io r 4096+8 wait',
  ])('runs %j to its end with nothing to report', (text) => {
    expect(titlesOf(text, 8)).toEqual([]);
  });

  it('draws every operation of its grammar, the disk\'s lifecycle among them, each parsing back to itself', () => {
    const ops = drawnOps(g);
    const every = ['io', 'batch', 'mkdir', 'rmdir', 'attach', 'limit', 'weight', 'weight_device', 'read', 'reset', 'tunable', 'ioprio', 'unplug', 'swapon', 'scheduler', 'past-end', 'pressure', 'sleep'];
    expect([...ops].sort()).toEqual([...every].sort());
  });

  it('takes list_empty(&blkcg->policy_list) before blkcg->lock as a marked read, and sees the base tree\'s rule rewritten after the lock is dropped', () => {
    // A rule written while another task reads the rule file: the reader tests the list before
    // it takes the lock (a peek later kernels mark READ_ONCE()), then walks it under the lock.
    expect(titlesOf('cpus 1\nt0: limit 0 read_bps_device 4194304\nt1: read 0 blkio.throttle.read_bps_device', 12)).toEqual([]);
    // An existing rule rewritten: blkiocg_file_write() drops blkcg->lock and then stores the
    // new value (blkio_update_policy_rule, blk-cgroup.c:1107-1110), which the reader reads under it.
    const race = 'KCSAN: data-race in blkio_print_policy_node / blkio_update_policy_rule';
    const rewrite = 'cpus 1\nt0: limit 0 read_bps_device 4194304; sleep 2; limit 0 read_bps_device 1048576\nt1: sleep 1; read 0 blkio.throttle.read_bps_device';
    expect(titlesOf(rewrite, 12)).toContain(race);
  });

  it('reaches what its operations name: a front merge from a descending plugged batch, a tunable\'s store', () => {
    const batch = measureProgram(g, parseProgram(g, 'cpus 1\nt0: batch w 4200+8x4 down'), 1, 2).functions;
    expect(batch.has('bio_attempt_front_merge')).toBe(true);
    const tunable = measureProgram(g, parseProgram(g, 'cpus 1\nt0: tunable slice_idle 0'), 1, 1).functions;
    expect(tunable.has('cfq_slice_idle_store')).toBe(true);
    expect(tunable.has('cfq_slice_idle_show')).toBe(false);
  });

  it('swaps to the disk after swapon: reclaim under high pressure writes pages through swap_writepage, and without swapon it writes none', () => {
    const text = 'cpus 1\nt0: swapon; pressure high; io w 4160+8 wait; io r 4096+8 wait';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: swapon vdb')).toThrow(/swapon takes 0 arguments/);
    const reached = (t: string) => measureProgram(g, parseProgram(g, t), 1, 4).functions;
    expect(reached(text).has('swap_writepage')).toBe(true);
    expect(reached(text.replace('swapon; ', '')).has('swap_writepage')).toBe(false);
    // The block layer's own allocations are GFP_NOIO under its IO: the swap writes go on, nothing hangs.
    expect(titlesOf(text, 8)).toEqual([]);
  });

  it('switches the elevator with scheduler: CFQ exits and noop takes the IO, and back; the accounting check is left to programs that do not switch', () => {
    const text = 'cpus 1\nt0: io r 4096+8 wait; scheduler noop; io w 4160+8 wait; scheduler cfq; io r 4104+8 wait';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: scheduler deadline')).toThrow(/noop, cfq/);
    const reached = measureProgram(g, parseProgram(g, text), 1, 4).functions;
    for (const fn of ['elv_iosched_store', 'elevator_switch', 'cfq_exit_queue', 'noop_init_queue', 'noop_add_request', 'noop_dispatch', 'noop_exit_queue']) expect(reached.has(fn), fn).toBe(true);
    expect(keepsAccounting(parseProgram(g, text).tasks.flat())).toBe(false);
    expect(titlesOf(text, 8)).toEqual([]);
  });

  it('writes across the disk\'s end with past-end: generic_make_request_checks() fails it before the queue, where it counts in no blkio stat', () => {
    const text = 'cpus 1\nt0: io w 4096+8 wait; past-end w; past-end r';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    const reached = measureProgram(g, parseProgram(g, text), 1, 4);
    expect(reached.functions.has('handle_bad_sector')).toBe(true);
    expect(measureProgram(g, parseProgram(g, 'cpus 1\nt0: io w 4096+8 wait'), 1, 4).functions.has('handle_bad_sector')).toBe(false);
    // Failed with -EIO, as the C fails it: no write is acknowledged without reaching the disk,
    // and the end-of-run check finds the blkio stats and the disk's bytes agreeing.
    expect(keepsAccounting(parseProgram(g, text).tasks.flat())).toBe(true);
    expect(titlesOf(text, 8)).toEqual([]);
  });

  it('deletes an existing throttle rule with drop, which a plain limit never does', () => {
    const text = 'cpus 1\nt0: limit 1 read_bps_device 1048576 drop';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: limit 1 read_bps_device 0 drop')).toThrow(/value/);
    // The arms of blkiocg_file_write each takes (rmdir at teardown deletes rules too: functions alone cannot tell).
    const arms = (t: string) => [...measureProgram(g, parseProgram(g, t), 1, 1).branches].filter((b) => b.startsWith('blkiocg_file_write#'));
    const dropped = arms('cpus 1\nt0: mkdir 1; limit 1 read_bps_device 1048576 drop');
    const other = arms('cpus 1\nt0: mkdir 1; limit 1 read_bps_device 1048576; limit 1 write_bps_device 0');
    expect(dropped.filter((b) => !other.includes(b)).length).toBeGreaterThan(0);
  });
});

describe('the fuzzing loop', () => {
  it('is decided by its seed, and keeps only programs that reached something new', () => {
    const opts = { seed: 9, iterations: 12, schedules: 2, shrinkAttempts: 10 };
    const a = buildCorpus(g, opts);
    expect(buildCorpus(g, opts)).toEqual(a);
    expect(a.entries.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const e of a.entries) {
      // A new function, or enough new arms of conditions in functions reached before.
      expect(e.adds.length > 0 || e.branches >= MIN_FRESH_BRANCHES, e.program).toBe(true);
      for (const f of e.adds) {
        expect(seen.has(f)).toBe(false);
        seen.add(f);
      }
    }
  });
});

describe('the v3.15 grammar and workload', () => {
  const g15 = v315Grammar;

  it('every corpus program and every drawn program parses back to the same text', () => {
    const rng = new Prng(21);
    const drawn = Array.from({ length: 100 }, () => formatProgram(g15, randomProgram(g15, rng)));
    for (const text of [...CORPUS_V3_15.map((e) => e.program), ...drawn]) expect(formatProgram(g15, parseProgram(g15, text))).toBe(text);
  });

  it.each([
    ['cpus 1\nt0: suspend md0', 'the dm device is one of snap, origin, lin, rql'],
    ['cpus 1\nt0: suspend sde', 'the dm device is one of snap, origin, lin, rql'],
    ['cpus 1\nt0: io sdq w 0+8', 'the device is one of snap, origin, lin, md0, sde, rql'],
    ['cpus 1\nt0: io snap w 2047+8', 'the sector 2047 is outside 0..2040'],
    ['cpus 1\nt0: suspend snap now', 'only "noflush" may follow'],
    ['cpus 1\nt0: fail 2', 'the leg 2 is outside 0..1'],
    ['cpus 1\nt0: readd 2', 'the leg 2 is outside 0..1'],
    ['cpus 1\nt0: readd', 'readd takes a leg, 0 or 1'],
    ['cpus 1\nt0: sync idle', 'sync takes one of check, repair, resync'],
    ['cpus 1\nt0: sync check now', 'sync takes one of check, repair, resync'],
    ['cpus 1\nt0: remove-deferred md0', 'the dm device is one of snap, origin, lin, rql'],
    ['cpus 1\nt0: remove-deferred', 'remove-deferred takes a dm device'],
    ['cpus 1\nt0: geometry', 'geometry takes a device'],
    ['cpus 1\nt0: ioctl sda', 'the device is one of snap, origin, lin, md0, sde, rql'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseProgram(g15, text)).toThrow(why);
  });

  it('quiesce suspends a range of md0 and releases it: raid1 quiesces and the writers into the range go on', () => {
    const text = 'cpus 2\nt0: quiesce 0+64 2; quiesce 32+32 1\nt1: io md0 w 0+8; io md0 w 40+8; io md0 r 0+16';
    const p = parseProgram(g15, text);
    expect(formatProgram(g15, p)).toBe(text);
    expect(() => parseProgram(g15, 'cpus 1\nt0: quiesce 0+64')).toThrow('quiesce takes an extent of md0 and milliseconds');
    const runs = measureProgram(g15, p, 3, 6);
    for (const fn of ['suspend_lo_store', 'suspend_hi_store', 'raid1_quiesce']) expect(runs.functions.has(fn), fn).toBe(true);
    expect([...runs.titles.keys()]).toEqual([]);
  });

  it('prints and parses the md sync operations, varies them within the grammar and simplifies readd to fail', () => {
    const text = 'cpus 2\nt0: sync check; sync repair; sync resync\nt1: readd 0; readd 1';
    const p = parseProgram(g15, text);
    expect(formatProgram(g15, p)).toBe(text);
    const rng = new Prng(5);
    for (const o of p.tasks.flat()) {
      for (let i = 0; i < 6; i++) {
        const t = g15.tweakOp(rng, o);
        expect(t.op).toBe(o.op);
        expect(t).not.toEqual(o);
        expect(g15.parseOp(g15.formatOp(t))).toEqual(t);
      }
    }
    expect(g15.simpler({ op: 'readd', leg: 1 })).toEqual([{ op: 'fail', leg: 1 }]);
    expect(g15.simpler({ op: 'sync', action: 'check' })).toEqual([]);
    // both are drawn
    const drawn = new Set<string>();
    for (let i = 0; i < 400; i++) drawn.add(g15.randomOp(rng).op);
    expect(drawn.has('sync') && drawn.has('readd')).toBe(true);
  });

  it('draws geometry, ioctl and remove-deferred, and their variations parse back to themselves', () => {
    const rng = new Prng(5);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const o = g15.randomOp(rng);
      seen.add(o.op);
      for (const v of [o, g15.tweakOp(rng, o), ...g15.simpler(o)]) expect(g15.parseOp(g15.formatOp(v))).toEqual(v);
    }
    for (const op of ['geometry', 'ioctl', 'remove-deferred']) expect(seen.has(op), op).toBe(true);
  });

  it('draws every operation the named suites write, on every device and with every reload table, each parsing back to itself', () => {
    const devices = new Set<string>();
    const tables = new Set<string>();
    let readahead = false;
    const ops = drawnOps(g15, (o) => {
      if ('dev' in o) devices.add(o.dev);
      if (o.op === 'reload' && o.table !== undefined) tables.add(o.table);
      if (o.op === 'io' && o.ahead === true) readahead = true;
    });
    const every = ['io', 'batch', 'flush', 'discard', 'writesame', 'suspend', 'resume', 'bounce', 'reload', 'status', 'fail', 'sync', 'quiesce', 'queue', 'scheduler', 'tunable', 'readd', 'newdev', 'geometry', 'ioctl', 'remove-deferred', 'cancel-remove', 'swapon', 'monitor', 'pressure', 'sleep'];
    expect([...ops].sort()).toEqual([...every].sort());
    expect([...devices].sort()).toEqual(['lin', 'md0', 'md1', 'origin', 'rql', 'sde', 'snap']);
    expect([...tables].sort()).toEqual(['badchunk', 'busy', 'error', 'hugecount', 'oversize', 'shrink', 'unknown']);
    expect(readahead).toBe(true);
  });

  it.each([
    // a task's IO to a device it holds suspended is skipped; another task's resume leaves it holding
    'cpus 2\nt0: suspend lin; io lin w 464+8\nt1: resume origin',
    // suspends top-down, IO from a second task waits for the resume at the end of the first
    'cpus 2\nt0: suspend snap noflush; suspend lin; sleep 5\nt1: io snap w 0+8; io origin w 16+8',
    // a snapshot reloaded: the new table's snapshot takes the exceptions over (down_write_nested)
    'cpus 1\nt0: io origin w 0+16; reload snap; io snap r 0+16; status snap',
    // a mirror leg failed by mdadm while writes run
    'cpus 2\nt0: batch md0 w 64+8x3; fail 0; io md0 r 64+8\nt1: io md0 w 0+8; fail 1; io md0 w 8+8',
    // the request-based disk, directly and under dm-linear, while the linear device is suspended and reloaded
    'cpus 2\nt0: batch sde w 0+8x3; io sde r 0+16; io rql w 8+8\nt1: batch rql w 64+8x2; suspend rql; resume rql; reload rql; io sde w 64+1',
    // a check and a repair of the mirror while IO runs (the second is refused while the first runs)
    'cpus 2\nt0: sync check; io md0 w 0+8; io md0 r 512+64\nt1: batch md0 w 64+8x3; sync repair',
    // legs failed, removed and added back (recovery) while IO and a check run
    'cpus 3\nt0: readd 0; io md0 r 0+64\nt1: io md0 w 128+8; readd 1\nt2: sync check; io md0 w 1024+16',
    // the linear volume under the snapshot and its origin wiped (every IO fails) and put back
    'cpus 2\nt0: reload lin error; io snap r 0+16; io origin w 0+16; reload lin; io snap w 32+8\nt1: io lin w 0+8; io origin w 64+16; status snap',
    // devices marked for deferred removal keep serving IO until the teardown's close removes them
    'cpus 2\nt0: remove-deferred lin; io origin w 0+16; io lin r 0+8\nt1: remove-deferred snap; io snap r 0+16; reload snap',
    // geometry and a SCSI ioctl of every device, one of them while suspended (-EAGAIN)
    'cpus 2\nt0: geometry snap; ioctl lin; suspend lin; ioctl lin; resume lin\nt1: geometry md0; ioctl md0; ioctl origin; io lin w 8+8',
  ])('runs %j to its end with nothing to report', (text) => {
    expect([...measureProgram(g15, parseProgram(g15, text), 3, 8).titles.keys()]).toEqual([]);
  });

  it('opens and closes its devices through their drivers, and unloads the modules at its end', () => {
    const f = measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: io lin w 0+8'), 1, 1).functions;
    for (const name of ['dm_blk_open', 'dm_blk_close', 'md_open', 'md_release', 'dm_lock_for_deletion']) expect(f.has(name), name).toBe(true);
    for (const name of ['dm_snapshot_exit', 'exit_origin_hash', 'dm_exception_store_exit', 'dm_transient_snapshot_exit', 'dm_exit', 'local_exit', 'dm_target_exit', 'dm_linear_exit', 'dm_io_exit', 'dm_kcopyd_exit', 'dm_uevent_exit', 'raid_exit', 'unregister_md_personality', 'md_exit'])
      expect(f.has(name), name).toBe(true);
  });

  it('geometry and ioctl reach the drivers\' getgeo and the target\'s ioctl; remove-deferred the deferred removal', () => {
    const f = measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: geometry snap; geometry md0; ioctl lin; ioctl md0; remove-deferred origin'), 1, 1).functions;
    for (const name of ['blkdev_ioctl', 'dm_blk_getgeo', 'dm_get_geometry', 'md_getgeo', 'dm_blk_ioctl', 'linear_ioctl', '__blkdev_driver_ioctl', 'md_ioctl', 'do_deferred_remove', 'dm_deferred_remove', 'dm_hash_remove_all'])
      expect(f.has(name), name).toBe(true);
    // without a device marked, the last closes schedule no removal
    expect(measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: geometry snap'), 1, 1).functions.has('do_deferred_remove')).toBe(false);
  });

  it('submits a batch with holes filled last: the requests of the first IOs merge when the later ones close the gaps', () => {
    const text = 'cpus 1\nt0: batch sde w 0+8x4 holes; batch rql r 64+8x3 holes';
    const p = parseProgram(g15, text);
    expect(formatProgram(g15, p)).toBe(text);
    const inOrder = measureProgram(g15, parseProgram(g15, text.replaceAll(' holes', '')), 1, 4).functions;
    const m = measureProgram(g15, p, 1, 4);
    expect([...m.titles.keys()]).toEqual([]);
    for (const name of ['attempt_merge', 'blk_attempt_req_merge', 'll_merge_requests_fn', 'elv_merge_requests', 'blk_account_io_merge']) {
      expect(m.functions.has(name), name).toBe(true);
      expect(inOrder.has(name), name).toBe(false);
    }
  });

  it('wipes a table as dmsetup wipe_table does: IO to the device fails until a reload puts its table back', () => {
    const text = 'cpus 1\nt0: reload lin error; io origin w 0+16; io lin r 0+8; reload lin; io lin r 0+8';
    const p = parseProgram(g15, text);
    expect(formatProgram(g15, p)).toBe(text);
    expect(g15.simpler({ op: 'reload', dev: 'lin', table: 'error' })).toEqual([{ op: 'reload', dev: 'lin' }]);
    const m = measureProgram(g15, p, 1, 4);
    expect([...m.titles.keys()]).toEqual([]);
    for (const name of ['io_err_ctr', 'io_err_map', 'io_err_dtr']) expect(m.functions.has(name), name).toBe(true);
  });

  it('reaches what its operations name: the exceptions handed over, the targets\' status, the member failed', () => {
    const f = measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: io origin w 0+16; reload snap; status origin; fail 0'), 1, 1).functions;
    for (const name of ['__handover_exceptions', 'origin_status', 'set_disk_faulty', 'md_error']) expect(f.has(name), name).toBe(true);
  });

  it('drives the request-based disk: bios become requests (blk_queue_bio), a batch is sorted and inserted from the plug, requests complete', () => {
    const text = 'cpus 2\nt0: batch sde w 0+128x3; io sde r 0+16\nt1: batch rql w 512+8x2; io rql r 512+8';
    const m = measureProgram(g15, parseProgram(g15, text), 1, 4);
    expect([...m.titles.keys()]).toEqual([]);
    // Each task waits for every bio it submits: a bio that never completed would leave its task
    // blocked and end the run with a hang, not completed.
    const runs = runSeeds(programSuite(g15, 'fuzz', parseProgram(g15, text), 2000), { seed: 1, count: 4, patch: null });
    expect(runs.map((r) => r.outcome)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const name of ['blk_queue_bio', 'get_request', 'blk_flush_plug_list', 'plug_rq_cmp', 'queue_unplugged', '__elv_add_request', 'noop_dispatch', 'blk_start_request', 'blk_update_request', 'blk_finish_request', '__blk_put_request', 'blk_free_request', 'freed_request']) {
      expect(m.functions.has(name), name).toBe(true);
    }
  });

  it('reaches md\'s sync paths: a check runs md_do_sync over raid1\'s sync_request, a re-added leg is recovered', () => {
    const check = measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: sync check'), 1, 4).functions;
    for (const name of ['action_store', 'md_do_sync', 'sync_request', 'end_sync_read', 'process_checks', 'sync_request_write', 'md_done_sync', 'md_reap_sync_thread']) expect(check.has(name), name).toBe(true);
    expect(check.has('raid1_add_disk')).toBe(false);
    const readd = measureProgram(g15, parseProgram(g15, 'cpus 1\nt0: readd 0'), 1, 4).functions;
    for (const name of ['error', 'hot_remove_disk', 'raid1_remove_disk', 'add_new_disk', 'raid1_add_disk', 'md_do_sync', 'sync_request', 'end_sync_write', 'raid1_spare_active', 'md_reap_sync_thread']) expect(readd.has(name), name).toBe(true);
    expect(readd.has('process_checks')).toBe(false);
  });
});
