// The translated world of one base: which C file becomes which TypeScript module and function
// table, where each struct's type and descriptor live, which functions are generators, and the
// model-only knowledge (annotations) applied at translation.

import { runtimeIndex } from './runtime-index.ts';
import { basename, dirname } from 'node:path';
import type { Corpus } from './corpus.ts';
import type { CFunction, CGlobal } from './c-index.ts';
import { type CType, declBase, declare, typeText } from './c-types.ts';
import type { Node } from './c-parser.ts';
import { IDIOMS } from './idioms.ts';
import { runtimeStruct } from './runtime-types.ts';
import { type Annotations, annotationFor, type FunctionAnnotation } from '../../kernel-model/c/annotations.ts';

/** Table names that would collide with a struct type or a common local in translated code. */
const TABLE_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  'fs/bio.c': 'bio_c',
  'block/bio.c': 'bio_c',
  'kernel/sched/core.c': 'sched_core',
  'kernel/sched.c': 'sched_core',
  'drivers/md/md.c': 'md_c',
  'drivers/md/dm.c': 'dm_c',
  // struct dm_target, struct dm_io and dm_io(), struct dm_table, struct dm_exception_store
  'drivers/md/dm-target.c': 'dm_target_c',
  'drivers/md/dm-io.c': 'dm_io_c',
  'drivers/md/dm-table.c': 'dm_table_c',
  'drivers/md/dm-exception-store.c': 'dm_exception_store_c',
};

function snake(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * What a patch module defines on top of a translated world: the functions it adds (called
 * through its own table), its globals (one set per machine), the structs whose layout it
 * changes and the constants it adds or changes. Code translated for the patch refers to these
 * in the patch's module and to everything else in the world's modules.
 */
export interface WorldOverlay {
  /** The patch module, relative to kernel-model/ (`../patches/<slug>/patched.ts`). */
  module: string;
  /** Its table of added functions and its globals accessor. */
  table: string;
  globals: string;
  addedFunctions: ReadonlySet<string>;
  globalNames: ReadonlySet<string>;
  structs: ReadonlySet<string>;
  constants: ReadonlySet<string>;
}

export class World {
  /** Every function translated for the model, by name. */
  readonly functions = new Map<string, CFunction>();
  /** Set when translating a patch: what its module defines. */
  overlay: WorldOverlay | null = null;
  /** The subset that are generators (may reach a scheduling point). */
  readonly generators = new Set<string>();

  constructor(
    readonly corpus: Corpus,
    readonly annotations: Annotations,
  ) {}

  get base(): string {
    return this.corpus.base;
  }

  /** The TypeScript module (relative to kernel-model/) for a C file of this base. */
  moduleOf(cfile: string): string {
    const noExt = cfile.replace(/\.[ch]$/, '');
    return `${this.base}/${noExt}.ts`;
  }

  /** The function table name of a C file (`blk_throttle`, `blkdev_h`). */
  tableOf(cfile: string): string {
    const o = TABLE_NAME_OVERRIDES[cfile];
    if (o) return o;
    const b = snake(basename(cfile).replace(/\.[ch]$/, ''));
    return cfile.endsWith('.h') ? `${b}_h` : b;
  }

  /** The module-level accessor of a C file's globals (`blk_throttle_globals`). */
  globalsOf(cfile: string): string {
    return `${this.tableOf(cfile).replace(/_h$/, '_h')}_globals`;
  }

  /** The C file whose module a header's declarations go into: X.h joins X.c when both exist. */
  homeOf(cfile: string): string {
    if (cfile.endsWith('.h')) {
      const c = cfile.replace(/\.h$/, '.c');
      if (this.corpus.units.has(c)) return c;
    }
    return cfile;
  }

  /** The module that defines a constant (enum member or macro) of a C file. */
  constantModule(name: string, cfile: string): string {
    return this.overlay?.constants.has(name) ? this.overlay.module : this.moduleOf(this.homeOf(cfile));
  }

  /** The accessor of a global's per-machine set and the module that exports it. */
  globalAccessor(name: string, cfile: string): { accessor: string; module: string } {
    if (this.overlay?.globalNames.has(name)) return { accessor: this.overlay.globals, module: this.overlay.module };
    const home = this.homeOf(cfile);
    return { accessor: this.globalsOf(home), module: this.moduleOf(home) };
  }

  /** The table a function is called through and its module. */
  functionTable(name: string, cfile: string): { table: string; module: string } {
    if (this.overlay?.addedFunctions.has(name)) return { table: this.overlay.table, module: this.overlay.module };
    return { table: this.tableOf(cfile), module: this.moduleOf(this.homeOf(cfile)) };
  }

  /** Where a struct's TypeScript type is: a translated module, or the runtime. */
  structHome(tag: string): { module: string; ts: string; descriptor: string | null } | null {
    const rs = runtimeStruct(tag);
    if (rs) return { module: rs.module, ts: rs.ts, descriptor: null };
    if (this.overlay?.structs.has(tag)) return { module: this.overlay.module, ts: tag, descriptor: `${tag}_type` };
    const s = this.corpus.struct(tag);
    if (s === undefined) return null;
    return { module: this.moduleOf(this.homeOf(s.file)), ts: tag, descriptor: `${tag}_type` };
  }

  /**
   * The global a name means in a C file: the file's own (a static of that name), else the one the
   * corpus defines (dm-target.c's `_lock` is not dm-exception-store.c's).
   */
  globalIn(name: string, file: string): CGlobal | undefined {
    const own = this.corpus.units.get(file)?.globals.get(name);
    if (own !== undefined && !own.extern) return own;
    return this.corpus.global(name);
  }

  /** Whether a global (by its file and name) is one the translated code uses. */
  usesGlobal(g: CGlobal): boolean {
    return this.globals.has(`${g.file}:${g.name}`);
  }

  annotation(fn: string): FunctionAnnotation | undefined {
    return annotationFor(this.annotations, this.base, fn);
  }

  /**
   * Adds the functions to translate, and every function of the C they call, transitively, and
   * the functions named in the initializers of their files' globals (ops tables). Functions the
   * manifest keeps hand-written are not taken from the C.
   */
  include(names: Iterable<string>, handWritten: ReadonlySet<string> = new Set()): string[] {
    const missing: string[] = [];
    const queue = [...names];
    const filesSeen = new Set<string>();
    // A name a body or initializer uses: a function of the C to translate, or a global to emit.
    const use = (n: string, file: string): void => {
      if (IDIOMS[n] !== undefined) return;
      if (this.corpus.function(n) !== undefined) {
        if (!this.functions.has(n)) queue.push(n);
        return;
      }
      const g = this.globalIn(n, file);
      if (g === undefined || this.usesGlobal(g)) return;
      this.globals.add(`${g.file}:${g.name}`);
      const a = this.annotation(n)?.initializer;
      if (a !== undefined) for (const u of a.uses) use(u, g.file);
      else if (g.init !== null) for (const m of calledNames(g.init)) use(m, g.file);
    };
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (this.functions.has(name) || handWritten.has(name)) continue;
      const fn = this.corpus.function(name);
      if (fn === undefined) {
        missing.push(name);
        continue;
      }
      this.functions.set(name, fn);
      // A function kept by hand brings none of the C's callees.
      if (this.annotation(name)?.keep === undefined) {
        const locals = localNames(fn);
        for (const n of calledNames(fn.body)) if (!locals.has(n)) use(n, fn.file);
        for (const g of this.corpus.units.get(fn.file)?.globals.values() ?? []) if (g.localOf === name) use(g.name, fn.file);
      }
      // The file's initcalls run at boot whenever any of its code is in the model.
      if (!filesSeen.has(fn.file)) {
        filesSeen.add(fn.file);
        for (const ic of this.corpus.units.get(fn.file)?.initcalls ?? []) if (ic.level !== 'module_exit') use(ic.fn, fn.file);
      }
    }
    return missing;
  }

  /** The globals the translated functions (and the initializers of those globals) use. */
  readonly globals = new Set<string>();

  /**
   * Which translated functions are generators: a function is one when it calls a generator (an
   * idiom marked so, a translated generator, any call through a function pointer), when its
   * address is taken (callbacks are called with yield*), or when an annotation says so.
   */
  computeGenerators(isRuntimeGenerator: (name: string) => boolean | undefined): void {
    const calls = new Map<string, { direct: Set<string>; indirect: boolean }>();
    const addressTaken = new Set<string>();
    for (const [name, fn] of this.functions) {
      const direct = new Set<string>();
      let indirect = false;
      const locals = localNames(fn);
      walk(fn.body, (n) => {
        if (n.type === 'call_expression') {
          const callee = n.childForFieldName('function');
          if (callee?.type === 'identifier') {
            if (callee.text !== '__case_range') direct.add(callee.text);
          } else indirect = true;
        } else if (n.type === 'identifier' && this.functions.has(n.text) && !isCallee(n) && !locals.has(n.text)) addressTaken.add(n.text);
      });
      calls.set(name, { direct, indirect });
    }
    // Functions named in static initializers (ops tables) are called through pointers.
    for (const unit of this.corpus.units.values()) {
      for (const g of unit.globals.values()) {
        if (g.init === null) continue;
        walk(g.init, (n) => {
          if (n.type === 'identifier' && this.corpus.function(n.text) !== undefined) addressTaken.add(n.text);
        });
      }
    }
    const gen = this.generators;
    gen.clear();
    for (const name of this.functions.keys()) {
      if (addressTaken.has(name) || this.annotation(name)?.generator === true) gen.add(name);
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const [name, c] of calls) {
        if (gen.has(name)) continue;
        let g = c.indirect;
        for (const callee of c.direct) {
          if (g) break;
          // A world's own hand-written function beats the idiom for the runtime's (function-emit.ts idiomFor).
          const idiom = runtimeIndex().has(`${this.base}:${callee}`) ? undefined : IDIOMS[callee];
          if (idiom !== undefined) g = idiom.kind === 'call' || idiom.kind === 'custom' ? idiom.gen : false;
          else if (this.functions.has(callee)) g = gen.has(callee);
          else {
            const r = isRuntimeGenerator(callee);
            // A name that is no function at all is a function pointer (a parameter, a local):
            // every callback in the model is a generator.
            g = r ?? (this.corpus.function(callee) === undefined && this.corpus.prototype(callee) === undefined);
          }
        }
        if (g) {
          gen.add(name);
          changed = true;
        }
      }
    }
  }

  /**
   * A global the model keeps as a module constant: a scalar with an initializer that no
   * translated function assigns or takes the address of (throtl_slice, throtl_quantum).
   */
  isConstGlobal(g: CGlobal): boolean {
    const r = this.corpus.resolve(g.type);
    if (!(r.k === 'int' || r.k === 'bool' || r.k === 'enum') || g.init === null) return false;
    // A function-local static is written under its local name, in its function only.
    const name = g.localOf !== undefined ? g.name.slice(g.localOf.length + 2) : g.name;
    const re = new RegExp(`(\\b${name}\\s*([-+*/|&^]?=[^=]|\\+\\+|--))|((\\+\\+|--|&)\\s*${name}\\b)`);
    // (Its own declaration, `static int next_minor = 512;`, initialises it: not a write.)
    const declaration = new RegExp(`\\bstatic\\b[^;{}]*\\b${name}\\s*=[^;]*;`);
    for (const fn of this.functions.values()) {
      if (g.localOf !== undefined && fn.name !== g.localOf) continue;
      if (re.test(g.localOf !== undefined ? fn.body.text.replace(declaration, '') : fn.body.text)) return false;
    }
    return true;
  }

  /**
   * Marks the pointers the C indexes (`bio->bi_io_vec[i]`, `stat[BLKIO_STAT_READ]` on a
   * `uint64_t *stat` parameter): the model holds an array behind them, where other pointers to a
   * scalar are Ref cells and pointers to a struct are the struct. Struct members are matched by
   * name, parameters and locals per function.
   */
  /**
   * Pointers the C indexes (p[i]) point into arrays: the model types them as arrays. The mark
   * spreads along assignments, initialisations, arguments and return values (bvl = bio->
   * bi_inline_vecs; bio->bi_io_vec = bvl), so that a pointer and what it is copied from agree.
   */
  markArrayPointers(): void {
    // Slots: "L:fn:name" a local or parameter, "G:name" a global, "F:name" a struct member (by
    // name, as the C's member names are), "R:fn" a function's return value.
    const many = new Set<string>();
    const edges: [string, string][] = [];
    const localsOf = new Map<string, Set<string>>();
    // What each slot points to (a struct tag or scalar spelling): the mark spreads only between
    // pointers to the same thing, so member names shared by unrelated structs stay apart.
    const pointee = new Map<string, string | null>();
    const note = (slotName: string, t: CType): void => {
      const r = this.corpus.resolve(t);
      const to = r.k === 'ptr' ? this.corpus.resolve(r.to) : r.k === 'array' ? this.corpus.resolve(r.of) : null;
      // Not void pointers (anything), not chars (strings are values in the model).
      const key = to === null || to.k === 'void' || to.k === 'char' ? null : typeText(to);
      pointee.set(slotName, pointee.has(slotName) && pointee.get(slotName) !== key ? null : key);
    };
    for (const fn of this.functions.values()) {
      const locals = new Set<string>();
      for (const p of fn.params) {
        if (p.name === null) continue;
        locals.add(p.name);
        note(`L:${fn.name}:${p.name}`, p.type);
      }
      walk(fn.body, (n) => {
        if (n.type !== 'declaration') return;
        for (const dn of n.childrenForFieldName('declarator')) {
          if (dn === null) continue;
          const d = declare(declBase(n), dn, () => null);
          if (d.name === null) continue;
          locals.add(d.name);
          note(`L:${fn.name}:${d.name}`, d.type);
        }
      });
      localsOf.set(fn.name, locals);
      note(`R:${fn.name}`, fn.ret);
    }
    for (const unit of this.corpus.units.values()) {
      for (const st of unit.structs.values()) for (const f of st.fields) note(`F:${st.tag}.${f.name}`, f.type);
      for (const g of unit.globals.values()) note(`G:${g.name}`, g.type);
    }
    const pointsTo = (x: string): string | null => pointee.get(x) ?? null;
    // The declared type of an expression, as far as the slots need it.
    const localTypes = new Map<string, CType>();
    for (const fn of this.functions.values()) {
      for (const p of fn.params) if (p.name !== null) localTypes.set(`${fn.name}:${p.name}`, p.type);
      walk(fn.body, (n) => {
        if (n.type !== 'declaration') return;
        for (const dn of n.childrenForFieldName('declarator')) {
          const d = dn === null ? null : declare(declBase(n), dn, () => null);
          if (d?.name) localTypes.set(`${fn.name}:${d.name}`, d.type);
        }
      });
    }
    const typeOf = (fn: CFunction, n: Node | null): CType | null => {
      if (n === null) return null;
      switch (n.type) {
        case 'identifier':
          return localTypes.get(`${fn.name}:${n.text}`) ?? this.corpus.global(n.text)?.type ?? null;
        case 'field_expression': {
          const tag = structOf(fn, n.childForFieldName('argument'));
          const field = n.childForFieldName('field')?.text;
          return tag === null ? null : (this.corpus.struct(tag)?.fields.find((f) => f.name === field)?.type ?? null);
        }
        case 'parenthesized_expression':
          return typeOf(fn, n.namedChildren[0] ?? null);
        case 'subscript_expression': {
          const t = typeOf(fn, n.childForFieldName('argument'));
          const r = t === null ? null : this.corpus.resolve(t);
          return r?.k === 'ptr' ? r.to : r?.k === 'array' ? r.of : null;
        }
        case 'call_expression':
          return this.functions.get(n.childForFieldName('function')?.text ?? '')?.ret ?? null;
        default:
          return null;
      }
    };
    const structOf = (fn: CFunction, n: Node | null): string | null => {
      const t = typeOf(fn, n);
      let r = t === null ? null : this.corpus.resolve(t);
      if (r?.k === 'ptr') r = this.corpus.resolve(r.to);
      return r?.k === 'struct' ? r.tag : null;
    };
    const slot = (fn: CFunction, n: Node | null): string | null => {
      if (n === null) return null;
      switch (n.type) {
        case 'identifier':
          if (localsOf.get(fn.name)?.has(n.text)) return `L:${fn.name}:${n.text}`;
          return this.corpus.global(n.text) !== undefined ? `G:${n.text}` : null;
        case 'field_expression': {
          // The member of the struct the object is: its type follows the declarations.
          const tag = structOf(fn, n.childForFieldName('argument'));
          return tag === null ? null : `F:${tag}.${n.childForFieldName('field')?.text ?? ''}`;
        }
        case 'parenthesized_expression':
          return slot(fn, n.namedChildren[0] ?? null);
        case 'cast_expression':
          return slot(fn, n.childForFieldName('value'));
        case 'call_expression': {
          const callee = n.childForFieldName('function');
          return callee?.type === 'identifier' && this.functions.has(callee.text) ? `R:${callee.text}` : null;
        }
        default:
          return null;
      }
    };
    const edge = (a: string | null, b: string | null): void => {
      if (a !== null && b !== null && pointsTo(a) !== null && pointsTo(a) === pointsTo(b)) edges.push([a, b]);
    };
    for (const fn of this.functions.values()) {
      // An expression an annotation rewrites is not the C's any more: it says nothing of types.
      const rewritten = new Set((this.annotation(fn.name)?.rewrite ?? []).map((r) => r.c.replace(/\s+/g, '')));
      walk(fn.body, (n) => {
        switch (n.type) {
          case 'subscript_expression': {
            let inRewrite = false;
            for (let a: Node | null = n; a !== null && !inRewrite; a = a.parent) inRewrite = rewritten.has(a.text.replace(/\s+/g, ''));
            if (inRewrite) break;
            const s = slot(fn, n.childForFieldName('argument'));
            if (s !== null && pointsTo(s) !== null) many.add(s);
            break;
          }
          case 'assignment_expression':
            if (n.childForFieldName('operator')?.text === '=') edge(slot(fn, n.childForFieldName('left')), slot(fn, n.childForFieldName('right')));
            break;
          case 'init_declarator':
            if (n.parent?.type === 'declaration') edge(`L:${fn.name}:${declaredName(n)}`, slot(fn, n.childForFieldName('value')));
            break;
          case 'return_statement':
            edge(`R:${fn.name}`, slot(fn, n.namedChildren[0] ?? null));
            break;
          case 'call_expression': {
            const callee = this.functions.get(n.childForFieldName('function')?.text ?? '');
            if (callee === undefined) break;
            const args = n.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
            args.forEach((a, i) => {
              const p = callee.params[i];
              if (p?.name) edge(`L:${callee.name}:${p.name}`, slot(fn, a));
            });
            break;
          }
        }
      });
    }
    // Array members are arrays already: what is copied from them points into one.
    for (const unit of this.corpus.units.values()) {
      for (const st of unit.structs.values()) for (const f of st.fields) if (f.type.k === 'array' && pointsTo(`F:${st.tag}.${f.name}`) !== null) many.add(`F:${st.tag}.${f.name}`);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const [a, b] of edges) {
        if (many.has(a) !== many.has(b)) {
          many.add(a);
          many.add(b);
          changed = true;
        }
      }
    }
    const mark = (t: CType): CType => (t.k === 'ptr' && this.corpus.resolve(t.to).k !== 'void' ? { ...t, many: true } : t);
    for (const unit of this.corpus.units.values()) {
      for (const st of unit.structs.values()) for (const f of st.fields) if (many.has(`F:${st.tag}.${f.name}`)) f.type = mark(f.type);
      for (const g of unit.globals.values()) if (many.has(`G:${g.name}`)) g.type = mark(g.type);
    }
    const perFunction = new Map<string, Set<string>>();
    for (const fn of this.functions.values()) {
      fn.params.forEach((p, i) => {
        if (p.name !== null && many.has(`L:${fn.name}:${p.name}`)) fn.params[i] = { ...p, type: mark(p.type) };
      });
      if (many.has(`R:${fn.name}`)) fn.ret = mark(fn.ret);
      perFunction.set(fn.name, new Set([...(localsOf.get(fn.name) ?? [])].filter((n) => many.has(`L:${fn.name}:${n}`))));
    }
    this.indexedLocals = perFunction;
  }

  /** Per function, the names it indexes (for its locals' types). */
  indexedLocals = new Map<string, Set<string>>();

  /** Whether a C file is one of this world's (a relative kernel path). */
  isWorldFile(cfile: string): boolean {
    return this.corpus.units.has(cfile);
  }

  /** The directory of a module, for relative imports. */
  static moduleDir(module: string): string {
    return dirname(module);
  }
}

/** The names a function's parameters and locals take (they shadow functions and globals). */
export function localNames(fn: CFunction): Set<string> {
  const out = new Set<string>();
  for (const p of fn.params) if (p.name !== null) out.add(p.name);
  walk(fn.body, (n) => {
    if (n.type !== 'declaration') return;
    for (const dn of n.childrenForFieldName('declarator')) if (dn !== null) out.add(declaredName(dn));
  });
  return out;
}

/** The name a declarator declares (through pointers, arrays and initialisers). */
function declaredName(dn: Node): string {
  let cur: Node | null = dn;
  while (cur !== null && cur.type !== 'identifier') cur = cur.childForFieldName('declarator');
  return cur?.text ?? '';
}

export function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of n.namedChildren) if (c !== null) walk(c, visit);
}

function isCallee(n: Node): boolean {
  const p = n.parent;
  return p !== null && p.type === 'call_expression' && p.childForFieldName('function')?.id === n.id;
}

/** The names a body calls directly. */
export function calledNames(body: Node): Set<string> {
  const out = new Set<string>();
  walk(body, (n) => {
    if (n.type === 'call_expression') {
      const callee = n.childForFieldName('function');
      // A GCC case range is the preprocessor's marker, not a call.
      if (callee?.type === 'identifier' && callee.text !== '__case_range') out.add(callee.text.replace(/^__iterate_/, ''));
    } else if (n.type === 'identifier') {
      // Functions passed as callbacks (INIT_WORK(&w, fn)) are needed too.
      out.add(n.text);
    }
  });
  return out;
}
