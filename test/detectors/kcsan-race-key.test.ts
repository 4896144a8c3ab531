// A KCSAN finding carries its race key: the struct member and the function that accessed it
// without its lock, read here back from the report's own words ("struct S member M is protected
// by ...", or "global M of F is protected by ..." for a file's static; "this/the other access
// was made without it") and the access's frame. The key does not
// name the partner, which is what lets the harness count one missing lock as one finding
// (harness/verdicts/race-titles.ts).
import { describe, expect, it } from 'vitest';
import { titledFindings } from '../../harness/explore/runner.ts';
import { runSeed } from '../helpers/sim.ts';
import { cases } from './programs.ts';

const SEEDS = 30;
const kcsanCases = cases.filter((c) => c.name.startsWith('kcsan-'));

/** The key the report describes: its member line, and the innermost frame of the unlocked access. */
function keyFromReport(report: string): string {
  const lines = report.split('\n');
  const line = lines.find((l) => / is protected by /.test(l)) ?? '';
  const member = /^struct (\S+) member (\S+) is protected by /.exec(line);
  const global = /^global (\S+) of (\S+) is protected by /.exec(line);
  const rule = member !== null ? [member[1], member[2]] : global !== null ? [global[2], global[1]] : null;
  if (rule === null) throw new Error(`no member line in:\n${report}`);
  // Each access header ("write to 0x... by task 1 on cpu 1:") is followed by its innermost frame.
  const frames = lines.flatMap((l, i) => (/^(read|write|read-write) to 0x/.test(l) ? [(lines[i + 1] ?? '').trim()] : []));
  const unlocked = lines.includes('this access was made without it.') ? frames[0] : frames[1];
  return `${rule[0]}.${rule[1]}:${unlocked}`;
}

/** Every KCSAN finding of a case's buggy program over the seeds. */
function racesOf(c: (typeof cases)[number]) {
  return Array.from({ length: SEEDS }, (_, i) => titledFindings(runSeed(c.buggy(), i + 1, { plan: c.plan }).findings))
    .flat()
    .filter((f) => f.kind === 'kcsan');
}

describe('KCSAN race keys', () => {
  it('there are KCSAN proof programs to check', () => {
    expect(kcsanCases.length).toBeGreaterThan(1);
  });

  it.each(kcsanCases)('$name: every race carries the member and unlocked function its report names', (c) => {
    const races = racesOf(c);
    expect(races.length).toBeGreaterThan(0);
    for (const f of races) expect(f.raceKey).toBe(keyFromReport(f.report));
  });

  it('one missing lock met by two different partners has one key under two titles', () => {
    // box_reset clears the count without the lock; one program has it meet account_io, the
    // other sample_count.
    const byName = new Map(kcsanCases.map((c) => [c.name, racesOf(c)]));
    const second = byName.get('kcsan-second-context')?.[0];
    const destructor = byName.get('kcsan-destructor')?.[0];
    expect(second?.title).not.toBe(destructor?.title);
    expect(second?.raceKey).toBeDefined();
    expect(second?.raceKey).toBe(destructor?.raceKey);
  });

  it('findings of other detectors carry none', () => {
    for (const c of cases.filter((x) => !x.name.startsWith('kcsan-'))) {
      const found = titledFindings(runSeed(c.buggy(), 1, { plan: c.plan }).findings);
      for (const f of found) expect(f.raceKey, `${c.name}: ${f.title}`).toBeUndefined();
    }
  });
});
