// The patch's diff, line by line, coloured by kind. Every line is escaped by the html tag.
import { type SafeHtml, html } from './escape.ts';

function lineClass(line: string): string {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'ctx';
}

export function diffHtml(diff: string): SafeHtml {
  if (diff === '') return html`<p class="muted">The patch text does not ship with this module; only its identity and the port do.</p>`;
  const lines = diff.split('\n').map((l) => html`<div class="${lineClass(l)}">${l === '' ? ' ' : l}</div>`);
  return html`<div class="diff" role="region" aria-label="patch diff">${lines}</div>`;
}
