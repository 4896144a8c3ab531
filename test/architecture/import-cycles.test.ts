// The layers import downwards: the runtime (kernel-model outside the translated worlds), the
// harness and the reports have no import cycle. The translated worlds may: their C files call
// each other (blk-core <-> blk-throttle <-> blk-cgroup), and per-machine state made on first use
// (lib/lazy-per-machine.ts) keeps their evaluation order from mattering. No runtime module may
// sit in a world's cycle.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/modules.ts';

function tsFiles(dir: string, skip: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!skip(name)) out.push(...tsFiles(p, skip));
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The strongly connected components with more than one module (Tarjan), by value imports. */
function cycles(files: readonly string[]): string[][] {
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(/^import (?!type )[^;]*? from '(\.[^']+)'/gm)].map((m) => resolve(dirname(f), m[1] as string)).filter((d) => known.has(d))]));
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1) out.push(scc.map((f) => relative(REPO, f)).sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out;
}

describe('import cycles', () => {
  it('the runtime, the harness and the reports have none', () => {
    const runtime = tsFiles(join(REPO, 'kernel-model'), (n) => n === 'c' || /^v\d/.test(n));
    const harness = tsFiles(join(REPO, 'harness'), () => false);
    const reports = tsFiles(join(REPO, 'reports'), () => false);
    expect(cycles([...runtime, ...harness, ...reports])).toEqual([]);
  });

  it('a translated world\'s cycles hold only that world\'s modules', () => {
    const all = tsFiles(join(REPO, 'kernel-model'), (n) => n === 'c');
    for (const scc of cycles(all)) {
      const worlds = new Set(scc.map((f) => /^kernel-model\/(v[\d.]+)\//.exec(f)?.[1] ?? 'runtime'));
      expect([...worlds], scc.join(' ')).toHaveLength(1);
      expect(worlds.has('runtime'), scc.join(' ')).toBe(false);
    }
  });
});
