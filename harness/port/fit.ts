// Which modeled base a patch fits: its hunks applied to each base's C in turn (no translation),
// for `port` to choose and for `inspect` to say where the hunks are not in the model's C.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PatchSet } from '../ingest/types.ts';
import { C_ROOT } from '../translate/paths.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';
import { type AppliedPatch, applyFileDiffs } from './apply-hunks.ts';

/** Every patch of the set, in order, applied to one base's C. */
export function applyToBase(set: PatchSet, base: string): AppliedPatch {
  const root = join(C_ROOT, base);
  const texts = new Map<string, string>();
  const all: AppliedPatch = { texts, applied: [], problems: [] };
  for (const p of set.patches) {
    const r = applyFileDiffs(p.files, (path) => texts.get(path) ?? (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null));
    for (const [k, v] of r.texts) texts.set(k, v);
    all.applied.push(...r.applied);
    all.problems.push(...r.problems);
  }
  return all;
}

export interface BaseFit {
  /** The base that takes every hunk (chooseBase()), or null. */
  base: string | null;
  /** Hunks placed at an offset from their stated line, in that base. */
  offsets: { file: string; hunk: number; offset: number }[];
  /**
   * When no base takes the patch: the hunks the closest base (one holding every file, the most
   * hunks taken) does not have, or the files no base has.
   */
  mismatches: { base: string | null; file: string; hunk: number; what: string }[];
}

/** A base with the patch applied to its C. */
export interface TriedBase {
  base: string;
  applied: AppliedPatch;
}

/**
 * The patch applied to every base, and the base it is for: of those that take every hunk, the
 * one that takes the most at their stated lines (the tree the mail was written against, when an
 * older or newer one also has the context a few lines away), the first of those in the
 * manifest's order; null when none takes every hunk.
 */
export function chooseBase(set: PatchSet): { chosen: TriedBase | null; tried: TriedBase[] } {
  const tried = Object.keys(MANIFEST).map((base) => ({ base, applied: applyToBase(set, base) }));
  const moved = (t: TriedBase): number => t.applied.applied.filter((a) => a.offset !== 0).length;
  let chosen: TriedBase | null = null;
  for (const t of tried) if (t.applied.problems.length === 0 && (chosen === null || moved(t) < moved(chosen))) chosen = t;
  return { chosen, tried };
}

export function baseFit(set: PatchSet): BaseFit {
  const { chosen, tried } = chooseBase(set);
  if (chosen !== null) return { base: chosen.base, offsets: chosen.applied.applied.filter((a) => a.offset !== 0), mismatches: [] };
  const holding = tried.filter((t) => t.applied.problems.every((p) => p.hunk > 0)).sort((a, b) => b.applied.applied.length - a.applied.applied.length)[0];
  if (holding !== undefined) return { base: null, offsets: [], mismatches: holding.applied.problems.map((p) => ({ base: holding.base, ...p })) };
  const files = [...new Set(set.patches.flatMap((p) => p.files.map((f) => f.oldPath ?? f.path)))];
  return { base: null, offsets: [], mismatches: files.map((file) => ({ base: null, file, hunk: 0, what: `no base (${Object.keys(MANIFEST).join(', ')}) has it` })) };
}
