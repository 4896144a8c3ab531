// `lkml-harness scaffold <mail | commit --git DIR> [--patches DIR] [--model DIR]`: starts a patch module for a new
// patch in patches/<date>-<subject words>/. Refuses (exit 2) when that directory exists.
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { withMailFile } from '../ingest/git-commit.ts';
import { DEFAULT_MODEL_DIR, DEFAULT_PATCHES_DIR } from '../ingest/project-paths.ts';
import { scaffoldPatchModule } from '../ingest/scaffold-module.ts';

const USAGE = 'usage: lkml-harness scaffold <mail | commit --git DIR> [--patches DIR] [--model DIR]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: { patches: { type: 'string' }, model: { type: 'string' }, git: { type: 'string' } } });
  const [mail, ...extra] = parsed.positionals;
  if (mail === undefined || extra.length > 0) throw new HarnessError(USAGE);
  const result = await withMailFile(mail, parsed.values.git, (mailPath) =>
    scaffoldPatchModule({
      mailPath,
      patchesDir: parsed.values.patches ?? DEFAULT_PATCHES_DIR,
      modelDir: parsed.values.model ?? DEFAULT_MODEL_DIR,
    }),
  );
  const lines = [`created ${result.dir}`];
  lines.push(
    result.copied.length > 0
      ? `  ${result.copied.length} override(s) start as baseline copies, to be ported: ${result.copied.join(', ')}`
      : '  no touched function is in the model: there was nothing to copy',
  );
  if (result.notModeled.length > 0) lines.push(`  not in the model, decide in patch.ts: ${result.notModeled.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
