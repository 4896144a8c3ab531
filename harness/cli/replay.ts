// lkml-harness replay <results.json> --finding <n>, or replay --suite S --variant V [--patch DIR]
// --plan P --decisions D [--title T [--race-key K]]: re-runs a run from its decision string,
// prints its report and the step-by-step event log; exit 0 when the expected finding reproduces
// (with no title: the run's first finding is printed). A data race reproduces when the run shows
// its race key, whichever partner it meets (harness/verdicts/race-titles.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { EvaluationResultSchema } from '../results/evaluation.ts';
import { readValidated } from '../results/read.ts';
import { replay, titledFindings } from '../explore/runner.ts';
import type { ReplaySpec } from '../explore/replay-command.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { PATCHES_DIR, loadPatch } from '../patches/load.ts';
import { type RaceTitled, sameFinding } from '../verdicts/race-titles.ts';
import { findSuite } from '../suites/index.ts';
import { parseCount } from './args.ts';

const USAGE = "usage: lkml-harness replay <results.json> --finding <n> | replay --suite S --variant baseline|patched [--patch DIR] --plan '...' --decisions d1:...";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      finding: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      suite: { type: 'string' },
      variant: { type: 'string' },
      patch: { type: 'string' },
      plan: { type: 'string' },
      decisions: { type: 'string' },
      title: { type: 'string' },
      'race-key': { type: 'string' },
    },
  });
  let spec: ReplaySpec;
  let patch: PatchModule | null = null;
  let expected: RaceTitled | null;
  const file = positionals[0];
  if (values.suite !== undefined) {
    // Everything on the command line, as `run` and the reports print it.
    if (values.variant !== 'baseline' && values.variant !== 'patched') throw new HarnessError(`--variant must be baseline or patched; ${USAGE}`);
    if (values.plan === undefined || values.decisions === undefined) throw new HarnessError(`--plan and --decisions are required; ${USAGE}`);
    if (values.variant === 'patched' && values.patch === undefined) throw new HarnessError('--variant patched needs --patch <module dir>');
    spec = { suite: values.suite, variant: values.variant, plan: values.plan, decisions: values.decisions };
    if (values.variant === 'patched') patch = await loadPatch(values.patch as string);
    if (values['race-key'] !== undefined && values.title === undefined) throw new HarnessError('--race-key needs --title');
    expected = values.title === undefined ? null : { title: values.title, raceKey: values['race-key'] };
  } else {
    if (file === undefined) throw new HarnessError(USAGE);
    if (values.finding === undefined) throw new HarnessError('--finding <index> is required');
    if (!existsSync(file)) throw new HarnessError(`${file}: no such file`);
    const results = readValidated(file, EvaluationResultSchema, 'an lkml-harness results.json');
    const index = parseCount('--finding', values.finding, 0);
    const finding = results.findings[index];
    if (finding === undefined) throw new HarnessError(`${file}: no finding ${index} (it has ${results.findings.length})`);
    spec = finding.reproducer;
    if (spec.variant === 'patched') patch = await loadPatch(join(PATCHES_DIR, results.patch.slug));
    expected = { title: finding.title, raceKey: finding.raceKey };
  }
  const suite = findSuite(spec.suite);
  if (suite === undefined) throw new HarnessError(`no suite '${spec.suite}' in this build`);

  const r = replay(suite, spec, patch, true);
  const titled = titledFindings(r.findings);
  const found = expected === null ? titled[0] : titled.find((f) => sameFinding(f, expected));
  if (!values.quiet) {
    process.stdout.write(`replaying ${spec.suite} (${spec.variant})\nplan: ${spec.plan}\ndecisions: ${spec.decisions}\n\n`);
    process.stdout.write(`${(r.log ?? []).join('\n')}\n\n`);
    process.stdout.write(found ? `${found.report}\n\n` : '');
  }
  if (expected === null) {
    process.stdout.write(found ? `found: ${found.title}\n` : 'no findings\n');
    return 0;
  }
  // A race met with another partner than the title names: the run's own title says which.
  const as = found !== undefined && found.title !== expected.title ? ` (as: ${found.title})` : '';
  process.stdout.write(found ? `reproduced: ${expected.title}${as}\n` : `NOT reproduced: ${expected.title} (got: ${titled.map((f) => f.title).join('; ') || 'no findings'})\n`);
  return found ? 0 : 1;
}
