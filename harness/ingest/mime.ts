// Reads one RFC 5322 message with postal-mime, which undoes quoted-printable and base64, converts
// charsets, decodes RFC 2047 header words, normalises CRLF, unflows format=flowed text and picks
// one representation of a multipart/alternative (so a diff is never taken twice from its plain
// and HTML copies). What is left here is choosing which decoded text carries the patch.
import PostalMime from 'postal-mime';
import type { Address, Attachment } from 'postal-mime';
import { HarnessError } from '../errors.ts';

/** The headers intake cares about, as raw (but RFC 2047-decoded) strings. */
export interface MailHeaders {
  subject: string | null;
  from: string | null;
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  /** Recipients as "Name <addr>" separated by ", " (the review is sent back to them). */
  to: string | null;
  cc: string | null;
}

export interface TextAttachment {
  filename: string | null;
  mimeType: string;
  text: string;
}

export interface ParsedMail {
  headers: MailHeaders;
  /** The plain-text body; for an HTML-only mail, the text postal-mime renders from the HTML. */
  body: string;
  textAttachments: TextAttachment[];
}

/** Formats an address the way a Signed-off-by line does: "Name <user@host>". */
export function formatAddress(address: Address | undefined): string | null {
  if (address === undefined) return null;
  const mailbox = address.group === undefined ? address : address.group[0];
  if (mailbox === undefined) return address.name || null;
  if (mailbox.name && mailbox.address) return `${mailbox.name} <${mailbox.address}>`;
  return mailbox.address || mailbox.name || null;
}

/** Every mailbox of an address header (groups flattened), joined with ", "; null when empty. */
function addressList(addresses: Address[] | undefined): string | null {
  if (addresses === undefined) return null;
  const out: string[] = [];
  for (const a of addresses) {
    for (const mailbox of a.group ?? [a]) {
      const text = formatAddress(mailbox);
      if (text !== null) out.push(text);
    }
  }
  return out.length === 0 ? null : out.join(', ');
}

/** Attachment bytes are not charset-converted by the parser: try UTF-8, fall back to latin1. */
function decodeAttachmentText(content: Attachment['content']): string | null {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : new Uint8Array(content instanceof ArrayBuffer ? content : content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength));
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

/** Text parts, and parts named like patches whatever type the mailer gave them. */
function isTextLike(attachment: Attachment): boolean {
  if (attachment.mimeType.startsWith('text/')) return true;
  return /\.(patch|diff)$/i.test(attachment.filename ?? '');
}

function headerValue(headers: { key: string; value: string }[], key: string): string | null {
  const header = headers.find((h) => h.key === key);
  return header === undefined ? null : header.value.trim();
}

export async function parseMail(raw: Buffer, sourceName: string): Promise<ParsedMail> {
  let email;
  try {
    email = await PostalMime.parse(raw);
  } catch (err) {
    throw new HarnessError(`${sourceName}: cannot parse as a mail: ${err instanceof Error ? err.message : String(err)}`);
  }
  const textAttachments: TextAttachment[] = [];
  for (const attachment of email.attachments) {
    if (!isTextLike(attachment)) continue;
    const text = decodeAttachmentText(attachment.content);
    if (text !== null) textAttachments.push({ filename: attachment.filename, mimeType: attachment.mimeType, text });
  }
  return {
    headers: {
      subject: email.subject ?? null,
      from: formatAddress(email.from),
      // The raw Date header: intake normalises dates itself, the same way for mails and archives.
      date: headerValue(email.headers, 'date'),
      messageId: email.messageId ?? null,
      inReplyTo: email.inReplyTo ?? null,
      references: email.references ?? null,
      to: addressList(email.to),
      cc: addressList(email.cc),
    },
    body: (email.text ?? '').replace(/\r\n?/g, '\n'),
    textAttachments,
  };
}
