// The patch's diff as unified text, after intake's repairs, for the report. A hunk whose lines
// could not be recovered (a text that lost its newlines) is shown as its header and a note.
import type { PatchSet } from '../ingest/types.ts';

const PREFIX = { context: ' ', added: '+', removed: '-', 'no-newline-marker': '\\' } as const;

export function unifiedDiffText(set: PatchSet): string {
  const out: string[] = [];
  for (const patch of set.patches) {
    for (const file of patch.files) {
      out.push(`--- a/${file.oldPath ?? file.path}`, `+++ b/${file.newPath ?? file.path}`);
      for (const h of file.hunks) {
        out.push(`@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@${h.headerText ? ` ${h.headerText}` : ''}`);
        if (h.lines === null) {
          out.push('\\ (the lines of this hunk could not be recovered from the archive text)');
          continue;
        }
        for (const line of h.lines) out.push(`${PREFIX[line.kind]}${line.kind === 'no-newline-marker' ? ' No newline at end of file' : line.text}`);
      }
    }
  }
  return out.join('\n');
}
