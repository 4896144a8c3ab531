// Patch subjects: "Re: [RFC PATCH v3 2/7] blkcg: fix ..." carries whether the mail is a reply,
// the series version and position, and the subject proper. Mailing-list tags ("[dm-devel]")
// are bracket groups too and are dropped with the rest of the prefix, as git mailinfo does.

export interface SubjectParts {
  /** Subject without reply markers and bracket groups. */
  subject: string;
  /** The words of the bracket groups that name a patch (PATCH, RFC, vN, M/N), or null. */
  prefix: string | null;
  isReply: boolean;
  version: number;
  position: { index: number; total: number } | null;
}

const REPLY_MARKER = /^\s*(?:re|aw|sv|fwd?)\s*(?:\[\d+\])?\s*:\s*/i;
const BRACKET_GROUP = /^\s*\[([^\]]*)\]\s*/;
const PATCH_WORD = /^(?:PATCH|RFC|RFT|RESEND|PULL|GIT PULL)$/i;

export function parseSubject(raw: string): SubjectParts {
  let rest = raw.replace(/\s+/g, ' ').trim();
  let isReply = false;
  const prefixWords: string[] = [];
  let version = 1;
  let position: SubjectParts['position'] = null;
  // Reply markers and bracket groups can interleave: "Re: [PATCH] Re: ..." occurs in the wild.
  for (;;) {
    const reply = REPLY_MARKER.exec(rest);
    if (reply !== null) {
      // "Fwd:" forwards a patch; only "Re:"-like markers make the mail a reply.
      if (!/^\s*fwd?/i.test(reply[0])) isReply = true;
      rest = rest.slice(reply[0].length);
      continue;
    }
    const group = BRACKET_GROUP.exec(rest);
    if (group === null) break;
    rest = rest.slice(group[0].length);
    const words = (group[1] ?? '').split(/[\s,]+/).filter((w) => w !== '');
    const namesPatch = words.some((w) => PATCH_WORD.test(w) || /^\d+\/\d+$/.test(w) || /^v\d+$/i.test(w));
    if (!namesPatch) continue; // a list tag such as [dm-devel]
    for (const word of words) {
      const versionMatch = /^v(\d+)$/i.exec(word);
      const positionMatch = /^(\d+)\/(\d+)$/.exec(word);
      if (versionMatch !== null) version = Number(versionMatch[1]);
      else if (positionMatch !== null) position = { index: Number(positionMatch[1]), total: Number(positionMatch[2]) };
    }
    prefixWords.push(...words);
  }
  return {
    subject: rest.trim(),
    prefix: prefixWords.length > 0 ? prefixWords.join(' ') : null,
    isReply,
    version,
    position,
  };
}

/** Subject for comparison across resends: lowercase words only, punctuation and spacing dropped. */
export function normalizeSubject(subject: string): string {
  return parseSubject(subject)
    .subject.toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SLUG_SUBJECT_MAX = 50;

/** `<yyyy-mm-dd>-<subject words>`: lowercase, dashes, at most ~50 characters of subject words. */
export function patchSlug(subject: string, isoDate: string | null): string {
  const datePart = isoDate !== null && /^\d{4}-\d{2}-\d{2}/.test(isoDate) ? isoDate.slice(0, 10) : 'undated';
  const words = parseSubject(subject)
    .subject.replace(/\([^)]*\)/g, ' ') // "(Re: kvm deadlock)" says where it was posted, not what it does
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let subjectPart = '';
  for (const word of words) {
    const next = subjectPart === '' ? word : `${subjectPart}-${word}`;
    if (next.length > SLUG_SUBJECT_MAX && subjectPart !== '') break;
    subjectPart = next.slice(0, SLUG_SUBJECT_MAX);
  }
  return subjectPart === '' ? `${datePart}-patch` : `${datePart}-${subjectPart}`;
}
