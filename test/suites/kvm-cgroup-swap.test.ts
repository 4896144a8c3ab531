// The kvm-cgroup-swap suite reproduces the Dec 2011 report on the v3.2 baseline within its
// default budget: lockdep's inconsistent RECLAIM_FS usage of pcpu_alloc_mutex, and the hang of a
// guest that reclaims inside pcpu_alloc() and waits for pcpu_alloc_mutex from throtl_get_tg().
import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../harness/explore/runner.ts';
import { kvmCgroupSwap } from '../../harness/suites/kvm-cgroup-swap.ts';

describe('kvm-cgroup-swap on the baseline', () => {
  it('finds the inconsistent lock state on pcpu_alloc_mutex and the hang within the default budget', () => {
    const runs = runSeeds(kvmCgroupSwap, { seed: 1, count: kvmCgroupSwap.defaultSchedules, patch: null });
    const titles = new Set(runs.flatMap((r) => r.findings.map((f) => f.title)));
    expect(titles).toContain('inconsistent lock state in pcpu_alloc');
    expect(titles).toContain('INFO: task hung in pcpu_alloc');
    const lockdep = runs.flatMap((r) => r.findings).find((f) => f.title === 'inconsistent lock state in pcpu_alloc');
    expect(lockdep?.report).toContain('inconsistent {RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W} usage.');
    expect(lockdep?.report).toContain('(pcpu_alloc_mutex)');
    const hang = runs.flatMap((r) => r.findings).find((f) => f.title === 'INFO: task hung in pcpu_alloc');
    expect(hang?.report).toMatch(/throtl_get_tg[\s\S]*try_to_free_pages[\s\S]*pcpu_alloc/);
  });
});
