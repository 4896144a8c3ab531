// Finds the patch in one message. The body is tried first (after undoing a forwarded-message
// wrapper); only a body without a diff sends us to the attachments, so a mail that carries the
// same diff inline and attached yields it once. Text whose newlines were lost goes to run-on
// recovery instead of the line-based parser.
import { compareWithDiffstat, diffstatRegion, parseDiffstat } from './diffstat.ts';
import { mergeHeaders, type IdentityHeaders } from './identity.ts';
import type { SourceMessage } from './input-format.ts';
import { mailinfo } from './mailinfo.ts';
import { isMboxSeparator } from './mbox.ts';
import type { TextAttachment } from './mime.ts';
import { isRunOnText, recoverRunOn } from './run-on-recovery.ts';
import type { Diffstat, Discrepancy, FileDiff, Repair } from './types.ts';
import { parseUnifiedDiff } from './unified-diff.ts';
import { readForwardedBlock } from './web-archive.ts';

export interface ExtractedPatch {
  headers: IdentityHeaders;
  commitMessage: string;
  diffstat: Diffstat | null;
  files: FileDiff[];
  baseCommit: string | null;
  /** True when the text's newlines were lost and hunks have no lines. */
  runOn: boolean;
  /** Where the diff was found, for the summary: the body, or an attachment's name. */
  foundIn: string;
  repairs: Repair[];
  discrepancies: Discrepancy[];
}

interface TextPatch {
  inBody: IdentityHeaders;
  commitMessage: string;
  diffstat: Diffstat | null;
  files: FileDiff[];
  baseCommit: string | null;
  repairs: Repair[];
  discrepancies: Discrepancy[];
}

/** The line-based path: mailinfo split, diff parse, diffstat cross-check. */
function patchFromText(text: string): TextPatch | null {
  const info = mailinfo(text);
  if (info.patchText === '') return null;
  const diff = parseUnifiedDiff(info.patchText);
  if (diff.files.length === 0) return null;
  const diffstat = parseDiffstat(diffstatRegion(info.patchText));
  return {
    inBody: info.inBodyHeaders,
    commitMessage: info.commitMessage,
    diffstat,
    files: diff.files,
    baseCommit: info.baseCommit,
    repairs: diff.repairs,
    discrepancies: [...diff.discrepancies, ...(diffstat === null ? [] : compareWithDiffstat(diff.files, diffstat))],
  };
}

/** An attached format-patch file starts with its mbox "From <sha> ..." line; drop it. */
function attachmentText(attachment: TextAttachment): string {
  const text = attachment.text.replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, text.indexOf('\n'));
  return isMboxSeparator(firstLine) ? text.slice(firstLine.length + 1) : text;
}

function isPatchAttachment(attachment: TextAttachment): boolean {
  return /^text\/x-(?:patch|diff)$/.test(attachment.mimeType) || /\.(?:patch|diff)$/i.test(attachment.filename ?? '');
}

function fromRunOn(text: string, headers: IdentityHeaders): ExtractedPatch {
  const recovered = recoverRunOn(text);
  return {
    headers: mergeHeaders(headers, recovered.headers),
    commitMessage: recovered.commitMessage,
    diffstat: recovered.diffstat,
    files: recovered.files,
    baseCommit: recovered.baseCommit,
    runOn: true,
    foundIn: 'body',
    repairs: recovered.repairs,
    discrepancies: recovered.discrepancies,
  };
}

/**
 * A bare quilt or diff patch has no headers: by quilt's convention the first line of its
 * description is the subject, and the first Signed-off-by names the author.
 */
function withDescriptionIdentity(patch: ExtractedPatch): ExtractedPatch {
  if (patch.headers.subject != null && patch.headers.subject.trim() !== '') return patch;
  const [firstLine = '', ...rest] = patch.commitMessage.split('\n');
  const signedOff = /^Signed-off-by:\s*(.+)$/m.exec(patch.commitMessage)?.[1];
  return {
    ...patch,
    headers: { ...patch.headers, subject: firstLine.trim(), from: patch.headers.from ?? signedOff ?? null },
    commitMessage: rest.join('\n').trim(),
  };
}

export function extractPatch(message: SourceMessage): ExtractedPatch | null {
  const patch = extractFromMessage(message);
  return patch === null ? null : withDescriptionIdentity(patch);
}

function extractFromMessage(message: SourceMessage): ExtractedPatch | null {
  if (isRunOnText(message.body)) return fromRunOn(message.body, message.headers);

  // A forwarded patch: its own headers name the author, date and subject.
  const forwarded = readForwardedBlock(message.body);
  const fromForward = forwarded === null ? null : patchFromText(forwarded.body);
  if (forwarded !== null && fromForward !== null) {
    const { inBody, ...patch } = fromForward;
    return { headers: mergeHeaders(message.headers, forwarded.headers, inBody), ...patch, runOn: false, foundIn: 'forwarded message in the body' };
  }
  const fromBody = patchFromText(message.body);
  if (fromBody !== null) {
    const { inBody, ...patch } = fromBody;
    return { headers: mergeHeaders(message.headers, inBody), ...patch, runOn: false, foundIn: 'body' };
  }

  // Patch-typed attachments first, then any text attachment that holds a diff.
  const ordered = [...message.textAttachments.filter(isPatchAttachment), ...message.textAttachments.filter((a) => !isPatchAttachment(a))];
  const seen = new Set<string>();
  const parts: { name: string; patch: TextPatch }[] = [];
  for (const attachment of ordered) {
    const patch = patchFromText(attachmentText(attachment));
    if (patch === null) continue;
    // The same diff attached twice (or as two representations) is one patch.
    const key = JSON.stringify(patch.files.map((f) => [f.path, f.hunks]));
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push({ name: attachment.filename ?? attachment.mimeType, patch });
  }
  const first = parts[0];
  if (first === undefined) return null;
  return {
    // In-body headers of a lone attached patch name its author, as git am would read them.
    headers: mergeHeaders(message.headers, parts.length === 1 ? first.patch.inBody : {}),
    commitMessage: first.patch.commitMessage,
    diffstat: parts.length === 1 ? first.patch.diffstat : null,
    files: parts.flatMap((p) => p.patch.files),
    baseCommit: first.patch.baseCommit,
    runOn: false,
    foundIn: `attachment ${parts.map((p) => p.name).join(', ')}`,
    repairs: parts.flatMap((p) => p.patch.repairs),
    discrepancies: parts.flatMap((p) => p.patch.discrepancies),
  };
}
