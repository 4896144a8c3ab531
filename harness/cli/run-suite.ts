// lkml-harness run <suite>: one suite by hand, baseline or with a patch, printing each run that
// found something (with its plan line and decision string) and a summary by title (a data race
// under its race key's title, as the verdicts count it: harness/verdicts/race-titles.ts).
import { parseArgs } from 'node:util';
import { allSuites, findSuite } from '../suites/index.ts';
import { runSeeds } from '../explore/runner.ts';
import { replayCommand, shellWord } from '../explore/replay-command.ts';
import { type FaultPlan, parsePlan } from '../../kernel-model/sim/faults.ts';
import type { StrategyName } from '../explore/strategies.ts';
import { HarnessError } from '../errors.ts';
import { loadPatch } from '../patches/load.ts';
import { raceTitles } from '../verdicts/race-titles.ts';
import { parseCount } from './args.ts';

const STRATEGIES = ['random', 'pct', 'portfolio'] as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '1' },
      first: { type: 'string', default: '0' },
      schedules: { type: 'string' },
      patch: { type: 'string' },
      strategy: { type: 'string', default: 'portfolio' },
      plan: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const name = positionals[0];
  if (name === undefined) {
    throw new HarnessError(`name a suite to run: ${allSuites().map((s) => s.name).join(', ')}`);
  }
  const suite = findSuite(name);
  if (suite === undefined) throw new HarnessError(`no suite named '${name}' (try: ${allSuites().map((s) => s.name).join(', ')})`);
  if (!(STRATEGIES as readonly string[]).includes(values.strategy)) {
    throw new HarnessError(`--strategy must be one of ${STRATEGIES.join(', ')}`);
  }
  const seed = parseCount('--seed', values.seed, 0);
  const count = values.schedules === undefined ? suite.defaultSchedules : parseCount('--schedules', values.schedules, 1);
  const patch = values.patch === undefined ? null : await loadPatch(values.patch);

  const first = parseCount('--first', values.first, 0);
  // --plan holds one fault plan (a printed plan line) while the schedules vary.
  const plan = values.plan === undefined ? undefined : parsePlanArg(values.plan);
  // The whole configuration first, as a command that runs it again.
  const again = (from: number, n: number): string =>
    `lkml-harness run ${suite.name} --seed ${seed} --first ${from} --schedules ${n} --strategy ${values.strategy}${values.patch === undefined ? '' : ` --patch ${values.patch}`}${values.plan === undefined ? '' : ` --plan ${shellWord(values.plan)}`}`;
  process.stdout.write(`suite ${suite.name} (${patch ? `patched: ${patch.slug}` : 'baseline'}), ${count} schedules: ${again(first, count)}\n`);
  const records = runSeeds(suite, { seed, first, count, strategy: values.strategy as Exclude<StrategyName, 'replay'>, patch, plan });
  const titles = raceTitles(records.map((r) => r.findings));
  const byTitle = new Map<string, number>();
  const outcomes = new Map<string, number>();
  for (const r of records) {
    // A run that found nothing but did not complete (livelock, step limit) is shown too.
    if (r.outcome !== 'completed' && r.outcome !== 'found') outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    if (r.findings.length === 0 && r.outcome === 'completed' && !values.verbose) continue;
    process.stdout.write(`run ${r.index} ${r.strategy} ${r.outcome} steps=${r.steps} (alone: ${again(r.index, 1)})\n  plan: ${r.plan}\n`);
    for (const f of r.findings) process.stdout.write(`  ${f.kind}: ${f.title}\n`);
    for (const title of new Set(r.findings.map((f) => titles.titleOf(f)))) byTitle.set(title, (byTitle.get(title) ?? 0) + 1);
    if (r.decisions !== '') process.stdout.write(`  replay: ${replayCommand(r, values.patch ?? null)}\n`);
  }
  process.stdout.write(`\n${records.length} runs; findings by title:\n`);
  if (byTitle.size === 0) process.stdout.write('  none\n');
  for (const [title, hits] of byTitle) process.stdout.write(`  ${String(hits).padStart(5)}/${records.length}  ${title}\n`);
  for (const [outcome, n] of outcomes) process.stdout.write(`  ${String(n).padStart(5)}/${records.length}  (${outcome}: the run ended without completing)\n`);
  return 0;
}

function parsePlanArg(line: string): FaultPlan {
  try {
    return parsePlan(line);
  } catch {
    throw new HarnessError(`--plan: not a fault plan line (paste the "plan:" line a run printed): '${line}'`);
  }
}
