// git mailinfo's rules (scissors, in-body headers, patch break) and the diff reader's: hunks
// end on their counts, damaged lines are repaired and recorded, quoted diffs are not diffs.
import { describe, expect, it } from 'vitest';
import { nameFromMarkerLine, treePath } from '../../harness/ingest/diff-paths.ts';
import { readHunk } from '../../harness/ingest/hunk-reader.ts';
import { isPatchBreak, isScissorsLine, mailinfo } from '../../harness/ingest/mailinfo.ts';
import { parseMailDate } from '../../harness/ingest/mail-date.ts';
import { containsDiff, parseUnifiedDiff } from '../../harness/ingest/unified-diff.ts';

describe('scissors lines (git is_scissors_line)', () => {
  it.each(['-- >8 --', '---8<---', '-- 8< --', '------------------ >8 ------------------', '-- >8 -- cut here --'])('accepts %j', (line) => {
    expect(isScissorsLine(line)).toBe(true);
  });
  it.each(['----', '-- ', '> 8', 'x >8 y', '--8<--', 'See -- >8 -- there is a lot of text after the mark here'])('rejects %j', (line) => {
    expect(isScissorsLine(line)).toBe(false);
  });
});

describe('patch break (git patchbreak)', () => {
  it.each([
    ['---', true],
    ['---   ', true],
    ['--- a/block/blk-core.c', true],
    ['diff --git a/x b/x', true],
    ['Index: block/blk-core.c', true],
    ['----', false],
    ['-- ', false],
    ['> ---', false],
    ['--- ', true],
  ])('%j -> %s', (line, expected) => {
    expect(isPatchBreak(line)).toBe(expected);
  });
});

describe('mailinfo', () => {
  it('drops everything before scissors and reads in-body headers after them', () => {
    const info = mailinfo(
      ['> quoted review', '', '-- >8 --', 'From: A U Thor <a@example.org>', 'Subject: [PATCH] x: y', '', 'Body.', '---', ' a | 1 +'].join('\n'),
    );
    expect(info.scissors).toBe(true);
    expect(info.inBodyHeaders).toEqual({ from: 'A U Thor <a@example.org>', subject: '[PATCH] x: y' });
    expect(info.commitMessage).toBe('Body.');
    expect(info.patchText.startsWith('---\n a | 1 +')).toBe(true);
  });

  it('ignores From: lines that are not at the top of the body', () => {
    const info = mailinfo('Hello.\nFrom: someone\n---\n');
    expect(info.inBodyHeaders).toEqual({});
    expect(info.commitMessage).toBe('Hello.\nFrom: someone');
  });

  it('reads base-commit from after the diff', () => {
    expect(mailinfo('m\n---\ndiff --git a/x b/x\n\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n-- \n2.40').baseCommit).toBe(
      '0123456789abcdef0123456789abcdef01234567',
    );
  });
});

describe('hunk reading by counts', () => {
  it('ends a hunk when its counts are used up, leaving a "-- " signature outside', () => {
    const lines = ['@@ -1,2 +1,3 @@ f', ' a', '+b', ' c', '-- ', 'sig'];
    const read = readHunk(lines, 0);
    expect(read?.hunk.lines?.map((l) => l.kind)).toEqual(['context', 'added', 'context']);
    expect(read?.next).toBe(4);
    expect(read?.repairs).toEqual([]);
  });

  it('repairs a context line without its space and an empty context line, and records both', () => {
    const read = readHunk(['@@ -1,3 +1,3 @@', 'int x;', '', '-a', '+b'], 0);
    expect(read?.hunk.lines).toEqual([
      { kind: 'context', text: 'int x;', repaired: true },
      { kind: 'context', text: '', repaired: true },
      { kind: 'removed', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
    expect(read?.repairs.map((r) => [r.kind, r.count])).toEqual([
      ['context-missing-space', 1],
      ['empty-context-line', 1],
    ]);
  });

  it('closes a hunk that is cut short at the next header and says how much is missing', () => {
    const read = readHunk(['@@ -1,4 +1,4 @@', ' a', '-b', '+c', 'diff --git a/y b/y'], 0);
    expect(read?.next).toBe(4);
    expect(read?.repairs).toEqual([expect.objectContaining({ kind: 'hunk-ended-early', count: 2 })]);
  });

  it('keeps a "\\ No newline at end of file" marker without counting it', () => {
    const read = readHunk(['@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+b', '\\ No newline at end of file'], 0);
    expect(read?.hunk.lines?.map((l) => l.kind)).toEqual(['removed', 'no-newline-marker', 'added', 'no-newline-marker']);
    expect(read?.hunk.oldCount).toBe(1);
  });
});

describe('diff files', () => {
  it('reads renames, new files and binary files', () => {
    const diff = parseUnifiedDiff(
      [
        'diff --git a/block/old.c b/block/new.c',
        'similarity index 90%',
        'rename from block/old.c',
        'rename to block/new.c',
        'diff --git a/block/added.c b/block/added.c',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/block/added.c',
        '@@ -0,0 +1 @@',
        '+int x;',
        'diff --git a/fw.bin b/fw.bin',
        'Binary files a/fw.bin and b/fw.bin differ',
      ].join('\n'),
    );
    expect(diff.files.map((f) => [f.path, f.oldPath, f.newPath, f.added, f.removed, f.binary])).toEqual([
      ['block/new.c', 'block/old.c', 'block/new.c', 0, 0, false],
      ['block/added.c', null, 'block/added.c', 1, 0, false],
      ['fw.bin', 'fw.bin', 'fw.bin', 0, 0, true],
    ]);
  });

  it('does not take a quoted diff in a reply for a diff', () => {
    expect(containsDiff('> diff --git a/x b/x\n> --- a/x\n> +++ b/x\n> @@ -1 +1 @@\n> -a\n> +b\n')).toBe(false);
  });

  it('strips a/ b/, quilt prefixes, .orig and timestamps, keeping kernel-rooted paths', () => {
    expect(treePath('a/block/blk-core.c')).toBe('block/blk-core.c');
    expect(treePath('linux-3.15-rc5.orig/fs/bio.c')).toBe('fs/bio.c');
    expect(treePath('block/blk-throttle.c.orig')).toBe('block/blk-throttle.c');
    expect(nameFromMarkerLine('block/blk-throttle.c.orig 2011-12-15 20:31:05.000000000 -0500')).toBe('block/blk-throttle.c.orig');
    expect(nameFromMarkerLine('linux/fs/bio.c\t2014-05-26 19:02:47.000000000 +0200')).toBe('linux/fs/bio.c');
    expect(nameFromMarkerLine('/dev/null')).toBeNull();
  });
});

describe('mail dates', () => {
  it.each([
    ['Tue, 27 May 2014 11:03:36 -0400 (EDT)', '2014-05-27T15:03:36Z'],
    ['Thu Dec 15 2011 - 14:47:19 EST', '2011-12-15T19:47:19Z'],
    ['Thu, 15 Dec 2011 14:47:19 +0100 CET', '2011-12-15T13:47:19Z'],
    ['Mon Sep 17 00:00:00 2001', '2001-09-17T00:00:00Z'],
    ['not a date', null],
  ])('%s', (raw, iso) => {
    expect(parseMailDate(raw)).toBe(iso);
  });
});
