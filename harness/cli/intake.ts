// lkml-harness intake <public-inbox git dir> [--since DATE] [--json]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { intakePublicInbox } from '../nightly/public-inbox.ts';
import { PATCHES_DIR } from '../patches/load.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { since: { type: 'string' }, json: { type: 'boolean', default: false }, patches: { type: 'string' } },
  });
  const dir = positionals[0];
  if (dir === undefined) throw new HarnessError('name a public-inbox git folder');
  if (!existsSync(dir)) throw new HarnessError(`${dir}: no such folder`);
  const report = await intakePublicInbox(resolve(dir), values.since ?? null, values.patches ? resolve(values.patches) : PATCHES_DIR);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
    return 0;
  }
  process.stdout.write(`${report.messages} messages: ${report.withoutPatch} without a patch, ${report.notModeled} touching nothing modeled, ${report.entries.length} touching modeled code\n`);
  for (const e of report.entries) {
    const what = e.status === 'queued' ? `queued (patches/${e.module})` : e.status === 'ported' ? `ported now and queued (patches/${e.module})` : `does not port: ${e.problems[0] ?? ''}${e.problems.length > 1 ? ` (+${e.problems.length - 1} more)` : ''}`;
    process.stdout.write(`  ${e.date ?? '?'} ${e.subject}\n    ${what}; ${e.modeled}/${e.touched} touched functions modeled: ${e.modeledFunctions.join(', ')}\n`);
  }
  return 0;
}
