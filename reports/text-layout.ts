// Laying out plain text for a mail: prose wrapped to 72 columns, shell commands continued with
// backslashes, kernel reports quoted with their long lines flowed.

export const WIDTH = 72;

/** Wraps prose to the width, breaking at spaces; a word longer than a line is split. */
export function wrap(text: string, indent = '', first = indent): string[] {
  const out: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let w = word;
    while (indent.length + w.length > WIDTH) {
      if (!fresh) out.push(line.trimEnd());
      out.push(indent + w.slice(0, WIDTH - indent.length));
      w = w.slice(WIDTH - indent.length);
      line = indent;
      fresh = true;
    }
    if (!fresh && line.length + 1 + w.length > WIDTH) {
      out.push(line.trimEnd());
      line = indent;
      fresh = true;
    }
    line = fresh ? line + w : `${line} ${w}`;
    fresh = false;
  }
  if (!fresh) out.push(line.trimEnd());
  return out;
}

/** A shell command, its arguments packed into lines with backslash continuations. */
export function commandLines(args: readonly string[]): string[] {
  const out: string[] = [];
  let line = '  $';
  for (const arg of args) {
    if (line.length + 1 + arg.length > WIDTH - 2 && line !== '  $') {
      out.push(`${line} \\`);
      line = '   ';
    }
    line = `${line} ${arg}`;
  }
  out.push(line);
  return out;
}

/**
 * Quotes preformatted text (a kernel report): a line too long for the width breaks at its last
 * space that fits, and goes on indented, as a mail client would show a flowed line.
 */
export function quoteBlock(text: string, prefix: string, maxLines: number): string[] {
  const out: string[] = [];
  const room = WIDTH - prefix.length;
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\t/g, '  ');
    let lead = '';
    while (lead.length + line.length > room) {
      const fit = room - lead.length;
      const cut = line.lastIndexOf(' ', fit);
      const at = cut > fit / 2 ? cut : fit;
      out.push(`${prefix}${lead}${line.slice(0, at)}`.trimEnd());
      line = line.slice(at).trimStart();
      lead = '    ';
    }
    out.push(`${prefix}${lead}${line}`.trimEnd());
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), `${prefix}[... ${out.length - maxLines} more lines in the full report]`];
  return out;
}
