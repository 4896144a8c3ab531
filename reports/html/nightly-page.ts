// The nightly dashboard: tonight's results per patch, what changed since the previous run, and
// each finding's history (first seen, last seen, rate per night). Self-contained.
import type { ChangeEntry, FindingHistory } from '../../harness/nightly/history.ts';
import type { NightlySummary } from '../../harness/nightly/summary.ts';
import { formatCount } from '../../harness/evaluate/stats.ts';
import { type SafeHtml, html } from './escape.ts';
import { page } from './style.ts';

const VERDICT = { fixed: 'FIXED', introduced: 'INTRODUCED', persists: 'PERSISTS', 'behaviour-change': 'CHANGED' } as const;

function rate(s: { hits: number; runs: number }): string {
  return s.runs === 0 ? '-' : `${((100 * s.hits) / s.runs).toFixed(1)}%`;
}

export function nightlyPage(summary: NightlySummary, changes: readonly ChangeEntry[], previous: string | null, histories: readonly FindingHistory[], reportsBase: string): SafeHtml {
  const changeRows = changes.map(
    (c) => html`<tr><td>${c.change}</td><td><code>${c.slug}</code></td><td>${c.title}</td><td>${c.side}</td><td>${c.before ? formatCount(c.before.hits, c.before.runs) : '-'}</td><td>${c.now ? formatCount(c.now.hits, c.now.runs) : '-'}</td></tr>`,
  );
  const patches = summary.patches.map(
    (p) => html`<h3><a href="${reportsBase}${encodeURIComponent(p.slug)}/index.html">${p.subject}</a></h3> <span class="muted small">${p.slug}; suites: ${p.suites.join(', ')}</span>
<table><thead><tr><th>Verdict</th><th>Finding</th><th>Baseline</th><th>Patched</th></tr></thead><tbody>${
      p.findings.length === 0
        ? html`<tr><td colspan="4" class="muted">no findings</td></tr>`
        : p.findings.map((f) => html`<tr><td><span class="verdict ${f.verdict}">${VERDICT[f.verdict]}</span></td><td>${f.title}</td><td>${formatCount(f.baseline.hits, f.baseline.runs)}</td><td>${formatCount(f.patched.hits, f.patched.runs)}</td></tr>`)
    }</tbody></table>`,
  );
  const history = histories.map(
    (h) => html`<tr><td><code>${h.slug}</code></td><td>${h.title}</td><td>${h.firstSeen}</td><td>${h.lastSeen}</td><td>${h.nights.map((n) => html`<span title="${n.runId}">${rate(n.patched)}</span> `)}</td></tr>`,
  );
  return page(`lkml-harness nightly ${summary.runId}`, html`<h1>Nightly ${summary.runId}</h1>
<p>${summary.patches.length} patches, ${summary.schedules} schedules, ${summary.done}/${summary.planned} jobs${summary.complete ? '' : html` <strong class="no">(incomplete: stopped at the deadline)</strong>`}; seed ${summary.seed}, ${summary.budget} schedules per suite and variant.</p>
<h2>Since ${previous ?? 'the first run'}</h2>
${previous === null ? html`<p class="muted">No earlier run in this output root.</p>` : changes.length === 0 ? html`<p>Nothing changed.</p>` : html`<table><thead><tr><th>Change</th><th>Patch</th><th>Finding</th><th>Side</th><th>Before</th><th>Tonight</th></tr></thead><tbody>${changeRows}</tbody></table>`}
<h2>Harness errors</h2>
${summary.errors.length === 0 ? html`<p class="muted">None.</p>` : html`<ul>${summary.errors.map((e) => html`<li><code>${e.key}</code>: ${e.error}</li>`)}</ul>`}
<h2>Tonight</h2>
${patches}
<h2>Finding history</h2>
<table><thead><tr><th>Patch</th><th>Finding</th><th>First seen</th><th>Last seen</th><th>Patched rate per night</th></tr></thead><tbody>${history}</tbody></table>
`);
}
