// Every detector proven twice: the buggy program triggers it with the expected title (the title
// the report-title table gives its report, as for real kernel output), the corrected one stays
// silent, over many schedules. Each report is also compared with a checked-in text for a fixed
// seed: a missing text fails (UPDATE_GOLDEN=1 rewrites them after a deliberate change).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { titledFindings } from '../../harness/explore/runner.ts';
import type { RunResult } from '../../kernel-model/sim/run.ts';
import { runSeed } from '../helpers/sim.ts';
import { cases } from './programs.ts';

const titles = (r: RunResult): string[] => titledFindings(r.findings).map((f) => f.title);

const SEEDS = 30;
const goldenDir = new URL('../fixtures/reports/', import.meta.url).pathname;

describe.each(cases)('$name', (c) => {
  it(`buggy program: "${c.title}"`, () => {
    let hits = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = runSeed(c.buggy(), seed, { plan: c.plan });
      if (titles(r).includes(c.title)) hits++;
    }
    expect(hits).toBeGreaterThan(0);
  });

  it('corrected program: silent', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = runSeed(c.fixed(), seed, { plan: c.plan });
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome, `seed ${seed}`).toBe('completed');
    }
  });

  it('report text matches the checked-in kernel-format report (seed 1)', () => {
    let seed = 1;
    const found = (s: number) => titledFindings(runSeed(c.buggy(), s, { plan: c.plan }).findings).find((f) => f.title === c.title);
    let finding = found(seed);
    while (finding === undefined && seed < SEEDS) finding = found(++seed);
    expect(finding).toBeDefined();
    const file = `${goldenDir}${c.name}.txt`;
    const text = `${finding?.title}\n\n${finding?.report}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(existsSync(file), `${file} is missing: a golden text is checked in, never written by the test`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
