// A deadlock's cycle as a graph, drawn from the finding's structure (results.json `cycle`):
// the nodes (lock classes, or tasks) in a row in the order the cycle visits them, each edge an
// arrow with its label on hover, the edge that closed the cycle dashed. Inline SVG, no script.
import type { Cycle } from '../../harness/results/finding.ts';
import { type SafeHtml, html } from './escape.ts';

const BOX_W = 190;
const GAP = 60;

function nodesOf(c: Cycle): string[] {
  const nodes: string[] = [];
  for (const e of c.edges) for (const n of [e.from, e.to]) if (!nodes.includes(n)) nodes.push(n);
  return nodes;
}

export function cycleGraphSvg(c: Cycle): SafeHtml {
  const nodes = nodesOf(c);
  const x = (i: number): number => i * (BOX_W + GAP) + 10;
  const width = nodes.length * (BOX_W + GAP);
  const height = 120;
  const boxes = nodes.map(
    (name, i) => html`<rect x="${x(i)}" y="20" width="${BOX_W}" height="34" rx="6" class="${c.kind === 'lock' ? 'lock' : 'task'}"></rect><text x="${x(i) + BOX_W / 2}" y="42" text-anchor="middle" class="lockname">${name}</text>`,
  );
  const arrows = c.edges.map((e, k) => {
    const a = nodes.indexOf(e.from);
    const b = nodes.indexOf(e.to);
    const cls = e.closesCycle ? 'edge new' : 'edge';
    if (b === a + 1) {
      return html`<line x1="${x(a) + BOX_W}" y1="37" x2="${x(b) - 4}" y2="37" class="${cls}" marker-end="url(#arrow)"><title>${e.from} ${e.label} ${e.to}</title></line>`;
    }
    const from = x(a) + BOX_W / 2;
    const to = x(b) + BOX_W / 2 + (b < a ? 20 : -20);
    const dip = 90 + (k % 3) * 8;
    return html`<path d="M ${from} 54 C ${from} ${dip}, ${to} ${dip}, ${to} 58" class="${cls}" marker-end="url(#arrow)"><title>${e.from} ${e.label} ${e.to}</title></path>`;
  });
  const closing = c.edges.find((e) => e.closesCycle);
  const legend = closing === undefined ? '' : html`<text x="10" y="${height - 4}" class="legend">dashed: ${closing.label} (${closing.from} -> ${closing.to}) closes the cycle</text>`;
  return html`<svg class="lockgraph" role="img" aria-label="${c.kind === 'lock' ? 'lock dependency cycle' : 'wait-for cycle'}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>${boxes}${arrows}${legend}</svg>`;
}
