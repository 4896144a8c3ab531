// reply.eml: the review as a plain-text reply in the patch's thread. Re: <subject>, In-Reply-To
// and References from the patch mail, To the author, Cc the original recipients. Header values
// from the mail are cleaned of line breaks (no header injection) and encoded (RFC 2047) when
// not ASCII.
import type { EvaluationResult } from '../harness/results/evaluation.ts';

export const FROM = 'lkml-harness <lkml-harness@localhost.invalid>';
export const UNKNOWN_ADDRESS = 'address-unknown@invalid';

/** Drops line breaks and other control characters: a header value stays one header. */
function oneLine(value: string): string {
  let out = '';
  for (const ch of value.replace(/[\r\n\u2028\u2029]+/g, ' ')) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x20 && code !== 0x7f) out += ch;
    else if (code === 0x09) out += ' ';
  }
  return out.trim();
}

/** RFC 2047 encoded-word for non-ASCII header text (base64 in UTF-8). */
function encodeWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** "Name <addr>" when the author has an address; a reserved .invalid one when not. */
function mailbox(author: string): string {
  const clean = oneLine(author);
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(clean);
  if (m !== null) return `${encodeWord(m[1].replace(/"/g, ''))} <${m[2]}>`;
  if (/^[^<>\s]+@[^<>\s]+$/.test(clean)) return clean;
  return `${encodeWord(clean.replace(/[<>"]/g, ''))} <${UNKNOWN_ADDRESS}>`;
}

function msgId(id: string): string {
  const bare = oneLine(id).replace(/^<|>$/g, '').replace(/[<>\s]/g, '');
  return `<${bare}>`;
}

export function replyEml(r: EvaluationResult, body: string): string {
  const p = r.patch;
  const subject = oneLine(p.rawSubject || p.subject);
  const headers: string[] = [
    `From: ${FROM}`,
    `To: ${mailbox(p.author)}`,
  ];
  const cc = [...p.to, ...p.cc].map(oneLine).filter((a) => a !== '' && !p.author.includes(a));
  if (cc.length > 0) headers.push(`Cc: ${cc.map(mailbox).join(',\n ')}`);
  headers.push(`Subject: ${encodeWord(`Re: ${subject}`)}`);
  if (p.messageId) {
    headers.push(`In-Reply-To: ${msgId(p.messageId)}`);
    const refs = [...p.references.map(msgId), msgId(p.messageId)];
    headers.push(`References: ${[...new Set(refs)].join('\n ')}`);
  }
  headers.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  return `${headers.join('\n')}\n\n${body}`;
}
