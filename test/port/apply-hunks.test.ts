// Hunks placed by the C's tokens: at their line or the nearest offset, through the whitespace a
// web archive strips, and for a text whose newlines were lost, by aligning it with the file.
import { describe, expect, it } from 'vitest';
import { applyFileDiffs } from '../../harness/port/apply-hunks.ts';
import { applyToBase, baseFit } from '../../harness/port/fit.ts';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';
import type { FileDiff, Hunk } from '../../harness/ingest/types.ts';

const FILE = ['int a;', '', 'static void f(void)', '{', '\tfoo();', '\tbar();', '}', '', 'int z;'].join('\n');

function lineHunk(oldStart: number, lines: [' ' | '-' | '+', string][]): Hunk {
  const oldCount = lines.filter(([k]) => k !== '+').length;
  const newCount = lines.filter(([k]) => k !== '-').length;
  return {
    oldStart,
    oldCount,
    newStart: oldStart,
    newCount,
    headerText: '',
    lines: lines.map(([k, text]) => ({ kind: k === ' ' ? 'context' : k === '-' ? 'removed' : 'added', text })),
  };
}

function diff(hunks: Hunk[]): FileDiff[] {
  return [{ path: 'block/f.c', oldPath: 'block/f.c', newPath: 'block/f.c', added: null, removed: null, countsFrom: 'hunk-lines', binary: false, hunks }];
}

const read = (p: string): string | null => (p === 'block/f.c' ? FILE : null);

describe('hunks with lines', () => {
  it('apply at their stated line, or at the nearest offset where the old lines are', () => {
    const h = lineHunk(5, [[' ', '\tfoo();'], ['-', '\tbar();'], ['+', '\tbaz();'], [' ', '}']]);
    const here = applyFileDiffs(diff([h]), read);
    expect(here.problems).toEqual([]);
    expect(here.applied).toEqual([{ file: 'block/f.c', hunk: 1, offset: 0 }]);
    expect(here.texts.get('block/f.c')).toContain('\tfoo();\n\tbaz();\n}');
    const off = applyFileDiffs(diff([{ ...h, oldStart: 2 }]), read);
    expect(off.applied[0].offset).toBe(3);
    expect(off.texts.get('block/f.c')).toBe(here.texts.get('block/f.c'));
  });

  it('match context whose indentation the archive stripped, keeping the file\'s own', () => {
    const h = lineHunk(5, [[' ', 'foo();'], ['+', 'qux();'], [' ', 'bar();']]);
    const r = applyFileDiffs(diff([h]), read);
    expect(r.problems).toEqual([]);
    expect(r.texts.get('block/f.c')).toContain('\tfoo();\nqux();\n\tbar();');
  });

  it('name each hunk whose old lines are not in the file, and files the base does not have', () => {
    const r = applyFileDiffs(
      [...diff([lineHunk(5, [[' ', '\tfoo();'], ['-', '\tnot_there();']])]), { ...diff([])[0], path: 'block/new.c', oldPath: null }],
      read,
    );
    expect(r.applied).toEqual([]);
    expect(r.problems.map((p) => [p.file, p.hunk])).toEqual([
      ['block/f.c', 1],
      ['block/new.c', 0],
    ]);
    expect(r.problems[0].what).toContain('its old lines are not in the C');
  });
});

describe('run-on hunks (newlines lost)', () => {
  it('are aligned with the file: removed lines, added lines and context come back in place', () => {
    const h: Hunk = { oldStart: 3, oldCount: 5, newStart: 3, newCount: 6, headerText: '', lines: null, runOnBody: 'static void f(void) { - foo(); + one(); + two(); bar(); }' };
    const r = applyFileDiffs(diff([h]), read);
    expect(r.problems).toEqual([]);
    expect(r.texts.get('block/f.c')?.split('\n').slice(2, 8)).toEqual(['static void f(void)', '{', 'one();', 'two();', '\tbar();', '}']);
  });

  it('tell a removed line at column 0 ("-static") from a removed indented or empty one ("- x")', () => {
    const h: Hunk = { oldStart: 1, oldCount: 3, newStart: 1, newCount: 2, headerText: '', lines: null, runOnBody: 'int a; - static void f(void)' };
    const r = applyFileDiffs(diff([h]), read);
    // "- static" after a blank context line: the removed line is the empty one.
    expect(r.problems).toEqual([]);
    expect(r.texts.get('block/f.c')?.split('\n').slice(0, 2)).toEqual(['int a;', 'static void f(void)']);
  });

  it('put a preprocessor line among added text back on its own line', () => {
    const h: Hunk = { oldStart: 8, oldCount: 2, newStart: 8, newCount: 4, headerText: '', lines: null, runOnBody: '+#ifdef CONFIG_X +int x; #endif /* X */ int z;' };
    const r = applyFileDiffs(diff([{ ...h, runOnBody: ' +#ifdef CONFIG_X +int x; #endif /* X */ int z;' }]), read);
    expect(r.problems).toEqual([]);
    expect(r.texts.get('block/f.c')?.split('\n').slice(7)).toEqual(['', '#ifdef CONFIG_X', 'int x;', '#endif /* X */', 'int z;']);
  });
});

describe('the base a patch is for', () => {
  it('is the one that takes its hunks at their stated lines when another takes them a few lines away', async () => {
    // part_inc_in_flight() stands at line 383 of v3.15's include/linux/genhd.h and nine lines
    // earlier in v3.2's: both take the hunk, v3.15 without moving it.
    const set = await readPatchSet(new URL('../fixtures/mail/part-inc-in-flight-no-part0.patch', import.meta.url).pathname);
    const older = applyToBase(set, 'v3.2');
    expect(older.problems).toEqual([]);
    expect(older.applied.map((a) => a.offset)).toEqual([-9]);
    expect(applyToBase(set, 'v3.15').applied.map((a) => a.offset)).toEqual([0]);
    expect(baseFit(set)).toEqual({ base: 'v3.15', offsets: [], mismatches: [] });
  });
});
