// Every folder opens with a README.md: a `# ` title line, then what lives there (naming each .ts
// file directly in the folder) and what it may import. A folder with more than 12 .ts files of
// its own is checked for its titled README only: today harness/ingest, harness/suites,
// harness/translate and kernel-model/kernel. The translated worlds (kernel-model/v3.2,
// kernel-model/v3.15) have one README at the base folder for all their generated subfolders,
// which mirror the kernel tree and are not checked file by file; the base folder holds only
// world.ts, which its README names.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/modules.ts';

const FOLDERS = [
  'harness/cli', 'harness/drift', 'harness/evaluate', 'harness/explore', 'harness/fuzz', 'harness/ingest', 'harness/mutants',
  'harness/nightly', 'harness/patches', 'harness/port', 'harness/results', 'harness/suites', 'harness/titles',
  'harness/translate', 'harness/verdicts',
  'kernel-model', 'kernel-model/sim', 'kernel-model/kernel', 'kernel-model/mm', 'kernel-model/lib', 'kernel-model/block',
  'kernel-model/include', 'kernel-model/c', 'kernel-model/v3.2', 'kernel-model/v3.15', 'kernel-model/arch',
  'kernel-model/drivers',
  'reports', 'reports/html', 'docs', 'test', 'test/helpers', 'bench', 'bin',
];

/** Above this many .ts files of its own, a folder's README need not name each one. */
const NAMED_UP_TO = 12;

function ownTsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && statSync(join(dir, name)).isFile())
    .sort();
}

/** The file's name as a word of its own: not the tail of a longer name (text.ts in nightly-text.ts). */
function names(readme: string, file: string): boolean {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`).test(readme);
}

describe('folder READMEs', () => {
  it.each(FOLDERS)('%s has a README.md with a title line', (folder) => {
    const file = join(REPO, folder, 'README.md');
    expect(existsSync(file), `${folder}/README.md`).toBe(true);
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    expect(first.startsWith('# '), `${folder}/README.md's first line: ${first}`).toBe(true);
  });

  it.each(FOLDERS)('%s: its README names every .ts file in the folder', (folder) => {
    const dir = join(REPO, folder);
    const files = ownTsFiles(dir);
    if (files.length > NAMED_UP_TO) return;
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(files.filter((f) => !names(readme, f)), `not named in ${folder}/README.md`).toEqual([]);
  });
});
