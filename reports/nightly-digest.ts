// The nightly digest, in the manner of the kernel test robot's regression mails and KernelCI's
// daily status: what is new, what is gone, what moved, what broke in the harness; plain text,
// 72 columns, with the commands that reproduce each entry.
import type { ChangeEntry, NightlySummary } from '../harness/results/nightly.ts';
import { formatP, formatSide } from '../harness/results/format.ts';
import { VERDICT_LABEL } from '../harness/results/verdicts.ts';
import { wrap } from './text-layout.ts';

function side(s: { hits: number; runs: number } | null): string {
  return s === null ? 'not seen' : formatSide(s);
}

function entry(c: ChangeEntry, summary: NightlySummary): string[] {
  const f = summary.patches.find((p) => p.slug === c.slug)?.findings.find((x) => x.title === c.title);
  const lines = [...wrap(`${c.slug}: ${c.title}`, '    ', '  - ')];
  lines.push(...wrap(`${c.side}: ${side(c.now)} tonight, ${side(c.before)} before (${formatP(c.pValue)})`, '    '));
  if (f !== undefined && c.now !== null && c.now.hits > 0) lines.push(...wrap(`reproduce: lkml-harness run ${f.reproducer.suite}${f.reproducer.variant === 'patched' ? ` --patch patches/${c.slug}` : ''} --seed ${f.reproducer.baseSeed} --first ${f.reproducer.index} --schedules 1`, '      ', '    '));
  return lines;
}

export function nightlyDigest(summary: NightlySummary, changes: readonly ChangeEntry[], previous: string | null, dashboard: string): string {
  const news = changes.filter((c) => c.change === 'new');
  const gone = changes.filter((c) => c.change === 'gone');
  const moved = changes.filter((c) => c.change === 'rate-moved');
  const unconfirmed = changes.filter((c) => c.change === 'unconfirmed');
  const lines: string[] = [];
  lines.push(
    `Subject: [lkml-harness nightly] ${summary.runId}: ${news.length} new, ${gone.length} gone, ${moved.length} moved${summary.errors.length ? `, ${summary.errors.length} harness errors` : ''}`,
    '',
    'Greeting,',
    '',
    ...wrap(
      `lkml-harness ran its nightly stress run ${summary.runId}: ${summary.patches.length} patch${summary.patches.length === 1 ? '' : 'es'}, ${summary.schedules} schedules in ${summary.done} of ${summary.planned} jobs${summary.complete ? '' : ' (INCOMPLETE: the run stopped at its deadline; the rest did not run)'}. ${previous ? `Compared with ${previous}:` : 'There is no earlier run to compare with.'}`,
    ),
    '',
  );
  const section = (name: string, items: ChangeEntry[]): void => {
    lines.push(`${name} (${items.length})`);
    if (items.length === 0) lines.push('  none');
    for (const c of items) lines.push(...entry(c, summary));
    lines.push('');
  };
  if (previous) {
    section('NEW FINDINGS', news);
    section('GONE', gone);
    section('RATE CHANGED', moved);
    lines.push(...wrap(`Only changes significant at p < 0.01 are listed above. ${unconfirmed.length} other change${unconfirmed.length === 1 ? '' : 's'} in rate did not reach significance tonight (see the dashboard).`), '');
  }
  lines.push(`HARNESS ERRORS (${summary.errors.length})`);
  if (summary.errors.length === 0) lines.push('  none');
  for (const e of summary.errors) lines.push(...wrap(`${e.key}: ${e.error}`, '    ', '  - '));
  lines.push('', 'Tonight, per patch:');
  for (const p of summary.patches) {
    lines.push(...wrap(`${p.slug} (${p.suites.join(', ') || 'no suite'})`, '    ', '  '));
    if (p.findings.length === 0) lines.push('    no findings');
    if (p.changedSchedules.length > 0 && p.changedSchedules.every((c) => c.changed === 0)) lines.push('    the patch did not change the modeled behaviour tonight');
    for (const f of p.findings) {
      lines.push(...wrap(`${VERDICT_LABEL[f.verdict]}: ${f.title}; baseline ${side(f.baseline)}, patched ${side(f.patched)}${f.significant ? `; ${formatP(f.pValue)}` : ''}${f.maskedBy ? `; masked by ${f.maskedBy}` : ''}`, '      ', '    '));
    }
  }
  lines.push('', `Dashboard: ${dashboard}`, '', '-- ', 'lkml-harness nightly');
  return `${lines.join('\n')}\n`;
}
