// Modules loaded on demand (kernel/kmod.c): v3.15's deadline I/O scheduler is a module the
// machine does not boot with (CONFIG_IOSCHED_DEADLINE=m); request_module("deadline-iosched"),
// which elevator_get() calls when a queue is switched to an elevator not registered, runs
// modprobe, whose init registers deadline on elv_list while the caller waits. Two callers at once
// load it once; rmmod at teardown unloads it (elv_unregister()), and skips it when nothing asked
// for it.
import { describe, expect, it } from 'vitest';
import { runSeed, titles, type TestProgram } from '../helpers/sim.ts';
import '../../kernel-model/index.ts';
import { list_entries } from '../../kernel-model/include/linux/list.ts';
import { ENOENT } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { delete_modules, module_unloaded, request_module } from '../../kernel-model/kernel/module.ts';
import { elevator_globals } from '../../kernel-model/v3.15/block/elevator.ts';
import type { elevator_type } from '../../kernel-model/v3.15/include/linux/elevator.ts';

/** The names on elv_list, in its order. */
const registered = (): string[] => list_entries<elevator_type>(elevator_globals().elv_list, 'list').map((e) => e.elevator_name.v);

interface Seen {
  atStart: string[];
  returned: number[];
  afterLoad: string[];
  loadedAfterLoad: boolean;
  unknown: number;
  afterRmmod: string[];
  unloaded: boolean;
}

/** Two tasks ask for deadline at once; `requests` false: nobody asks, and rmmod runs all the same. */
function loadThenRmmod(seen: Partial<Seen>, requests: boolean): TestProgram {
  let pending = requests ? 2 : 0;
  seen.returned = [];
  const asker = function* () {
    seen.atStart ??= registered();
    const r = yield* request_module('%s-iosched', 'deadline');
    seen.returned!.push(r);
    seen.afterLoad = registered();
    seen.loadedAfterLoad = !module_unloaded('deadline_iosched');
    pending--;
  };
  return {
    base: 'v3.15',
    tasks: {
      ...(requests ? { a: asker, b: asker } : {}),
      admin: function* () {
        seen.atStart ??= registered();
        seen.unknown = yield* request_module('%s-iosched', 'bfq');
        while (pending > 0) yield;
        yield* delete_modules('v3.15');
        seen.afterRmmod = registered();
        seen.unloaded = module_unloaded('deadline_iosched');
      },
    },
  };
}

describe('v3.15 modules loaded on demand', () => {
  it('boots without deadline; two requests at once load it once, and rmmod unloads it', () => {
    let waitedForTheOther = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const seen: Partial<Seen> = {};
      const r = runSeed(loadThenRmmod(seen, true), seed, { trace: true });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(seen.atStart).toEqual(['noop']);
      expect(seen.returned).toEqual([0, 0]);
      expect(seen.afterLoad).toEqual(['noop', 'deadline']);
      expect(seen.loadedAfterLoad).toBe(true);
      expect(seen.unknown).toBe(-ENOENT);
      expect(seen.afterRmmod).toEqual(['noop']);
      expect(seen.unloaded).toBe(true);
      // The init ran in modprobe's process, once.
      expect((r.events ?? []).filter((e) => e.kind === 'spawn' && /modprobe/.test(e.text))).toHaveLength(1);
      if ((r.events ?? []).some((e) => e.kind === 'block' && /on wait queue module_wq/.test(e.text))) waitedForTheOther++;
    }
    // In some schedules the second request came while the first one's modprobe was loading.
    expect(waitedForTheOther).toBeGreaterThan(0);
  });

  it('rmmod skips a module nobody asked for, and reports nothing', () => {
    const seen: Partial<Seen> = {};
    const r = runSeed(loadThenRmmod(seen, false), 1);
    expect(titles(r)).toEqual([]);
    expect(seen.atStart).toEqual(['noop']);
    expect(seen.afterRmmod).toEqual(['noop']);
    expect(seen.unloaded).toBe(true);
  });
});
