// lkml-harness evaluate <patch-dir | mail> [--schedules N] [--seed S] [--jobs J] [--out DIR]
// lkml-harness evaluate --all: every module in patches/.
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { type Target, evaluate, targetFromDir, targetFromMail } from '../evaluate/evaluate.ts';
import { quietProgress, terminalProgress } from '../evaluate/progress.ts';
import type { EvaluationResult } from '../results/evaluation.ts';
import { formatSide } from '../results/format.ts';
import { VERDICT_LABEL } from '../results/verdicts.ts';
import { PATCHES_DIR, patchDirs } from '../patches/load.ts';
import { writeIndex, writePatchReports } from '../../reports/write.ts';
import { parseCount } from './args.ts';

function summary(r: EvaluationResult): string {
  const lines = r.findings.map(
    (f) => `  ${VERDICT_LABEL[f.verdict].padEnd(13)} ${f.title.padEnd(58)} baseline ${formatSide(f.baseline).padEnd(22)} patched ${formatSide(f.patched)}`,
  );
  const changed = r.suites.reduce((n, s) => n + s.changedSchedules, 0);
  if (changed === 0) lines.unshift('  the patch did not change the modeled behaviour: every patched schedule ran as the baseline did');
  if (lines.length === 0) lines.push('  no findings on either side');
  for (const e of r.harnessErrors) lines.push(`  HARNESS ERROR ${e.job}: ${e.message}`);
  return lines.join('\n');
}

async function targetFor(input: string, patchesDir: string): Promise<Target> {
  if (!existsSync(input)) throw new HarnessError(`${input}: no such file or folder`);
  return statSync(input).isDirectory() ? targetFromDir(input) : targetFromMail(input, patchesDir);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      schedules: { type: 'string' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string' },
      out: { type: 'string', default: 'out' },
      patches: { type: 'string' },
    },
  });
  const patchesDir = values.patches === undefined ? PATCHES_DIR : resolve(values.patches);
  const inputs = values.all ? patchDirs(patchesDir) : positionals;
  if (inputs.length === 0) throw new HarnessError(values.all ? 'no patch modules under patches/' : 'name a patch folder or a mail file, or pass --all');
  const seed = parseCount('--seed', values.seed, 0);
  const schedules = values.schedules === undefined ? undefined : parseCount('--schedules', values.schedules, 1);
  const jobs = values.jobs === undefined ? availableParallelism() : parseCount('--jobs', values.jobs, 1);
  const out = resolve(values.out);

  // Read every input before running anything: bad input fails fast and writes nothing.
  const targets: Target[] = [];
  for (const input of inputs) targets.push(await targetFor(input, patchesDir));
  mkdirSync(out, { recursive: true });

  const tty = process.stderr.isTTY === true && process.env.CI === undefined;
  for (const t of targets) {
    const id = t.set?.identity;
    process.stdout.write(`parsed ${t.patch.messageId ?? id?.messageId ?? '(no Message-ID)'} "${t.patch.subject}"\n`);
    if (t.set !== null) {
      const files = t.set.patches.flatMap((p) => p.files);
      const added = files.reduce((n, f) => n + (f.added ?? 0), 0);
      const removed = files.reduce((n, f) => n + (f.removed ?? 0), 0);
      process.stdout.write(`  ${files.length} files, +${added}/-${removed}\n`);
    }
    const result = await evaluate(t, {
      seed,
      schedules,
      jobs,
      resultsPath: join(values.out, t.patch.slug, 'results.json'),
      progress: tty ? terminalProgress(process.stderr) : quietProgress(process.stdout),
    });
    process.stdout.write(`  suites: ${result.suites.map((s) => s.name).join(', ')}\n${summary(result)}\n`);
    const dir = writePatchReports(out, result);
    process.stdout.write(`  report: ${join(dir, 'index.html')}  (+ report.txt, reply.eml, results.json)\n`);
  }
  writeIndex(out);
  process.stdout.write(`index: ${join(out, 'index.html')}\n`);
  return 0;
}
