// Finding and loading patch modules (patches/<slug>/patch.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { HarnessError } from '../errors.ts';

export const PATCHES_DIR = resolve(new URL('../../patches', import.meta.url).pathname);

/** Every patch module folder, by slug order. */
export function patchDirs(root = PATCHES_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'patch.ts')))
    .sort()
    .map((name) => join(root, name));
}

export async function loadPatch(dir: string): Promise<PatchModule> {
  const file = join(resolve(dir), 'patch.ts');
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new HarnessError(`${dir}: not a patch module (no patch.ts in it)`);
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: PatchModule };
  if (mod.default === undefined || typeof mod.default.slug !== 'string' || typeof mod.default.overrides !== 'object') {
    throw new HarnessError(`${file}: does not default-export definePatch({...})`);
  }
  if (mod.default.slug !== basename(resolve(dir))) {
    throw new HarnessError(`${file}: slug '${mod.default.slug}' does not match its folder '${basename(resolve(dir))}'`);
  }
  return mod.default;
}
