// md-shared-disks: two RAID1 arrays on partitions of the same two disks resync one at a time
// (md_do_sync(): match_mddev_units() finds the shared whole disks, one thread waits on
// resync_wait). Two patches taken from their mails by `lkml-harness port`: one keeps the
// reference for_each_mddev() took on the other array while waiting, which leaves that array
// allocated after it is stopped and md_mod unloaded (kmemleak, once the module's statics are gone
// from what it scans); one drops the wake-up of the array yielded to, and when that array's
// thread is already asleep waiting, both resyncs stop for good and `mdadm --wait` never returns
// (a livelock at the hour of virtual time). The base tree's runs report nothing.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import { mdSharedDisks } from '../../harness/suites/md-shared-disks.ts';
import { runProgram } from '../../kernel-model/sim/run.ts';
import { RandomWalk } from '../../harness/explore/strategies.ts';

describe('md-shared-disks', () => {
  it('resyncs the arrays one at a time, each waiting for the other, with nothing reported on the base tree', () => {
    expect(baseTitles(mdSharedDisks, 10)).toEqual([]);
    // What md_do_sync() prints before it sleeps on resync_wait, over a few traced runs: each
    // array waited for the other at least once.
    const delayed = new Set<string>();
    for (let seed = 1; seed <= 5; seed++) {
      const r = runProgram(mdSharedDisks.program(), { source: new RandomWalk(seed), plan: mdSharedDisks.plan(seed), trace: true });
      expect(r.outcome, `seed ${seed}`).toBe('completed');
      for (const line of r.log ?? []) {
        const m = /md: delaying (?:resync|data-check) of (md\d) until (md\d) has finished/.exec(line);
        if (m) delayed.add(`${m[1]} after ${m[2]}`);
      }
    }
    expect([...delayed].sort()).toEqual(['md0 after md1', 'md1 after md0']);
  });

  it('sees the array waited for leak when the waiting resync keeps its reference to it', { timeout: 180_000 }, async () => {
    const { patched, base } = await reportingWithMailAndBase(mdSharedDisks, 'md-do-sync-delay-keeps-ref.patch', 20, 'memory leak in mddev_find');
    expect(patched).toBeGreaterThan(0);
    expect(base).toBe(0);
  });

  it('sees both resyncs stop for good when the array that yields does not wake the other', { timeout: 180_000 }, async () => {
    const { patched, base } = await reportingWithMailAndBase(mdSharedDisks, 'md-do-sync-yield-no-wake.patch', 40, 'livelock in mdstat_poll');
    expect(patched).toBeGreaterThan(0);
    expect(base).toBe(0);
  });
});
