// npm run mutants [-- --base v3.2] [--limit N] [--schedules N] [--function NAME ...] [--mutant ID ...] [--json]
import { parseArgs } from 'node:util';
import { runMutants } from './run.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { base: { type: 'string', default: 'v3.2' }, limit: { type: 'string' }, schedules: { type: 'string' }, function: { type: 'string', multiple: true }, mutant: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
});
const report = await runMutants({
  base: values.base,
  limit: values.limit === undefined ? undefined : Number(values.limit),
  schedules: values.schedules === undefined ? undefined : Number(values.schedules),
  functions: values.function ?? (values.mutant === undefined ? undefined : [...new Set(values.mutant.map((id) => id.split(':')[1] as string))]),
  ids: values.mutant,
  onResult: values.json ? undefined : (r, done, total) => process.stderr.write(`[${done}/${total}] ${r.status.padEnd(14)} ${r.id}  ${r.why}\n`),
});
if (values.json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  const lines = [`${report.base}: ${report.killed} of ${report.mutants} mutants killed (${pct(report.killRate)})`];
  for (const [op, c] of Object.entries(report.byOperator).sort()) lines.push(`  ${op.padEnd(14)} ${c.killed}/${c.mutants}`);
  const survivors = report.results.filter((r) => r.status === 'survived');
  if (survivors.length > 0) lines.push('survivors:', ...survivors.map((r) => `  ${r.id}: ${r.what} - ${r.why}`));
  const skipped = report.results.filter((r) => r.status === 'equivalent' || r.status === 'untranslatable');
  if (skipped.length > 0) lines.push(`not run: ${skipped.length} (${skipped.map((r) => `${r.id}: ${r.status}`).join('; ')})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
