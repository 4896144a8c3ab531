// The function a hunk starts in when its header does not say: an archive copy printed the bare
// '@@ -a,b +c,d @@', or git's funcname rule picked a label ('read_again:') because labels, like
// definitions, start at column 0. The model's C at each base that holds the file is searched for
// the hunk's old lines, and the definition around them is read the way the kernel lays it out:
// the body opens with '{' at column 0 and closes with '}' at column 0, the signature above it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';
import { DEFAULT_MODEL_DIR } from './project-paths.ts';
import type { Hunk } from './types.ts';

const texts = new Map<string, string[] | null>();

function cLines(base: string, path: string): string[] | null {
  const file = join(DEFAULT_MODEL_DIR, 'c', base, path);
  if (!texts.has(file)) texts.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : null);
  return texts.get(file) ?? null;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** 0-based index where `old` (context and removed lines) starts in `lines`, nearest `near` first. */
function locate(lines: readonly string[], old: readonly string[], near: number): number {
  if (old.length === 0) return -1;
  const want = old.map(squash);
  const fits = (at: number): boolean => want.every((w, k) => squash(lines[at + k] ?? '\u0000') === w);
  for (let d = 0; d < lines.length; d++) {
    if (near - d >= 0 && fits(near - d)) return near - d;
    if (d > 0 && near + d < lines.length && fits(near + d)) return near + d;
    if (near - d < 0 && near + d >= lines.length) break;
  }
  return -1;
}

/** The function whose body holds line `at` (0-based), or null when it lies between definitions. */
export function functionAround(lines: readonly string[], at: number): string | null {
  for (let i = at; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('}') && i < at) return null;
    if (!line.startsWith('{')) continue;
    // The signature: the lines above the '{' back to the one starting at column 0.
    const signature: string[] = [];
    for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
      signature.unshift(lines[j] ?? '');
      if (/^[A-Za-z_]/.test(lines[j] ?? '')) break;
    }
    const name = /([A-Za-z_]\w*)\s*\(/.exec(signature.join(' '));
    return name === null ? null : (name[1] as string);
  }
  return null;
}

/** The function `hunk` of `path` starts in, from the model's C at the first base whose text holds the hunk. */
export function enclosingFunctionAtBases(path: string, hunk: Hunk): string | null {
  const old = (hunk.lines ?? []).filter((l) => l.kind === 'context' || l.kind === 'removed').map((l) => l.text);
  for (const base of Object.keys(MANIFEST)) {
    const lines = cLines(base, path);
    if (lines === null) continue;
    const at = locate(lines, old, Math.max(hunk.oldStart - 1, 0));
    if (at >= 0) return functionAround(lines, at);
  }
  return null;
}
