// A patch's identity from whichever headers the input had: the mail's own, those of an
// archive page or a forwarded block, and in-body From/Subject/Date lines (which win, as in
// git am). Archives obfuscate addresses ("mpatocka@xxxxxxxxxx"); such an address identifies
// no one, so the name is kept and the address dropped, with a repair record saying so.
import { normalizeMailDate } from './mail-date.ts';
import { parseSubject } from './subject.ts';
import type { PatchIdentity, Repair } from './types.ts';

export interface IdentityHeaders {
  subject?: string | null;
  from?: string | null;
  date?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string | null;
  to?: string | null;
  cc?: string | null;
}

const REDACTED_ADDRESS = /\s*<?[^\s<>@]*@x{3,}[^\s<>]*>?/;

export function cleanAuthor(raw: string | null | undefined, repairs: Repair[]): string | null {
  if (raw == null || raw.trim() === '') return null;
  const author = raw.replace(/\s+/g, ' ').trim();
  if (!REDACTED_ADDRESS.test(author)) return author;
  const name = author.replace(REDACTED_ADDRESS, '').replace(/^"|"$/g, '').trim();
  repairs.push({
    kind: 'address-redacted',
    detail: `the archive obfuscated the author's address ("${author}"); only the name "${name}" is kept`,
  });
  return name === '' ? null : name;
}

/**
 * The mailboxes of a To or Cc header, split at commas outside quotes. Addresses an archive
 * obfuscated cannot be written to: they are dropped, with a repair record counting them.
 */
export function recipients(raw: string | null | undefined, header: string, repairs: Repair[]): string[] {
  if (raw == null || raw.trim() === '') return [];
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of raw.replace(/\s+/g, ' ')) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  const named = parts.filter((p) => p !== '');
  const usable = named.filter((p) => /[^\s<>@]+@[^\s<>@]+/.test(p) && !REDACTED_ADDRESS.test(p));
  if (usable.length < named.length) {
    repairs.push({
      kind: 'address-redacted',
      count: named.length - usable.length,
      detail: `${named.length - usable.length} ${header} address(es) were obfuscated by the archive or had no address; the reply cannot include them`,
    });
  }
  return usable;
}

/** Message-IDs in angle brackets, as mails write them; bare ids get brackets. */
export function messageIds(raw: string | null | undefined): string[] {
  if (raw == null) return [];
  const bracketed = raw.match(/<[^<>\s]+>/g);
  if (bracketed !== null) return bracketed;
  const bare = raw.trim();
  return bare === '' || /\s/.test(bare) ? [] : [`<${bare}>`];
}

/** Merges header sources, later ones winning where they have a value. */
export function mergeHeaders(...sources: (IdentityHeaders | undefined)[]): IdentityHeaders {
  const merged: IdentityHeaders = {};
  for (const source of sources) {
    if (source === undefined) continue;
    for (const [key, value] of Object.entries(source) as [keyof IdentityHeaders, string | null | undefined][]) {
      if (value != null && value.trim() !== '') merged[key] = value;
    }
  }
  return merged;
}

export function buildIdentity(headers: IdentityHeaders, baseCommit: string | null, repairs: Repair[]): PatchIdentity {
  const rawSubject = (headers.subject ?? '').replace(/\s+/g, ' ').trim();
  const parts = parseSubject(rawSubject);
  return {
    messageId: messageIds(headers.messageId)[0] ?? null,
    subject: parts.subject,
    rawSubject,
    prefix: parts.prefix,
    author: cleanAuthor(headers.from, repairs),
    date: normalizeMailDate(headers.date ?? null),
    inReplyTo: messageIds(headers.inReplyTo)[0] ?? null,
    references: messageIds(headers.references),
    to: recipients(headers.to, 'To', repairs),
    cc: recipients(headers.cc, 'Cc', repairs),
    version: parts.version,
    position: parts.position,
    baseCommit,
    isReply: parts.isReply,
  };
}
