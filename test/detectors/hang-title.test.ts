// Which task a hang is titled after when a workload's wait carries a stand-in frame
// (stand_in_wait: a workload's submit-then-wait of a bio is submit_bio_wait()'s wait): the
// stand-in names the hang only when no task is blocked in the kernel proper, whichever task
// blocked first. The detector cases (programs.ts) prove the title can come out; this proves it
// does in every schedule.
import { describe, expect, it } from 'vitest';
import { titledFindings } from '../../harness/explore/runner.ts';
import { runSeed } from '../helpers/sim.ts';
import { cases } from './programs.ts';

const SEEDS = 30;

function hangTitles(name: string): Set<string> {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no detector case ${name}`);
  const seen = new Set<string>();
  for (let seed = 1; seed <= SEEDS; seed++) for (const f of titledFindings(runSeed(c.buggy(), seed, { plan: c.plan }).findings)) seen.add(f.title);
  return seen;
}

describe('hang titles with a workload stand-in frame', () => {
  it('name the stand-in when only the workload waits', () => {
    expect([...hangTitles('workload-hang')]).toEqual(['INFO: task hung in submit_bio_wait']);
  });

  it('name the task blocked in the kernel proper, even when the workload task slept first', () => {
    expect([...hangTitles('workload-and-kernel-hang')]).toEqual(['INFO: task hung in wait_for_done']);
  });
});
