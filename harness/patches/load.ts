// Finding and loading patch modules (patches/<slug>/patch.ts).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { HarnessError } from '../errors.ts';
import { type PostedFor, PostedForSchema } from '../results/evaluation.ts';

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

/**
 * What a patch module says the patch was posted to fix (its `postedFor` export), checked
 * against the schema; null when the module does not say.
 */
export async function loadPostedFor(dir: string): Promise<PostedFor | null> {
  const file = join(resolve(dir), 'patch.ts');
  const mod = (await import(pathToFileURL(file).href)) as { postedFor?: unknown };
  // A generated module (lkml-harness port) keeps the reviewer's note beside it, in JSON.
  const sidecar = join(resolve(dir), POSTED_FOR_FILE);
  let value: unknown = mod.postedFor;
  let from = file;
  if (value === undefined && existsSync(sidecar)) {
    from = sidecar;
    try {
      value = JSON.parse(readFileSync(sidecar, 'utf8'));
    } catch (err) {
      throw new HarnessError(`${sidecar}: not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (value === undefined) return null;
  const r = PostedForSchema.safeParse(value);
  if (!r.success) throw new HarnessError(`${from}: postedFor is not { summary, suites, titles } (${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message})`);
  return r.data;
}

/** What the patch was posted to fix, for a module whose patch.ts is generated. */
export const POSTED_FOR_FILE = 'posted-for.json';
