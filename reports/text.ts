// The plain-text review for the mailing-list thread: results first, then how to reproduce, the
// link to the hosted HTML report, and a kernel-style excerpt. Lines of at most 72 characters,
// as the list's etiquette asks.
import type { EvaluationResult, FindingResult } from '../harness/evaluate/result.ts';
import { formatCount } from '../harness/evaluate/stats.ts';

export const WIDTH = 72;
export const REPORT_URL_PLACEHOLDER = '<URL of the hosted HTML report>';

/** Wraps prose to the width, breaking at spaces; a word longer than a line is split. */
export function wrap(text: string, indent = '', first = indent): string[] {
  const out: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let w = word;
    while (indent.length + w.length > WIDTH) {
      if (!fresh) out.push(line.trimEnd());
      out.push(indent + w.slice(0, WIDTH - indent.length));
      w = w.slice(WIDTH - indent.length);
      line = indent;
      fresh = true;
    }
    if (!fresh && line.length + 1 + w.length > WIDTH) {
      out.push(line.trimEnd());
      line = indent;
      fresh = true;
    }
    line = fresh ? line + w : `${line} ${w}`;
    fresh = false;
  }
  if (!fresh) out.push(line.trimEnd());
  return out;
}

/** A shell command, its arguments packed into lines with backslash continuations. */
export function commandLines(args: readonly string[]): string[] {
  const out: string[] = [];
  let line = '  $';
  for (const arg of args) {
    if (line.length + 1 + arg.length > WIDTH - 2 && line !== '  $') {
      out.push(`${line} \\`);
      line = '     ';
    }
    line = `${line} ${arg}`;
  }
  out.push(line);
  return out;
}

/**
 * Quotes preformatted text (a kernel report): a line too long for the width breaks at its last
 * space that fits, and goes on indented, as a mail client would show a flowed line.
 */
function quoteBlock(text: string, prefix: string, maxLines: number): string[] {
  const out: string[] = [];
  const room = WIDTH - prefix.length;
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\t/g, '  ');
    let lead = '';
    while (lead.length + line.length > room) {
      const fit = room - lead.length;
      const cut = line.lastIndexOf(' ', fit);
      const at = cut > fit / 2 ? cut : fit;
      out.push(`${prefix}${lead}${line.slice(0, at)}`.trimEnd());
      line = line.slice(at).trimStart();
      lead = '    ';
    }
    out.push(`${prefix}${lead}${line}`.trimEnd());
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), `${prefix}[... ${out.length - maxLines} more lines in the full report]`];
  return out;
}

const LABEL: Record<FindingResult['verdict'], string> = {
  fixed: 'FIXED',
  introduced: 'INTRODUCED',
  persists: 'PERSISTS',
  'behaviour-change': 'CHANGED',
};

function resultLines(f: FindingResult): string[] {
  const pad = ' '.repeat(14);
  const counts = `baseline ${formatCount(f.baseline.hits, f.baseline.runs)}, patched ${formatCount(f.patched.hits, f.patched.runs)}`;
  const sig = f.verdict === 'behaviour-change' ? '' : f.significant ? (f.pValue < 0.001 ? '; p < 0.001' : `; p = ${f.pValue.toFixed(3)}`) : '; not significant';
  const lines = [...wrap(f.title, pad, `  ${LABEL[f.verdict].padEnd(12)}`), ...wrap(`${counts}${sig}`, pad)];
  // Suite by suite when there is more than one: the total can hide a scenario the patch fixes.
  if (f.bySuite.length > 1) {
    for (const s of f.bySuite) lines.push(...wrap(`${s.suite}: ${formatCount(s.baseline.hits, s.baseline.runs)} -> ${formatCount(s.patched.hits, s.patched.runs)}`, `${pad}    `, `${pad}  `));
  }
  return lines;
}

function firstName(author: string): string {
  const name = author.replace(/<[^>]*>/g, '').replace(/"/g, '').trim();
  return name.split(/\s+/)[0] || 'there';
}

/**
 * `resultsPath` is how the replay commands name results.json: the hosted report's copy sits
 * beside index.html, so a plain "results.json" is what a reader of the thread can use.
 */
export function reportText(r: EvaluationResult, resultsPath = 'results.json'): string {
  const bugs = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  const changes = r.findings.filter((f) => f.verdict === 'behaviour-change');
  const runs = r.suites.reduce((n, s) => n + s.baselineRuns, 0);
  const lines: string[] = [];
  lines.push(`Hi ${firstName(r.patch.author)},`, '');
  const per = r.suites.length > 0 ? r.suites[0].baselineRuns : 0;
  lines.push(
    ...wrap(
      `lkml-harness replayed this patch against its model of ${r.patch.base} and ran ${r.suites.length} stress suite${r.suites.length === 1 ? '' : 's'} (${r.suites.map((s) => s.name).join(', ')}): ${runs} schedules without the patch${r.suites.every((s) => s.baselineRuns === per) && r.suites.length > 1 ? ` (${per} per suite)` : ''} and the same schedules with it.`,
    ),
    '',
  );
  lines.push('Results (baseline = without the patch):', '');
  if (bugs.length === 0) lines.push('  No bug was found on either side.');
  for (const f of bugs) lines.push(...resultLines(f), '');
  if (changes.length > 0) {
    lines.push('Behaviour changes (not bugs):', '');
    for (const f of changes) lines.push(...resultLines(f), '');
  }
  if (r.harnessErrors.length > 0) {
    lines.push(...wrap(`${r.harnessErrors.length} job(s) of the harness itself failed; their runs are not counted.`), '');
  }
  lines.push('How to reproduce:', '');
  lines.push(...commandLines(['lkml-harness', 'evaluate', `patches/${r.patch.slug}`, `--seed ${r.budget.seed}`, ...(r.budget.schedulesPerSuite ? [`--schedules ${r.budget.schedulesPerSuite}`] : [])]));
  if (bugs.length === 1) lines.push(...commandLines(['lkml-harness', 'replay', resultsPath, `--finding ${r.findings.indexOf(bugs[0])}`]));
  if (bugs.length > 1) {
    lines.push(...commandLines(['lkml-harness', 'replay', resultsPath, '--finding N']));
    lines.push(...wrap(`where N is 0 for the first finding above, ${bugs.length - 1} for the last.`, '    ', '    '));
  }
  lines.push('');
  lines.push('Full report, with each minimal schedule as a timeline:', `  ${REPORT_URL_PLACEHOLDER}`, '');
  // The excerpt shows what matters most: the most frequent new problem, else the most frequent
  // remaining one, else the most frequent one fixed.
  const byRate = (v: FindingResult['verdict'], side: 'baseline' | 'patched') =>
    bugs.filter((f) => f.verdict === v).sort((a, b) => b[side].hits / Math.max(1, b[side].runs) - a[side].hits / Math.max(1, a[side].runs))[0];
  const lead = byRate('introduced', 'patched') ?? byRate('persists', 'patched') ?? byRate('fixed', 'baseline');
  if (lead !== undefined) {
    lines.push(...wrap(`${lead.verdict === 'fixed' ? 'What the patch fixes' : 'The first problem'}, as the kernel prints it (${lead.verdict === 'fixed' ? 'baseline' : 'patched'}):`), '');
    lines.push(...quoteBlock(lead.report, '  ', 40), '');
  }
  const missing = [...new Set(r.coverage.functions.filter((f) => !f.modeled && f.change !== 'added').map((f) => f.name))];
  if (missing.length > 0) lines.push(...wrap(`Not modeled, so not tested: ${missing.join(', ')}.`), '');
  if (r.patch.messageId === null) {
    lines.push(...wrap('The copy of the patch this review read has no Message-ID (it came from a web archive): set In-Reply-To and References by hand before sending.'), '');
  }
  lines.push('-- ', 'lkml-harness: deterministic replay of block-layer patches', 'against a modeled kernel. Every count above replays exactly.');
  return `${lines.join('\n')}\n`;
}
