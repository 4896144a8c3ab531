// `lkml-harness port`: from a mail to a patch module with no hand-written TypeScript. The diff
// is applied to the C of the first base it fits (by tokens: archive damage and a few lines of
// offset are tolerated, and said), the C as the patch leaves it is translated with the base's
// manifest and annotations, and what differs from the base's world becomes the module:
// patches/<slug>/{patch.ts, patched.ts, message.txt}. Anything it cannot take is a problem,
// one line each, and then nothing is written.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors.ts';
import { readPatchSet } from '../ingest/patch-set.ts';
import { REPO_ROOT } from '../ingest/project-paths.ts';
import { POSTED_FOR_FILE } from '../patches/load.ts';
import { patchSlug } from '../ingest/subject.ts';
import type { PatchSet } from '../ingest/types.ts';
import { loadCorpus } from '../translate/corpus.ts';
import { buildWorld } from '../translate/translate-world.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';
import type { AppliedPatch } from './apply-hunks.ts';
import { chooseBase } from './fit.ts';
import { compareWorlds } from './changes.ts';
import { type PatchModuleText, emitPatchModule } from './emit-patch.ts';

/** Files of a module that a reviewer writes and `port` keeps when it writes the module again. */
const KEPT_FILES = ['README.md', POSTED_FOR_FILE];

/** The first line of a patch.ts that `port` wrote (and may therefore write again). */
export const PORT_MARK = 'the patch module `lkml-harness port` wrote';

export type PortResult =
  | { ok: true; slug: string; dir: string; base: string; module: PatchModuleText; applied: AppliedPatch }
  | { ok: false; problems: string[] };

/** How the hunks were placed, in a sentence for the module. */
function placementNote(base: string, applied: AppliedPatch, set: PatchSet): string {
  const moved = applied.applied.filter((a) => a.offset !== 0);
  const repairs = set.patches.flatMap((p) => p.repairs.map((r) => r.kind));
  const parts = [`Applied by lkml-harness port to the ${base} C: ${applied.applied.length} hunk(s)`];
  parts.push(moved.length === 0 ? 'at their stated lines' : `${moved.length} at an offset (${moved.map((m) => `${m.file} hunk ${m.hunk}: ${m.offset > 0 ? '+' : ''}${m.offset}`).join(', ')})`);
  if (repairs.length > 0) parts.push(`after repairing the mail (${[...new Set(repairs)].join(', ')})`);
  return `${parts.join(', ')}.`;
}

export interface PortOptions {
  mailPath: string;
  /** What to call the input in messages (default: mailPath); a commit, for `port --git`. */
  inputName?: string;
  patchesDir: string;
  /** Write over a module that `port` did not write. */
  force?: boolean;
}

/** Ports a mail; writes nothing unless everything ported. */
export async function portMail(opts: PortOptions): Promise<PortResult> {
  const set = await readPatchSet(opts.mailPath);
  const files = [...new Set(set.patches.flatMap((p) => p.files.map((f) => f.oldPath ?? f.path)))];

  // The base: one whose C holds every file and takes every hunk.
  const { chosen, tried } = chooseBase(set);
  if (chosen === null) {
    // A base that has every file the patch changes says which hunks do not fit (the one that
    // took the most); when none has them all, the patch is about code no base models.
    const missingFiles = (t: (typeof tried)[number]): number => t.applied.problems.filter((p) => p.hunk === 0).length;
    const holding = tried.filter((t) => missingFiles(t) === 0).sort((a, b) => b.applied.applied.length - a.applied.applied.length);
    const best = holding[0];
    if (best === undefined) {
      return { ok: false, problems: [`${opts.inputName ?? opts.mailPath}: the patch touches nothing modeled: no base (${Object.keys(MANIFEST).join(', ')}) has ${files.join(', ')}`] };
    }
    return { ok: false, problems: best.applied.problems.map((p) => `${p.file}: hunk ${p.hunk}: ${p.what} (base ${best.base})`) };
  }

  const { base, applied } = chosen;
  const baseWorld = buildWorld(await loadCorpus(base)).world;
  const patchedWorld = buildWorld(await loadCorpus(base, undefined, applied.texts)).world;
  // A function that sleeps in the base still yields in the patched world (its callers do).
  for (const g of baseWorld.generators) if (patchedWorld.functions.has(g)) patchedWorld.generators.add(g);
  const changes = compareWorlds(baseWorld, patchedWorld);
  const translatable = changes.changed.length + changes.added.length + changes.structs.length + changes.globals.length + changes.constants.length;
  if (translatable === 0) {
    const where = changes.unreached.length > 0 ? `it changes ${changes.unreached.map((u) => u.name).join(', ')}, which the model does not run` : `it changes nothing the ${base} world translates`;
    return { ok: false, problems: [`${opts.inputName ?? opts.mailPath}: the patch touches nothing modeled: ${where}`] };
  }

  const identity = set.identity;
  const slug = patchSlug(identity.rawSubject || identity.subject, identity.date);
  const dir = resolve(opts.patchesDir, slug);
  const touches: Record<string, string[]> = {};
  for (const p of set.patches) {
    for (const f of p.functions) {
      const names = (touches[f.file] ??= []);
      if (!names.includes(f.name)) names.push(f.name);
    }
  }
  const notOverridden: Record<string, string> = {};
  const ported = new Set([...changes.changed, ...changes.added, ...changes.nowSleeping].map((f) => f.name));
  for (const [file, names] of Object.entries(touches)) {
    for (const name of names) {
      if (ported.has(name) || name in notOverridden) continue;
      const macro = patchedWorld.corpus.macro(name) ?? baseWorld.corpus.macro(name);
      notOverridden[name] =
        macro !== undefined
          ? `${file}: a macro; its expansion is translated in the functions that use it`
          : changes.removed.includes(name)
            ? `${file}: removed by the patch`
            : changes.unreached.some((u) => u.name === name) || !baseWorld.functions.has(name)
              ? `${file}: not in the model's ${base} world (nothing it runs reaches it)`
              : `${file}: the same once preprocessed (the patch changes only comments or layout)`;
    }
  }
  const module = emitPatchModule(patchedWorld, changes, dir, {
    slug,
    messageId: identity.messageId,
    subject: identity.subject,
    author: identity.author ?? 'unknown',
    date: identity.date ?? 'unknown',
    tree: identity.baseCommit ?? (MANIFEST[base] as { tree: string }).tree,
    touches,
    placement: placementNote(base, applied, set),
    notOverridden,
  });
  if (module.problems.length > 0) {
    return { ok: false, problems: module.problems.map((p) => `${p.file}:${p.line}: ${p.construct}: ${p.what}`) };
  }
  return { ok: true, slug, dir, base, module, applied };
}

/**
 * Writes the module: into a fresh folder beside the target, renamed into place, so that a
 * failure leaves nothing half-written. A module `port` did not write is not replaced unless
 * forced.
 */
export async function writePortedModule(result: Extract<PortResult, { ok: true }>, mailPath: string, force: boolean): Promise<void> {
  const { dir } = result;
  if (existsSync(dir)) {
    const patchTs = join(dir, 'patch.ts');
    const ours = existsSync(patchTs) && (await readFile(patchTs, 'utf8')).includes(PORT_MARK);
    if (!ours && !force) throw new HarnessError(`${dir} exists and was not written by port: move it away or pass --force`);
  }
  const patchesDir = resolve(dir, '..');
  await mkdir(patchesDir, { recursive: true });
  // Outside this repository a patches folder needs its own package.json for its .ts files to
  // load as ES modules (and share the model's module instances).
  const manifest = join(patchesDir, 'package.json');
  if (!patchesDir.startsWith(`${REPO_ROOT}/`) && !existsSync(manifest)) await writeFile(manifest, '{ "type": "module" }\n');
  const tmp = await mkdtemp(`${dir}.port-`);
  try {
    await writeFile(join(tmp, 'patch.ts'), result.module.patch);
    await writeFile(join(tmp, 'patched.ts'), result.module.patched);
    await writeFile(join(tmp, 'message.txt'), await readFile(mailPath));
    // What a reviewer wrote beside a generated module stays.
    for (const kept of KEPT_FILES) if (existsSync(join(dir, kept))) await copyFile(join(dir, kept), join(tmp, kept));
    if (existsSync(dir)) await rm(dir, { recursive: true });
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
