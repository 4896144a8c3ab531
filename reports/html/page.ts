// The per-patch HTML report: identity, verdicts, repairs made to the mail text, model
// coverage, each finding with its kernel-style report, its minimal schedule as a timeline and,
// for lockdep cycles, the dependency graph; then the diff. One self-contained file.
import type { EvaluationResult, FindingResult } from '../../harness/evaluate/result.ts';
import { formatCount } from '../../harness/evaluate/stats.ts';
import { diffHtml } from './diff.ts';
import { type SafeHtml, html } from './escape.ts';
import { lockCycle, lockGraphSvg } from './lock-graph.ts';
import { page } from './style.ts';
import { timelineSvg } from './timeline.ts';

const VERDICT_LABEL = { fixed: 'FIXED', introduced: 'INTRODUCED', persists: 'PERSISTS', 'behaviour-change': 'BEHAVIOUR CHANGE' } as const;

function pValue(f: FindingResult): string {
  if (f.pValue < 0.001) return 'p < 0.001';
  return `p = ${f.pValue.toFixed(3)}`;
}

function verdictRow(f: FindingResult, i: number): SafeHtml {
  return html`<tr><td><span class="verdict ${f.verdict}">${VERDICT_LABEL[f.verdict]}</span></td><td><a href="#finding-${i}">${f.title}</a></td><td>${formatCount(f.baseline.hits, f.baseline.runs)}</td><td>${formatCount(f.patched.hits, f.patched.runs)}</td><td>${pValue(f)}${f.significant ? '' : ' (not significant)'}</td></tr>`;
}

function findingSection(f: FindingResult, i: number): SafeHtml {
  const cycle = f.kind === 'lockdep' ? lockCycle(f.report) : null;
  const shrink = f.shrink
    ? html`<p class="small">Shrunk in ${f.shrink.replays} replays: ${f.shrink.before.decisions} &rarr; ${f.shrink.after.decisions} decisions, ${f.shrink.before.faults} &rarr; ${f.shrink.after.faults} injected faults, ${f.shrink.before.preemptions} &rarr; ${f.shrink.after.preemptions} preemptions; ${f.shrink.confirmed ? 'replay confirmed the same title' : 'the shrunk schedule did NOT replay to the same title'}.</p>`
    : html`<p class="small">Reproducer: the first baseline run that found it (fixed findings are not shrunk).</p>`;
  return html`<details class="finding" id="finding-${i}" ${i === 0 ? 'open' : ''}>
<summary><span class="verdict ${f.verdict}">${VERDICT_LABEL[f.verdict]}</span> <h3>${f.title}</h3> <span class="muted small">${f.kind}; baseline ${formatCount(f.baseline.hits, f.baseline.runs)}, patched ${formatCount(f.patched.hits, f.patched.runs)}; suites: ${f.suites.join(', ')}</span></summary>
${f.bySuite.length > 1 ? html`<table class="small"><thead><tr><th>Suite</th><th>Baseline</th><th>Patched</th></tr></thead><tbody>${f.bySuite.map((s) => html`<tr><td><code>${s.suite}</code></td><td>${formatCount(s.baseline.hits, s.baseline.runs)}</td><td>${formatCount(s.patched.hits, s.patched.runs)}</td></tr>`)}</tbody></table>` : ''}
<h4>Report</h4>
<pre>${f.report}</pre>
<h4>Reproduce</h4>
<pre>${f.reproducer.command}

suite:     ${f.reproducer.suite} (${f.reproducer.variant})
plan:      ${f.reproducer.plan}
decisions: ${f.reproducer.decisions || '(none: every choice is the first alternative)'}</pre>
${shrink}
<h4>Minimal schedule</h4>
<div class="scroll">${timelineSvg(f.timeline)}</div>
${cycle ? html`<h4>Lock dependency cycle</h4><div class="scroll">${lockGraphSvg(cycle)}</div>` : ''}
</details>`;
}

export function patchPage(r: EvaluationResult): SafeHtml {
  const p = r.patch;
  const bugs = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  const changes = r.findings.filter((f) => f.verdict === 'behaviour-change');
  const index = (f: FindingResult): number => r.findings.indexOf(f);
  const msgLink = p.messageId ? `https://lore.kernel.org/r/${encodeURIComponent(p.messageId.replace(/^<|>$/g, ''))}` : null;
  return page(`lkml-harness: ${p.subject}`, html`<header>
<p class="muted small">lkml-harness review</p>
<h1>${p.subject}</h1>
<dl class="identity">
<dt>Author</dt><dd>${p.author}</dd>
<dt>Date</dt><dd>${p.date}</dd>
<dt>Message-ID</dt><dd>${p.messageId ? html`<a href="${msgLink}" rel="noreferrer">${p.messageId}</a>` : html`<span class="muted">unknown (the archive copy has none)</span>`}</dd>
${p.commit ? html`<dt>Commit</dt><dd><code>${p.commit}</code></dd>` : ''}
<dt>Base</dt><dd>${p.base}</dd>
<dt>Budget</dt><dd>seed ${r.budget.seed}, ${r.budget.schedulesPerSuite ?? 'default'} schedules per suite and variant, ${r.budget.strategy} strategy</dd>
</dl>
</header>
<main>
<h2>Verdicts</h2>
${bugs.length === 0 ? html`<p>No bug was found on either side.</p>` : html`<table><thead><tr><th>Verdict</th><th>Finding</th><th>Baseline</th><th>Patched</th><th>Change</th></tr></thead><tbody>${bugs.map((f) => verdictRow(f, index(f)))}</tbody></table>`}
${changes.length > 0 ? html`<h2>Behaviour changes</h2><table><thead><tr><th>Kind</th><th>What</th><th>Baseline</th><th>Patched</th><th>Change</th></tr></thead><tbody>${changes.map((f) => verdictRow(f, index(f)))}</tbody></table>` : ''}
<h2>Suites</h2>
<table><thead><tr><th>Suite</th><th>What it runs</th><th>Baseline runs</th><th>Patched runs</th></tr></thead><tbody>${r.suites.map((s) => html`<tr><td><code>${s.name}</code></td><td>${s.summary}</td><td>${s.baselineRuns}</td><td>${s.patchedRuns}</td></tr>`)}</tbody></table>
${r.harnessErrors.length > 0 ? html`<h2>Harness errors</h2><ul>${r.harnessErrors.map((e) => html`<li><code>${e.job}</code>: ${e.message}</li>`)}</ul>` : ''}
<h2>Findings</h2>
${r.findings.length === 0 ? html`<p class="muted">None.</p>` : r.findings.map(findingSection)}
<h2>Model coverage</h2>
<p>${r.coverage.verified ? 'Every touched function is overridden by the patch module or explained.' : 'Not every touched function is handled by the patch module:'}</p>
${r.coverage.flags.length > 0 ? html`<ul>${r.coverage.flags.map((f) => html`<li>${f}</li>`)}</ul>` : ''}
<table><thead><tr><th>File</th><th>Function</th><th>Modeled</th><th>Overridden</th><th>Note</th></tr></thead><tbody>${r.coverage.functions.map((f) => html`<tr><td><code>${f.file}</code></td><td><code>${f.name}</code></td><td class="${f.modeled ? 'yes' : 'no'}">${f.modeled ? 'yes' : 'no'}</td><td class="${f.overridden ? 'yes' : 'no'}">${f.overridden ? 'yes' : 'no'}</td><td>${f.note ?? ''}</td></tr>`)}</tbody></table>
${p.adaptations ? html`<h3>Adaptation to the model's base</h3><p>${p.adaptations}</p>` : ''}
<h2>Repairs made to the mail text</h2>
${r.input.repairs.length === 0 ? html`<p class="muted">${r.input.source === null ? 'No mail ships with this module.' : 'None: the text was intact.'}</p>` : html`<table><thead><tr><th>Repair</th><th>Where</th><th>What</th></tr></thead><tbody>${r.input.repairs.map((x) => html`<tr><td><code>${x.kind}</code></td><td>${x.file ?? ''}${x.hunk !== undefined ? ` hunk ${x.hunk}` : ''}${x.count !== undefined ? ` (${x.count})` : ''}</td><td>${x.detail}</td></tr>`)}</tbody></table>`}
<h2>Patch</h2>
${r.input.files.length > 0 ? html`<p>${r.input.files.map((f) => html`<code>${f.path}</code> +${f.added ?? '?'}/-${f.removed ?? '?'} `)}</p>` : ''}
${diffHtml(r.input.diff)}
</main>
<footer><p class="muted small">Generated by lkml-harness from results.json. Everything on this page comes from that file; nothing is loaded from the network.</p></footer>
`);
}
