// The verdict rules applied to an evaluation's run records: digest each run, tally each suite
// (baseline and patched paired by seed), judge every finding. Used after every look while
// confirming, and once more for the final verdicts.
import { digest, type RunRecord } from '../explore/runner.ts';
import type { FindingKind } from '../results/finding.ts';
import type { RunDigest } from '../results/run-digest.ts';
import { type JudgedFinding, judgeFindings } from '../verdicts/judge-findings.ts';
import { type SuiteTally, leadingTitles, tallySuite } from '../verdicts/tally.ts';

export interface Judged {
  findings: JudgedFinding[];
  tallies: SuiteTally[];
}

export function tallyDigests(suites: readonly string[], digests: readonly RunDigest[]): SuiteTally[] {
  const leaders = leadingTitles(digests);
  return suites.map((s) =>
    tallySuite(
      s,
      digests.filter((d) => d.suite === s && d.variant === 'baseline'),
      digests.filter((d) => d.suite === s && d.variant === 'patched'),
      leaders,
    ),
  );
}

export function kindsOf(records: readonly RunRecord[]): Map<string, FindingKind> {
  const kinds = new Map<string, FindingKind>();
  for (const r of records) for (const f of r.findings) if (!kinds.has(f.title)) kinds.set(f.title, f.kind);
  return kinds;
}

export function judgeRecords(suites: readonly string[], records: readonly RunRecord[], looks: ReadonlyMap<string, number>, postedFor: ReadonlySet<string>, final: boolean): Judged {
  const tallies = tallyDigests(suites, records.map(digest));
  return { tallies, findings: judgeFindings({ tallies, looks, kinds: kindsOf(records), postedFor, final }) };
}
