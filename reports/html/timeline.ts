// The minimal schedule as a per-task timeline (SVG): one lane per task, a cell for every step
// it ran, and marks where it took or released a lock, went to sleep (on what), was woken, had a
// fault injected, or hit the finding. Only the last steps before the end are drawn.
import type { TimelineEvent } from '../../harness/results/evaluation.ts';
import { type SafeHtml, html } from './escape.ts';

const MAX_STEPS = 160;
const CELL = 6;
const LANE = 22;
const LABEL = 150;

const MARK: Partial<Record<TimelineEvent['kind'], { color: string; label: string }>> = {
  acquire: { color: '#2e7d32', label: 'takes' },
  release: { color: '#81c784', label: 'releases' },
  block: { color: '#c62828', label: 'sleeps' },
  wake: { color: '#1565c0', label: 'woken' },
  fault: { color: '#ef6c00', label: 'fault' },
  finding: { color: '#000000', label: 'finding' },
  preempt: { color: '#8e24aa', label: 'preempted' },
};

export function timelineSvg(events: readonly TimelineEvent[]): SafeHtml {
  const runs = events.filter((e) => e.kind === 'run');
  if (runs.length === 0) return html`<p class="muted">No schedule recorded.</p>`;
  const lastStep = events[events.length - 1].step;
  const firstStep = Math.max(0, lastStep - MAX_STEPS);
  const shown = events.filter((e) => e.step >= firstStep);
  const lanes: string[] = [];
  for (const e of shown) if (e.task !== null && (e.kind === 'run' || MARK[e.kind]) && !lanes.includes(e.task)) lanes.push(e.task);
  const legendWidth = LABEL + Object.keys(MARK).length * 80 + 20;
  const width = Math.max(LABEL + (lastStep - firstStep + 2) * CELL, legendWidth);
  const height = lanes.length * LANE + 24;
  const x = (step: number): number => LABEL + (step - firstStep) * CELL;
  const y = (task: string): number => lanes.indexOf(task) * LANE + 4;
  const cells = shown
    .filter((e) => e.kind === 'run' && e.task !== null)
    .map((e) => html`<rect x="${x(e.step)}" y="${y(e.task as string) + 4}" width="${CELL - 1}" height="${LANE - 10}" fill="#90a4ae"><title>${e.text}</title></rect>`);
  const marks = shown
    .filter((e) => e.task !== null && MARK[e.kind] !== undefined)
    .map((e) => {
      const m = MARK[e.kind] as { color: string; label: string };
      return html`<circle cx="${x(e.step) + CELL / 2}" cy="${y(e.task as string) + LANE / 2 - 1}" r="3" fill="${m.color}"><title>${m.label}: ${e.text}</title></circle>`;
    });
  const labels = lanes.map((t) => html`<text x="4" y="${y(t) + LANE / 2 + 3}" class="lane">${t}</text>`);
  const legend = Object.values(MARK).map(
    (m, i) => html`<circle cx="${LABEL + i * 80}" cy="${height - 8}" r="3" fill="${m?.color}"></circle><text x="${LABEL + 6 + i * 80}" y="${height - 5}" class="legend">${m?.label}</text>`,
  );
  return html`<svg class="timeline" role="img" aria-label="per-task timeline of the minimal schedule" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${labels}${cells}${marks}${legend}</svg>
<p class="muted">Steps ${firstStep}-${lastStep} of the shrunk schedule; hover a mark for the event.</p>`;
}
