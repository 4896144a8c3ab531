// The cycle behind a deadlock report, as structure for the report's graph: read once here from
// the report, so the renderers draw from data and never parse kernel text.
// - lockdep's circular dependency: the "-> #N (lock){...}:" entries of "the existing dependency
//   chain (in reverse order)", oldest first; each held while taking the next, and the new
//   dependency back to the first closes the cycle (kernel/lockdep.c print_circular_bug()).
// - the model's hang reports list each stuck task's wait ("X waits for Y, blocked by Z").
import type { Cycle } from '../results/finding.ts';
import { stripTimestamp } from './frames.ts';

function lockCycle(lines: readonly string[]): Cycle | null {
  const chain = lines
    .map((l) => /^\s*-> #(\d+) \((.*)\)\{[^}]*\}:\s*$/.exec(stripTimestamp(l)))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ n: Number(m[1]), lock: m[2] }))
    .sort((a, b) => b.n - a.n);
  if (chain.length < 2) return null;
  const edges = chain.slice(1).map((c, i) => ({ from: chain[i].lock, to: c.lock, label: 'held while taking', closesCycle: false }));
  edges.push({ from: chain[chain.length - 1].lock, to: chain[0].lock, label: 'new dependency', closesCycle: true });
  return { kind: 'lock', edges };
}

function waitCycle(lines: readonly string[]): Cycle | null {
  const edges: Cycle['edges'] = [];
  for (const line of lines) {
    const m = /^\s{2}(\S+) (waits for|polls \(msleep loop\) for) (.*?), blocked by (.*)$/.exec(line);
    if (m === null) continue;
    for (const to of m[4].split(', ')) edges.push({ from: m[1], to, label: `${m[2] === 'waits for' ? 'waits for' : 'polls for'} ${m[3]}`, closesCycle: false });
  }
  if (edges.length === 0) return null;
  // The edge that leads back to a task already waiting closes the cycle.
  const sources = new Set(edges.map((e) => e.from));
  const last = edges.map((e, i) => ({ e, i })).filter(({ e }) => sources.has(e.to)).pop();
  if (last === undefined) return null;
  edges[last.i] = { ...last.e, closesCycle: true };
  return { kind: 'wait', edges };
}

export function cycleOf(report: string): Cycle | null {
  const lines = report.split('\n');
  if (lines.some((l) => /possible circular locking dependency detected/.test(l))) return lockCycle(lines);
  if (lines.some((l) => /^Wait-for cycle closed|^Nothing can run and no timer is pending; waits:$/.test(l))) return waitCycle(lines);
  return null;
}
