// bounce, dmsetup suspend + resume from outside LVM's lock: the kernel's md->suspend_lock is all
// that orders it against a reload under that lock, so two suspends of one device meet there.
import { describe, expect, it } from 'vitest';
import '../../kernel-model/index.ts';
import { measureProgram } from '../../harness/fuzz/coverage.ts';
import { v315Grammar as g } from '../../harness/fuzz/grammar-v3.15.ts';
import { formatProgram, parseProgram } from '../../harness/fuzz/program.ts';
import { DM_IOCTL_RACE, dmIoctlRace } from '../../harness/suites/dm-ioctl-race.ts';
import { reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import { programSuite } from '../../harness/fuzz/program-suite.ts';

/** dm_suspend()'s arm for a device found suspended already once suspend_lock is held (-EINVAL). */
const FOUND_SUSPENDED = 'dm_suspend#0';

describe('bounce', () => {
  it('parses back to its text and takes only a dm device', () => {
    const text = 'cpus 1\nt0: bounce origin; io origin w 0+8';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: bounce md0')).toThrow('the dm device is one of');
  });

  it('meets a reload of the same device in dm_suspend: the later suspend finds the device suspended under suspend_lock, and nothing is reported', () => {
    const raced = measureProgram(g, parseProgram(g, DM_IOCTL_RACE), 3, 30);
    expect(raced.functions.has('dm_swap_table')).toBe(true);
    expect(raced.branches.has(FOUND_SUSPENDED)).toBe(true);
    expect([...raced.titles.keys()]).toEqual([]);
    // One task alone suspends only live devices: do_suspend() checks first.
    const alone = measureProgram(g, parseProgram(g, 'cpus 2\nt0: bounce origin; reload origin; bounce snap\nt1: io origin w 0+64'), 3, 30);
    expect(alone.functions.has('dm_suspend')).toBe(true);
    expect(alone.branches.has(FOUND_SUSPENDED)).toBe(false);
  });

  it('a snapshot reload with a chunk size that is not a power of 2 is refused at load, its exception store undone', () => {
    const text = 'cpus 1\nt0: reload snap badchunk; io snap w 0+16';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
    expect(() => parseProgram(g, 'cpus 1\nt0: reload origin badchunk')).toThrow('only the snapshot has a chunk size');
    const storeArms = (branches: Set<string>): string[] => [...branches].filter((b) => b.startsWith('dm_exception_store_'));
    const refused = measureProgram(g, parseProgram(g, text), 3, 4);
    const plain = new Set(storeArms(measureProgram(g, parseProgram(g, 'cpus 1\nt0: reload snap; io snap w 0+16'), 3, 4).branches));
    // The arms only the refused load takes: the chunk size check failing, dm_exception_store_create()'s bad: label.
    expect(storeArms(refused.branches).filter((b) => !plain.has(b)).length).toBeGreaterThanOrEqual(2);
    expect([...refused.titles.keys()]).toEqual([]);
  });
});

// KCSAN's rule on a device's live table (kernel-model/v3.15/model/protection.ts): md->map is
// swapped under suspend_lock and read under it, or under SRCU or RCU. A resume that drops the
// lock, taken from its mail by `lkml-harness port`, reads the table a reload swaps.
describe('dm_resume() and the live table', () => {
  it('sees a resume without md->suspend_lock race with the reload\'s swap, and not the base tree', { timeout: 180_000 }, async () => {
    const runs = await reportingWithMailAndBase(dmIoctlRace, 'dm-resume-no-suspend-lock.patch', 10, 'KCSAN: data-race in __bind / dm_resume');
    expect(runs.patched).toBeGreaterThan(0);
    expect(runs.base).toBe(0);
  });
});

// A reload over /dev/sdc, a leg md0 holds open exclusively (reload ... busy): dm_get_device()
// cannot open it and the load is refused. A dm_get_device() that forgets to free its entry on
// that path, taken from its mail by `lkml-harness port`, leaks it.
describe('reload busy', () => {
  const BUSY = 'cpus 2\nt0: reload rql busy; io rql w 0+8\nt1: io sde w 64+8';

  it('parses back to its text, and is refused at load with nothing reported on the base tree', () => {
    expect(formatProgram(g, parseProgram(g, BUSY))).toBe(BUSY);
    const runs = measureProgram(g, parseProgram(g, BUSY), 3, 10);
    // open_dev()'s arm for a device it cannot open (blkdev_get_by_dev: -EBUSY).
    expect(runs.branches.has('open_dev#0')).toBe(true);
    expect([...runs.titles.keys()]).toEqual([]);
  });

  it('sees dm_get_device() without its kfree() on the failed open leak, and not the base tree', { timeout: 120_000 }, async () => {
    const suite = programSuite(g, 'reload-busy', parseProgram(g, BUSY), 2000);
    const runs = await reportingWithMailAndBase(suite, 'dm-get-device-open-fail-no-free.patch', 10, 'memory leak in dm_get_device');
    expect(runs.patched).toBeGreaterThan(0);
    expect(runs.base).toBe(0);
  });
});
