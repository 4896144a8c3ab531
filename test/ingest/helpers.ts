// Shared by the ingest tests: fixture paths, and a way to run the CLI's main() in-process while
// capturing what it writes, so a test can check the exit code and the exact stderr lines.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';
import type { Patch, PatchSet } from '../../harness/ingest/types.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const MAIL = (name: string): string => join(FIXTURES, 'mail', name);
export const SEED_000 = join(FIXTURES, 'seeds', '000_bd8217375a047077.txt');
export const SEED_001 = join(FIXTURES, 'seeds', '001_777a884a1886ac83.txt');
export const FIXTURE_MODEL = join(FIXTURES, 'model');
export const FIXTURE_PATCHES = join(FIXTURES, 'patches');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** Reads an input that must hold exactly one patch. */
export async function readSinglePatch(path: string): Promise<{ set: PatchSet; patch: Patch }> {
  const set = await readPatchSet(path);
  const [patch, ...more] = set.patches;
  if (patch === undefined || more.length > 0) throw new Error(`${path}: expected one patch, got ${set.patches.length}`);
  return { set, patch };
}
