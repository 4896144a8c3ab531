// out/index.html: every evaluated patch with its verdict summary and a link to its report.
import type { EvaluationResult } from '../../harness/evaluate/result.ts';
import { type SafeHtml, html } from './escape.ts';
import { page } from './style.ts';

function count(r: EvaluationResult, verdict: string): number {
  return r.findings.filter((f) => f.verdict === verdict).length;
}

export function indexPage(results: readonly EvaluationResult[]): SafeHtml {
  const rows = results.map(
    (r) => html`<tr><td><a href="${encodeURIComponent(r.patch.slug)}/index.html">${r.patch.subject}</a><div class="muted small">${r.patch.author}, ${r.patch.date}</div></td>
<td>${count(r, 'fixed') > 0 ? html`<span class="verdict fixed">FIXED ${count(r, 'fixed')}</span> ` : ''}${count(r, 'introduced') > 0 ? html`<span class="verdict introduced">INTRODUCED ${count(r, 'introduced')}</span> ` : ''}${count(r, 'persists') > 0 ? html`<span class="verdict persists">PERSISTS ${count(r, 'persists')}</span> ` : ''}${count(r, 'behaviour-change') > 0 ? html`<span class="verdict behaviour-change">CHANGES ${count(r, 'behaviour-change')}</span>` : ''}${r.findings.length === 0 ? 'no findings' : ''}</td>
<td>${r.suites.map((s) => s.name).join(', ')}</td><td>${r.harnessErrors.length > 0 ? `${r.harnessErrors.length} harness errors` : ''}</td></tr>`,
  );
  return page('lkml-harness: evaluated patches', html`<h1>Evaluated patches</h1>
<table><thead><tr><th>Patch</th><th>Verdicts</th><th>Suites</th><th></th></tr></thead><tbody>${rows}</tbody></table>
`);
}
