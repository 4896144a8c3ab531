// The nightly dashboard: tonight's results per patch with the evaluation's verdict words, what
// changed since the previous run (significant changes apart from unconfirmed ones), and each
// finding's history with its rate per night drawn inline. Self-contained.
import type { ChangeEntry, FindingHistory, NightlySummary } from '../../harness/results/nightly.ts';
import { formatP, formatSide } from '../../harness/results/format.ts';
import { VERDICT_LABEL } from '../../harness/results/verdicts.ts';
import { type SafeHtml, html } from './escape.ts';
import { sparklineSvg } from './sparkline.ts';
import { page } from './style.ts';

function changeRow(c: ChangeEntry): SafeHtml {
  return html`<tr><td>${c.change}</td><td><code>${c.slug}</code></td><td>${c.title}</td><td>${c.side}</td><td>${c.before ? formatSide(c.before) : '-'}</td><td>${c.now ? formatSide(c.now) : '-'}</td><td>${formatP(c.pValue)}</td></tr>`;
}

export function nightlyPage(summary: NightlySummary, changes: readonly ChangeEntry[], previous: string | null, histories: readonly FindingHistory[], reportsBase: string): SafeHtml {
  const patches = summary.patches.map((p) => {
    const changed = p.changedSchedules.reduce((n, c) => n + c.changed, 0);
    return html`<h3><a href="${reportsBase}${encodeURIComponent(p.slug)}/index.html">${p.subject}</a></h3> <span class="muted small">${p.slug}; suites: ${p.suites.join(', ')}; ${changed} schedules ran differently with the patch</span>
${changed === 0 && p.changedSchedules.length > 0 ? html`<p class="banner small">The patch did not change the modeled behaviour tonight: every patched schedule ran as the baseline did.</p>` : ''}
<table><thead><tr><th>Verdict</th><th>Finding</th><th>Baseline</th><th>Patched</th><th>Change</th></tr></thead><tbody>${
      p.findings.length === 0
        ? html`<tr><td colspan="5" class="muted">no findings</td></tr>`
        : p.findings.map((f) => html`<tr><td><span class="verdict ${f.verdict}">${VERDICT_LABEL[f.verdict]}</span></td><td>${f.title}${f.maskedBy ? html` <span class="muted small">(masked by ${f.maskedBy})</span>` : ''}</td><td>${formatSide(f.baseline)}</td><td>${formatSide(f.patched)}</td><td>${formatP(f.pValue)}${f.significant ? '' : ' (not significant)'}</td></tr>`)
    }</tbody></table>`;
  });
  const significant = changes.filter((c) => c.change !== 'unconfirmed');
  const unconfirmed = changes.filter((c) => c.change === 'unconfirmed');
  const changeTable = (rows: readonly ChangeEntry[]): SafeHtml =>
    html`<table><thead><tr><th>Change</th><th>Patch</th><th>Finding</th><th>Side</th><th>Before</th><th>Tonight</th><th>Test</th></tr></thead><tbody>${rows.map(changeRow)}</tbody></table>`;
  const history = histories.map(
    (h) => html`<tr><td><code>${h.slug}</code></td><td>${h.title}</td><td>${h.firstSeen}</td><td>${h.lastSeen}</td><td>${sparklineSvg(h.nights)}</td></tr>`,
  );
  return page(`lkml-harness nightly ${summary.runId}`, html`<h1>Nightly ${summary.runId}</h1>
<p>${summary.patches.length} patches, ${summary.schedules} schedules, ${summary.done}/${summary.planned} jobs${summary.complete ? '' : html` <strong class="no">(incomplete: stopped at the deadline)</strong>`}; seed ${summary.seed}, ${summary.budget} schedules per suite and variant. Verdicts by the evaluation's rules at one look: a difference that is not significant tonight is inconclusive.</p>
<h2>Since ${previous ?? 'the first run'}</h2>
${previous === null ? html`<p class="muted">No earlier run in this output root.</p>` : significant.length === 0 ? html`<p>No significant change.</p>` : changeTable(significant)}
${unconfirmed.length > 0 ? html`<h3>Not significant (unconfirmed)</h3>${changeTable(unconfirmed)}` : ''}
<h2>Harness errors</h2>
${summary.errors.length === 0 ? html`<p class="muted">None.</p>` : html`<ul>${summary.errors.map((e) => html`<li><code>${e.key}</code>: ${e.error}</li>`)}</ul>`}
<h2>Tonight</h2>
${patches}
<h2>Finding history</h2>
<table><thead><tr><th>Patch</th><th>Finding</th><th>First seen</th><th>Last seen</th><th>Rate per night (patched solid, baseline dashed)</th></tr></thead><tbody>${history}</tbody></table>
`);
}
