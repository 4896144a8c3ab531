// Text copied from a web archive page is not a mail: hypermail pages (LKML's lkml.indiana.edu
// style, seed 000) start with the subject as a title line, then "From:" and "Date:" lines, then
// the body. Forwarded mails carry a block of the same shape inside the body ("---------- Forwarded
// message ----------" then Date/From/Subject lines). Both are read here into mail-like headers.

export interface PseudoHeaders {
  from?: string;
  date?: string;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  to?: string;
  cc?: string;
}

const PSEUDO_HEADER = /^(From|Date|Subject|To|Cc|Message-I[dD]|In-Reply-To|References|Sent):\s*(.*)$/;
const FORWARD_MARKER = /^\s*-{2,}\s*(?:Forwarded [Mm]essage|Original [Mm]essage)\s*-{2,}\s*$/;

const KEYS: Record<string, keyof PseudoHeaders | undefined> = {
  from: 'from',
  date: 'date',
  sent: 'date',
  subject: 'subject',
  'message-id': 'messageId',
  'in-reply-to': 'inReplyTo',
  references: 'references',
  to: 'to',
  cc: 'cc',
};

/** The PseudoHeaders field for a header label such as "Message-ID" (any case); undefined if none. */
export function pseudoHeaderKey(label: string): keyof PseudoHeaders | undefined {
  return KEYS[label.toLowerCase()];
}

/** Reads consecutive "Name: value" lines from `start`; returns where they end. */
function readHeaderLines(lines: readonly string[], start: number): { headers: PseudoHeaders; end: number; count: number } {
  const headers: PseudoHeaders = {};
  let i = start;
  let count = 0;
  for (; i < lines.length; i++) {
    const match = PSEUDO_HEADER.exec(lines[i] ?? '');
    if (match === null) break;
    const key = pseudoHeaderKey(match[1] ?? '');
    if (key !== undefined && headers[key] === undefined) headers[key] = (match[2] ?? '').trim();
    count++;
  }
  return { headers, end: i, count };
}

function firstNonBlank(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  return i;
}

/**
 * An archive page: an optional title line, then a block of From/Date/Subject lines near the
 * top. Returns null when the text does not start like one.
 */
export function readArchivePage(text: string): { title: string | null; headers: PseudoHeaders; body: string } | null {
  const lines = text.split('\n');
  let at = firstNonBlank(lines, 0);
  let title: string | null = null;
  if (!PSEUDO_HEADER.test(lines[at] ?? '')) {
    title = (lines[at] ?? '').trim();
    at = firstNonBlank(lines, at + 1);
  }
  const block = readHeaderLines(lines, at);
  if (block.count === 0 || (block.headers.from === undefined && block.headers.subject === undefined)) return null;
  return { title, headers: block.headers, body: lines.slice(block.end).join('\n') };
}

/** A forwarded mail inside a body: the headers of the forwarded part and the text after them. */
export function readForwardedBlock(body: string): { headers: PseudoHeaders; before: string; body: string } | null {
  const lines = body.split('\n');
  const marker = lines.findIndex((line) => FORWARD_MARKER.test(line));
  if (marker < 0) return null;
  const block = readHeaderLines(lines, firstNonBlank(lines, marker + 1));
  if (block.count === 0) return null;
  return { headers: block.headers, before: lines.slice(0, marker).join('\n'), body: lines.slice(block.end).join('\n') };
}
