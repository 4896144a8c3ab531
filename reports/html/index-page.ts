// out/index.html: every evaluated patch with its verdict summary and a link to its report.
import type { EvaluationResult } from '../../harness/results/evaluation.ts';
import { VERDICT_LABEL, VERDICT_ORDER, type Verdict } from '../../harness/results/verdicts.ts';
import { type SafeHtml, html } from './escape.ts';
import { page } from './style.ts';

function verdictCounts(r: EvaluationResult): SafeHtml[] {
  const counts = new Map<Verdict, number>();
  for (const f of r.findings) counts.set(f.verdict, (counts.get(f.verdict) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => VERDICT_ORDER[a[0]] - VERDICT_ORDER[b[0]])
    .map(([v, n]) => html`<span class="verdict ${v}">${VERDICT_LABEL[v]} ${n}</span> `);
}

export function indexPage(results: readonly EvaluationResult[]): SafeHtml {
  const rows = results.map(
    (r) => html`<tr><td><a href="${encodeURIComponent(r.patch.slug)}/index.html">${r.patch.subject}</a><div class="muted small">${r.patch.author}, ${r.patch.date}</div></td>
<td>${r.findings.length === 0 ? 'no findings' : verdictCounts(r)}</td>
<td>${r.suites.map((s) => s.name).join(', ')}</td><td>${r.harnessErrors.length > 0 ? `${r.harnessErrors.length} harness errors` : ''}</td></tr>`,
  );
  return page('lkml-harness: evaluated patches', html`<h1>Evaluated patches</h1>
<table><thead><tr><th>Patch</th><th>Verdicts</th><th>Suites</th><th></th></tr></thead><tbody>${rows}</tbody></table>
`);
}
