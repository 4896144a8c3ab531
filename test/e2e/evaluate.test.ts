// evaluate end to end through the real CLI: both seed patches at a small budget, every finding
// replayed, the HTML report opened in headless Chromium, and a hostile mail whose markup must
// not run in the page.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { EvaluationResultSchema } from '../../harness/results/evaluation.ts';
import { SIGNIFICANT_VERDICTS } from '../../harness/results/verdicts.ts';
import { visit } from '../helpers/browser.ts';
import { REPO, tempPatchesDir, writeModule } from '../helpers/modules.ts';

const CLI = join(REPO, 'bin/lkml-harness.js');
const SEEDS = ['2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread', '2014-05-27-block-flush-queued-bios-when-the-process-blocks'];

describe.each(SEEDS)('evaluate %s', (slug) => {
  const out = mkdtempSync(join(tmpdir(), 'lkml-eval-'));
  const dir = join(out, slug);

  it('writes results.json, index.html, report.txt and reply.eml', async () => {
    const r = await execa('node', [CLI, 'evaluate', join(REPO, 'patches', slug), '--schedules', '12', '--jobs', '2', '--out', out]);
    expect(r.stdout).toContain(`report: ${join(dir, 'index.html')}`);
    for (const f of ['results.json', 'index.html', 'report.txt', 'reply.eml']) expect(existsSync(join(dir, f)), f).toBe(true);
    const results = EvaluationResultSchema.parse(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
    expect(results.patch.slug).toBe(slug);
    expect(results.suites.length).toBeGreaterThan(0);
    for (const f of results.findings) {
      expect(f).toMatchObject({ title: expect.any(String), kind: expect.any(String), report: expect.any(String), verdict: expect.any(String) });
      expect(f.baseline.runs + f.patched.runs).toBeGreaterThan(0);
      expect(f.reproducer.decisions).toMatch(/^d1:/);
      // No fix or breakage is claimed without a significant difference behind it.
      if (SIGNIFICANT_VERDICTS.has(f.verdict)) expect(f.significant, `${f.verdict} ${f.title}`).toBe(true);
      expect(f.title).not.toMatch(/ in (?:__schedule|schedule|schedule_timeout\w*|msleep|wait_for_completion|mutex_lock\w*|down_\w+)$/);
    }
    const text = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(text.split('\n').filter((l) => l.length > 72)).toEqual([]);
    expect(readFileSync(join(dir, 'reply.eml'), 'utf8')).toMatch(/^Subject: Re: /m);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('replays every finding to the same title', async () => {
    const results = EvaluationResultSchema.parse(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
    for (let i = 0; i < results.findings.length; i++) {
      const r = await execa('node', [CLI, 'replay', join(dir, 'results.json'), '--finding', String(i), '--quiet'], { reject: false });
      expect(r.exitCode, `${results.findings[i].title}: ${r.stdout}`).toBe(0);
      expect(r.stdout).toContain(`reproduced: ${results.findings[i].title}`);
    }
  });

  it('replays every finding from its printed command alone, in a fresh process', async () => {
    const results = EvaluationResultSchema.parse(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
    for (const f of results.findings) {
      // The command as printed, run from the repository (its --patch is relative to it).
      const words = [...f.reproducer.command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/'\\''/g, "'"));
      expect(words.slice(0, 2)).toEqual(['lkml-harness', 'replay']);
      const r = await execa('node', [CLI, ...words.slice(1), '--quiet'], { cwd: REPO, reject: false });
      expect(r.exitCode, r.stderr).toBe(0);
      // A data race may be met with another partner in the example run (replay says which).
      const out = r.stdout.trim();
      const asRace = f.raceKey !== undefined && out.startsWith(`reproduced: ${f.title} (as: KCSAN: data-race in `);
      expect(out === `reproduced: ${f.title}` || asRace, out).toBe(true);
    }
  });

  it('renders in headless Chromium with no network request and no error', async () => {
    const v = await visit(join(dir, 'index.html'));
    expect(v.requests).toEqual([]);
    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.text).toContain('Verdicts');
  });
});

describe('a hostile mail', () => {
  it('produces a page where none of its markup runs', async () => {
    const patches = tempPatchesDir();
    const base = `${REPO}/patches/2014-05-27-block-flush-queued-bios-when-the-process-blocks/patch.ts`;
    writeModule(
      patches,
      '2024-06-01-hostile',
      `import base from '${base}';
import { definePatch } from '${REPO}/kernel-model/patch-api.ts';
export default definePatch({ ...base, slug: '2024-06-01-hostile', messageId: '<hostile@example.com>', message: undefined });
`,
    );
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    const mail = join(patches, 'hostile.eml');
    writeFileSync(
      mail,
      [
        `From: Mallory ${evil} <mallory@example.com>`,
        'To: Jens Axboe <axboe@example.com>',
        `Subject: [PATCH] block: flush ${evil}`,
        'Message-ID: <hostile@example.com>',
        'Date: Sat, 1 Jun 2024 10:00:00 +0000',
        '',
        `Flushes queued bios ${evil}.`,
        '',
        '---',
        ' kernel/sched/core.c | 2 ++',
        '',
        'diff --git a/kernel/sched/core.c b/kernel/sched/core.c',
        '--- a/kernel/sched/core.c',
        '+++ b/kernel/sched/core.c',
        '@@ -2736,6 +2736,8 @@ static inline void sched_submit_work(struct task_struct *tsk)',
        ' {',
        ' \tif (!tsk->state || tsk_is_pi_blocked(tsk))',
        ' \t\treturn;',
        `+\t/* ${evil} */`,
        '+\tblk_flush_bio_list();',
        ' \t/*',
        ' \t * If we are going to sleep and we have plugged IO queued,',
        ' \t * make sure to submit it to avoid deadlocks.',
        '',
      ].join('\n'),
    );
    const out = mkdtempSync(join(tmpdir(), 'lkml-hostile-'));
    await execa('node', [CLI, 'evaluate', mail, '--patches', patches, '--schedules', '4', '--jobs', '2', '--out', out]);
    const page = join(out, '2024-06-01-hostile', 'index.html');
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    const v = await visit(page);
    expect(v.pwned).toBeUndefined();
    expect(v.requests).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.text).toContain('window.__pwned=1');
  });
});

describe('evaluate refuses bad input with one line, exit 2, and nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['a missing file', '/nonexistent/patch.eml', /no such file or folder/],
    ['text that is no patch', join(REPO, 'test/fixtures/mail/not-a-patch.txt'), /not a mail or a patch/],
    ['a patch no module ports yet', join(REPO, 'test/fixtures/mail/format-patch-throttle.patch'), /no patch module ports it yet|touches nothing the model ports/],
  ];
  it.each(cases)('%s', async (_name, input, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'lkml-bad-')), 'out');
    const r = await execa('node', [CLI, 'evaluate', input, '--out', out], { reject: false });
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
