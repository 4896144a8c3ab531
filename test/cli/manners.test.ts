// The command line's manners, for every command in its table: --help answers with the usage on
// stdout and exit 0; an unknown option or a missing argument gets exactly one line on stderr and
// exit 2, with no stack trace. And `run` prints its configuration, and each run it shows, as a
// command that runs exactly that again.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { commands } from '../../harness/cli/commands.ts';
import { REPO } from '../helpers/modules.ts';

const CLI = join(REPO, 'bin/lkml-harness.js');
const cli = (...args: string[]) => execa('node', [CLI, ...args], { reject: false });
const names = Object.keys(commands).sort();
const lines = (text: string) => text.trim().split('\n');

describe('every command', () => {
  it('answers --help with its usage and exit 0', { timeout: 60_000 }, async () => {
    const results = await Promise.all(names.map((n) => cli(n, '--help')));
    for (const [i, r] of results.entries()) {
      expect(r.exitCode, names[i]).toBe(0);
      expect(lines(r.stdout), names[i]).toEqual([expect.stringMatching(new RegExp(`^lkml-harness ${names[i]}: .*${names[i] === 'run' ? 'run <suite>' : ''}`))]);
    }
  });

  it('answers an unknown option with one line and exit 2', { timeout: 60_000 }, async () => {
    const results = await Promise.all(names.map((n) => cli(n, '--no-such-option', 'x')));
    for (const [i, r] of results.entries()) {
      expect(r.exitCode, names[i]).toBe(2);
      expect(r.stdout, names[i]).toBe('');
      expect(lines(r.stderr), names[i]).toEqual([`lkml-harness ${names[i]}: Unknown option '--no-such-option'; lkml-harness ${names[i]} --help for its usage`]);
    }
  });

  it('answers a missing argument with one line and exit 2', { timeout: 60_000 }, async () => {
    // nightly takes no argument: with none it runs the whole corpus.
    const needing = names.filter((n) => n !== 'nightly');
    const results = await Promise.all(needing.map((n) => cli(n)));
    for (const [i, r] of results.entries()) {
      expect(r.exitCode, needing[i]).toBe(2);
      expect(r.stdout, needing[i]).toBe('');
      expect(lines(r.stderr), needing[i]).toEqual([expect.stringMatching(new RegExp(`^lkml-harness ${needing[i]}: \\S`))]);
      expect(r.stderr, needing[i]).not.toMatch(/\n\s+at /);
    }
  });

  it('answers an unknown command with its name and the command list, exit 2', async () => {
    const r = await cli('no-such-command');
    expect(r.exitCode).toBe(2);
    expect(lines(r.stderr)[0]).toBe("lkml-harness: unknown command 'no-such-command'");
  });
});

describe('run', () => {
  it('prints its configuration and each run as commands that run exactly that again', { timeout: 120_000 }, async () => {
    const first = await cli('run', 'kvm-cgroup-swap', '--schedules', '4', '--seed', '3');
    expect(first.exitCode).toBe(0);
    const again = /^suite kvm-cgroup-swap \(baseline\), 4 schedules: lkml-harness (run .*)$/.exec(lines(first.stdout)[0] as string);
    expect(again).not.toBeNull();
    const second = await cli(...(again?.[1] as string).split(' '));
    expect(second.stdout).toBe(first.stdout);

    // One run shown by the first: its "alone" command gives the same run, findings and replay line.
    const shown = lines(first.stdout).findIndex((l) => l.startsWith('run '));
    expect(shown).toBeGreaterThan(0);
    const alone = /\(alone: lkml-harness (run .*)\)$/.exec(lines(first.stdout)[shown] as string)?.[1] as string;
    const single = await cli(...alone.split(' '));
    const block = (text: string, from: number) => {
      const l = lines(text);
      const end = l.findIndex((x, k) => k > from && !x.startsWith('  '));
      return l.slice(from, end);
    };
    expect(block(single.stdout, 1)).toEqual(block(first.stdout, shown));
  });

  it('holds a pasted plan line for every run, and refuses a line that is not one', { timeout: 120_000 }, async () => {
    const plan = 'failslab=p0,i1,t0,s0,n0,at:* mem=low iodelay=1 ioerr=0 wqdelay=0';
    const held = await cli('run', 'cgroup-churn', '--schedules', '4', '--plan', plan, '--verbose');
    expect(held.exitCode).toBe(0);
    const plans = lines(held.stdout).filter((l) => l.startsWith('  plan: '));
    expect(plans).toHaveLength(4);
    for (const l of plans) expect(l).toBe(`  plan: ${plan}`);

    const bad = await cli('run', 'cgroup-churn', '--plan', 'mem=sometimes');
    expect(bad.exitCode).toBe(2);
    expect(lines(bad.stderr)).toEqual([expect.stringMatching(/^lkml-harness run: --plan: not a fault plan line/)]);
  });

  it('ends quietly when its reader stops early (| head)', { timeout: 120_000 }, async () => {
    const r = await execa('sh', ['-c', `node ${CLI} run cgroup-churn --schedules 20 --verbose | head -1`], { reject: false });
    expect(r.stdout).toMatch(/^suite cgroup-churn/);
    expect(r.stderr).toBe('');
  });
});
