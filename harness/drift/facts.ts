// What drift compares between two TypeScript bodies of one C function: the kernel functions it
// calls, in order; the locks it takes and releases; the allocation flags it passes. Two bodies
// that agree on these do the same things in the same order, whatever their spelling.

export interface BodyFacts {
  calls: string[];
  locks: string[];
  gfp: string[];
}

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'return', 'function', 'catch', 'Number', 'Boolean', 'Math', 'floor', 'trunc', 'BigInt', 'String']);

/** The facts of a function's TypeScript text (its first line, the signature, is skipped). */
export function bodyFacts(text: string): BodyFacts {
  const body = text.slice(text.indexOf('{') + 1).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const calls: string[] = [];
  for (const m of body.matchAll(/\b([A-Za-z_]\w*)\s*(?:<[^<>()]*>)?\(/g)) {
    const name = m[1] as string;
    if (!NOT_CALLS.has(name)) calls.push(name);
  }
  return {
    calls,
    locks: calls.filter((c) => /(^|_)(lock|unlock|trylock)(_|$)|^(down|up)(_|$)|rcu_read_(un)?lock|irqsave|irqrestore/.test(c)),
    gfp: [...body.matchAll(/\b(__GFP_\w+|GFP_\w+)\b/g)].map((m) => m[1] as string),
  };
}

/** The first way `b` departs from `a`, in words; null when they agree. */
export function compareFacts(a: BodyFacts, b: BodyFacts): string | null {
  const seq = (what: string, x: readonly string[], y: readonly string[]): string | null => {
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if (x[i] !== y[i]) return `${what} differ at #${i + 1}: the C has ${x[i] ?? '(nothing)'}, the hand port ${y[i] ?? '(nothing)'}`;
    }
    return null;
  };
  return seq('locks', a.locks, b.locks) ?? seq('allocation flags', a.gfp, b.gfp) ?? seq('calls', a.calls, b.calls);
}
