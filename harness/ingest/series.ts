// Picks the patches to apply from the messages of a thread: replies ("Re:") are discussion,
// never patches, even when they quote or suggest a diff; a 0/N message is the cover letter; of
// several versions of a series the newest is taken (as b4 does) and the rest set aside; the
// patches are ordered by their M/N position.
import type { IgnoredMessage, PatchIdentity } from './types.ts';

export interface SeriesCandidate<P> {
  identity: PatchIdentity;
  /** The message's patch, or null when it carries no diff. */
  patch: P | null;
}

export interface SeriesChoice<P> {
  chosen: SeriesCandidate<P>[];
  cover: PatchIdentity | null;
  version: number;
  total: number;
  missing: number[];
  numbered: boolean;
  ignored: IgnoredMessage[];
}

function ignore(identity: PatchIdentity, reason: string): IgnoredMessage {
  return { messageId: identity.messageId, subject: identity.rawSubject, reason };
}

export function chooseSeries<P>(candidates: readonly SeriesCandidate<P>[]): SeriesChoice<P> {
  const ignored: IgnoredMessage[] = [];
  const patches: SeriesCandidate<P>[] = [];
  const covers: PatchIdentity[] = [];
  for (const candidate of candidates) {
    const { identity } = candidate;
    if (identity.isReply) ignored.push(ignore(identity, 'reply'));
    else if (identity.position?.index === 0) covers.push(identity);
    else if (candidate.patch === null) ignored.push(ignore(identity, 'no diff'));
    else patches.push(candidate);
  }

  const newestVersion = Math.max(0, ...patches.map((p) => p.identity.version));
  const current = patches.filter((p) => p.identity.version === newestVersion);
  for (const older of patches.filter((p) => p.identity.version !== newestVersion)) {
    ignored.push(ignore(older.identity, `older version v${older.identity.version}, superseded by v${newestVersion}`));
  }
  const numbered = current.some((p) => p.identity.position !== null);
  // Stable sort: unnumbered patches keep their order in the input.
  const chosen = [...current].sort((a, b) => (a.identity.position?.index ?? 0) - (b.identity.position?.index ?? 0));

  // Two messages claiming one position (a resend inside the same thread): keep the first.
  const byPosition = new Map<number, SeriesCandidate<P>>();
  const deduplicated = chosen.filter((p) => {
    const index = p.identity.position?.index;
    if (index === undefined) return true;
    if (byPosition.has(index)) {
      ignored.push(ignore(p.identity, `second message for position ${index}/${p.identity.position?.total}`));
      return false;
    }
    byPosition.set(index, p);
    return true;
  });

  const total = Math.max(deduplicated.length, ...deduplicated.map((p) => p.identity.position?.total ?? 0));
  const missing: number[] = [];
  if (numbered) for (let i = 1; i <= total; i++) if (!byPosition.has(i)) missing.push(i);

  const matchingCovers = covers.filter((c) => c.version === newestVersion);
  for (const other of covers.filter((c) => !matchingCovers.includes(c))) {
    ignored.push(ignore(other, `cover letter of v${other.version}, superseded by v${newestVersion}`));
  }
  for (const extra of matchingCovers.slice(1)) ignored.push(ignore(extra, 'second cover letter'));
  return { chosen: deduplicated, cover: matchingCovers[0] ?? null, version: newestVersion, total, missing, numbered, ignored };
}
