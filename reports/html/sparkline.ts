// A finding's rate night by night as a small inline SVG: patched rate solid, baseline dashed,
// each night's counts on hover. No script: the page stays static.
import type { HistoryPoint } from '../../harness/results/nightly.ts';
import { formatSide } from '../../harness/results/format.ts';
import { type SafeHtml, html } from './escape.ts';

const W = 120;
const H = 28;

function rate(s: { hits: number; runs: number }): number {
  return s.runs === 0 ? 0 : s.hits / s.runs;
}

export function sparklineSvg(nights: readonly HistoryPoint[]): SafeHtml {
  const x = (i: number): number => (nights.length <= 1 ? W / 2 : 4 + (i * (W - 8)) / (nights.length - 1));
  const y = (r: number): number => H - 3 - r * (H - 6);
  const line = (side: 'baseline' | 'patched'): string => nights.map((n, i) => `${x(i).toFixed(1)},${y(rate(n[side])).toFixed(1)}`).join(' ');
  const dots = nights.map(
    (n, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(rate(n.patched)).toFixed(1)}" r="2"><title>${n.runId}: patched ${formatSide(n.patched)}, baseline ${formatSide(n.baseline)}</title></circle>`,
  );
  return html`<svg class="spark" role="img" aria-label="rate per night" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><polyline class="baseline" points="${line('baseline')}"></polyline><polyline class="patched" points="${line('patched')}"></polyline>${dots}</svg>`;
}
