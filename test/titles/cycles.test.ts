// The wait-for cycle of the model's hang report read into structure (the lock cycle of a real
// lockdep report is in golden.test.ts); reports without a cycle give none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycleOf } from '../../harness/titles/cycles.ts';

const model = (name: string): string => readFileSync(new URL(`../fixtures/reports/${name}.txt`, import.meta.url), 'utf8');

describe('cycles', () => {
  it("a wait-for cycle: each task's wait an edge, the one back to a waiting task closes it", () => {
    const c = cycleOf(model('queued-bio-hang'));
    expect(c?.kind).toBe('wait');
    expect(c?.edges.map((e) => [e.from, e.to])).toEqual([
      ['submitter:1', 'waiter:2'],
      ['waiter:2', "bio queued on submitter's bio_list"],
    ]);
    expect(c?.edges.filter((e) => e.closesCycle)).toHaveLength(1);
  });
  it('the model lockdep AB-BA report gives a lock cycle', () => {
    expect(cycleOf(model('ab-ba'))?.kind).toBe('lock');
  });
  it('a report that is not a deadlock has no cycle', () => {
    expect(cycleOf(model('leak'))).toBeNull();
    expect(cycleOf(model('uaf-read'))).toBeNull();
  });
});
