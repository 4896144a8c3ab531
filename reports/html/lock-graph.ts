// The dependency chain of a lockdep circular-dependency report as a graph: the locks of the
// cycle in a row, each arrow "held while taking", and the new edge that closes the cycle.
import { type SafeHtml, html } from './escape.ts';

/** The locks of the cycle, in dependency order, read from the report's chain entries. */
export function lockCycle(report: string): string[] | null {
  if (!report.includes('possible circular locking dependency detected')) return null;
  const chain = [...report.matchAll(/^-> #(\d+) \(([^)]*)\)/gm)].map((m) => ({ n: Number(m[1]), name: m[2] }));
  if (chain.length < 2) return null;
  // "-> #0" is the lock being acquired; higher numbers go back along the existing chain.
  return chain.sort((a, b) => b.n - a.n).map((c) => c.name);
}

export function lockGraphSvg(locks: readonly string[]): SafeHtml {
  const boxW = 190;
  const gap = 60;
  const width = locks.length * (boxW + gap);
  const height = 110;
  const nodes = locks.map((name, i) => {
    const x = i * (boxW + gap) + 10;
    return html`<rect x="${x}" y="20" width="${boxW}" height="34" rx="6" class="lock"></rect><text x="${x + boxW / 2}" y="42" text-anchor="middle" class="lockname">${name}</text>`;
  });
  const arrows = locks.slice(1).map((_, i) => {
    const x1 = i * (boxW + gap) + 10 + boxW;
    return html`<line x1="${x1}" y1="37" x2="${x1 + gap - 4}" y2="37" class="edge" marker-end="url(#arrow)"></line>`;
  });
  const lastX = (locks.length - 1) * (boxW + gap) + 10 + boxW / 2;
  const back = html`<path d="M ${lastX} 54 C ${lastX} 95, 110 95, 110 58" class="edge new" marker-end="url(#arrow)"></path><text x="${(lastX + 110) / 2}" y="104" text-anchor="middle" class="legend">new dependency closes the cycle</text>`;
  return html`<svg class="lockgraph" role="img" aria-label="lock dependency cycle" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>${nodes}${arrows}${back}</svg>`;
}
