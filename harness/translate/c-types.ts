// C types as the translator reasons about them: read from tree-sitter declaration nodes,
// resolved through typedefs, and sized as x86_64 lays them out (for sizeof and kmalloc caches).

import type { Node } from './c-parser.ts';

export type CType =
  | { k: 'void' }
  | { k: 'int'; bits: number; unsigned: boolean; name: string }
  | { k: 'bool' }
  /** `const`: a const char (a string pointer); a plain char pointer is a buffer written through. */
  | { k: 'char'; const?: boolean }
  | { k: 'float' }
  /** `many`: the pointer is indexed somewhere (p[i]): the model holds an array, not one value. */
  | { k: 'ptr'; to: CType; many?: boolean }
  | { k: 'array'; of: CType; len: number | null }
  | { k: 'struct'; tag: string; union: boolean }
  | { k: 'enum'; tag: string }
  | { k: 'func'; ret: CType; params: CParam[]; variadic: boolean }
  | { k: 'typedef'; name: string }
  | { k: 'unknown'; text: string };

export interface CParam {
  name: string | null;
  type: CType;
}

export const VOID: CType = { k: 'void' };
export const INT: CType = { k: 'int', bits: 32, unsigned: false, name: 'int' };
export const UINT: CType = { k: 'int', bits: 32, unsigned: true, name: 'unsigned int' };
export const LONG: CType = { k: 'int', bits: 64, unsigned: false, name: 'long' };
export const ULONG: CType = { k: 'int', bits: 64, unsigned: true, name: 'unsigned long' };
export const BOOL: CType = { k: 'bool' };
export const CHAR: CType = { k: 'char' };
export const UNKNOWN: CType = { k: 'unknown', text: '?' };
/** A string: const char *. */
export const STRING: CType = { k: 'ptr', to: { k: 'char', const: true } };

const int = (bits: number, unsigned: boolean, name: string): CType => ({ k: 'int', bits, unsigned, name });

/** The kernel's integer and special typedefs, as the headers define them on x86_64. */
export const BUILTIN_TYPEDEFS: Readonly<Record<string, CType>> = {
  u8: int(8, true, 'u8'), u16: int(16, true, 'u16'), u32: int(32, true, 'u32'), u64: int(64, true, 'u64'),
  s8: int(8, false, 's8'), s16: int(16, false, 's16'), s32: int(32, false, 's32'), s64: int(64, false, 's64'),
  __u8: int(8, true, '__u8'), __u16: int(16, true, '__u16'), __u32: int(32, true, '__u32'), __u64: int(64, true, '__u64'),
  __s32: int(32, false, '__s32'), __s64: int(64, false, '__s64'), __le32: int(32, true, '__le32'), __le64: int(64, true, '__le64'),
  uint8_t: int(8, true, 'uint8_t'), uint16_t: int(16, true, 'uint16_t'), uint32_t: int(32, true, 'uint32_t'), uint64_t: int(64, true, 'uint64_t'),
  int8_t: int(8, false, 'int8_t'), int16_t: int(16, false, 'int16_t'), int32_t: int(32, false, 'int32_t'), int64_t: int(64, false, 'int64_t'),
  size_t: int(64, true, 'size_t'), ssize_t: int(64, false, 'ssize_t'), loff_t: int(64, false, 'loff_t'), sector_t: int(64, true, 'sector_t'),
  blkcnt_t: int(64, true, 'blkcnt_t'), dev_t: int(32, true, 'dev_t'), pid_t: int(32, false, 'pid_t'), gfp_t: int(32, true, 'gfp_t'),
  fmode_t: int(32, true, 'fmode_t'), uint: int(32, true, 'uint'), ulong: int(64, true, 'ulong'), chunk_t: int(64, true, 'chunk_t'),
  region_t: int(64, true, 'region_t'), irqreturn_t: int(32, false, 'irqreturn_t'), uintptr_t: int(64, true, 'uintptr_t'),
  time_t: int(64, false, 'time_t'), ktime_t: int(64, false, 'ktime_t'), cputime_t: int(64, true, 'cputime_t'), umode_t: int(16, true, 'umode_t'), off_t: int(64, false, 'off_t'),
  blk_qc_t: int(32, true, 'blk_qc_t'), rq_cmd_type_bits: int(32, false, 'rq_cmd_type_bits'), nodemask_t: int(64, true, 'nodemask_t'),
  atomic_t: { k: 'struct', tag: 'atomic_t', union: false },
  atomic64_t: { k: 'struct', tag: 'atomic64_t', union: false },
  atomic_long_t: { k: 'struct', tag: 'atomic_long_t', union: false },
  spinlock_t: { k: 'struct', tag: 'spinlock', union: false },
  raw_spinlock_t: { k: 'struct', tag: 'spinlock', union: false },
  rwlock_t: { k: 'struct', tag: 'rwlock_t', union: false },
  mempool_t: { k: 'struct', tag: 'mempool_s', union: false },
  wait_queue_head_t: { k: 'struct', tag: '__wait_queue_head', union: false },
  wait_queue_t: { k: 'struct', tag: '__wait_queue', union: false },
  cpumask_t: { k: 'struct', tag: 'cpumask', union: false },
  seqcount_t: { k: 'struct', tag: 'seqcount', union: false },
  seqlock_t: { k: 'struct', tag: 'seqlock_t', union: false },
  work_func_t: { k: 'ptr', to: { k: 'func', ret: VOID, params: [{ name: 'work', type: { k: 'ptr', to: { k: 'struct', tag: 'work_struct', union: false } } }], variadic: false } },
  bool: BOOL,
  _Bool: BOOL,
};

export function structType(tag: string): CType {
  return { k: 'struct', tag, union: false };
}

export function ptrTo(t: CType): CType {
  return { k: 'ptr', to: t };
}

/** A printable form, for messages. */
export function typeText(t: CType): string {
  switch (t.k) {
    case 'void':
      return 'void';
    case 'int':
      return t.name;
    case 'bool':
      return 'bool';
    case 'char':
      return 'char';
    case 'float':
      return 'double';
    case 'ptr':
      return `${typeText(t.to)} *`;
    case 'array':
      return `${typeText(t.of)}[${t.len ?? ''}]`;
    case 'struct':
      return `${t.union ? 'union' : 'struct'} ${t.tag}`;
    case 'enum':
      return `enum ${t.tag}`;
    case 'func':
      return `${typeText(t.ret)} (*)(${t.params.map((p) => typeText(p.type)).join(', ')})`;
    case 'typedef':
      return t.name;
    case 'unknown':
      return t.text;
  }
}

/**
 * The base type of a declaration node (parameter, field, declaration), with `const` kept for
 * char: `const char *` is a string, `char *` a buffer the callee writes.
 */
export function declBase(decl: Node): CType {
  const t = baseType(decl.childForFieldName('type'));
  if (t.k === 'char' && decl.children.some((c) => c !== null && c.type === 'type_qualifier' && c.text === 'const')) return { k: 'char', const: true };
  return t;
}

/** Reads the base type of a declaration (its `type` field plus qualifiers). */
export function baseType(typeNode: Node | null): CType {
  if (typeNode === null) return INT;
  switch (typeNode.type) {
    case 'primitive_type':
      return primitive(typeNode.text);
    case 'sized_type_specifier': {
      const words = typeNode.text.split(/\s+/);
      const unsigned = words.includes('unsigned');
      const longs = words.filter((w) => w === 'long').length;
      if (words.includes('char')) return int(8, unsigned, typeNode.text);
      if (words.includes('short')) return int(16, unsigned, typeNode.text);
      if (longs >= 1) return int(64, unsigned, typeNode.text);
      return int(32, unsigned, typeNode.text);
    }
    case 'type_identifier':
      return { k: 'typedef', name: typeNode.text };
    case 'struct_specifier':
    case 'union_specifier': {
      const name = typeNode.childForFieldName('name');
      return { k: 'struct', tag: name?.text ?? `anon_${typeNode.startPosition.row + 1}_${typeNode.startPosition.column}`, union: typeNode.type === 'union_specifier' };
    }
    case 'enum_specifier': {
      const name = typeNode.childForFieldName('name');
      return { k: 'enum', tag: name?.text ?? 'anon' };
    }
    case 'macro_type_specifier':
      return { k: 'unknown', text: typeNode.text };
    default:
      return { k: 'unknown', text: typeNode.text };
  }
}

function primitive(text: string): CType {
  switch (text) {
    case 'void':
      return VOID;
    case 'char':
      return CHAR;
    case 'bool':
    case '_Bool':
      return BOOL;
    case 'int':
      return INT;
    case 'short':
      return int(16, false, 'short');
    case 'long':
      return LONG;
    case 'float':
    case 'double':
      return { k: 'float' };
    case 'unsigned':
      return UINT;
    case 'signed':
      return INT;
    case 'size_t':
      return int(64, true, 'size_t');
    case 'ssize_t':
      return int(64, false, 'ssize_t');
    case 'uint8_t':
    case 'uint16_t':
    case 'uint32_t':
    case 'uint64_t':
    case 'int8_t':
    case 'int16_t':
    case 'int32_t':
    case 'int64_t':
    case 'uintptr_t':
      return BUILTIN_TYPEDEFS[text];
    default:
      return { k: 'unknown', text };
  }
}

export interface Declared {
  name: string | null;
  type: CType;
  /** The declarator's identifier node, when there is one. */
  nameNode: Node | null;
}

/** Applies a declarator to a base type: `*p`, `a[2]`, `(*fn)(int)`, `x = 1`. */
export function declare(base: CType, declarator: Node | null, evalConst: (n: Node) => number | null): Declared {
  let t = base;
  let d = declarator;
  // Declarators wrap outside-in; the type wraps inside-out, so collect then apply.
  const wraps: ((t: CType) => CType)[] = [];
  while (d !== null) {
    switch (d.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
        for (let i = wraps.length - 1; i >= 0; i--) t = wraps[i](t);
        return { name: d.text, type: t, nameNode: d };
      case 'init_declarator':
        d = d.childForFieldName('declarator');
        break;
      case 'pointer_declarator':
      case 'abstract_pointer_declarator':
        wraps.unshift((x) => ptrTo(x));
        d = d.childForFieldName('declarator');
        break;
      case 'array_declarator':
      case 'abstract_array_declarator': {
        const size = d.childForFieldName('size');
        const len = size === null ? null : evalConst(size);
        wraps.unshift((x) => ({ k: 'array', of: x, len }));
        d = d.childForFieldName('declarator');
        break;
      }
      case 'function_declarator':
      case 'abstract_function_declarator': {
        const params = readParams(d.childForFieldName('parameters'), evalConst);
        wraps.unshift((x) => ({ k: 'func', ret: x, params: params.params, variadic: params.variadic }));
        d = d.childForFieldName('declarator');
        break;
      }
      case 'parenthesized_declarator':
      case 'abstract_parenthesized_declarator':
        d = d.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
        break;
      default:
        d = null;
    }
  }
  for (let i = wraps.length - 1; i >= 0; i--) t = wraps[i](t);
  return { name: null, type: t, nameNode: null };
}

export function readParams(list: Node | null, evalConst: (n: Node) => number | null): { params: CParam[]; variadic: boolean } {
  const params: CParam[] = [];
  let variadic = false;
  if (list === null) return { params, variadic };
  for (const p of list.namedChildren) {
    if (p === null) continue;
    if (p.type === 'variadic_parameter') {
      variadic = true;
      continue;
    }
    if (p.type !== 'parameter_declaration') continue;
    const d = declare(declBase(p), p.childForFieldName('declarator'), evalConst);
    params.push({ name: d.name, type: d.type });
  }
  // (void) is no parameters.
  if (params.length === 1 && params[0].type.k === 'void' && params[0].name === null) params.pop();
  return { params, variadic };
}

/** Reads a type_descriptor node (casts, sizeof(type)). */
export function typeDescriptor(n: Node, evalConst: (n: Node) => number | null): CType {
  return declare(baseType(n.childForFieldName('type')), n.childForFieldName('declarator'), evalConst).type;
}
