// Struct types as the allocators see them: a name, sizeof, and a constructor that makes the
// zeroed object with its embedded members (what kzalloc() hands back). Translated code passes
// the descriptor where the C passes sizeof(*p): `kzalloc(sizeof(throtl_grp_type), GFP_ATOMIC)`.
//
// Descriptors are registered per base and C file, like kernel functions, so a patch that changes
// a struct (a new member, int -> atomic_t) overrides its constructor for the patched variant and
// every allocation, changed by the patch or not, makes the patched layout.

export interface kstruct<T extends object> {
  readonly name: string;
  /** sizeof(struct name) on x86_64, as computed from the C definition. */
  size: number;
  make: () => T;
}

type AnyStruct = kstruct<object>;

interface Entry {
  base: string;
  cfile: string;
  table: Record<string, AnyStruct>;
  size: number;
  make: () => object;
}

const registry = new Map<string, Entry>();

type StructMadeHook = (base: string, name: string, obj: object) => void;
const madeHooks: StructMadeHook[] = [];

/** Called with every object a registered struct's maker makes (KCSAN watches members of some). */
export function onStructMade(hook: StructMadeHook): void {
  madeHooks.push(hook);
}

/** The maker a registered struct's descriptor carries: the layout's, then the hooks. */
function announced(base: string, name: string, make: () => object): () => object {
  return () => {
    const obj = make();
    for (const hook of madeHooks) hook(base, name, obj);
    return obj;
  };
}

const overridden = new Set<string>();

const key = (base: string, name: string): string => `${base}:${name}`;

/** Registers the struct types a C file of a base defines and returns their table. */
export function kernel_structs<T extends Record<string, AnyStruct>>(base: string, cfile: string, types: T): T {
  for (const [name, t] of Object.entries(types)) {
    if (registry.has(key(base, name))) throw new Error(`struct ${name} registered twice for ${base}`);
    t.make = announced(base, name, t.make);
    registry.set(key(base, name), { base, cfile, table: types, size: t.size, make: t.make });
  }
  return types;
}

/** The descriptor registered for struct `name` of a base (as patched, when a patch changed it), or undefined. */
export function kernel_struct(base: string, name: string): AnyStruct | undefined {
  return registry.get(key(base, name))?.table[name];
}

/** A struct type descriptor. */
export function struct_type<T extends object>(name: string, size: number, make: () => T): kstruct<T> {
  return { name, size, make };
}

/** sizeof() of a struct type: the descriptor itself, which carries the size and the maker. */
export function sizeof<T extends object>(t: kstruct<T>): kstruct<T> {
  return t;
}

/** Installs a patch's struct layouts (the patched variant) for its base. */
export function installStructOverrides(base: string, overrides: Readonly<Record<string, { size: number; make: () => object }>>): void {
  for (const [name, o] of Object.entries(overrides)) {
    const entry = registry.get(key(base, name));
    if (entry === undefined) throw new Error(`override of struct ${name}: no such struct in the ${base} model`);
    const t = entry.table[name];
    t.size = o.size;
    t.make = announced(base, name, o.make);
    overridden.add(key(base, name));
  }
}

/** Back to the baseline layouts. */
export function resetStructOverrides(): void {
  for (const k of overridden) {
    const entry = registry.get(k) as Entry;
    const t = entry.table[k.slice(entry.base.length + 1)];
    t.size = entry.size;
    t.make = entry.make;
  }
  overridden.clear();
}

/** The C file that defines a registered struct of a base, or undefined. */
export function kernelStructFile(base: string, name: string): string | undefined {
  return registry.get(key(base, name))?.cfile;
}

/**
 * A struct with a flexible array member of `n` elements (`offsetof(struct r1bio, bios[n])`
 * bytes): the struct's descriptor with that member an array of n zeroed elements: NULL
 * pointers, or zeroed structs of `elem` (linear_conf's `struct dev_info disks[0]`).
 */
export function flex_array_struct<T extends object>(t: kstruct<T>, member: string, n: number, size: number, elem?: kstruct<object>): kstruct<T> {
  return {
    name: `${t.name}+${member}[${n}]`,
    size,
    make: (): T => {
      const o = t.make();
      (o as Record<string, unknown>)[member] = Array.from({ length: n }, () => (elem === undefined ? null : elem.make()));
      return o;
    },
  };
}

const siblings = new WeakMap<object, object[]>();

/**
 * An allocation of `n` structs in a row whose first is the object the allocator hands out
 * (dm-kcopyd's job cache: a master job and its sub jobs, `sizeof(struct kcopyd_job) *
 * (SPLIT_COUNT + 1)` bytes). The others are reached from it with struct_array_elem().
 */
export function struct_array_object<T extends object>(t: kstruct<T>, n: number): kstruct<T> {
  return {
    name: `${t.name}[${n}]`,
    size: t.size * n,
    make: (): T => {
      const all = Array.from({ length: n }, () => t.make());
      for (const o of all) siblings.set(o, all);
      return all[0];
    },
  };
}

/** `&p[k]` for p the first struct of a struct_array_object() allocation. */
export function struct_array_elem<T extends object>(p: T, k: number): T {
  const all = siblings.get(p);
  if (all === undefined) throw new Error(`&p[${k}]: not an array of structs`);
  return all[all.indexOf(p) + k] as T;
}
