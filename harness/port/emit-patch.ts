// The text of a ported patch module: patched.ts (the patched C translated onto the world: the
// functions it changes, adds or makes sleep, the structs whose layout it changes, its globals
// and constants) and patch.ts (the module's identity and its overrides, as definePatch() takes
// them). Code in patched.ts calls the world through its function tables, so an override of one
// changed function is seen by every caller, translated or not.

import { posix, relative } from 'node:path';
import type { CFunction } from '../translate/c-index.ts';
import type { TranslationProblem } from '../translate/function-emit.ts';
import { ImportSet } from '../translate/imports.ts';
import { type EmitTools, WIDE_CONSTANT_UNREAD, calleeRefFor, constantInitializer, emitGlobals, probeTable, translateFunction } from '../translate/module-emit.ts';
import { MODEL_ROOT } from '../translate/paths.ts';
import { StructEmitter } from '../translate/struct-emit.ts';
import { TsTypes } from '../translate/ts-types.ts';
import { type World, calledNames } from '../translate/world.ts';
import type { WorldChanges } from './changes.ts';

export interface PatchMeta {
  slug: string;
  messageId: string | null;
  subject: string;
  author: string;
  date: string;
  /** What the mail was written against, as far as it says (its base-commit, else the world's tree). */
  tree: string;
  /** C file -> touched functions, as intake read them from the diff. */
  touches: Record<string, string[]>;
  /** How the hunks were placed, for the module's adaptations note. */
  placement: string;
  /** Touched names the module does not override or add, and why. */
  notOverridden: Record<string, string>;
}

export interface PatchModuleText {
  patched: string;
  patch: string;
  problems: TranslationProblem[];
  /** Kernel functions the module overrides, and the ones it adds. */
  overrides: string[];
  added: string[];
}

const ADDED_TABLE = 'added';
const GLOBALS = 'patch_globals';

/** A TypeScript string literal. */
function str(s: string): string {
  return JSON.stringify(s);
}

function byPlace(a: CFunction, b: CFunction): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

/**
 * Emits the module for `changes` of `world` (the patched world), written to `dir`. Sets the
 * world's overlay: from here on the world translates code for this module.
 */
export function emitPatchModule(world: World, changes: WorldChanges, dir: string, meta: PatchMeta): PatchModuleText {
  const module = posix.join(relative(MODEL_ROOT, dir).split('\\').join('/'), 'patched.ts');
  const structTags = changes.structs.map((s) => s.tag);
  const addedTags = changes.addedStructs.map((s) => s.tag);
  world.overlay = {
    module,
    table: ADDED_TABLE,
    globals: GLOBALS,
    addedFunctions: new Set(changes.added.map((f) => f.name)),
    globalNames: new Set(changes.globals.map((g) => g.name)),
    structs: new Set([...structTags, ...addedTags]),
    constants: new Set(changes.constants.map((c) => c.name)),
  };
  const local = new Set<string>([ADDED_TABLE, GLOBALS, 'overrides', 'structs', ...structTags, ...structTags.map((t) => `${t}_type`), ...addedTags, ...addedTags.map((t) => `${t}_type`), ...changes.constants.map((c) => c.name)]);
  const imports = new ImportSet(module, local);
  const types = new TsTypes(world, world.corpus);
  const structs = new StructEmitter(world, world.corpus, types);
  const problems: TranslationProblem[] = [];
  const sections: string[] = [];

  const constants: string[] = [];
  for (const c of changes.constants) {
    const init = constantInitializer(world.corpus, c.name, c.value);
    const m = world.corpus.macro(c.name);
    if (init === null) problems.push({ file: m?.file ?? '', line: m?.line ?? 0, construct: c.name, what: WIDE_CONSTANT_UNREAD });
    else constants.push(`export const ${c.name} = ${init};`);
  }
  if (constants.length > 0) sections.push(constants.join('\n'));
  for (const s of [...changes.addedStructs, ...changes.structs]) sections.push(structs.emit(s, imports));
  const rootNode = [...world.corpus.units.values()][0]?.tree.rootNode as never;
  const tools: EmitTools = { imports, types, structs, fnRef: calleeRefFor(world, imports), rootNode };
  const globals = emitGlobals(world, changes.globals, GLOBALS, 'The globals the patch adds or changes', tools);
  problems.push(...globals.problems);
  if (globals.constants.length > 0) sections.push(globals.constants.join('\n'));
  if (globals.section !== null) sections.push(globals.section);

  const overridden = [...changes.changed, ...changes.nowSleeping].sort(byPlace);
  const added = [...changes.added].sort(byPlace);
  const reserved = imports.valueNames();
  const selfFramed = new Set<string>();
  const translated: { fn: CFunction; text: string; probes: number }[] = [];
  for (const fn of [...overridden, ...added].sort(byPlace)) {
    const out = translateFunction(world, fn, module, local, types, reserved);
    if (out.selfFramed) selfFramed.add(fn.name);
    imports.merge(out.imports);
    problems.push(...out.problems);
    const why = changes.nowSleeping.includes(fn) ? `\n// ${fn.name} is unchanged in the C; it calls what the patch made sleep, so it yields to it.` : '';
    translated.push({ fn, text: `${why ? why.slice(1) + '\n' : ''}${out.text}`, probes: out.probes });
  }
  // The patched bodies' probes are the patch's own, apart from the world's (sim/branches.ts).
  const probes = probeTable(translated, world.base, imports, true);
  if (probes !== null) sections.push(probes.declaration);
  for (const t of translated) sections.push(probes?.texts.get(t) ?? t.text);
  // Translated generators push their own frame: marked so that nothing wraps them again.
  const marked = (fns: CFunction[]): string => {
    const names = fns.filter((f) => selfFramed.has(f.name)).map((f) => str(f.name));
    return names.length === 0 ? '' : `, [${names.join(', ')}]`;
  };
  const selfFramedTag = (fns: CFunction[], body: string): string => (marked(fns) === '' ? body : `${imports.value('self_framed', 'sim/hooks.ts')}(${body}${marked(fns)})`);
  if (added.length > 0) {
    const framed = imports.value('patch_functions', 'patch-api.ts');
    sections.push(`/** The functions the patch adds, with backtrace frames. */\nexport const ${ADDED_TABLE} = ${framed}(${selfFramedTag(added, `{\n${added.map((f) => `  ${f.name},`).join('\n')}\n}`)});`);
  }
  sections.push(`/** The patched bodies of the kernel functions the patch changes. */\nexport const overrides = ${selfFramedTag(overridden, `{\n${overridden.map((f) => `  ${f.name},`).join('\n')}\n}`)};`);
  sections.push(`/** The patched layouts of the structs the patch changes. */\nexport const structs = {\n${structTags.map((t) => `  ${t}: ${t}_type,`).join('\n')}\n};`);

  const header = [
    `// ${meta.subject}, by ${meta.author} (${meta.date.slice(0, 10)}): the diff of message.txt, applied`,
    `// to the C of the model's ${world.base} world and translated. Generated by \`lkml-harness port\`;`,
    '// change the mail or the translator, not this file.',
  ];
  if (structTags.length > 0) {
    header.push(
      `// The patch changes the layout of ${structTags.map((t) => `struct ${t}`).join(', ')}: the world's types`,
      '// describe the base layout, so this file is not type-checked against them.',
      '// @ts-nocheck',
    );
  }
  const patched = `${header.join('\n')}\n\n${imports.render()}\n\n${sections.join('\n\n')}\n`;

  let patchApi = relative(dir, posix.join(MODEL_ROOT, 'patch-api.ts')).split('\\').join('/');
  if (!patchApi.startsWith('.')) patchApi = `./${patchApi}`;
  const touches = Object.entries(meta.touches)
    .map(([file, fns]) => `    ${str(file)}: [${fns.map(str).join(', ')}],`)
    .join('\n');
  const notOverridden = Object.entries(meta.notOverridden).map(([name, why]) => `    ${name}: ${str(why)},`);
  const patch = [
    `// ${meta.subject}: the patch module \`lkml-harness port\` wrote from message.txt. Its port of`,
    '// the diff is in patched.ts. Generated: change the mail or the translator, not this file.',
    '',
    `import { definePatch } from '${patchApi}';`,
    "import { overrides, structs } from './patched.ts';",
    '',
    'export default definePatch({',
    `  slug: ${str(meta.slug)},`,
    `  messageId: ${meta.messageId === null ? 'null' : str(meta.messageId)},`,
    `  subject: ${str(meta.subject)},`,
    `  author: ${str(meta.author)},`,
    `  date: ${str(meta.date)},`,
    `  base: ${str(meta.tree)},`,
    `  world: ${str(world.base)},`,
    "  message: 'message.txt',",
    `  touches: {\n${touches}\n  },`,
    '  overrides,',
    ...(added.length > 0 ? [`  adds: [${added.map((f) => str(f.name)).join(', ')}],`] : []),
    ...(changes.madeSleeping.length > 0 ? [`  madeSleeping: [${changes.madeSleeping.map(str).join(', ')}],`] : []),
    ...(changes.nowSleeping.length > 0
      ? [`  recompiled: {\n${changes.nowSleeping.map((f) => `    ${f.name}: ${str(changes.madeSleeping.includes(f.name) ? 'the patch makes it sleep' : `it calls what the patch makes sleep (${[...calledNames(f.body)].filter((c) => changes.madeSleeping.includes(c)).join(', ')})`)},`).join('\n')}\n  },`]
      : []),
    '  structs,',
    `  notOverridden: {${notOverridden.length > 0 ? `\n${notOverridden.join('\n')}\n  ` : ''}},`,
    `  adaptations: ${str(meta.placement)},`,
    '});',
    '',
  ].join('\n');
  return { patched, patch, problems, overrides: overridden.map((f) => f.name), added: added.map((f) => f.name) };
}
