// Creates patches/<slug>/ for a new patch: patch.ts (identity from the mail, the touched
// functions, and overrides that start as copies of the model's baseline functions),
// message.txt (the mail as received). The directory is written under a temporary name and
// renamed into place, so a failure never leaves a half-written module behind; an existing
// module is never overwritten.
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors.ts';
import { computeCoverage, type Coverage } from './coverage.ts';
import { indexModel, type ModelFunction, type ModelIndex } from './model-index.ts';
import { buildOverrideStubs, specifierFrom, type OverrideStubs } from './override-stubs.ts';
import { readPatchSet } from './patch-set.ts';
import { patchSlug } from './subject.ts';
import type { PatchSet } from './types.ts';

export interface ScaffoldOptions {
  mailPath: string;
  patchesDir: string;
  modelDir: string;
}

export interface ScaffoldResult {
  slug: string;
  dir: string;
  /** Functions given a baseline copy as their override. */
  copied: string[];
  /** Touched functions the model lacks, left for the porter to decide. */
  notModeled: string[];
}

/** A TypeScript single-quoted string literal. */
function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}


/** One model function per touched name: the exact-file port first, else the same-named one. */
function functionsToCopy(coverage: Coverage, index: ModelIndex): ModelFunction[] {
  const chosen = new Map<string, ModelFunction>();
  for (const fn of coverage.functions) {
    if (fn.model === null || chosen.has(fn.name)) continue;
    const model = index.functions.find((m) => m.modelFile === fn.model?.modelFile && m.name === fn.name);
    if (model !== undefined) chosen.set(fn.name, model);
  }
  return [...chosen.values()];
}

function patchModuleText(set: PatchSet, slug: string, coverage: Coverage, stubs: OverrideStubs, patchApi: string): string {
  const id = set.identity;
  const touches = new Map<string, string[]>();
  for (const fn of coverage.functions) {
    const names = touches.get(fn.file) ?? [];
    if (!names.includes(fn.name)) names.push(fn.name);
    touches.set(fn.file, names);
  }
  const copied = new Set(stubs.stubs.map((s) => s.name));
  const notModeled = coverage.functions.filter((f) => !copied.has(f.name));
  const baseCommit = set.patches.find((p) => p.identity.baseCommit !== null)?.identity.baseCommit ?? null;

  const lines: string[] = [
    `// Patch module for "${id.rawSubject.replace(/\n/g, ' ')}".`,
    '// Scaffolded by `lkml-harness scaffold` from message.txt. Each override below starts as a copy of',
    "// the model's baseline function, so until the patch's change is ported into it the module",
    '// behaves exactly as the unpatched model.',
    `import { definePatch } from '${patchApi}';`,
    ...stubs.imports,
    '',
  ];
  for (const copy of [...stubs.helpers, ...stubs.stubs]) lines.push(copy.code, '');
  if (coverage.structs.length > 0) {
    lines.push(`// The diff also changes struct ${coverage.structs.map((s) => s.name).join(', struct ')}: such changes are part of the overrides.`, '');
  }
  lines.push(
    'export default definePatch({',
    `  slug: ${tsString(slug)},`,
    `  messageId: ${id.messageId === null ? 'null' : tsString(id.messageId)},`,
    `  subject: ${tsString(id.subject)},`,
    // The patch API wants strings; where the mail is silent the module says so in words.
    `  author: ${tsString(id.author ?? 'unknown: the mail names no author')},`,
    `  date: ${tsString(id.date ?? 'unknown: the mail has no date')},`,
    `  base: ${tsString(baseCommit === null ? 'unknown: the mail names no base; say which tree and version it applies to' : `base-commit ${baseCommit}`)},`,
    "  message: 'message.txt',",
    '  touches: {',
    ...[...touches.entries()].map(([file, names]) => `    ${tsString(file)}: [${names.map(tsString).join(', ')}],`),
    '  },',
    `  overrides: { ${stubs.stubs.map((s) => s.name).join(', ')} },`,
  );
  if (notModeled.length > 0) {
    lines.push(
      '  // Touched but not in the model, so there was no baseline to copy. Port each into overrides or',
      '  // say in notOverridden why not:',
      ...notModeled.map((f) => `  //   ${f.name} (${f.file}, ${f.change}${f.kind === 'macro' ? ', macro' : ''})`),
    );
  }
  lines.push('  notOverridden: {},', '});', '');
  return lines.join('\n');
}

export async function scaffoldPatchModule(options: ScaffoldOptions): Promise<ScaffoldResult> {
  // Index the model only once the mail holds a patch: bad input fails at once.
  let indexed: ModelIndex | undefined;
  const modelIndex = (): ModelIndex => (indexed ??= indexModel(options.modelDir));
  const set = await readPatchSet(options.mailPath, { model: () => modelIndex().functions });
  const index = modelIndex();
  const coverage = computeCoverage(set, index, null);
  const slug = patchSlug(set.identity.subject, set.identity.date);
  const patchesDir = resolve(options.patchesDir);
  const target = join(patchesDir, slug);
  if (existsSync(target)) throw new HarnessError(`${target} already exists; remove it or edit the module there`);

  // Relative imports are computed for the final directory; the temporary one is its sibling.
  const stubs = buildOverrideStubs(options.modelDir, functionsToCopy(coverage, index), target);
  const text = patchModuleText(set, slug, coverage, stubs, specifierFrom(target, resolve(options.modelDir, 'patch-api.ts')));

  await mkdir(patchesDir, { recursive: true });
  const temporary = await mkdtemp(join(patchesDir, `.${slug}.partial-`));
  try {
    await writeFile(join(temporary, 'patch.ts'), text);
    // The bytes as received (readPatchSet checked the size), as an ordinary writable file.
    await writeFile(join(temporary, 'message.txt'), await readFile(options.mailPath));
    // mkdtemp makes the directory private; a module directory is ordinary project data.
    await chmod(temporary, 0o755);
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { recursive: true, force: true });
    if (existsSync(target)) throw new HarnessError(`${target} already exists; remove it or edit the module there`);
    throw new HarnessError(`cannot write ${target}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const copied = stubs.stubs.map((s) => s.name);
  return {
    slug,
    dir: target,
    copied,
    notModeled: [...new Set(coverage.functions.filter((f) => !copied.includes(f.name)).map((f) => f.name))],
  };
}
