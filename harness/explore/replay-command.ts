// The one command that replays a run, as `run`, evaluate's results and the reports print it:
// the suite, the side, the patch module, the fault plan and the decision string, nothing else
// (no results.json needed), quoted for a POSIX shell.

export interface ReplaySpec {
  suite: string;
  variant: 'baseline' | 'patched';
  plan: string;
  decisions: string;
}

/** A word for a POSIX shell: bare when it is safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * With `expected`, the command checks that the run reports it (exit 1 when it does not): a
 * finding in a report replays as itself, even from a run another report led. A data race is
 * checked by its race key (`--race-key`): the same missing lock, whichever partner it meets.
 */
export function replayCommand(spec: ReplaySpec, patchDir: string | null, expected?: { title: string; raceKey?: string }): string {
  const words = ['lkml-harness', 'replay', '--suite', spec.suite, '--variant', spec.variant];
  if (spec.variant === 'patched' && patchDir !== null) words.push('--patch', patchDir);
  words.push('--plan', spec.plan, '--decisions', spec.decisions);
  if (expected !== undefined) words.push('--title', expected.title);
  if (expected?.raceKey !== undefined) words.push('--race-key', expected.raceKey);
  return words.map(shellWord).join(' ');
}
