// The deadlock detectors hand over the cycle they closed as data (results.json `cycle`, drawn by
// the HTML report): lockdep its dependency chain, the hang detector the tasks' waits. Reports
// that are not deadlocks carry none.
import { describe, expect, it } from 'vitest';
import { type RunFinding, titledFindings } from '../../harness/explore/runner.ts';
import { runSeed } from '../helpers/sim.ts';
import { cases } from './programs.ts';

/** The named case's finding with its title, from the first of 30 seeds that gives it. */
function findingOf(name: string): RunFinding {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no detector case ${name}`);
  for (let seed = 1; seed <= 30; seed++) {
    const f = titledFindings(runSeed(c.buggy(), seed, { plan: c.plan }).findings).find((x) => x.title === c.title);
    if (f !== undefined) return f;
  }
  throw new Error(`${name}: not found in 30 seeds`);
}

describe('cycles from the detectors', () => {
  it('lockdep: the existing chain lock_a -> lock_b, closed by the new dependency lock_b -> lock_a', () => {
    // take_a_then_b ran first; take_b_then_a holds lock_b and asks for lock_a.
    expect(findingOf('ab-ba').cycle).toEqual({
      kind: 'lock',
      edges: [
        { from: 'lock_a', to: 'lock_b', label: 'held while taking', closesCycle: false },
        { from: 'lock_b', to: 'lock_a', label: 'new dependency', closesCycle: true },
      ],
    });
  });

  it("the hang detector: each task's wait an edge, the one back to a waiting task closes it", () => {
    const c = findingOf('queued-bio-hang').cycle;
    expect(c?.kind).toBe('wait');
    expect(c?.edges.map((e) => [e.from, e.to])).toEqual([
      ['submitter:1', 'waiter:2'],
      ['waiter:2', "bio queued on submitter's bio_list"],
    ]);
    expect(c?.edges.filter((e) => e.closesCycle)).toHaveLength(1);
  });

  it('a hang with no wait-for cycle, and reports that are not deadlocks, carry none', () => {
    expect(findingOf('global-hang').cycle).toBeNull();
    expect(findingOf('leak').cycle).toBeNull();
    expect(findingOf('uaf-read').cycle).toBeNull();
  });
});
