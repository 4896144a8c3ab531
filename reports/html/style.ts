// The report's stylesheet, inlined into every page (the pages load nothing), and the page frame.
import { SafeHtml, html } from './escape.ts';

export const STYLE = `
:root { color-scheme: light; --fg: #1b1f23; --muted: #5f6b76; --line: #d8dee4; --fixed: #1b7f3b; --introduced: #b3261e; --persists: #9a6700; --behaviour: #0b5cad; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0; display: inline; }
.muted { color: var(--muted); } .small { font-size: 13px; }
dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.identity dt { color: var(--muted); } dl.identity dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
.verdict { font-weight: 700; font-size: 12px; letter-spacing: .04em; padding: 2px 6px; border-radius: 4px; color: #fff; white-space: nowrap; }
.verdict.fixed, .verdict.partly-fixed, .verdict.reduced { background: var(--fixed); } .verdict.introduced, .verdict.worsened { background: var(--introduced); } .verdict.persists, .verdict.pre-existing, .verdict.masked { background: var(--persists); } .verdict.inconclusive { background: var(--muted); } .verdict.behaviour-change { background: var(--behaviour); }
.banner { border: 1px solid var(--persists); background: #fff8c5; padding: 8px 12px; border-radius: 6px; }
svg.spark polyline { fill: none; stroke-width: 1.5; } svg.spark .patched { stroke: var(--introduced); } svg.spark .baseline { stroke: var(--muted); stroke-dasharray: 3 2; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: 10px; overflow-x: auto; font: 12.5px/1.45 ui-monospace, "SFMono-Regular", Menlo, monospace; }
details.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
details.finding > summary { cursor: pointer; }
.diff { font: 12.5px/1.4 ui-monospace, Menlo, monospace; border: 1px solid var(--line); overflow-x: auto; }
.diff div { white-space: pre; padding: 0 8px; } .diff .add { background: #e6ffec; } .diff .del { background: #ffebe9; } .diff .hunk { background: #ddf4ff; color: var(--muted); } .diff .file { background: #f6f8fa; font-weight: 600; }
svg text.lane, svg text.legend { font: 11px ui-monospace, Menlo, monospace; fill: var(--fg); } svg text.lockname { font: 12px ui-monospace, Menlo, monospace; }
svg .lock { fill: #fff8c5; stroke: #9a6700; } svg .task { fill: #ddf4ff; stroke: #0b5cad; } svg .edge { stroke: #444; stroke-width: 1.5; fill: none; } svg .edge.new { stroke: var(--introduced); stroke-dasharray: 4 3; }
.scroll { overflow-x: auto; }
.yes { color: var(--fixed); } .no { color: var(--introduced); }
code { font: 13px ui-monospace, Menlo, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
`;

/** The page's Content-Security-Policy: nothing loads, nothing runs. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * A whole self-contained page: the CSP, the inlined stylesheet (ours, not from a mail, so it goes
 * in as-is) and `body`, already escaped by the html tag.
 */
export function page(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head><body>
${body}
</body></html>
`;
}
