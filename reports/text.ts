// The plain-text review for the mailing-list thread. It leads with what the patch was posted to
// fix, then what it breaks, then what else it fixes and what it leaves; bugs of the base tree
// get one line each; differences that stayed unconfirmed are counted, not headlined. Lines of
// at most 72 characters, as the list's etiquette asks.
import type { EvaluationResult, FindingResult, SuiteOutcome } from '../harness/results/evaluation.ts';
import { formatChange, formatP, formatSide, mergedTitlesNote, reachSentences } from '../harness/results/format.ts';
import { VERDICT_LABEL, isBreakage, isFix } from '../harness/results/verdicts.ts';
import { commandLines, quoteBlock, wrap } from './text-layout.ts';

export { WIDTH, commandLines, wrap } from './text-layout.ts';
export const REPORT_URL_PLACEHOLDER = '<URL of the hosted HTML report>';

const PAD = ' '.repeat(16);

/** "6 stress suites (a, b, ...) and 3 generated programs (gen-...)", as many of each as ran. */
function suitesRun(r: EvaluationResult): string {
  const named = (n: number, what: string, names: string[]): string => `${n} ${what}${n === 1 ? '' : 's'} (${names.join(', ')})`;
  const fixed = r.suites.filter((s) => !s.generated).map((s) => s.name);
  const generated = r.suites.filter((s) => s.generated).map((s) => s.name);
  return [...(fixed.length > 0 ? [named(fixed.length, 'stress suite', fixed)] : []), ...(generated.length > 0 ? [named(generated.length, 'generated program', generated)] : [])].join(' and ');
}

function scenarioOf(r: EvaluationResult, suite: string): string {
  return r.suites.find((s) => s.name === suite)?.scenario ?? `in ${suite}`;
}

function suiteCounts(s: SuiteOutcome): string {
  return `${s.suite}: ${formatChange(s.baseline, s.patched)}`;
}

/** "for bio_kmalloc clones (dm-snapshot-split-kmalloc: 31/200 -> 31/200) and for ...". */
function scopes(r: EvaluationResult, suites: readonly SuiteOutcome[]): string {
  const parts = suites.map((s) => `${scenarioOf(r, s.suite)} (${suiteCounts(s)})`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Where a partly fixed finding was fixed and where it is still seen, in a reviewer's words. */
function scopeSentence(r: EvaluationResult, f: FindingResult): string {
  const fixed = f.bySuite.filter((s) => s.verdict === 'fixed' || s.verdict === 'reduced');
  const left = f.bySuite.filter((s) => s.verdict !== 'fixed' && s.verdict !== 'reduced' && s.patched.hits > 0);
  const still = f.kind === 'hang' ? 'still hangs' : 'still seen';
  return `${fixed.some((s) => s.verdict === 'reduced') ? 'fixed or reduced' : 'fixed'} ${scopes(r, fixed)}; ${still} ${scopes(r, left)}.`;
}

function significanceNote(f: FindingResult): string {
  if (f.verdict === 'behaviour-change' || !f.significant) return '';
  return `; ${formatP(f.pValue)}`;
}

function findingLines(r: EvaluationResult, f: FindingResult): string[] {
  const n = r.findings.indexOf(f);
  const lines = [...wrap(f.title, PAD, `  ${VERDICT_LABEL[f.verdict].padEnd(14)}`)];
  if (f.verdict === 'partly-fixed') lines.push(...wrap(scopeSentence(r, f), PAD));
  lines.push(...wrap(`baseline ${formatSide(f.baseline)}, patched ${formatSide(f.patched)}${significanceNote(f)} [finding ${n}]`, PAD));
  const merged = mergedTitlesNote(f);
  if (merged !== null) lines.push(...wrap(merged, PAD));
  const cut = f.bySuite.reduce((k, s) => k + (s.patched.runs - s.eligible.runs), 0);
  const e = f.bySuite.reduce((k, s) => ({ runs: k.runs + s.eligible.runs, b: k.b + s.eligible.baselineHits, p: k.p + s.eligible.patchedHits }), { runs: 0, b: 0, p: 0 });
  if (f.verdict === 'masked' && f.maskedBy !== null) {
    lines.push(...wrap(`not seen with the patch only because ${cut} patched runs now end earlier on: ${f.maskedBy}`, PAD));
    lines.push(...wrap(`over the ${e.runs} pairs that got to their end: ${e.b} -> ${e.p}, ${formatP(f.pValue)}, not significant`, PAD));
  } else if ((f.verdict === 'fixed' || f.verdict === 'reduced') && cut > 0) {
    // The p above is this comparison's, not the whole counts': say which runs it rests on.
    lines.push(...wrap(`judged over the ${e.runs} pairs whose patched run got to its end (${cut} end earlier on other reports): ${e.b} -> ${e.p}`, PAD));
  }
  if (f.revealedBy !== null) {
    lines.push(...wrap(`seen more often with the patch only because baseline runs ended earlier on: ${f.revealedBy}; over the pairs whose baseline run got to its end, the difference is not significant`, PAD));
  }
  if (f.verdict !== 'partly-fixed' && f.bySuite.length > 1) {
    for (const s of f.bySuite) lines.push(...wrap(`${suiteCounts(s)} (${s.verdict})`, `${PAD}    `, `${PAD}  `));
  }
  for (const g of f.followedBy.slice(0, 3)) {
    lines.push(...wrap(`then, in the same runs: ${g.title} (in ${g.baseline} baseline and ${g.patched} patched runs it led)`, `${PAD}  `, PAD));
  }
  if (f.followedBy.length > 3) lines.push(...wrap(`and ${f.followedBy.length - 3} more reports in the same runs`, PAD));
  if (f.modelOnly !== null) lines.push(...wrap(f.modelOnly, PAD));
  return lines;
}

function firstName(author: string): string {
  const name = author.replace(/<[^>]*>/g, '').replace(/"/g, '').trim();
  return name.split(/\s+/)[0] || 'there';
}

function section(title: string, findings: readonly FindingResult[], r: EvaluationResult): string[] {
  if (findings.length === 0) return [];
  return [title, '', ...findings.flatMap((f) => [...findingLines(r, f), ''])];
}

function introLines(r: EvaluationResult): string[] {
  const runs = r.suites.reduce((n, s) => n + s.baselineRuns - s.confirmationRuns, 0);
  const confirm = r.suites.reduce((n, s) => n + s.confirmationRuns, 0);
  const per = r.suites.length > 0 ? r.suites[0].baselineRuns - r.suites[0].confirmationRuns : 0;
  const even = r.suites.length > 1 && r.suites.every((s) => s.baselineRuns - s.confirmationRuns === per);
  const out = wrap(
    `lkml-harness replayed this patch against its model of ${r.patch.base} and ran ${suitesRun(r)}: ${runs} schedules without the patch${even ? ` (${per} per suite)` : ''} and the same schedules with it${confirm > 0 ? `, then ${confirm} more on each side where a difference needed confirming` : ''}.`,
  );
  const said = reachSentences(r);
  out.push('', ...wrap(said.coverage));
  if (said.notExercised !== null) out.push('', ...wrap(said.notExercised));
  const changed = r.suites.reduce((n, s) => n + s.changedSchedules, 0);
  if (changed === 0) out.push('', ...wrap(said.unchanged));
  return [...out, ''];
}

export function reportText(r: EvaluationResult, resultsPath = 'results.json'): string {
  const bugs = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  const target = bugs.filter((f) => f.postedFor);
  const rest = bugs.filter((f) => !f.postedFor);
  const breaks = rest.filter((f) => isBreakage(f.verdict));
  const fixes = rest.filter((f) => isFix(f.verdict));
  const leaves = rest.filter((f) => f.verdict === 'masked' || f.verdict === 'persists');
  const base = rest.filter((f) => f.verdict === 'pre-existing');
  const open = rest.filter((f) => f.verdict === 'inconclusive');
  const changes = r.findings.filter((f) => f.verdict === 'behaviour-change');

  const lines: string[] = [`Hi ${firstName(r.patch.author)},`, '', ...introLines(r)];
  if (r.postedFor !== null) {
    lines.push(...wrap(`What the patch was posted to fix: ${r.postedFor.summary}.`), '');
    if (target.length === 0) lines.push(...wrap(`  Not reproduced in ${r.postedFor.suites.join(', ')} on either side.`), '');
    for (const f of target) lines.push(...findingLines(r, f), '');
  }
  lines.push(...section('What it breaks:', breaks, r));
  lines.push(...section(r.postedFor === null ? 'What it fixes:' : 'What else it fixes:', fixes, r));
  lines.push(...section('What it leaves:', leaves, r));
  if (base.length > 0) {
    lines.push('Present in the base tree (at the same rate with and without the patch):', '');
    for (const f of base) {
      lines.push(...wrap(`${f.title} (baseline ${formatSide(f.baseline)}, patched ${formatSide(f.patched)}) [finding ${r.findings.indexOf(f)}]`, '    ', '  - '));
      // A one-line entry too: its counts are those of every pair title it merged.
      const merged = mergedTitlesNote(f);
      if (merged !== null) lines.push(...wrap(merged, '    '));
    }
    lines.push('');
  }
  if (bugs.length === 0) lines.push('  No bug was found on either side.', '');
  lines.push(...section('Behaviour changes (not bugs):', changes, r));
  if (open.length > 0) {
    lines.push(...wrap(`${open.length} more difference${open.length === 1 ? '' : 's'} stayed below significance after confirmation (up to ${r.significance.confirmationCap}x the schedules); the full report lists ${open.length === 1 ? 'it' : 'them'} with the counts.`), '');
  }
  lines.push(...wrap(`Verdicts rest on ${r.significance.test} at p < ${r.significance.alpha} (${r.significance.confirmationAlpha} at each confirmation look).`), '');
  if (r.harnessErrors.length > 0) lines.push(...wrap(`${r.harnessErrors.length} job(s) of the harness itself failed; their runs are not counted.`), '');

  lines.push('How to reproduce:', '');
  lines.push(...commandLines(['lkml-harness', 'evaluate', `patches/${r.patch.slug}`, `--seed ${r.budget.seed}`, ...(r.budget.schedulesPerSuite ? [`--schedules ${r.budget.schedulesPerSuite}`] : [])]));
  if (r.findings.length > 0) {
    lines.push(...commandLines(['lkml-harness', 'replay', resultsPath, '--finding N']));
    lines.push(...wrap('where N is the [finding N] number above.', '    ', '    '));
  }
  lines.push('', 'Full report, with each minimal schedule as a timeline:', `  ${REPORT_URL_PLACEHOLDER}`, '');
  lines.push(...excerpt(breaks, target, fixes));
  const missing = [...new Set(r.coverage.functions.filter((f) => !f.modeled && f.change !== 'added').map((f) => f.name))];
  if (missing.length > 0) lines.push(...wrap(`Not modeled, so not tested: ${missing.join(', ')}.`), '');
  if (r.patch.messageId === null) {
    lines.push(...wrap('The copy of the patch this review read has no Message-ID (it came from a web archive): set In-Reply-To and References by hand before sending.'), '');
  }
  lines.push('-- ', 'lkml-harness: deterministic replay of block-layer patches', 'against a modeled kernel. Every count above replays exactly.');
  return `${lines.join('\n')}\n`;
}

/** The report that matters most: the most frequent breakage, else what the patch was posted for. */
function excerpt(breaks: readonly FindingResult[], target: readonly FindingResult[], fixes: readonly FindingResult[]): string[] {
  const byRate = (fs: readonly FindingResult[], side: 'baseline' | 'patched'): FindingResult | undefined =>
    [...fs].sort((a, b) => b[side].hits / Math.max(1, b[side].runs) - a[side].hits / Math.max(1, a[side].runs))[0];
  const lead = byRate(breaks, 'patched') ?? byRate(target, 'baseline') ?? byRate(fixes, 'baseline');
  if (lead === undefined) return [];
  const side = lead.patched.hits > 0 ? 'patched' : 'baseline';
  const what = isBreakage(lead.verdict) ? 'The first problem' : lead.postedFor ? 'The report the patch was posted for' : 'What the patch fixes';
  return [...wrap(`${what}, as the kernel prints it (${side}):`), '', ...quoteBlock(lead.report, '  ', 40), ''];
}
