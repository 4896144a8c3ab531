// The imports a generated module needs, collected while its code is emitted: names by module
// (paths relative to kernel-model/), values and types apart, rendered as relative imports.

import { posix } from 'node:path';
import { MODEL_ROOT } from './paths.ts';

export class ImportSet {
  private readonly values = new Map<string, Set<string>>();
  private readonly types = new Map<string, Set<string>>();
  /** Names defined by the module itself: never imported. */
  constructor(
    private readonly self: string,
    private readonly local: Set<string> = new Set(),
  ) {}

  /** Names of the module itself that its code uses (for emitting only what is used). */
  readonly localUses = new Set<string>();

  /** Records a value import and returns the name to use. */
  value(name: string, module: string): string {
    if (module === this.self || this.local.has(name)) {
      this.localUses.add(name);
      return name;
    }
    add(this.values, module, name);
    return name;
  }

  /** Records a type import and returns the name to use. */
  type(name: string, module: string): string {
    if (module === this.self || this.local.has(name)) {
      this.localUses.add(name);
      return name;
    }
    add(this.types, module, name);
    return name;
  }

  /** The names imported from one module. */
  namesFrom(module: string): string[] {
    return [...new Set([...(this.values.get(module) ?? []), ...(this.types.get(module) ?? [])])];
  }

  /** Every value name imported, for keeping locals from shadowing them. */
  valueNames(): Set<string> {
    const out = new Set<string>();
    for (const names of this.values.values()) for (const n of names) out.add(n);
    return out;
  }

  /** Every module imported from. */
  modules(): string[] {
    return [...new Set([...this.values.keys(), ...this.types.keys()])].sort();
  }

  merge(other: ImportSet): void {
    for (const [m, names] of other.values) for (const n of names) this.value(n, m);
    for (const [m, names] of other.types) for (const n of names) this.type(n, m);
    for (const n of other.localUses) this.localUses.add(n);
  }

  /**
   * The import statements, relative to the importing module, sorted; with `body`, only the
   * names the body uses (a name asked for while emitting a declaration left out again).
   */
  render(body: string | null = null): string {
    const used = (n: string): boolean => body === null || new RegExp(`\\b${n.replace(/\$/g, '\\$')}\\b`).test(body);
    const modules = [...new Set([...this.values.keys(), ...this.types.keys()])].sort();
    const lines: string[] = [];
    // Paths are relative to kernel-model/ (a patch module's may climb out of it).
    const root = MODEL_ROOT.split('\\').join('/');
    const from = posix.dirname(posix.resolve(root, this.self));
    for (const m of modules) {
      let rel = posix.relative(from, posix.resolve(root, m));
      if (!rel.startsWith('.')) rel = `./${rel}`;
      const values = [...(this.values.get(m) ?? [])].filter(used).sort();
      const types = [...(this.types.get(m) ?? [])].filter((t) => !values.includes(t)).filter(used).sort();
      const parts = [...values, ...types.map((t) => `type ${t}`)];
      if (parts.length === 0) continue;
      lines.push(`import { ${parts.join(', ')} } from '${rel}';`);
    }
    return lines.join('\n');
  }
}

function add(map: Map<string, Set<string>>, key: string, name: string): void {
  let s = map.get(key);
  if (s === undefined) map.set(key, (s = new Set()));
  s.add(name);
}
