// lkml-harness run <suite>: one suite by hand, baseline or with a patch, printing each run that
// found something (with its plan line and decision string) and a summary by title.
import { parseArgs } from 'node:util';
import { allSuites, findSuite } from '../suites/index.ts';
import { runSeeds } from '../explore/runner.ts';
import { replayCommand } from '../explore/replay-command.ts';
import type { StrategyName } from '../explore/strategies.ts';
import { HarnessError } from '../errors.ts';
import { loadPatch } from '../patches/load.ts';
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
      verbose: { type: 'boolean', default: false },
    },
  });
  const name = positionals[0];
  if (name === undefined) {
    const list = allSuites().map((s) => `  ${s.name.padEnd(28)} ${s.summary}`).join('\n');
    throw new HarnessError(`name a suite to run; suites:\n${list}`);
  }
  const suite = findSuite(name);
  if (suite === undefined) throw new HarnessError(`no suite named '${name}' (try: ${allSuites().map((s) => s.name).join(', ')})`);
  if (!(STRATEGIES as readonly string[]).includes(values.strategy)) {
    throw new HarnessError(`--strategy must be one of ${STRATEGIES.join(', ')}`);
  }
  const seed = parseCount('--seed', values.seed, 0);
  const count = values.schedules === undefined ? suite.defaultSchedules : parseCount('--schedules', values.schedules, 1);
  const patch = values.patch === undefined ? null : await loadPatch(values.patch);

  process.stdout.write(`suite ${suite.name} (${patch ? `patched: ${patch.slug}` : 'baseline'}), ${count} schedules from seed ${seed}\n`);
  const first = parseCount('--first', values.first, 0);
  const records = runSeeds(suite, { seed, first, count, strategy: values.strategy as Exclude<StrategyName, 'replay'>, patch });
  const byTitle = new Map<string, number>();
  for (const r of records) {
    if (r.findings.length === 0 && !values.verbose) continue;
    process.stdout.write(`run ${r.index} (seed ${r.seed}) ${r.strategy} ${r.outcome} steps=${r.steps}\n  plan: ${r.plan}\n`);
    for (const f of r.findings) {
      byTitle.set(f.title, (byTitle.get(f.title) ?? 0) + 1);
      process.stdout.write(`  ${f.kind}: ${f.title}\n`);
    }
    if (r.decisions !== '') process.stdout.write(`  replay: ${replayCommand(r, values.patch ?? null)}\n`);
  }
  process.stdout.write(`\n${records.length} runs; findings by title:\n`);
  if (byTitle.size === 0) process.stdout.write('  none\n');
  for (const [title, hits] of byTitle) process.stdout.write(`  ${String(hits).padStart(5)}/${records.length}  ${title}\n`);
  return 0;
}
