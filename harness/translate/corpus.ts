// The C of one base, loaded for translation: every file under kernel-model/c/<base>/,
// preprocessed with that base's kernel configuration (headers first, so their macros reach the
// .c files), parsed and indexed, with lookups across all of it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CEnumConst, type CFunction, type CGlobal, type CPrototype, type CStruct, type CUnit, indexUnit, makeConstEval } from './c-index.ts';
import { loadCParser, parseC } from './c-parser.ts';
import { BUILTIN_TYPEDEFS, type CType } from './c-types.ts';
import { IDIOMS, DECLARATION_MACROS, ITERATORS, TYPE_ARG_MACROS } from './idioms.ts';
import { type MacroDef, isConstantMacro, preprocess } from './preprocess.ts';
import { C_ROOT } from './paths.ts';

/** Values of the runtime's constants that the C's macros are built from (HZ/50, UINT_MAX). */
const RUNTIME_CONSTANTS: Readonly<Record<string, number>> = {
  HZ: 1000,
  UINT_MAX: 0xffffffff,
  INT_MAX: 0x7fffffff,
  USHRT_MAX: 0xffff,
  PAGE_SIZE: 4096,
  PAGE_SHIFT: 12,
  PAGE_CACHE_SIZE: 4096,
  PAGE_CACHE_SHIFT: 12,
  NR_CPUS: 8,
  L1_CACHE_BYTES: 64,
  BITS_PER_LONG: 64,
};

/** include/linux/stringify.h (its two macros, as the kernel defines them). */
const STRINGIFY_H = '#define __stringify_1(x) #x\n#define __stringify(x) __stringify_1(x)\n';

/** Numeric configuration the headers test in #if. */
const CONFIG_VALUES: Readonly<Record<string, number>> = { BITS_PER_LONG: 64 };

/**
 * Macros whose value the model sets instead of the C, and why. JavaScript's bitwise operators
 * work on 32 bits, so a flag word's bits must sit below bit 32: the bio's bvec pool index moves
 * from the top four bits of a 64-bit bi_flags to the top four of its low 32 (no BIO_* flag of
 * either base reaches bit 28).
 */
const MODEL_MACROS: Readonly<Record<string, number>> = {
  BIO_POOL_OFFSET: 32 - 4,
  // v3.15's request flags run to bit 33: REQ_HASHED (1ULL << 33, the elevator's merge hash) moves
  // to bit 30, __REQ_KERNEL's, since REQ_KERNEL is set only by KERNEL_READ/KERNEL_WRITE (kernel
  // page IO of fs code the model does not have) and no block-layer C of the model tests it.
  // REQ_END (bit 32) stays: only blk-mq and drivers set it, so every test of it is false, as
  // JavaScript's 32-bit `&` makes it.
  REQ_HASHED: 1 << 30,
};
const PINNED_MACROS: ReadonlySet<string> = new Set(Object.keys(MODEL_MACROS));

/**
 * Iterator macros a base's own headers define in a form the translator follows as C, so they are
 * expanded instead of taken from the idiom table: v3.15's bio walks go through a struct
 * bvec_iter (immutable biovecs, v3.14), not v3.2's pointer increments.
 */
const EXPANDED_ITERATORS: Readonly<Record<string, readonly string[]>> = {
  'v3.15': ['bio_for_each_segment', '__bio_for_each_segment'],
};

/** The kernel configuration of each base: what is =y. Everything else is off. */
export const BASE_CONFIG: Readonly<Record<string, readonly string[]>> = {
  'v3.2': [
    '__KERNEL__', 'CONFIG_BLOCK', 'CONFIG_SMP', 'CONFIG_BLK_CGROUP', 'CONFIG_BLK_DEV_THROTTLING', 'CONFIG_CFQ_GROUP_IOSCHED',
    'CONFIG_IOSCHED_CFQ', 'CONFIG_DEBUG_LIST', 'CONFIG_LOCKDEP', 'CONFIG_PROVE_LOCKING', 'CONFIG_DEBUG_SPINLOCK',
    'CONFIG_SWAP', 'CONFIG_64BIT', 'CONFIG_X86_64', 'CONFIG_MMU', 'CONFIG_NUMA',
  ],
  'v3.15': [
    '__KERNEL__', 'CONFIG_BLOCK', 'CONFIG_SMP', 'CONFIG_DEBUG_LIST', 'CONFIG_LOCKDEP', 'CONFIG_PROVE_LOCKING', 'CONFIG_DEBUG_SPINLOCK',
    'CONFIG_64BIT', 'CONFIG_X86_64', 'CONFIG_MMU', 'CONFIG_NUMA', 'CONFIG_BLK_DEV_DM', 'CONFIG_MD_RAID1',
  ],
};

/**
 * Headers whose macros belong to the subsystems the model ports: they are expanded where used.
 * Macros of the kernel's library headers (list.h, kernel.h, sched.h ...) are not: the idiom table
 * translates those by name, and one it does not know is reported.
 */
function isSubsystemHeader(path: string): boolean {
  return (
    /^(block|drivers\/md|fs|mm|kernel)\/.*\.h$/.test(path) ||
    /^include\/linux\/(blkdev|bio|blk_types|elevator|iocontext|device-mapper|dm-[a-z-]+|genhd|mempool|blk-cgroup|fs|kdev_t|ioprio|hash|backing-dev)\.h$/.test(path)
  );
}

/** Library headers kept as reference C only: never translated, their macros never expanded. */
function isReferenceOnly(path: string): boolean {
  return (
    /^(include\/linux\/(list|rculist|rbtree|sched|kernel|slab|workqueue|wait|spinlock|mutex|rwsem|atomic|percpu|rcupdate|jiffies|timer|completion|gfp|cgroup|cgroup_subsys|swap|mempool)\.h|lib\/.*)$/.test(path) ||
    /^include\/asm-generic\//.test(path)
  );
}

export interface Corpus {
  base: string;
  root: string;
  units: Map<string, CUnit>;
  /** Each function's defining unit. */
  function(name: string): CFunction | undefined;
  struct(tag: string): CStruct | undefined;
  global(name: string): CGlobal | undefined;
  enumConst(name: string): CEnumConst | undefined;
  prototype(name: string): CPrototype | undefined;
  typedef(name: string): CType | undefined;
  /** A constant macro's value, when it is a number. */
  macroValue(name: string): number | null;
  macro(name: string): MacroDef | undefined;
  /** Resolves typedefs until a concrete type. */
  resolve(t: CType): CType;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[ch]$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const cache = new Map<string, Corpus>();

/**
 * Loads (once per process) the C of a base; with `texts`, the C as a patch leaves it (those
 * files' texts instead of the base's, not cached).
 */
export async function loadCorpus(base: string, root = join(C_ROOT, base), texts: ReadonlyMap<string, string> | null = null): Promise<Corpus> {
  const key = `${base}:${root}`;
  const hit = texts === null ? cache.get(key) : undefined;
  if (hit) return hit;
  const read = (file: string): string => texts?.get(file) ?? readFileSync(join(root, file), 'utf8');
  await loadCParser();
  const config = new Set(BASE_CONFIG[base] ?? []);
  const files = listFiles(root).map((p) => relative(root, p));
  const headers = files.filter((f) => f.endsWith('.h') && !isReferenceOnly(f));
  const sources = files.filter((f) => f.endsWith('.c') && !isReferenceOnly(f));
  const inherited = new Map<string, MacroDef>();
  const units = new Map<string, CUnit>();
  const enumValues = new Map<string, number>();
  const constOf = (name: string): number | null => {
    const e = enumValues.get(name);
    if (e !== undefined) return e;
    const m = inherited.get(name);
    if (m !== undefined && isConstantMacro(m)) {
      const v = Number.parseInt(m.bodyText.replace(/[()uUlL]/g, ''), m.bodyText.includes('0x') ? 16 : 10);
      return Number.isNaN(v) ? null : v;
    }
    return null;
  };
  const integerTypedefs = new Map<string, string>();
  for (const [name, t] of Object.entries(BUILTIN_TYPEDEFS)) {
    if (t.k !== 'int') continue;
    const base = t.bits === 64 ? 'long long' : t.bits === 16 ? 'short' : t.bits === 8 ? 'char' : 'int';
    integerTypedefs.set(name, `${t.unsigned ? 'unsigned ' : ''}${base}`);
  }
  const iterators = new Set([...ITERATORS].filter((n) => !(EXPANDED_ITERATORS[base] ?? []).includes(n)));
  const options = (file: string) => ({
    file,
    config,
    integerTypedefs,
    inherited,
    translatedByName: (name: string) => IDIOMS[name] !== undefined,
    iterators,
    typeArgMacros: TYPE_ARG_MACROS,
    declarationMacros: DECLARATION_MACROS,
    pinned: PINNED_MACROS,
  });
  // The model's configuration values the headers test (#if BITS_PER_LONG == 64).
  for (const [name, value] of [...Object.entries(CONFIG_VALUES), ...Object.entries(MODEL_MACROS)]) {
    inherited.set(name, { name, params: null, variadic: false, body: [{ kind: 'number', text: String(value), start: 0 }], bodyText: String(value), file: '(config)', line: 0 });
  }
  // include/linux/stringify.h, which every file has through kernel.h.
  for (const [name, m] of preprocess(STRINGIFY_H, options('include/linux/stringify.h')).macros) inherited.set(name, m);
  // Headers include each other in an order the model does not follow: their macros are
  // collected in a first pass over all of them, so each file sees every subsystem header's.
  for (const file of headers) {
    if (!isSubsystemHeader(file)) continue;
    const pp = preprocess(read(file), options(file));
    for (const [name, m] of pp.macros) inherited.set(name, m);
  }
  const addUnit = (file: string): void => {
    const text = read(file);
    const pp = preprocess(text, options(file));
    if (isSubsystemHeader(file)) for (const [name, m] of pp.macros) inherited.set(name, m);
    const unit = indexUnit(file, pp.text, parseC(pp.text), pp.macros, pp.initcalls, constOf);
    for (const e of unit.enums.values()) enumValues.set(e.name, e.value);
    units.set(file, unit);
  };
  for (const h of headers) addUnit(h);
  for (const c of sources) addUnit(c);

  const firstOf = <T>(pick: (u: CUnit) => T | undefined, preferSources = true): T | undefined => {
    const order = preferSources ? [...sources, ...headers] : [...headers, ...sources];
    for (const f of order) {
      const v = pick(units.get(f) as CUnit);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  // A constant macro's value: its body parsed as a C expression and evaluated over enum members
  // and other constant macros.
  const macroValues = new Map<string, number | null>();
  const macroValue = (name: string, seen: Set<string>): number | null => {
    if (macroValues.has(name)) return macroValues.get(name) as number | null;
    const m = corpus.macro(name);
    if (m === undefined || seen.has(name)) return null;
    // An alias of one name (WRITE -> RW_MASK -> REQ_WRITE) has that name's value.
    if (m.params === null && /^\w+$/.test(m.bodyText) && !/^\d/.test(m.bodyText)) {
      seen.add(name);
      const v = enumValues.get(m.bodyText) ?? RUNTIME_CONSTANTS[m.bodyText] ?? macroValue(m.bodyText, seen);
      seen.delete(name);
      return v;
    }
    if (!isConstantMacro(m)) return null;
    seen.add(name);
    const tree = parseC(`int __v = ${m.bodyText};`);
    const init = tree.rootNode.namedChildren[0]?.childForFieldName('declarator')?.childForFieldName('value') ?? null;
    const ev = makeConstEval((n) => enumValues.get(n) ?? RUNTIME_CONSTANTS[n] ?? macroValue(n, seen));
    const v = init === null ? null : ev(init);
    seen.delete(name);
    macroValues.set(name, v);
    return v;
  };
  const corpus: Corpus = {
    base,
    root,
    units,
    function: (name) => firstOf((u) => u.functions.get(name)),
    // A tag defined in several files (dm.c's one-member stand-in for dm-table.c's struct
    // dm_table) is the fullest definition.
    struct: (tag) => {
      let best: CStruct | undefined;
      for (const f of [...headers, ...sources]) {
        const st = (units.get(f) as CUnit).structs.get(tag);
        if (st !== undefined && (best === undefined || st.fields.length > best.fields.length)) best = st;
      }
      return best;
    },
    global: (name) => firstOf((u) => {
      const g = u.globals.get(name);
      return g !== undefined && !g.extern ? g : undefined;
    }) ?? firstOf((u) => u.globals.get(name)),
    enumConst: (name) => firstOf((u) => u.enums.get(name), false),
    prototype: (name) => firstOf((u) => u.prototypes.get(name), false),
    typedef: (name) => firstOf((u) => u.typedefs.get(name), false) ?? BUILTIN_TYPEDEFS[name],
    macroValue: (name) => macroValue(name, new Set()),
    macro: (name) => firstOf((u) => u.macros.get(name), false),
    resolve: (t) => {
      let cur = t;
      for (let i = 0; i < 16 && cur.k === 'typedef'; i++) {
        const next = corpus.typedef(cur.name);
        if (next === undefined) return { k: 'unknown', text: cur.name };
        cur = next;
      }
      return cur;
    },
  };
  if (texts === null) cache.set(key, corpus);
  return corpus;
}

/**
 * A constant macro whose value lies beyond Number.MAX_SAFE_INTEGER (md.h's u64 masks
 * BB_OFFSET_MASK and BB_ACK_MASK, fs.h's MAX_LFS_FILESIZE, hash.h's GOLDEN_RATIO_PRIME_64), as
 * the exact integer the C writes: a double holds only some of the integers up there, and
 * JavaScript's bitwise operators, which are 32-bit, reach none of them. Null for a constant a
 * double holds exactly (every other one), and for a wide one the model cannot read exactly: its
 * body neither an integer literal nor the name of another such macro.
 */
export function wideConstant(corpus: Corpus, name: string): { value: bigint | null } | null {
  const v = corpus.macroValue(name);
  if (v === null || Math.abs(v) <= Number.MAX_SAFE_INTEGER) return null;
  return { value: exactInteger(corpus, name, new Set()) };
}

function exactInteger(corpus: Corpus, name: string, seen: Set<string>): bigint | null {
  const m = corpus.macro(name);
  if (m === undefined || m.params !== null || seen.has(name)) return null;
  seen.add(name);
  let body = m.bodyText.trim();
  while (/^\(.*\)$/.test(body)) body = body.slice(1, -1).trim();
  if (/^[A-Za-z_]\w*$/.test(body)) return exactInteger(corpus, body, seen);
  const literal = body.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(literal) || /^[1-9]\d*$/.test(literal)) return BigInt(literal);
  if (/^0[0-7]+$/.test(literal)) return BigInt(`0o${literal.slice(1)}`);
  return null;
}
