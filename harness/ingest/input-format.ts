// Tells what a reviewer handed over and turns it into messages: an mbox or lore thread (and a
// git format-patch file, which is a one-message mbox), a single RFC 5322 mail, text copied from
// a web archive page, or a bare patch (quilt, diff -u output) with at most a description.
import type { IdentityHeaders } from './identity.ts';
import { looksLikeMbox, splitMbox } from './mbox.ts';
import { parseMail, type TextAttachment } from './mime.ts';
import type { InputFile } from './read-input.ts';
import { isRunOnText } from './run-on-recovery.ts';
import type { InputFormat } from './types.ts';
import { readArchivePage } from './web-archive.ts';

export interface SourceMessage {
  headers: IdentityHeaders;
  body: string;
  textAttachments: TextAttachment[];
}

export interface SourceMessages {
  format: InputFormat;
  messages: SourceMessage[];
}

const HEADER_FIELD = /^[!-9;-~]+:[ \t]?/;
const MAIL_HEADER_NAMES = /^(?:from|subject|date|message-id|received|return-path|delivered-to|mime-version|to|cc|in-reply-to|references|x-[\w-]+|content-type|sender|reply-to|list-id|dkim-signature|arc-[\w-]+|authentication-results):/i;

/** A header block at the very top: field lines (and folded continuations) up to a blank line. */
export function looksLikeMail(text: string): boolean {
  const lines = text.split(/\r?\n/, 200);
  let known = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') break;
    if (i > 0 && /^[ \t]/.test(line)) continue;
    if (!HEADER_FIELD.test(line)) return false;
    if (MAIL_HEADER_NAMES.test(line)) known++;
  }
  return i > 0 && known > 0;
}

/** Plain text files may be UTF-8 or a legacy 8-bit charset; the latter reads as latin1. */
export function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

async function mailMessage(raw: Buffer, sourceName: string): Promise<SourceMessage> {
  const mail = await parseMail(raw, sourceName);
  return { headers: mail.headers, body: mail.body, textAttachments: mail.textAttachments };
}

export async function readSourceMessages(input: InputFile): Promise<SourceMessages> {
  if (looksLikeMbox(input.bytes)) {
    const messages: SourceMessage[] = [];
    for (const raw of splitMbox(input.bytes)) messages.push(await mailMessage(raw, input.path));
    return { format: 'mbox', messages };
  }
  const text = decodeText(input.bytes);
  if (looksLikeMail(text)) return { format: 'mail', messages: [await mailMessage(input.bytes, input.path)] };

  const page = readArchivePage(text);
  if (page !== null) {
    const headers = { ...page.headers, subject: page.headers.subject ?? page.title };
    return { format: 'web-archive', messages: [{ headers, body: page.body, textAttachments: [] }] };
  }
  // A text whose newlines were lost came from an archive page too, read as running text.
  return { format: isRunOnText(text) ? 'web-archive' : 'bare-patch', messages: [{ headers: {}, body: text, textAttachments: [] }] };
}
