// The per-patch HTML report: identity, whether the patch changed anything, what it was posted to
// fix, the verdicts with their significance and scope, the base tree's own bugs apart, the
// differences that stayed inconclusive, then each finding (kernel-style report, what followed
// it, its cycle as a graph, its minimal schedule as a timeline), coverage, repairs and the diff.
// One self-contained file.
import type { EvaluationResult, FindingResult } from '../../harness/results/evaluation.ts';
import { formatP, formatSide, mergedTitlesNote, reachSentences } from '../../harness/results/format.ts';
import { VERDICT_LABEL } from '../../harness/results/verdicts.ts';
import { cycleGraphSvg } from './cycle-graph.ts';
import { diffHtml } from './diff.ts';
import { type SafeHtml, html } from './escape.ts';
import { page } from './style.ts';
import { timelineSvg } from './timeline.ts';

function verdict(v: FindingResult['verdict']): SafeHtml {
  return html`<span class="verdict ${v}">${VERDICT_LABEL[v]}</span>`;
}

function significance(f: FindingResult): string {
  if (f.significant) return `${formatP(f.pValue)} (significant at ${f.alpha})`;
  const over = f.verdict === 'masked' ? ' over the runs that got to their end' : '';
  return `${formatP(f.pValue)}${over} (not significant at ${f.alpha})`;
}

function verdictRow(f: FindingResult, i: number): SafeHtml {
  return html`<tr><td>${verdict(f.verdict)}</td><td><a href="#finding-${i}">${f.title}</a>${f.postedFor ? html` <span class="muted small">(posted to fix)</span>` : ''}</td><td>${formatSide(f.baseline)}</td><td>${formatSide(f.patched)}</td><td>${significance(f)}</td><td class="small">${f.bySuite.map((s) => html`<div><code>${s.suite}</code>: ${s.verdict}</div>`)}</td></tr>`;
}

function verdictTable(fs: readonly FindingResult[], r: EvaluationResult): SafeHtml {
  return html`<table><thead><tr><th>Verdict</th><th>Finding</th><th>Baseline</th><th>Patched</th><th>Change</th><th>By suite</th></tr></thead><tbody>${fs.map((f) => verdictRow(f, r.findings.indexOf(f)))}</tbody></table>`;
}

function suiteTable(f: FindingResult): SafeHtml {
  return html`<table class="small"><thead><tr><th>Suite</th><th>Baseline</th><th>Patched</th><th>Verdict</th><th>Test</th><th>Pairs that ran to the end</th></tr></thead><tbody>${f.bySuite.map(
    (s) => html`<tr><td><code>${s.suite}</code></td><td>${formatSide(s.baseline)}</td><td>${formatSide(s.patched)}</td><td>${s.verdict}${s.maskedBy ? html` by <em>${s.maskedBy}</em>` : ''}</td><td>${formatP(s.pValue)} at ${s.alpha}</td><td>${s.eligible.runs}: ${s.eligible.baselineHits} &rarr; ${s.eligible.patchedHits}</td></tr>`,
  )}</tbody></table>`;
}

function findingSection(f: FindingResult, i: number): SafeHtml {
  const merged = mergedTitlesNote(f);
  const shrink = f.shrink
    ? html`<p class="small">Shrunk in ${f.shrink.replays} replays: ${f.shrink.before.decisions} &rarr; ${f.shrink.after.decisions} decisions, ${f.shrink.before.faults} &rarr; ${f.shrink.after.faults} injected faults, ${f.shrink.before.preemptions} &rarr; ${f.shrink.after.preemptions} preemptions; ${f.shrink.confirmed ? 'replay confirmed the same title' : 'the shrunk schedule did NOT replay to the same title'}.</p>`
    : html`<p class="small">Reproducer: the first run that found it, replayed as found (not shrunk).</p>`;
  return html`<details class="finding" id="finding-${i}" ${i === 0 ? 'open' : ''}>
<summary>${verdict(f.verdict)} <h3>${f.title}</h3> <span class="muted small">${f.kind}; baseline ${formatSide(f.baseline)}, patched ${formatSide(f.patched)}; ${significance(f)}</span></summary>
${f.maskedBy ? html`<p>Not seen with the patch only because the patched runs now end earlier on <strong>${f.maskedBy}</strong>: counted over the pairs whose patched run got to its end, the difference is not significant.</p>` : ''}
${f.revealedBy ? html`<p>Seen more often with the patch only because baseline runs ended earlier on <strong>${f.revealedBy}</strong>: counted over the pairs whose baseline run got to its end, the difference is not significant.</p>` : ''}
${merged === null ? '' : html`<p class="small">${merged}</p>`}
${f.modelOnly ? html`<p class="banner small">${f.modelOnly}</p>` : ''}
${suiteTable(f)}
${f.followedBy.length > 0 ? html`<h4>Followed in the same runs by</h4><ul class="small">${f.followedBy.map((g) => html`<li>${g.title} <span class="muted">(in ${g.baseline} baseline and ${g.patched} patched runs it led)</span></li>`)}</ul>` : ''}
<h4>Report</h4>
<pre>${f.report}</pre>
${f.cycle ? html`<h4>${f.cycle.kind === 'lock' ? 'Lock dependency cycle' : 'Wait-for cycle'}</h4><div class="scroll">${cycleGraphSvg(f.cycle)}</div>` : ''}
<h4>Reproduce</h4>
<pre>${f.reproducer.command}

suite:     ${f.reproducer.suite} (${f.reproducer.variant})
plan:      ${f.reproducer.plan}
decisions: ${f.reproducer.decisions || '(none: every choice is the first alternative)'}</pre>
${shrink}
<h4>Schedule</h4>
<div class="scroll">${timelineSvg(f.timeline)}</div>
</details>`;
}

function reachNote(r: EvaluationResult): SafeHtml {
  const said = reachSentences(r);
  const rest = r.reach.unreached;
  const unreached = rest.length === 0 ? '' : html`<details class="small"><summary>The ${rest.length} ported functions no suite run calls</summary><p>${rest.join(' ')}</p></details>`;
  return html`<p class="small">${said.coverage}${said.notExercised === null ? '' : ` ${said.notExercised}`}</p>${unreached}`;
}

function changedBanner(r: EvaluationResult): SafeHtml | string {
  const changed = r.suites.reduce((n, s) => n + s.changedSchedules, 0);
  if (changed > 0) return '';
  return html`<p class="banner">${reachSentences(r).unchanged}</p>`;
}

export function patchPage(r: EvaluationResult): SafeHtml {
  const p = r.patch;
  const bugs = r.findings.filter((f) => f.verdict !== 'behaviour-change');
  const headline = bugs.filter((f) => f.verdict !== 'pre-existing' && f.verdict !== 'inconclusive');
  const base = bugs.filter((f) => f.verdict === 'pre-existing');
  const open = bugs.filter((f) => f.verdict === 'inconclusive');
  const changes = r.findings.filter((f) => f.verdict === 'behaviour-change');
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
<dt>Budget</dt><dd>seed ${r.budget.seed}, ${r.budget.schedulesPerSuite ?? 'default'} schedules per suite and variant, ${r.budget.strategy} strategy; differences not yet significant confirmed with up to ${r.significance.confirmationCap}x the schedules</dd>
<dt>Significance</dt><dd>${r.significance.test}, p &lt; ${r.significance.alpha} (${r.significance.confirmationAlpha} at each confirmation look)</dd>
</dl>
</header>
<main>
${changedBanner(r)}
${reachNote(r)}
${r.postedFor ? html`<h2>What the patch was posted to fix</h2><p>${r.postedFor.summary} (reproduced by ${r.postedFor.suites.join(', ')}).</p>` : ''}
<h2>Verdicts</h2>
${headline.length === 0 ? html`<p>No difference the patch makes to a bug was found.</p>` : verdictTable(headline, r)}
${base.length > 0 ? html`<h2>Present in the base tree</h2><p class="small">Bugs of the tree the patch applies to, seen at the same rate with and without it: real, and not the patch's.</p>${verdictTable(base, r)}` : ''}
${open.length > 0 ? html`<h2>Inconclusive</h2><p class="small">Differences that stayed below significance after confirmation; kept out of the verdicts above and out of the reply's headline.</p>${verdictTable(open, r)}` : ''}
${changes.length > 0 ? html`<h2>Behaviour changes</h2>${verdictTable(changes, r)}` : ''}
<h2>Suites</h2>
<table><thead><tr><th>Suite</th><th>What it runs</th><th>Baseline runs</th><th>Patched runs</th><th>Of them for confirmation</th><th>Schedules the patch changed</th></tr></thead><tbody>${r.suites.map((s) => html`<tr><td><code>${s.name}</code></td><td>${s.summary}</td><td>${s.baselineRuns}</td><td>${s.patchedRuns}</td><td>${s.confirmationRuns}</td><td>${s.changedSchedules}</td></tr>`)}</tbody></table>
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
