// npm run mutants [-- --base v3.2] [--sample NAME] [--function NAME ...] [--mutant ID ...] [--limit N] [--schedules N] [--json]
// npm run mutants -- --base v3.15 --draw SIZE [--offset K]: the next sample by rule (draw.ts), printed, not run
import { parseArgs } from 'node:util';
import { type Draw, drawSample } from './draw.ts';
import { mutableFunctions, runMutants } from './run.ts';
import { MUTANT_SAMPLES, sampleNamed, takenFunctions } from './samples.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';

const USAGE = [
  'usage: npm run mutants -- [--base v3.2|v3.15] [--sample NAME] [--function NAME ...] [--mutant ID ...] [--limit N] [--schedules N] [--json]',
  '       npm run mutants -- --base v3.15 --draw SIZE [--offset K]',
].join('\n');

function fail(message: string): never {
  process.stderr.write(`mutants: ${message}\n`);
  process.exit(2);
}

const OPTIONS = {
  base: { type: 'string' },
  sample: { type: 'string' },
  draw: { type: 'string' },
  offset: { type: 'string', default: '0' },
  limit: { type: 'string' },
  schedules: { type: 'string' },
  function: { type: 'string', multiple: true },
  mutant: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parse(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ args: process.argv.slice(2), options: OPTIONS }).values;
  } catch (e) {
    // parseArgs names the option it does not know, or the one missing its value.
    fail(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
}

const values = parse();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const sample = values.sample === undefined ? undefined : sampleNamed(values.sample);
if (values.sample !== undefined && sample === undefined) fail(`no sample named ${values.sample} (recorded: ${MUTANT_SAMPLES.map((s) => s.name).join(', ')})`);
if (sample !== undefined && values.base !== undefined && values.base !== sample.base) fail(`sample ${sample.name} is of ${sample.base}, not ${values.base}`);
const base = sample?.base ?? values.base ?? 'v3.2';
if (!(base in MANIFEST)) fail(`no base ${base} (modeled: ${Object.keys(MANIFEST).join(', ')})`);

async function draw(sizeText: string): Promise<void> {
  const size = Number(sizeText);
  if (!Number.isInteger(size) || size < 1) fail(`--draw wants a sample size, got ${sizeText}`);
  const candidates = await mutableFunctions(base);
  let d: Draw;
  try {
    d = drawSample(candidates, takenFunctions(base), size, Number(values.offset));
  } catch (e) {
    fail((e as Error).message);
  }
  process.stdout.write(
    `${base}: ${d.remaining.length} exercised functions with mutants outside the recorded samples; one in ${d.every} from offset ${values.offset}:\n` +
      `${d.functions.join(' ')}\n`,
  );
}

async function run(): Promise<void> {
  const report = await runMutants({
    base,
    limit: values.limit === undefined ? undefined : Number(values.limit),
    schedules: values.schedules === undefined ? undefined : Number(values.schedules),
    functions: values.function ?? sample?.functions ?? (values.mutant === undefined ? undefined : [...new Set(values.mutant.map((id) => id.split(':')[1] as string))]),
    ids: values.mutant,
    onResult: values.json ? undefined : (r, done, total) => process.stderr.write(`[${done}/${total}] ${r.status.padEnd(14)} ${r.id}  ${r.why}\n`),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  const lines = [`${report.base}${sample === undefined ? '' : ` sample ${sample.name}`}: ${report.killed} of ${report.mutants} mutants killed (${pct(report.killRate)})`];
  for (const [op, c] of Object.entries(report.byOperator).sort()) lines.push(`  ${op.padEnd(14)} ${c.killed}/${c.mutants}`);
  const survivors = report.results.filter((r) => r.status === 'survived');
  if (survivors.length > 0) lines.push('survivors:', ...survivors.map((r) => `  ${r.id}: ${r.what} - ${r.why}`));
  const skipped = report.results.filter((r) => r.status === 'equivalent' || r.status === 'untranslatable');
  if (skipped.length > 0) lines.push(`not run: ${skipped.length} (${skipped.map((r) => `${r.id}: ${r.status}`).join('; ')})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await (values.draw === undefined ? run() : draw(values.draw));
