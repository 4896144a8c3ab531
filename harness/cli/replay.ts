// lkml-harness replay <results.json> --finding <n>: re-runs a finding from its decision string,
// prints its report and the step-by-step event log; exit 0 when the same title reproduces.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { EvaluationResultSchema } from '../results/evaluation.ts';
import { readValidated } from '../results/read.ts';
import { replay, titledFindings } from '../explore/runner.ts';
import { PATCHES_DIR, loadPatch } from '../patches/load.ts';
import { findSuite } from '../suites/index.ts';
import { parseCount } from './args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { finding: { type: 'string' }, quiet: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (file === undefined) throw new HarnessError('name a results.json to replay from');
  if (values.finding === undefined) throw new HarnessError('--finding <index> is required');
  if (!existsSync(file)) throw new HarnessError(`${file}: no such file`);
  const results = readValidated(file, EvaluationResultSchema, 'an lkml-harness results.json');
  const index = parseCount('--finding', values.finding, 0);
  const finding = results.findings[index];
  if (finding === undefined) throw new HarnessError(`${file}: no finding ${index} (it has ${results.findings.length})`);
  const suite = findSuite(finding.reproducer.suite);
  if (suite === undefined) throw new HarnessError(`${file}: finding ${index} comes from suite '${finding.reproducer.suite}', which this build does not have`);
  const patch = finding.reproducer.variant === 'patched' ? await loadPatch(join(PATCHES_DIR, results.patch.slug)) : null;

  const r = replay(suite, finding.reproducer, patch, true);
  const titled = titledFindings(r.findings);
  const found = titled.find((f) => f.title === finding.title);
  if (!values.quiet) {
    process.stdout.write(`replaying ${finding.reproducer.suite} (${finding.reproducer.variant})\nplan: ${finding.reproducer.plan}\ndecisions: ${finding.reproducer.decisions}\n\n`);
    process.stdout.write(`${(r.log ?? []).join('\n')}\n\n`);
    process.stdout.write(found ? `${found.report}\n\n` : '');
  }
  process.stdout.write(found ? `reproduced: ${finding.title}\n` : `NOT reproduced: ${finding.title} (got: ${titled.map((f) => f.title).join('; ') || 'no findings'})\n`);
  return found ? 0 : 1;
}
