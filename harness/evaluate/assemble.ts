// From judged findings to the findings of results.json: each gets a run that shows it (from the
// patched side when it is still there, else the baseline's), its report, stacks and cycle from
// that run, a model-only note where the kernel could not have reported it, and a reproducer:
// shrunk to a minimal schedule for what the patch leaves or breaks, replayed as found for what
// it fixes (only the timeline is wanted there). A data race's example is any run with its race
// key, whatever partner that run's own report names (verdicts/race-titles.ts).
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { type RunFinding, type RunRecord, replay, titledFindings } from '../explore/runner.ts';
import { shrink } from '../explore/shrink.ts';
import type { FindingResult } from '../results/evaluation.ts';
import { replayCommand } from '../explore/replay-command.ts';
import { findSuite } from '../suites/index.ts';
import type { Suite } from '../suites/suite.ts';
import { modelOnlyNote } from '../titles/model-only.ts';
import { type JudgedFinding, verdictFields } from '../verdicts/judge-findings.ts';
import { type RaceTitles, sameFinding } from '../verdicts/race-titles.ts';
import { upperBound95 } from '../verdicts/stats.ts';

/** Verdicts whose reproducer is the patched side, shrunk: what a reviewer will want to run. */
const SHRUNK = new Set(['introduced', 'worsened', 'persists', 'partly-fixed', 'reduced', 'inconclusive']);

interface Example {
  record: RunRecord;
  finding: RunFinding;
}

/**
 * The first run that reported it with its text kept (the worker keeps one copy per job),
 * preferring the side given, runs it led, and for a data race a run whose own report names the
 * partner the title names (so that the report under the title shows the same pair).
 */
function exampleOf(title: string, records: readonly RunRecord[], raceTitles: RaceTitles, side: 'baseline' | 'patched'): Example | null {
  let best: Example | null = null;
  let bestRank = Infinity;
  for (const record of records) {
    const i = record.findings.findIndex((f) => raceTitles.titleOf(f) === title && f.report !== '');
    if (i < 0) continue;
    const rank = (record.variant === side ? 0 : 4) + (i === 0 ? 0 : 2) + (record.findings[i].title === title ? 0 : 1);
    if (rank < bestRank) {
      best = { record, finding: record.findings[i] };
      bestRank = rank;
      if (rank === 0) break;
    }
  }
  return best;
}

export function assembleFinding(j: JudgedFinding, records: readonly RunRecord[], raceTitles: RaceTitles, patch: PatchModule, patchDir: string): FindingResult {
  const ex = exampleOf(j.title, records, raceTitles, j.patched.hits > 0 ? 'patched' : 'baseline') as Example;
  // What a replay must show: this title, or for a race the example's race key (any partner).
  const expected = { title: j.title, raceKey: ex.finding.raceKey };
  const merged = raceTitles.pairTitlesOf(j.title);
  const suite = findSuite(ex.record.suite) as Suite;
  const variantPatch = ex.record.variant === 'patched' ? patch : null;
  const base = { suite: ex.record.suite, variant: ex.record.variant, plan: ex.record.plan, decisions: ex.record.decisions };
  const common = {
    ...verdictFields(j),
    baselineUpper95: upperBound95(j.baseline.hits, j.baseline.runs),
    patchedUpper95: upperBound95(j.patched.hits, j.patched.runs),
    suites: j.suites,
    postedFor: j.postedFor,
    modelOnly: modelOnlyNote(j.kind, ex.finding.backtraces, suite.kernel),
    backtraces: ex.finding.backtraces,
    cycle: ex.finding.cycle,
    raceKey: expected.raceKey,
    mergedTitles: merged.length > 1 ? merged : undefined,
  };
  if (SHRUNK.has(j.verdict) && ex.record.variant === 'patched') {
    const shows = (f: RunFinding): boolean => sameFinding(f, expected);
    const s = shrink(suite, base, shows, variantPatch);
    // The report of the minimal schedule, when it still gives the finding (it does when confirmed).
    const shrunk = titledFindings(s.trace.findings).find(shows);
    return {
      ...common,
      report: shrunk?.report ?? ex.finding.report,
      backtraces: shrunk?.backtraces ?? common.backtraces,
      cycle: shrunk === undefined ? common.cycle : shrunk.cycle,
      reproducer: { ...s.reproducer, command: replayCommand(s.reproducer, patchDir, expected) },
      shrink: { before: s.before, after: s.after, replays: s.replays, confirmed: s.confirmed },
      timeline: s.trace.events ?? [],
    };
  }
  const r = replay(suite, base, variantPatch, true);
  return { ...common, report: ex.finding.report, reproducer: { ...base, command: replayCommand(base, patchDir, expected) }, shrink: null, timeline: r.events ?? [] };
}
