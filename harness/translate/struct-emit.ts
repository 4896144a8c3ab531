// Struct definitions as the model's TypeScript: an interface with the C's member names and
// comments, and a descriptor (name, sizeof, constructor) whose constructor makes the zeroed
// struct with its embedded members, as kzalloc() hands it back. Sizes follow x86_64 layout.

import type { CStruct } from './c-index.ts';
import type { CType } from './c-types.ts';
import type { Corpus } from './corpus.ts';
import type { ImportSet } from './imports.ts';
import { runtimeStruct } from './runtime-types.ts';
import type { TsTypes } from './ts-types.ts';
import type { World } from './world.ts';
import { reindentComment } from './comments.ts';

/** Size and alignment of a C type on x86_64; null when unknown. */
function layout(t: CType, corpus: Corpus, seen: Set<string> = new Set()): { size: number; align: number } | null {
  const r = corpus.resolve(t);
  switch (r.k) {
    case 'int':
      return { size: r.bits / 8, align: r.bits / 8 };
    case 'bool':
    case 'char':
      return { size: 1, align: 1 };
    case 'enum':
      return { size: 4, align: 4 };
    case 'float':
    case 'ptr':
    case 'func':
      return { size: 8, align: 8 };
    case 'array': {
      const e = layout(r.of, corpus, seen);
      if (e === null) return null;
      return { size: e.size * (r.len ?? 0), align: e.align };
    }
    case 'struct': {
      const rs = runtimeStruct(r.tag);
      if (rs) return { size: rs.size, align: Math.min(8, rs.size || 1) };
      const s = corpus.struct(r.tag);
      if (s === undefined || seen.has(r.tag)) return null;
      seen.add(r.tag);
      let size = 0;
      let align = 1;
      for (const f of s.fields) {
        const l = layout(f.type, corpus, seen) ?? { size: 8, align: 8 };
        align = Math.max(align, l.align);
        if (s.union) size = Math.max(size, l.size);
        else size = Math.ceil(size / l.align) * l.align + l.size;
      }
      seen.delete(r.tag);
      return { size: Math.ceil(size / align) * align, align };
    }
    default:
      return null;
  }
}

export function sizeOfType(t: CType, corpus: Corpus): number | null {
  return layout(t, corpus)?.size ?? null;
}

/** __alignof__ of a C type on x86_64; null when unknown. */
export function alignOfType(t: CType, corpus: Corpus): number | null {
  return layout(t, corpus)?.align ?? null;
}

/**
 * offsetof(struct tag, a.b[i]): the byte offset of a member path (members of embedded structs,
 * an array index `[n]` given as a number) on x86_64; null when a step is unknown.
 */
export function offsetOfMember(tag: string, path: { name: string; index: number }[], corpus: Corpus): number | null {
  let off = 0;
  let cur: CType = { k: 'struct', tag, union: false };
  for (const step of path) {
    const r = corpus.resolve(cur);
    if (r.k !== 'struct') return null;
    const s = corpus.struct(r.tag);
    if (s === undefined) return null;
    let pos = 0;
    let found: CType | null = null;
    for (const f of flatFields(s, corpus)) {
      const l = layout(f.type, corpus) ?? { size: 8, align: 8 };
      const at = s.union ? 0 : Math.ceil(pos / l.align) * l.align;
      if (f.name === step.name) {
        off += at;
        found = f.type;
        break;
      }
      pos = at + l.size;
    }
    if (found === null) return null;
    cur = found;
    if (step.index !== 0 || /\[/.test(step.name)) {
      const a = corpus.resolve(cur);
      if (a.k !== 'array') return null;
      const e = layout(a.of, corpus);
      if (e === null) return null;
      off += e.size * step.index;
      cur = a.of;
    }
  }
  return off;
}

/** The members of a struct with anonymous struct/union members flattened in. */
export function flatFields(s: CStruct, corpus: Corpus): CStruct['fields'] {
  const out: CStruct['fields'] = [];
  for (const f of s.fields) {
    if (f.anonymous) {
      const r = corpus.resolve(f.type);
      const inner = r.k === 'struct' ? corpus.struct(r.tag) : undefined;
      if (inner) out.push(...flatFields(inner, corpus));
    } else out.push(f);
  }
  return out;
}

export class StructEmitter {
  constructor(
    private readonly world: World,
    private readonly corpus: Corpus,
    private readonly types: TsTypes,
  ) {}

  /** `export interface X {...}` and `export const X_type = struct_type(...)`. */
  emit(s: CStruct, imports: ImportSet): string {
    const fields = flatFields(s, this.corpus);
    const doc = s.comment ? `${reindentComment(s.comment, '')}\n` : '';
    const members = fields
      .map((f) => {
        const c = f.comment ? `${reindentComment(f.comment.replace(/^\/\/\s*(.*)$/, '/* $1 */'), '  ')}\n` : '';
        return `${c}  ${f.name}: ${this.types.ts(f.type, imports)};`;
      })
      .join('\n');
    const iface = `${doc}/** struct ${s.tag} (${s.file}) */\nexport interface ${s.tag} {\n${members}\n}`;
    const size = sizeOfType({ k: 'struct', tag: s.tag, union: s.union }, this.corpus) ?? 0;
    const embedded: string[] = [];
    const inits = fields.map((f) => {
      const v = this.zero(f.type, imports);
      if (v.embedded) embedded.push(f.name);
      return `${f.name}: ${v.code}`;
    });
    const make =
      embedded.length > 0
        ? `${imports.value('embed_members', 'lib/c-pointers.ts')}<${s.tag}>({ ${inits.join(', ')} }, ${JSON.stringify(embedded)})`
        : `({ ${inits.join(', ')} })`;
    const desc = `export const ${s.tag}_type = ${imports.value('struct_type', 'lib/kstruct.ts')}(${JSON.stringify(s.tag)}, ${size}, (): ${s.tag} => ${make});`;
    return `${iface}\n\n${desc}`;
  }

  /** The zero value of a member, and whether it is embedded (a struct or an array). */
  zero(t: CType, imports: ImportSet): { code: string; embedded: boolean } {
    const r = this.corpus.resolve(t);
    switch (r.k) {
      case 'int':
      case 'enum':
      case 'char':
      case 'float':
        return { code: '0', embedded: false };
      case 'bool':
        return { code: 'false', embedded: false };
      case 'ptr':
      case 'func':
      case 'typedef':
      case 'unknown':
      case 'void':
        return { code: imports.value('NULL', 'lib/c-pointers.ts'), embedded: false };
      case 'array': {
        if (this.corpus.resolve(r.of).k === 'char') return { code: `${imports.value('ref', 'lib/c-pointers.ts')}('')`, embedded: false };
        const n = r.len ?? 0;
        const el = this.zero(r.of, imports);
        // An array member is part of its struct (memset zeroes it in place), scalars or not.
        if (!el.embedded && n > 16) return { code: `new Array<${this.types.ts(r.of, imports)}>(${n}).fill(${el.code})`, embedded: true };
        return { code: `[${Array.from({ length: n }, () => this.zero(r.of, imports).code).join(', ')}]`, embedded: true };
      }
      case 'struct': {
        const rs = runtimeStruct(r.tag);
        if (rs) {
          if (rs.zero === 'NULL') return { code: imports.value('NULL', 'lib/c-pointers.ts'), embedded: false };
          const code = rs.zeroImport ? rs.zero.replace(rs.zeroImport, imports.value(rs.zeroImport, rs.module)) : rs.zero;
          return { code, embedded: true };
        }
        const home = this.world.structHome(r.tag);
        if (home?.descriptor) return { code: `${imports.value(home.descriptor, home.module)}.make()`, embedded: true };
        return { code: `${imports.value('opaque_zeroed', 'lib/opaque.ts')}()`, embedded: true };
      }
    }
  }
}
