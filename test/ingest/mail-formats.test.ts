// The same patch delivered every way reviewers receive it: git format-patch, quoted-printable,
// base64 in a legacy charset, CRLF, as an attachment, inside multipart/alternative, as a quilt
// patch, and after a scissors line in a reply. Each must yield the diff the format-patch file
// yields (computed from that file, not written down here), once, with its own identity.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';
import type { FileDiff, PatchSet } from '../../harness/ingest/types.ts';
import { MAIL } from './helpers.ts';

/** What identifies a diff's content: paths, hunk positions and every line. */
function diffShape(files: readonly FileDiff[]): unknown {
  return files.map((f) => ({ path: f.path, added: f.added, removed: f.removed, hunks: f.hunks.map((h) => [h.oldStart, h.oldCount, h.newStart, h.newCount, h.headerText, h.lines]) }));
}

let reference: PatchSet;
beforeAll(async () => {
  reference = await readPatchSet(MAIL('format-patch-throttle.patch'));
});

async function only(name: string): Promise<PatchSet> {
  const set = await readPatchSet(MAIL(name));
  expect(set.patches).toHaveLength(1);
  return set;
}

describe('git format-patch file', () => {
  it('is read as a one-message mbox with its identity, diffstat and base-commit', () => {
    const patch = reference.patches[0];
    expect(reference.format).toBe('mbox');
    expect(reference.identity).toMatchObject({
      messageId: '<20240305081244.4711-1-jane.hacker@example.com>',
      subject: 'blk-throttle: allocate group stats from a worker, keep queue_lock held',
      author: 'Jane Hacker <jane.hacker@example.com>',
      date: '2024-03-05T08:12:44Z',
      baseCommit: '95c892d5dc4333c23fe33c8c2a95d2bc387e0e27',
      version: 1,
      position: null,
    });
    expect(patch?.diffstat?.totals).toEqual({ files: 1, insertions: 24, deletions: 48 });
    expect(patch?.files.map((f) => [f.path, f.added, f.removed])).toEqual([['block/blk-throttle.c', 24, 48]]);
    expect(patch?.discrepancies).toEqual([]);
    expect(patch?.repairs).toEqual([]);
  });

  it('ends the last hunk on its counts, before the base-commit line and the "-- " signature', () => {
    const last = reference.patches[0]?.files[0]?.hunks.at(-1);
    expect(last?.lines?.at(-1)).toEqual({ kind: 'context', text: '\tthrotl_init_add_tg_lists(td, tg, blkcg);' });
  });

  it('finds the touched functions and the struct', () => {
    const patch = reference.patches[0];
    expect(patch?.functions.map((f) => [f.name, f.change])).toEqual([
      ['throtl_stat_alloc_fn', 'added'],
      ['throtl_alloc_tg', 'modified'],
      ['throtl_get_tg', 'modified'],
    ]);
    expect(patch?.structs.map((s) => s.name)).toEqual(['throtl_grp']);
  });
});

describe('transfer encodings and line endings', () => {
  it('decodes quoted-printable UTF-8 and RFC 2047 headers', async () => {
    const set = await only('qp-utf8.eml');
    expect(set.identity.author).toBe('Zoë Hacker <zoe.hacker@example.com>');
    expect(set.identity.rawSubject).toBe('[PATCH v3] blk-throttle: allocate group stats from a worker — keep queue_lock held');
    expect(set.identity.version).toBe(3);
    expect(set.patches[0]?.commitMessage).toContain('Reported-by: Zoë Tester');
    // Soft line breaks joined, =3D decoded, =20 empty context lines restored.
    expect(set.patches[0]?.commitMessage).toContain('{RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-W} usage');
    expect(diffShape(set.patches[0]?.files ?? [])).toEqual(diffShape(reference.patches[0]?.files ?? []));
  });

  it('decodes base64 in ISO-8859-1', async () => {
    const set = await only('base64-latin1.eml');
    expect(set.identity.prefix).toBe('PATCH RESEND');
    expect(set.patches[0]?.commitMessage).toContain('Tested-by: René Tester');
    expect(diffShape(set.patches[0]?.files ?? [])).toEqual(diffShape(reference.patches[0]?.files ?? []));
  });

  it('reads a CRLF mail like the LF one, with no carriage return left in any line', async () => {
    expect(readFileSync(MAIL('crlf.eml'), 'latin1')).toContain('\r\n');
    const set = await only('crlf.eml');
    expect(set.identity.messageId).toBe(reference.identity.messageId);
    expect(diffShape(set.patches[0]?.files ?? [])).toEqual(diffShape(reference.patches[0]?.files ?? []));
    const texts = set.patches[0]?.files.flatMap((f) => f.hunks.flatMap((h) => (h.lines ?? []).map((l) => l.text))) ?? [];
    expect(texts.some((t) => t.includes('\r'))).toBe(false);
  });
});

describe('MIME structure', () => {
  it('takes the patch from a text/x-patch attachment, with the attached file\'s own headers', async () => {
    const set = await only('attachment-x-patch.eml');
    expect(set.identity.messageId).toBe('<a1b2c3d4-attach@mail.example.com>');
    // The mail's subject is chat; the attached format-patch names the patch.
    expect(set.identity.subject).toBe(reference.identity.subject);
    expect(set.identity.date).toBe(reference.identity.date);
    expect(set.patches[0]?.foundIn).toBe('attachment 0001-blk-throttle-allocate-group-stats-from-a-worker-keep.patch');
    expect(diffShape(set.patches[0]?.files ?? [])).toEqual(diffShape(reference.patches[0]?.files ?? []));
  });

  it('takes the diff once from multipart/alternative, though both parts carry it', async () => {
    const raw = readFileSync(MAIL('multipart-alternative.eml'), 'latin1');
    expect(raw).toContain('multipart/alternative');
    expect(raw).toContain('text/html');
    const set = await only('multipart-alternative.eml');
    expect(set.patches[0]?.files).toHaveLength(1);
    expect(diffShape(set.patches[0]?.files ?? [])).toEqual(diffShape(reference.patches[0]?.files ?? []));
  });
});

describe('patches outside mail', () => {
  it('reads a quilt patch: GNU diff -p headers cut at 40 characters, -p1 paths, subject from the description', async () => {
    const set = await only('quilt-throttle.patch');
    expect(set.format).toBe('bare-patch');
    expect(set.identity.subject).toBe(reference.identity.subject);
    expect(set.identity.author).toBe('Jane Hacker <jane.hacker@example.com>');
    const file = set.patches[0]?.files[0];
    expect([file?.path, file?.oldPath, file?.added, file?.removed]).toEqual(['block/blk-throttle.c', 'block/blk-throttle.c', 24, 48]);
    expect(file?.hunks.map((h) => h.headerText)).toEqual(['struct throtl_grp {', 'static void throtl_init_group(struct thr', 'static struct throtl_grp * throtl_get_tg']);
    // Same lines as git's diff, whatever the header text.
    expect(file?.hunks.map((h) => h.lines)).toEqual(reference.patches[0]?.files[0]?.hunks.map((h) => h.lines));
    expect(set.patches[0]?.functions.map((f) => f.name)).toEqual(reference.patches[0]?.functions.map((f) => f.name));
  });

  it('takes the patch after a scissors line, with the in-body From/Subject/Date overriding the reply\'s', async () => {
    const set = await only('scissors-in-reply.eml');
    expect(set.identity).toMatchObject({
      subject: 'blk-throttle: flush group stat work on queue exit',
      author: 'Sam Reviewer <sam.reviewer@example.net>',
      date: '2024-03-06T13:40:00Z',
      isReply: false,
    });
    expect(set.patches[0]?.commitMessage.startsWith('A group freed while its stat_alloc_work is queued')).toBe(true);
    expect(set.patches[0]?.functions.map((f) => f.name)).toEqual(['throtl_free_tg']);
  });
});
