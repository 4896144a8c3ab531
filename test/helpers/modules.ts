// Writes patch modules into a temporary patches folder for end-to-end tests. They import the
// project by absolute path, so they work from anywhere.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/** A patches folder outside the project; its package.json makes its .ts files ES modules. */
export function tempPatchesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lkml-patches-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

export function writeModule(patchesDir: string, slug: string, source: string, files: Record<string, string> = {}): string {
  const dir = join(patchesDir, slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'patch.ts'), source);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
