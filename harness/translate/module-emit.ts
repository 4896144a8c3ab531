// One generated module per C file of a base (a header joins its .c when both exist): the C's
// constants, struct types with their descriptors, globals (per machine, as each run boots its
// own machine), the translated functions in the C's order, and the tables that register them
// (functions, struct types, initcalls) with the hook surface.

import type { CFunction, CGlobal } from './c-index.ts';
import { type Corpus, wideConstant } from './corpus.ts';
import { type CType, UNKNOWN, typeText } from './c-types.ts';
import { runtimeIndex } from './runtime-index.ts';
import { runtimeStruct } from './runtime-types.ts';
import { reindentComment } from './comments.ts';
import { FunctionTranslator, PROBE_TABLE, type TranslationProblem } from './function-emit.ts';
import { ImportSet } from './imports.ts';
import { INITCALL_LEVELS, isConstantMacro } from './preprocess.ts';
import { kbuildModuleOf } from '../../kernel-model/c/kbuild.ts';
import { StructEmitter } from './struct-emit.ts';
import { TsTypes } from './ts-types.ts';
import type { World } from './world.ts';

export interface ModuleText {
  module: string;
  text: string;
  problems: TranslationProblem[];
  /** Functions emitted, by name, with whether each was translated or kept by hand. */
  functions: { name: string; kept: boolean; generator: boolean }[];
  /** The modules of the same world it imports from, and the names it imports from each. */
  worldImports: string[];
  requests: Map<string, string[]>;
}

export interface KeptFunction {
  name: string;
  /** The hand-written text, JSDoc included, as it stands in the module today. */
  text: string;
}

/**
 * How calls to a function are written from generated code: a translated function through its
 * file's table; else a hand-written function of the world or of the runtime, typed by the C's
 * prototype when the base declares one.
 */
export function calleeRefFor(world: World, imports: ImportSet) {
  const runtime = runtimeIndex();
  return (name: string): { code: string; gen: boolean; ret: CType; params: CType[] } | null => {
    const f = world.functions.get(name);
    if (f !== undefined) {
      const where = world.functionTable(name, f.file);
      const table = imports.value(where.table, where.module);
      return { code: `${table}.${name}`, gen: world.generators.has(name), ret: f.ret, params: f.params.map((p) => p.type) };
    }
    const r = runtime.get(`${world.base}:${name}`) ?? runtime.get(name);
    if (r === undefined) return null;
    const proto = world.corpus.prototype(name) ?? world.corpus.function(name);
    const code = r.table !== null ? `${imports.value(r.table, r.module)}.${name}` : imports.value(name, r.module);
    return { code, gen: r.generator, ret: proto?.ret ?? UNKNOWN, params: proto?.params.map((p) => p.type) ?? [] };
  };
}

/**
 * A constant's initializer: its value, or for one beyond Number.MAX_SAFE_INTEGER the exact
 * BigInt the C writes (corpus.ts's wideConstant() says why), so that a u64 mask is never exported
 * as a double that is not it (BB_OFFSET_MASK was 9223372036854776000). Translated code cannot use
 * such a constant (function-emit.ts makes that a problem): it is there for the functions kept by
 * hand in BigInt. Null when the C's body is not one the model reads exactly.
 */
export function constantInitializer(corpus: Corpus, name: string, value: number): string | null {
  const wide = wideConstant(corpus, name);
  if (wide === null) return String(value);
  return wide.value === null ? null : `${wide.value}n`;
}

export const WIDE_CONSTANT_UNREAD = 'a constant beyond 2^53 that is not an integer literal: its exact value cannot be exported (corpus.ts, wideConstant)';

function portTag(world: World, fn: CFunction): string {
  return `@port ${fn.file} ${world.base} translated`;
}

/** The JSDoc of a translated function: the C's comment above it, then the port tag. */
function jsdoc(world: World, fn: CFunction): string {
  const tag = portTag(world, fn);
  if (fn.comment === null) return `/** ${tag} */`;
  const c = fn.comment.trim();
  if (c.startsWith('/*') && !c.startsWith('//')) {
    const body = c
      .replace(/^\/\*\*?/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((l) => l.replace(/^\s*\*? ?/, ''))
      .join('\n')
      .trim()
      .replace(/\*\//g, '*\\/');
    const lines = body.split('\n');
    return `/**\n${lines.map((l) => ` *${l ? ` ${l}` : ''}`).join('\n')}\n * ${tag}\n */`;
  }
  return `${c}\n/** ${tag} */`;
}

/**
 * Emits a module. `only`, for a header whose functions are not translated, limits it to the
 * declarations other modules use (and those they use in turn): fs.h's hundred structs are not
 * the model's business, its READ and WRITE are.
 */
export function emitModule(world: World, home: string, kept: ReadonlyMap<string, KeptFunction> = new Map(), only: ReadonlySet<string> | null = null): ModuleText {
  if (only === null) return emitModuleOnce(world, home, kept, null);
  let names = new Set(only);
  for (;;) {
    const m = emitModuleOnce(world, home, kept, names);
    const more = [...m.localUses].filter((n) => !names.has(n));
    if (more.length === 0) return m;
    names = new Set([...names, ...more]);
  }
}

function emitModuleOnce(world: World, home: string, kept: ReadonlyMap<string, KeptFunction>, only: ReadonlySet<string> | null): ModuleText & { localUses: Set<string> } {
  const wanted = (name: string): boolean => only === null || only.has(name);
  const corpus = world.corpus;
  const module = world.moduleOf(home);
  const files = [home];
  const header = home.replace(/\.c$/, '.h');
  if (home.endsWith('.c') && corpus.units.has(header)) files.unshift(header);
  const units = files.map((f) => corpus.units.get(f)).filter((u) => u !== undefined);

  // Names this module defines itself are never imported into it.
  const local = new Set<string>();
  for (const u of units) {
    for (const e of u.enums.keys()) local.add(e);
    for (const m of u.macros.values()) if (m.params === null) local.add(m.name);
    for (const [s, def] of u.structs) {
      // A tag another file defines more fully (dm.c's stand-in struct dm_table) is imported.
      if (corpus.struct(s) !== def) continue;
      local.add(s);
      local.add(`${s}_type`);
    }
    local.add(world.tableOf(u.file));
    local.add(world.globalsOf(u.file));
  }
  const imports = new ImportSet(module, local);
  const types = new TsTypes(world, corpus);
  const structs = new StructEmitter(world, corpus, types);
  const problems: TranslationProblem[] = [];
  const sections: string[] = [];

  // Constants: enum members and numeric macros, every one of the file's (the workloads and
  // tests use them as the C's callers would: READ, WRITE, BLKIO_THROTL_read_bps_device).
  const consts: string[] = [];
  for (const u of units) {
    for (const m of u.macros.values()) {
      const alias = m.params === null && /^[A-Za-z_]\w*$/.test(m.bodyText);
      if (!isConstantMacro(m) && !alias) continue;
      const v = corpus.macroValue(m.name);
      if (v === null) continue;
      const expr = m.bodyText.replace(/^\((.*)\)$/, '$1');
      const init = constantInitializer(corpus, m.name, v);
      if (init === null) {
        problems.push({ file: m.file, line: m.line, construct: m.name, what: WIDE_CONSTANT_UNREAD });
        continue;
      }
      consts.push(`export const ${m.name} = ${init};${/^-?\d+$/.test(expr) ? '' : ` // ${expr}`}`);
    }
    for (const e of u.enums.values()) consts.push(`export const ${e.name} = ${e.value};`);
  }
  if (consts.length > 0) sections.push(consts.join('\n'));

  // Structs.
  const structNames: string[] = [];
  for (const u of units) {
    for (const s of u.structs.values()) {
      if (runtimeStruct(s.tag) !== undefined || corpus.struct(s.tag) !== s) continue;
      if (!wanted(s.tag) && !wanted(`${s.tag}_type`)) continue;
      sections.push(structs.emit(s, imports));
      structNames.push(s.tag);
    }
  }

  // Globals: scalar constants as module constants, the rest per machine (each run boots its own).
  const fnRef = calleeRefFor(world, imports);
  const constLines: string[] = [];
  for (const u of units) {
    const own = [...u.globals.values()].filter((g) => !g.extern && world.usesGlobal(g) && world.globalIn(g.name, u.file) === g);
    const emitted = emitGlobals(world, own, world.globalsOf(u.file), `The globals of ${u.file}`, { imports, types, structs, fnRef, rootNode: units[0]?.tree.rootNode as never });
    problems.push(...emitted.problems);
    constLines.push(...emitted.constants);
    if (emitted.section !== null) sections.push(emitted.section);
  }
  if (constLines.length > 0) sections.push(constLines.join('\n'));

  // Functions, in the C's order.
  const fns: { fn: CFunction; text: string; kept: boolean; generator: boolean; selfFramed: boolean; probes: number }[] = [];
  const reserved = imports.valueNames();
  for (const u of units) {
    const inUnit = [...world.functions.values()].filter((f) => f.file === u.file).sort((a, b) => a.line - b.line);
    for (const fn of inUnit) {
      const k = kept.get(fn.name);
      if (k !== undefined) {
        for (const [name, from] of Object.entries(world.annotation(fn.name)?.keepImports ?? {})) imports.value(name, from);
        fns.push({ fn, text: k.text, kept: true, generator: world.generators.has(fn.name), selfFramed: false, probes: 0 });
        continue;
      }
      const out = translateFunction(world, fn, module, local, types, reserved);
      imports.merge(out.imports);
      problems.push(...out.problems);
      fns.push({ fn, text: out.text, kept: false, generator: out.generator, selfFramed: out.selfFramed, probes: out.probes });
    }
  }
  const probes = probeTable(fns, world.base, imports, false);
  if (probes !== null) sections.push(probes.declaration);
  for (const f of fns) sections.push(probes?.texts.get(f) ?? f.text);

  // Tables.
  for (const u of units) {
    const names = fns.filter((f) => f.fn.file === u.file).map((f) => f.fn.name);
    // Inline functions of the C are registered without a frame, as kernel traces omit them.
    const inlined = fns.filter((f) => f.fn.file === u.file && f.fn.inline === true).map((f) => JSON.stringify(f.fn.name));
    const framedHere = fns.filter((f) => f.fn.file === u.file && f.selfFramed).map((f) => JSON.stringify(f.fn.name));
    if (names.length > 0) {
      const extra = framedHere.length > 0 ? `, [${inlined.join(', ')}], [${framedHere.join(', ')}]` : inlined.length > 0 ? `, [${inlined.join(', ')}]` : '';
      sections.push(
        `export const ${world.tableOf(u.file)} = ${imports.value('kernel_functions', 'sim/hooks.ts')}(${JSON.stringify(u.file)}, {\n${names.map((n) => `  ${n},`).join('\n')}\n}, ${JSON.stringify(world.base)}${extra});`,
      );
    }
    const tags = structNames.filter((t) => u.structs.has(t));
    if (tags.length > 0) {
      sections.push(
        `export const ${world.tableOf(u.file)}_structs = ${imports.value('kernel_structs', 'lib/kstruct.ts')}(${JSON.stringify(world.base)}, ${JSON.stringify(u.file)}, {\n${tags.map((t) => `  ${t}: ${t}_type,`).join('\n')}\n});`,
      );
    }
    // The module the file is linked into: its exit is that module's, and its init names it (a
    // module loaded on demand runs its init then).
    const owner = kbuildModuleOf(world.base, u.file);
    for (const ic of u.initcalls) {
      if (!world.functions.has(ic.fn)) continue;
      if (ic.level === 'module_exit') {
        if (!names.includes(ic.fn)) continue;
        if (owner === null) problems.push({ file: u.file, line: 0, construct: `module_exit(${ic.fn})`, what: 'kernel-model/c/kbuild.ts does not link this file into a module' });
        else {
          const mod = JSON.stringify({ name: owner.name, uses: owner.uses });
          sections.push(`${imports.value('world_exitcall', 'sim/initcalls.ts')}(${JSON.stringify(world.base)}, ${mod}, ${JSON.stringify(`${ic.level}(${ic.fn})`)}, () => ${world.tableOf(u.file)}.${ic.fn}());`);
        }
        continue;
      }
      const mod = owner === null ? '' : `, ${JSON.stringify(owner.onDemand === true ? { name: owner.name, onDemand: true } : { name: owner.name })}`;
      sections.push(
        `${imports.value('world_initcall', 'sim/initcalls.ts')}(${JSON.stringify(world.base)}, ${INITCALL_LEVELS[ic.level] ?? 6}, ${JSON.stringify(`${ic.level}(${ic.fn})`)}, () => ${world.tableOf(u.file)}.${ic.fn}()${mod});`,
      );
    }
  }

  const headerComment = moduleHeader(world, files);
  const body = sections.join('\n\n');
  const text = `${headerComment}\n\n${imports.render(body)}\n\n${body}\n`;
  const worldImports = imports.modules().filter((m) => m.startsWith(`${world.base}/`));
  const requests = new Map(worldImports.map((m) => [m, imports.namesFrom(m)]));
  return { module, text, problems, functions: fns.map((f) => ({ name: f.fn.name, kept: f.kept, generator: f.generator })), worldImports, requests, localUses: imports.localUses };
}


/** Where the pieces of generated code put what they import and how they translate. */
export interface EmitTools {
  imports: ImportSet;
  types: TsTypes;
  structs: StructEmitter;
  fnRef: ReturnType<typeof calleeRefFor>;
  /** Any node of the C (the initializers' pseudo-function needs one). */
  rootNode: never;
}

/**
 * Globals of one set: scalar constants that are never written become module constants; the
 * rest a per-machine set behind `accessor` (each run boots its own), in the C's order.
 */
export function emitGlobals(world: World, globals: readonly CGlobal[], accessor: string, what: string, tools: EmitTools): { section: string | null; constants: string[]; problems: TranslationProblem[] } {
  const { imports, types, structs, fnRef } = tools;
  const problems: TranslationProblem[] = [];
  const initContext = (g: CGlobal): FunctionTranslator => {
    const pseudo: CFunction = { name: `(initializer of ${g.name})`, file: g.file, static: true, ret: g.type, params: [], variadic: false, node: tools.rootNode, body: tools.rootNode, line: g.line, endLine: g.line, comment: null };
    return new FunctionTranslator(world, pseudo, imports, types, false, fnRef, new Set());
  };
  const constants: string[] = [];
  const fields: string[] = [];
  const inits: { name: string; init: string }[] = [];
  for (const g of globals) {
    const ctx = initContext(g);
    const doc = (indent: string): string => (g.comment ? `${reindentComment(g.comment, indent)}\n` : '');
    if (world.isConstGlobal(g) && g.init !== null) {
      constants.push(`${doc('')}export const ${g.name} = ${ctx.exprAs(g.init, g.type)};`);
    } else {
      fields.push(`${doc('  ')}  ${g.name}: ${types.ts(g.type, imports)};`);
      const ann = world.annotation(g.name)?.initializer;
      if (ann) for (const [n, mod] of Object.entries(ann.imports ?? {})) imports.value(n, mod);
      const init = ann
        ? `${ann.ts} /* ${ann.why} */`
        : g.init === null
          ? structs.zero(g.type, imports).code
          : g.init.type === 'initializer_list'
            ? ctx.initializerList(g.init, g.type)
            : ctx.exprAs(g.init, g.type);
      inits.push({ name: g.name, init });
    }
    problems.push(...ctx.problems);
  }
  if (fields.length === 0) return { section: null, constants, problems };
  // The set is the machine's data section for kmemleak: what a global points to is referenced
  // (while the module the file is linked into is loaded).
  const lazy = imports.value('perMachineData', 'lib/lazy-per-machine.ts');
  const owner = globals.length > 0 ? kbuildModuleOf(world.base, globals[0].file) : null;
  const self = `${accessor}().`;
  // An initializer that names another global of the set (cfq_iosched's elevator_attrs =
  // cfq_attrs) reads it from the set being built, in the C's order.
  const body = inits.some((i) => i.init.includes(self))
    ? `{\n    const g = {} as ${accessor}_t;\n${inits.map((i) => `    g.${i.name} = ${i.init.split(self).join('g.')};`).join('\n')}\n    return g;\n}`
    : `({\n${inits.map((i) => `    ${i.name}: ${i.init},`).join('\n')}\n})`;
  return {
    section: `/** ${what}, one set per machine (each run boots its own). */\nexport interface ${accessor}_t {\n${fields.join('\n')}\n}\n\nexport const ${accessor} = ${lazy}((): ${accessor}_t => ${body}${owner === null ? '' : `, ${JSON.stringify(owner.name)}`});`,
    constants,
    problems,
  };
}

/**
 * One function of the C in TypeScript, with its JSDoc; a local that would shadow a name the
 * function imports is renamed and the function emitted again.
 */
export function translateFunction(world: World, fn: CFunction, module: string, local: Set<string>, types: TsTypes, reserved: ReadonlySet<string>): { text: string; problems: TranslationProblem[]; generator: boolean; selfFramed: boolean; imports: ImportSet; probes: number } {
  let fnImports = new ImportSet(module, local);
  let t = new FunctionTranslator(world, fn, fnImports, types, world.generators.has(fn.name), calleeRefFor(world, fnImports), new Set([...reserved]));
  let out = t.translate();
  const clash = fnImports.valueNames();
  if ([...clash].some((n) => out.text.includes(`let ${n} `) || out.text.includes(`const ${n} `) || new RegExp(`[(,] ?${n}: `).test(out.text.split('\n')[0]))) {
    fnImports = new ImportSet(module, local);
    t = new FunctionTranslator(world, fn, fnImports, types, world.generators.has(fn.name), calleeRefFor(world, fnImports), new Set([...reserved, ...clash]));
    out = t.translate();
  }
  return { text: `${jsdoc(world, fn)}\n${out.text}`, problems: out.problems, generator: out.generator, selfFramed: out.selfFramed === true, imports: fnImports, probes: out.probes ?? 0 };
}

/**
 * One module's branch probes (sim/branches.ts): each function's probes, numbered from 0 as it
 * was translated, are numbered on across the module, and the table says which are whose.
 */
export function probeTable<F extends { fn: CFunction; text: string; probes: number }>(fns: readonly F[], base: string, imports: ImportSet, patch: boolean): { declaration: string; texts: Map<F, string> } | null {
  const probed = fns.filter((f) => f.probes > 0);
  if (probed.length === 0) return null;
  const texts = new Map<F, string>();
  let first = 0;
  for (const f of probed) {
    const offset = first;
    texts.set(f, f.text.replace(new RegExp(`\\b${PROBE_TABLE}\\[(\\d+)\\]`, 'g'), (_m, k: string) => `${PROBE_TABLE}[${offset + Number(k)}]`));
    first += f.probes;
  }
  const layout = probed.map((f) => `  ${JSON.stringify(f.fn.name)}, ${f.probes},`).join('\n');
  const declaration =
    `/** Branch probes: one per arm of each if, case and loop body of the translated functions (sim/branches.ts). */\n` +
    `const ${PROBE_TABLE} = ${imports.value('branch_probes', 'sim/branches.ts')}(${JSON.stringify(base)}, [\n${layout}\n]${patch ? ', true' : ''});`;
  return { declaration, texts };
}

function moduleHeader(world: World, files: string[]): string {
  const unit = world.corpus.units.get(files[files.length - 1]);
  const first = unit?.tree.rootNode.namedChildren.find((n) => n !== null);
  const cComment = first?.type === 'comment' ? first.text : null;
  const lines = [
    `// ${files.join(' + ')} at ${world.base}, translated from kernel-model/c/${world.base}/${files[files.length - 1]}.`,
    '// Generated by `npm run translate`: change the C, kernel-model/c/annotations.ts or the',
    "// translator's idiom table (harness/translate/idioms.ts), not this file. Functions tagged",
    '// `ported` or `simplified` are kept by hand; annotations.ts says why.',
  ];
  if (cComment !== null) lines.push('//', ...cComment.replace(/^\/\*+|\*+\/$/g, '').split('\n').map((l) => `// ${l.replace(/^\s*\*? ?/, '')}`.trimEnd()).filter((l, i, a) => !(l === '//' && (i === 0 || i === a.length - 1))));
  void typeText;
  return lines.join('\n');
}
