// C types written as the model's TypeScript types: integers are numbers, bool is boolean, a
// pointer to a struct is the struct (NULL is typed never), a pointer to a scalar is a Ref,
// char * is a string, and a function pointer is a generator function (every callback in the
// model may reach a scheduling point, so every indirect call is `yield*`).

import type { CType } from './c-types.ts';
import type { Corpus } from './corpus.ts';
import type { ImportSet } from './imports.ts';
import type { World } from './world.ts';

export class TsTypes {
  constructor(
    private readonly world: World,
    private readonly corpus: Corpus,
  ) {}

  ts(t: CType, imports: ImportSet): string {
    const r = this.corpus.resolve(t);
    switch (r.k) {
      case 'void':
        return 'void';
      case 'int':
      case 'enum':
      case 'float':
        return 'number';
      case 'char':
        return 'number';
      case 'bool':
        return 'boolean';
      case 'struct':
        return this.structName(r.tag, imports);
      case 'array':
        // A char array is a string buffer: a Ref the string functions write through.
        if (this.corpus.resolve(r.of).k === 'char') return `${imports.type('Ref', 'lib/c-pointers.ts')}<string>`;
        return `${this.wrap(this.ts(r.of, imports))}[]`;
      case 'func':
        return this.fnType(r, imports);
      case 'ptr': {
        const to = this.corpus.resolve(r.to);
        if (r.many) return `${this.wrap(to.k === 'struct' ? this.structName(to.tag, imports) : this.ts(to, imports))}[]`;
        if (to.k === 'struct') return this.structName(to.tag, imports);
        if (to.k === 'func') return this.fnType(to, imports);
        // const char * is a string; char * a buffer the callee writes through (a Ref).
        if (to.k === 'char') return to.const ? 'string' : `${imports.type('Ref', 'lib/c-pointers.ts')}<string>`;
        if (to.k === 'void' || to.k === 'unknown') return 'unknown';
        return `${imports.type('Ref', 'lib/c-pointers.ts')}<${this.ts(to, imports)}>`;
      }
      case 'typedef':
      case 'unknown':
        return 'unknown';
    }
  }

  private wrap(s: string): string {
    return /[ |=]/.test(s) ? `(${s})` : s;
  }

  private structName(tag: string, imports: ImportSet): string {
    const home = this.world.structHome(tag);
    if (home === null) return 'unknown';
    return imports.type(home.ts, home.module);
  }

  private fnType(f: Extract<CType, { k: 'func' }>, imports: ImportSet): string {
    const params = f.params.map((p, i) => `${p.name && !/^(new|this|default)$/.test(p.name) ? p.name : `arg${i}`}: ${this.ts(p.type, imports)}`).join(', ');
    const ret = this.ts(f.ret, imports);
    return `((${params}) => ${imports.type('KGen', 'sim/task.ts')}${ret === 'void' ? '' : `<${ret}>`})`;
  }
}
