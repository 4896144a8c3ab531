// What one preprocessed C file defines: functions, structs, enum constants, typedefs, globals
// and prototypes, each with its line, its leading comment and its tree-sitter node.

import { isConstantMacro } from './preprocess.ts';
import type { Initcall, MacroDef } from './preprocess.ts';
import { type Node, type Tree, parseErrors } from './c-parser.ts';
import { BUILTIN_TYPEDEFS, type CParam, type CType, baseType, declBase, declare, readParams } from './c-types.ts';

export interface CFunction {
  name: string;
  file: string;
  static: boolean;
  /** Declared inline: the kernel's call traces do not show it, so neither does the model's. */
  inline?: boolean;
  ret: CType;
  params: CParam[];
  variadic: boolean;
  node: Node;
  body: Node;
  line: number;
  endLine: number;
  /** The comment right above the definition, as written. */
  comment: string | null;
}

export interface CField {
  name: string;
  type: CType;
  /** The comment above or beside the member. */
  comment: string | null;
  /** An anonymous struct or union member: its fields are reached directly. */
  anonymous: boolean;
}

export interface CStruct {
  tag: string;
  union: boolean;
  fields: CField[];
  file: string;
  line: number;
  comment: string | null;
}

export interface CGlobal {
  name: string;
  type: CType;
  init: Node | null;
  static: boolean;
  extern: boolean;
  file: string;
  line: number;
  comment: string | null;
  /** For a function-local static: the function it is declared in. */
  localOf?: string;
}

/** The global that stands for function `fn`'s local static `name`. */
export function staticLocalName(fn: string, name: string): string {
  return `${fn}__${name}`;
}

/** The `static` declarations inside a function body. */
function staticLocals(body: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'declaration' && n.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static')) out.push(n);
    for (const c of n.namedChildren) if (c !== null) visit(c);
  };
  visit(body);
  return out;
}

export interface CEnumConst {
  name: string;
  value: number;
  file: string;
  line: number;
  enumTag: string | null;
}

export interface CPrototype {
  name: string;
  ret: CType;
  params: CParam[];
  variadic: boolean;
  file: string;
}

export interface CUnit {
  file: string;
  text: string;
  tree: Tree;
  functions: Map<string, CFunction>;
  structs: Map<string, CStruct>;
  globals: Map<string, CGlobal>;
  enums: Map<string, CEnumConst>;
  typedefs: Map<string, CType>;
  prototypes: Map<string, CPrototype>;
  macros: Map<string, MacroDef>;
  initcalls: Initcall[];
  parseErrors: { line: number; text: string }[];
}

/** The comment node(s) right above `n` (no blank line between), joined. */
export function leadingComment(n: Node): string | null {
  const parts: string[] = [];
  let prev = n.previousSibling;
  let row = n.startPosition.row;
  while (prev !== null && prev.type === 'comment' && prev.endPosition.row >= row - 1) {
    parts.unshift(prev.text);
    row = prev.startPosition.row;
    prev = prev.previousSibling;
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

/** A comment on the same line after `n` (a member's trailing comment). */
function trailingComment(n: Node): string | null {
  const next = n.nextSibling;
  if (next !== null && next.type === 'comment' && next.startPosition.row === n.endPosition.row) return next.text;
  return null;
}

export type ConstEval = (n: Node) => number | null;

/** Builds the constant evaluator over enum constants and constant macros already known. */
export function makeConstEval(lookupName: (name: string) => number | null): ConstEval {
  const ev = (n: Node): number | null => {
    switch (n.type) {
      case 'number_literal': {
        const t = n.text.replace(/[uUlL]+$/, '');
        const v = t.startsWith('0x') || t.startsWith('0X') ? Number.parseInt(t, 16) : t.startsWith('0') && t.length > 1 ? Number.parseInt(t, 8) : Number(t);
        return Number.isNaN(v) ? null : v;
      }
      case 'char_literal':
        return n.text.length >= 3 ? n.text.charCodeAt(1) : null;
      case 'identifier':
        return lookupName(n.text);
      case 'parenthesized_expression':
        return n.namedChildren[0] ? ev(n.namedChildren[0]) : null;
      case 'unary_expression': {
        const a = n.childForFieldName('argument');
        const v = a ? ev(a) : null;
        if (v === null) return null;
        const op = n.childForFieldName('operator')?.text;
        return op === '-' ? -v : op === '~' ? ~v : op === '!' ? +!v : op === '+' ? v : null;
      }
      case 'binary_expression': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const a = l ? ev(l) : null;
        const b = r ? ev(r) : null;
        if (a === null || b === null) return null;
        switch (n.childForFieldName('operator')?.text) {
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '/': return b === 0 ? null : Math.trunc(a / b);
          case '%': return b === 0 ? null : a % b;
          case '<<': return a * 2 ** b;
          case '>>': return Math.floor(a / 2 ** b);
          case '|': return a | b;
          case '&': return a & b;
          case '^': return a ^ b;
          default: return null;
        }
      }
      case 'cast_expression': {
        const v = n.childForFieldName('value');
        return v ? ev(v) : null;
      }
      case 'sizeof_expression': {
        // sizeof of a scalar type in a constant macro (KEYS_PER_NODE's sizeof(sector_t)).
        // `sizeof(sector_t)` parses as a type, or as a parenthesized name when the typedef is unknown.
        const t = (n.childForFieldName('type') ?? n.childForFieldName('value'))?.text.replace(/[()]/g, '').replace(/\s+/g, ' ').trim() ?? '';
        if (/\*$/.test(t)) return 8;
        const b = BUILTIN_TYPEDEFS[t];
        if (b !== undefined && b.k === 'int') return b.bits / 8;
        const prim: Record<string, number> = { char: 1, short: 2, int: 4, unsigned: 4, 'unsigned int': 4, long: 8, 'unsigned long': 8, 'long long': 8, 'unsigned long long': 8 };
        return prim[t] ?? null;
      }
      default:
        return null;
    }
  };
  return ev;
}

function storage(n: Node, word: string): boolean {
  return n.children.some((c) => c !== null && c.type === 'storage_class_specifier' && c.text === word);
}

export function indexUnit(file: string, text: string, tree: Tree, macros: Map<string, MacroDef>, initcalls: Initcall[], outerConst: (name: string) => number | null): CUnit {
  const unit: CUnit = {
    file,
    text,
    tree,
    functions: new Map(),
    structs: new Map(),
    globals: new Map(),
    enums: new Map(),
    typedefs: new Map(),
    prototypes: new Map(),
    macros,
    initcalls,
    parseErrors: parseErrors(tree.rootNode),
  };
  // The unit's own numeric macros count too (dm-snap.c's tracked_chunk_hash[DM_TRACKED_CHUNK_HASH_SIZE]).
  const ownMacro = (name: string): number | null => {
    const m = macros.get(name);
    if (m === undefined || !isConstantMacro(m)) return null;
    const v = Number.parseInt(m.bodyText.replace(/[()uUlL]/g, ''), m.bodyText.includes('0x') ? 16 : 10);
    return Number.isNaN(v) || !/^\s*\(?\s*(0x[0-9a-fA-F]+|\d+)[uUlL]*\s*\)?\s*$/.test(m.bodyText) ? null : v;
  };
  const evalConst = makeConstEval((name) => unit.enums.get(name)?.value ?? ownMacro(name) ?? outerConst(name));

  // An anonymous struct or union that is the type of a named member gets the name
  // <outer>_<member> (struct blkio_policy_node's `union {...} val` is blkio_policy_node_val).
  const anonNames = new Map<number, string>();
  const addStruct = (spec: Node, comment: string | null): void => {
    const body = spec.childForFieldName('body');
    if (body === null) return;
    const t0 = baseType(spec);
    if (t0.k !== 'struct') return;
    const t = { ...t0, tag: anonNames.get(spec.id) ?? t0.tag };
    const fields: CField[] = [];
    for (const f of body.namedChildren) {
      if (f === null || f.type !== 'field_declaration') continue;
      const typeNode = f.childForFieldName('type');
      const declarators = f.childrenForFieldName('declarator').filter((d): d is Node => d !== null);
      const nested = typeNode !== null && (typeNode.type === 'struct_specifier' || typeNode.type === 'union_specifier') && typeNode.childForFieldName('body') !== null;
      if (nested && typeNode.childForFieldName('name') === null && declarators.length > 0) {
        const first = declare({ k: 'void' }, declarators[0], evalConst).name;
        if (first !== null) anonNames.set(typeNode.id, `${t.tag}_${first}`);
      }
      if (nested) addStruct(typeNode as Node, null);
      const b0 = declBase(f);
      const base = b0.k === 'struct' && typeNode !== null && anonNames.has(typeNode.id) ? { ...b0, tag: anonNames.get(typeNode.id) as string } : b0;
      const comment2 = leadingComment(f) ?? trailingComment(f);
      if (declarators.length === 0) {
        // An anonymous struct or union: its members belong to the outer struct.
        fields.push({ name: '', type: base, comment: comment2, anonymous: true });
        continue;
      }
      for (const d of declarators) {
        const decl = declare(base, d, evalConst);
        if (decl.name !== null) fields.push({ name: decl.name, type: decl.type, comment: comment2, anonymous: false });
      }
    }
    unit.structs.set(t.tag, { tag: t.tag, union: t.union, fields, file, line: spec.startPosition.row + 1, comment });
  };

  const addEnum = (spec: Node): void => {
    const body = spec.childForFieldName('body');
    if (body === null) return;
    const tag = spec.childForFieldName('name')?.text ?? null;
    let next = 0;
    for (const e of body.namedChildren) {
      if (e === null || e.type !== 'enumerator') continue;
      const name = e.childForFieldName('name')?.text;
      if (name === undefined) continue;
      const valueNode = e.childForFieldName('value');
      const v = valueNode !== null ? evalConst(valueNode) : next;
      const value = v ?? next;
      unit.enums.set(name, { name, value, file, line: e.startPosition.row + 1, enumTag: tag });
      next = value + 1;
    }
  };

  const visitTypeSpec = (typeNode: Node | null, comment: string | null): void => {
    if (typeNode === null) return;
    if (typeNode.type === 'struct_specifier' || typeNode.type === 'union_specifier') addStruct(typeNode, comment);
    else if (typeNode.type === 'enum_specifier') addEnum(typeNode);
  };

  for (const n of tree.rootNode.namedChildren) {
    if (n === null) continue;
    const comment = leadingComment(n);
    switch (n.type) {
      case 'function_definition': {
        const d = declare(declBase(n), n.childForFieldName('declarator'), evalConst);
        const body = n.childForFieldName('body');
        if (d.name === null || body === null || d.type.k !== 'func') break;
        unit.functions.set(d.name, {
          name: d.name,
          file,
          static: storage(n, 'static'),
          inline: storage(n, 'inline') || storage(n, '__always_inline') || storage(n, '__inline__'),
          ret: d.type.ret,
          params: d.type.params,
          variadic: d.type.variadic,
          node: n,
          body,
          line: n.startPosition.row + 1,
          endLine: n.endPosition.row + 1,
          comment,
        });
        // A function-local static lives as long as a file-scope one: a global of the file,
        // named after its function (elv_drain_elevator's `printed` is elv_drain_elevator__printed).
        for (const decl of staticLocals(body)) {
          for (const dn of decl.childrenForFieldName('declarator')) {
            if (dn === null) continue;
            const v = declare(declBase(decl), dn, evalConst);
            if (v.name === null) continue;
            const init = dn.type === 'init_declarator' ? dn.childForFieldName('value') : null;
            const name = staticLocalName(d.name, v.name);
            unit.globals.set(name, { name, type: v.type, init, static: true, extern: false, file, line: decl.startPosition.row + 1, comment: null, localOf: d.name });
          }
        }
        break;
      }
      case 'declaration': {
        const typeNode = n.childForFieldName('type');
        visitTypeSpec(typeNode, comment);
        const base = declBase(n);
        for (const dn of n.childrenForFieldName('declarator')) {
          if (dn === null) continue;
          const d = declare(base, dn, evalConst);
          if (d.name === null) continue;
          if (d.type.k === 'func') {
            unit.prototypes.set(d.name, { name: d.name, ret: d.type.ret, params: d.type.params, variadic: d.type.variadic, file });
            continue;
          }
          const init = dn.type === 'init_declarator' ? dn.childForFieldName('value') : null;
          unit.globals.set(d.name, { name: d.name, type: d.type, init, static: storage(n, 'static'), extern: storage(n, 'extern'), file, line: n.startPosition.row + 1, comment });
        }
        break;
      }
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        visitTypeSpec(n, comment);
        break;
      case 'type_definition': {
        const typeNode = n.childForFieldName('type');
        visitTypeSpec(typeNode, comment);
        const base = baseType(typeNode);
        for (const dn of n.childrenForFieldName('declarator')) {
          if (dn === null) continue;
          const d = declare(base, dn, evalConst);
          if (d.name !== null) unit.typedefs.set(d.name, d.type);
        }
        break;
      }
      default:
        break;
    }
  }
  return unit;
}

/** Parameters of a function, as a list of names (unnamed ones get argN). */
export function paramNames(params: readonly CParam[]): string[] {
  return params.map((p, i) => p.name ?? `arg${i}`);
}

export { readParams };
