// `lkml-harness port <mail> [--patches DIR] [--force]` (or `port <commit> --git <kernel tree>`):
// writes patches/<slug>/ from the mail alone (the diff applied to the C of a modeled base and
// translated) and exits 0; when a hunk or a construct cannot be taken, prints one line for each,
// writes nothing and exits 2.
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { withMailFile } from '../ingest/git-commit.ts';
import { DEFAULT_PATCHES_DIR } from '../ingest/project-paths.ts';
import { portMail, writePortedModule } from '../port/port.ts';

const USAGE = 'usage: lkml-harness port <mail | commit --git DIR> [--patches DIR] [--force]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: { patches: { type: 'string' }, force: { type: 'boolean' }, git: { type: 'string' } } });
  const [mail, ...extra] = parsed.positionals;
  if (mail === undefined || extra.length > 0) throw new HarnessError(USAGE);
  const { values } = parsed;
  const result = await withMailFile(mail, values.git, async (mailPath) => {
    const r = await portMail({ mailPath, inputName: values.git === undefined ? mail : `commit ${mail}`, patchesDir: values.patches ?? DEFAULT_PATCHES_DIR });
    if (r.ok) await writePortedModule(r, mailPath, values.force === true);
    return r;
  });
  if (!result.ok) {
    process.stderr.write(`${result.problems.map((p) => `lkml-harness port: ${p}`).join('\n')}\n`);
    return 2;
  }
  const m = result.module;
  const lines = [`wrote ${result.dir} (the ${result.base} world)`];
  lines.push(`  overrides: ${m.overrides.join(', ') || '(none)'}`);
  if (m.added.length > 0) lines.push(`  adds: ${m.added.join(', ')}`);
  const moved = result.applied.applied.filter((a) => a.offset !== 0);
  if (moved.length > 0) lines.push(`  ${moved.length} hunk(s) applied at an offset: ${moved.map((a) => `${a.file}#${a.hunk} ${a.offset > 0 ? '+' : ''}${a.offset}`).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
