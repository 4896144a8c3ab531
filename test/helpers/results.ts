// An EvaluationResult built by hand for report tests, with every mail-derived field hostile.
import type { EvaluationResult } from '../../harness/results/evaluation.ts';

export const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">`;

export function hostileResult(): EvaluationResult {
  return {
    schema: 'lkml-harness/results/v1',
    patch: {
      slug: '2024-01-01-hostile',
      subject: `block: fix ${HOSTILE}\r\nBcc: victim@example.com`,
      rawSubject: `[PATCH] block: fix ${HOSTILE}\r\nBcc: victim@example.com`,
      author: `Mallory ${HOSTILE} <mallory@example.com>`,
      date: '2024-01-01T00:00:00Z',
      messageId: `<${'evil"><script>window.__pwned=3</script>'}@example.com>`,
      inReplyTo: null,
      references: [],
      to: [],
      cc: ['Jens Axboe <axboe@example.com>', 'list\r\nX-Injected: yes'],
      base: 'v3.15',
      commit: null,
      adaptations: HOSTILE,
      overrides: ['sched_submit_work'],
      notOverridden: {},
    },
    input: {
      source: 'mail.txt',
      format: 'mail',
      files: [{ path: `fs/${HOSTILE}.c`, added: 1, removed: 1 }],
      repairs: [{ kind: 'context-missing-space', file: 'fs/bio.c', hunk: 1, count: 2, detail: HOSTILE }],
      diff: `--- a/fs/bio.c\n+++ b/fs/bio.c\n@@ -1,2 +1,2 @@\n-old ${HOSTILE}\n+new ${HOSTILE}\n ctx`,
    },
    coverage: { functions: [{ file: 'fs/bio.c', name: `x${HOSTILE}`, change: 'modified', modeled: true, overridden: false, note: HOSTILE }], verified: false, flags: [HOSTILE] },
    budget: { seed: 1, schedulesPerSuite: 10, strategy: 'portfolio' },
    significance: { test: "Fisher's exact test, two-sided", alpha: 0.01, confirmationAlpha: 0.0025, confirmationCap: 10 },
    postedFor: { summary: HOSTILE, suites: [`lock-demo${HOSTILE}`], titles: [`possible deadlock in ${HOSTILE}`] },
    suites: [{ name: 'lock-demo', summary: HOSTILE, generated: false, scenario: `for ${HOSTILE}`, baselineRuns: 10, patchedRuns: 10, confirmationRuns: 0, changedSchedules: 0 }],
    reach: { functions: { reached: 1, total: 2 }, touched: [{ name: `x${HOSTILE}`, suites: [] }], notExercised: [`x${HOSTILE}`], unreached: [`x${HOSTILE}`] },
    findings: [
      {
        title: `possible deadlock in ${HOSTILE}`,
        kind: 'lockdep',
        report: `======\n[ INFO: possible circular locking dependency detected ]\n-> #1 (lock_b){+.+...}:\n       take_a\n\n-> #0 (lock_a){+.+...}:\n       take_b\n${HOSTILE}\n${'x'.repeat(200)}`,
        verdict: 'partly-fixed',
        baseline: { hits: 0, runs: 10 },
        patched: { hits: 4, runs: 10 },
        pValue: 0.087,
        significant: false,
        alpha: 0.01,
        postedFor: true,
        maskedBy: HOSTILE,
        revealedBy: null,
        modelOnly: HOSTILE,
        followedBy: [{ title: HOSTILE, baseline: 1, patched: 2 }],
        backtraces: [{ task: HOSTILE, frames: [HOSTILE] }],
        cycle: {
          kind: 'lock',
          edges: [
            { from: `lock_b${HOSTILE}`, to: 'lock_a', label: HOSTILE, closesCycle: false },
            { from: 'lock_a', to: `lock_b${HOSTILE}`, label: HOSTILE, closesCycle: true },
          ],
        },
        baselineUpper95: 0.259,
        patchedUpper95: 0.7,
        suites: ['lock-demo'],
        bySuite: [
          { suite: `lock-demo${HOSTILE}`, baseline: { hits: 3, runs: 10 }, patched: { hits: 0, runs: 10 }, verdict: 'fixed', pValue: 0.2, significant: true, alpha: 0.01, eligible: { runs: 10, baselineHits: 3, patchedHits: 0 }, maskedBy: null, revealedBy: null },
          { suite: 'lock-demo', baseline: { hits: 0, runs: 10 }, patched: { hits: 4, runs: 10 }, verdict: 'masked', pValue: 0.087, significant: false, alpha: 0.01, eligible: { runs: 4, baselineHits: 0, patchedHits: 0 }, maskedBy: HOSTILE, revealedBy: null },
        ],
        reproducer: { suite: 'lock-demo', variant: 'patched', plan: HOSTILE, decisions: 'd1:1.0', command: 'lkml-harness replay out/x/results.json --finding 0' },
        shrink: { before: { decisions: 40, faults: 1, preemptions: 5 }, after: { decisions: 2, faults: 0, preemptions: 1 }, replays: 30, confirmed: true },
        timeline: [
          { step: 1, jiffies: 0, kind: 'run', task: `t${HOSTILE}:1`, text: HOSTILE },
          { step: 1, jiffies: 0, kind: 'acquire', task: `t${HOSTILE}:1`, text: `takes ${HOSTILE}` },
          { step: 2, jiffies: 0, kind: 'run', task: 'u:2', text: 'run u:2 cpu0' },
          { step: 3, jiffies: 0, kind: 'finding', task: 'u:2', text: HOSTILE },
        ],
      },
    ],
    harnessErrors: [{ job: 'lock-demo patched runs 0-9', message: HOSTILE }],
  };
}
