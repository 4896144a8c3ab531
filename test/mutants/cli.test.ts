// `npm run mutants`'s manners: --help prints the usage and exits 0; an unknown option, an option
// missing its value or a base the model does not have gets one line on stderr and exit 2, with
// no stack trace.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/modules.ts';

const mutants = (...args: string[]) => execa('node', ['--import', 'tsx', join(REPO, 'harness/mutants/cli.ts'), ...args], { reject: false, cwd: REPO });

describe('npm run mutants', () => {
  it('answers --help with its usage and exit 0', { timeout: 60_000 }, async () => {
    const r = await mutants('--help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run mutants -- \[--base v3\.2\|v3\.15\]/);
  });

  it('refuses an unknown option, a missing value and an unknown base in one line, exit 2', { timeout: 60_000 }, async () => {
    const results = await Promise.all([mutants('--no-such-option'), mutants('--base'), mutants('--base', 'v9', '--function', 'x')]);
    expect(results.map((r) => r.exitCode)).toEqual([2, 2, 2]);
    expect(results.map((r) => r.stderr)).toEqual([
      "mutants: Unknown option '--no-such-option' (see --help)",
      "mutants: Option '--base <value>' argument missing (see --help)",
      'mutants: no base v9 (modeled: v3.2, v3.15)',
    ]);
  });
});
