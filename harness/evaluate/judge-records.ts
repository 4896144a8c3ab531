// The verdict rules applied to an evaluation's run records: digest each run, tally each suite
// (baseline and patched paired by seed), judge every finding. Used after every look while
// confirming, and once more for the final verdicts. Data races are retitled over all the
// records each time (verdicts/race-titles.ts): the set grows with each look.
import { digest, type RunRecord } from '../explore/runner.ts';
import type { FindingKind } from '../results/finding.ts';
import { type JudgedFinding, judgeFindings } from '../verdicts/judge-findings.ts';
import type { RaceTitles } from '../verdicts/race-titles.ts';
import { type SuiteTally, tallySuites } from '../verdicts/tally.ts';

export interface Judged {
  findings: JudgedFinding[];
  tallies: SuiteTally[];
  /** The title each record's report was counted under (a race's is its race key's). */
  raceTitles: RaceTitles;
}

export function kindsOf(records: readonly RunRecord[], raceTitles: RaceTitles): Map<string, FindingKind> {
  const kinds = new Map<string, FindingKind>();
  for (const r of records) {
    for (const f of r.findings) {
      const title = raceTitles.titleOf(f);
      if (!kinds.has(title)) kinds.set(title, f.kind);
    }
  }
  return kinds;
}

export function judgeRecords(suites: readonly string[], records: readonly RunRecord[], looks: ReadonlyMap<string, number>, postedFor: ReadonlySet<string>, final: boolean): Judged {
  const { tallies, raceTitles } = tallySuites(suites, records.map(digest));
  return { tallies, raceTitles, findings: judgeFindings({ tallies, looks, kinds: kindsOf(records, raceTitles), postedFor, final }) };
}
