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
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let w = word;
    while (indent.length + w.length > WIDTH) {
      if (line.trim() !== '') out.push(line.trimEnd());
      out.push(indent + w.slice(0, WIDTH - indent.length));
      w = w.slice(WIDTH - indent.length);
      line = indent;
    }
    if (line.length + (line.trim() === '' ? 0 : 1) + w.length > WIDTH) {
      out.push(line.trimEnd());
      line = indent + w;
    } else {
      line = line.trim() === '' ? line + w : `${line} ${w}`;
    }
  }
  if (line.trim() !== '') out.push(line.trimEnd());
  return out;
}

/** Quotes preformatted text (a kernel report) with hard breaks at the width. */
function quoteBlock(text: string, prefix: string, maxLines: number): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\t/g, '  ');
    do {
      out.push(`${prefix}${line.slice(0, WIDTH - prefix.length)}`.trimEnd());
      line = line.slice(WIDTH - prefix.length);
    } while (line.length > 0);
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
  const counts = `baseline ${formatCount(f.baseline.hits, f.baseline.runs)}, patched ${formatCount(f.patched.hits, f.patched.runs)}`;
  const sig = f.verdict === 'behaviour-change' ? '' : f.significant ? (f.pValue < 0.001 ? '; p < 0.001' : `; p = ${f.pValue.toFixed(3)}`) : '; not significant';
  return [...wrap(f.title, ' '.repeat(14), `  ${LABEL[f.verdict].padEnd(12)}`), ...wrap(`${counts}${sig}`, ' '.repeat(14))];
}

function firstName(author: string): string {
  const name = author.replace(/<[^>]*>/g, '').replace(/"/g, '').trim();
  return name.split(/\s+/)[0] || 'there';
}

export function reportText(r: EvaluationResult, resultsPath: string): string {
  const bugs = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  const changes = r.findings.filter((f) => f.verdict === 'behaviour-change');
  const runs = r.suites.reduce((n, s) => n + s.baselineRuns, 0);
  const lines: string[] = [];
  lines.push(`Hi ${firstName(r.patch.author)},`, '');
  lines.push(
    ...wrap(
      `lkml-harness replayed this patch against its model of ${r.patch.base} and ran ${r.suites.length} stress suite${r.suites.length === 1 ? '' : 's'} (${r.suites.map((s) => s.name).join(', ')}), ${runs} schedules without the patch and the same schedules with it.`,
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
  lines.push(...wrap(`lkml-harness evaluate patches/${r.patch.slug} --seed ${r.budget.seed}${r.budget.schedulesPerSuite ? ` --schedules ${r.budget.schedulesPerSuite}` : ''}`, '    ', '  $ '));
  const shown = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  shown.forEach((f) => {
    const i = r.findings.indexOf(f);
    lines.push(...wrap(`lkml-harness replay ${resultsPath} --finding ${i}`, '    ', '  $ '));
  });
  lines.push('');
  lines.push('Full report, with each minimal schedule as a timeline:', `  ${REPORT_URL_PLACEHOLDER}`, '');
  const lead = bugs.find((f) => f.verdict === 'introduced') ?? bugs.find((f) => f.verdict === 'persists') ?? bugs[0];
  if (lead !== undefined) {
    lines.push(...wrap(`${lead.verdict === 'fixed' ? 'What the patch fixes' : 'The first problem'}, as the kernel prints it (${lead.verdict === 'fixed' ? 'baseline' : 'patched'}):`), '');
    lines.push(...quoteBlock(lead.report, '  ', 40), '');
  }
  if (r.coverage.functions.some((f) => !f.modeled)) {
    const missing = r.coverage.functions.filter((f) => !f.modeled).map((f) => f.name);
    lines.push(...wrap(`Not modeled, so not tested: ${missing.join(', ')}.`), '');
  }
  lines.push('-- ', 'lkml-harness: deterministic replay of block-layer patches', 'against a modeled kernel. Every count above replays exactly.');
  return `${lines.join('\n')}\n`;
}
