// The translated world of one base: which C file becomes which TypeScript module and function
// table, where each struct's type and descriptor live, which functions are generators, and the
// model-only knowledge (annotations) applied at translation.

import { basename, dirname } from 'node:path';
import type { Corpus } from './corpus.ts';
import type { CFunction, CGlobal } from './c-index.ts';
import type { CType } from './c-types.ts';
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
};

function snake(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

export class World {
  /** Every function translated for the model, by name. */
  readonly functions = new Map<string, CFunction>();
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

  /** Where a struct's TypeScript type is: a translated module, or the runtime. */
  structHome(tag: string): { module: string; ts: string; descriptor: string | null } | null {
    const rs = runtimeStruct(tag);
    if (rs) return { module: rs.module, ts: rs.ts, descriptor: null };
    const s = this.corpus.struct(tag);
    if (s === undefined) return null;
    return { module: this.moduleOf(this.homeOf(s.file)), ts: tag, descriptor: `${tag}_type` };
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
    const use = (n: string): void => {
      if (IDIOMS[n] !== undefined) return;
      if (this.corpus.function(n) !== undefined) {
        if (!this.functions.has(n)) queue.push(n);
        return;
      }
      const g = this.corpus.global(n);
      if (g === undefined || this.globals.has(n)) return;
      this.globals.add(n);
      const a = this.annotation(n)?.initializer;
      if (a !== undefined) for (const u of a.uses) use(u);
      else if (g.init !== null) for (const m of calledNames(g.init)) use(m);
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
      if (this.annotation(name)?.keep === undefined) for (const n of calledNames(fn.body)) use(n);
      // The file's initcalls run at boot whenever any of its code is in the model.
      if (!filesSeen.has(fn.file)) {
        filesSeen.add(fn.file);
        for (const ic of this.corpus.units.get(fn.file)?.initcalls ?? []) if (ic.level !== 'module_exit') use(ic.fn);
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
      walk(fn.body, (n) => {
        if (n.type === 'call_expression') {
          const callee = n.childForFieldName('function');
          if (callee?.type === 'identifier') direct.add(callee.text);
          else indirect = true;
        } else if (n.type === 'identifier' && this.functions.has(n.text) && !isCallee(n)) addressTaken.add(n.text);
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
          const idiom = IDIOMS[callee];
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
    const re = new RegExp(`(\\b${g.name}\\s*([-+*/|&^]?=[^=]|\\+\\+|--))|((\\+\\+|--|&)\\s*${g.name}\\b)`);
    for (const fn of this.functions.values()) if (re.test(fn.body.text)) return false;
    return true;
  }

  /**
   * Marks the pointers the C indexes (`bio->bi_io_vec[i]`, `stat[BLKIO_STAT_READ]` on a
   * `uint64_t *stat` parameter): the model holds an array behind them, where other pointers to a
   * scalar are Ref cells and pointers to a struct are the struct. Struct members are matched by
   * name, parameters and locals per function.
   */
  markArrayPointers(): void {
    const fields = new Set<string>();
    const perFunction = new Map<string, Set<string>>();
    for (const fn of this.functions.values()) {
      const names = new Set<string>();
      walk(fn.body, (n) => {
        if (n.type !== 'subscript_expression') return;
        const a = n.childForFieldName('argument');
        if (a?.type === 'identifier') names.add(a.text);
        else if (a?.type === 'field_expression') fields.add(a.childForFieldName('field')?.text ?? '');
      });
      perFunction.set(fn.name, names);
    }
    const many = (t: CType): CType => (t.k === 'ptr' ? { ...t, many: true } : t);
    for (const unit of this.corpus.units.values()) {
      for (const s of unit.structs.values()) for (const f of s.fields) if (fields.has(f.name) && f.type.k === 'ptr') f.type = many(f.type);
    }
    for (const fn of this.functions.values()) {
      const names = perFunction.get(fn.name) as Set<string>;
      fn.params.forEach((p, i) => {
        if (p.name !== null && names.has(p.name)) fn.params[i] = { ...p, type: many(p.type) };
      });
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
      if (callee?.type === 'identifier') out.add(callee.text.replace(/^__iterate_/, ''));
    } else if (n.type === 'identifier') {
      // Functions passed as callbacks (INIT_WORK(&w, fn)) are needed too.
      out.add(n.text);
    }
  });
  return out;
}
