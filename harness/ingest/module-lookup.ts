// Finds the patch module already written for a mail. The Message-ID decides when both sides
// know it; a resend or an archive copy often has another (or no) ID, so the fallback is the
// same subject (normalised: prefix, case and punctuation dropped) over the same set of files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listPatchModules, type PatchModuleInfo } from './patch-modules.ts';
import { readPatchSet, setFiles } from './patch-set.ts';
import { normalizeSubject } from './subject.ts';
import type { PatchSet } from './types.ts';

export interface ModuleMatch {
  module: PatchModuleInfo;
  matchedBy: 'message-id' | 'subject-and-files';
}

function bareId(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** The files a module is about: its `touches` keys, else the files of its shipped message. */
async function moduleFiles(module: PatchModuleInfo): Promise<Set<string>> {
  if (module.touches !== null) return new Set(Object.keys(module.touches));
  const message = join(module.dir, 'message.txt');
  if (!existsSync(message)) return new Set();
  try {
    return new Set(setFiles(await readPatchSet(message)).map((f) => f.path));
  } catch {
    // A module whose message cannot be read simply does not match on files.
    return new Set();
  }
}

export async function findPatchModule(set: PatchSet, modules: readonly PatchModuleInfo[]): Promise<ModuleMatch | null> {
  const identities = [set.identity, ...set.patches.map((p) => p.identity)];
  const ids = new Set(identities.flatMap((i) => (i.messageId === null ? [] : [bareId(i.messageId)])));
  const byId = modules.find((m) => m.messageId !== null && ids.has(bareId(m.messageId)));
  if (byId !== undefined) return { module: byId, matchedBy: 'message-id' };

  const subjects = new Set(identities.map((i) => normalizeSubject(i.subject)).filter((s) => s !== ''));
  const files = new Set(setFiles(set).map((f) => f.path));
  for (const module of modules) {
    if (module.subject === null || !subjects.has(normalizeSubject(module.subject))) continue;
    if (sameSet(await moduleFiles(module), files)) return { module, matchedBy: 'subject-and-files' };
  }
  return null;
}

/** Convenience for `evaluate <mail>`: read the patches directory and look the set up in it. */
export async function findPatchModuleIn(set: PatchSet, patchesDir: string): Promise<ModuleMatch | null> {
  return findPatchModule(set, listPatchModules(patchesDir));
}
