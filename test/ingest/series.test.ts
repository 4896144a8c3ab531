// A lore-style mboxrd thread: cover letter, v2 patches out of order, an older v1 patch, and a
// review reply that quotes the diff. The series is v2 in 1/3..3/3 order; the rest is set aside.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffstatRegion, parseDiffstat } from '../../harness/ingest/diffstat.ts';
import { splitMbox } from '../../harness/ingest/mbox.ts';
import { readPatchSet, setFiles } from '../../harness/ingest/patch-set.ts';
import { parseSubject } from '../../harness/ingest/subject.ts';
import type { PatchSet } from '../../harness/ingest/types.ts';
import { MAIL } from './helpers.ts';

const MBOX = MAIL('series-v2-with-cover-and-reply.mbox');
let set: PatchSet;
beforeAll(async () => {
  set = await readPatchSet(MBOX);
});

describe('mbox splitting', () => {
  it('splits at "From " separator lines and undoes mboxrd quoting', () => {
    const messages = splitMbox(readFileSync(MBOX)).map((m) => m.toString('latin1'));
    expect(messages).toHaveLength(6);
    const cover = messages[0] ?? '';
    expect(cover).toContain('\nFrom the discussion of v1');
    expect(cover).not.toContain('>From the discussion');
    const reply = messages[5] ?? '';
    expect(reply).toContain('\nFrom a quick look');
  });
});

describe('series selection', () => {
  it('takes the v2 cover letter as the identity of the set', () => {
    expect(set.format).toBe('mbox');
    expect(set.identity).toMatchObject({
      messageId: '<cover.1710165730.git.jane.hacker@example.com>',
      subject: 'blk-throttle: stop sleeping in the IO submission path',
      version: 2,
      position: { index: 0, total: 3 },
    });
    expect(set.series).toMatchObject({ version: 2, total: 3, missing: [] });
    expect(set.series?.cover?.subject).toBe('blk-throttle: stop sleeping in the IO submission path');
  });

  it('orders the patches by position although the mbox has 3/3 before 2/3', () => {
    expect(set.patches.map((p) => p.identity.position)).toEqual([
      { index: 1, total: 3 },
      { index: 2, total: 3 },
      { index: 3, total: 3 },
    ]);
    expect(set.patches.map((p) => p.identity.inReplyTo)).toEqual(Array(3).fill('<cover.1710165730.git.jane.hacker@example.com>'));
  });

  it('sets aside the older version and the reply that quotes a diff', () => {
    expect(set.ignored).toEqual([
      expect.objectContaining({ subject: 'Re: [PATCH v2 2/3] blk-throttle: allocate per cpu stats from a worker', reason: 'reply' }),
      expect.objectContaining({ subject: '[PATCH 1/2] blkio: let group stats be allocated later', reason: 'older version v1, superseded by v2' }),
    ]);
  });

  it('adds up to the cover letter\'s diffstat over the whole series', () => {
    const coverText = readFileSync(MBOX, 'utf8').split('\nFrom 184ff99')[0] ?? '';
    const coverStat = parseDiffstat(diffstatRegion(coverText.slice(coverText.indexOf('Jane Hacker (3):'))));
    const files = setFiles(set);
    const byPath = Object.fromEntries(files.map((f) => [f.path, (f.added ?? 0) + (f.removed ?? 0)]));
    expect(coverStat?.totals).toEqual({ files: 2, insertions: 36, deletions: 47 });
    expect(byPath).toEqual(Object.fromEntries(coverStat?.entries.map((e) => [e.path, e.changed]) ?? []));
    expect(files.reduce((n, f) => n + (f.added ?? 0), 0)).toBe(36);
    expect(files.reduce((n, f) => n + (f.removed ?? 0), 0)).toBe(47);
  });
});

describe('subject prefixes', () => {
  it.each([
    ['[PATCH v2 3/7] blkcg: fix', { subject: 'blkcg: fix', version: 2, position: { index: 3, total: 7 }, isReply: false }],
    ['Re: [RFC PATCH 0/2] blkcg: idea', { subject: 'blkcg: idea', version: 1, position: { index: 0, total: 2 }, isReply: true }],
    ['[dm-devel] [PATCH] dm: x', { subject: 'dm: x', prefix: 'PATCH', isReply: false }],
    ['Fwd: [PATCH] block: y', { subject: 'block: y', isReply: false }],
    ['RE: Re: [PATCH v10] z', { subject: 'z', version: 10, isReply: true }],
  ])('%s', (raw, expected) => {
    expect(parseSubject(raw)).toMatchObject(expected);
  });
});
