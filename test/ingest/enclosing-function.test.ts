// A hunk whose header names no function (a bare '@@', or a label git's funcname rule picked)
// starts in the function the model's C has around its old lines; between definitions, in none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enclosingFunctionAtBases, functionAround } from '../../harness/ingest/enclosing-function.ts';
import type { Hunk } from '../../harness/ingest/types.ts';
import { REPO } from '../helpers/modules.ts';

const RAID1 = readFileSync(join(REPO, 'kernel-model/c/v3.15/drivers/md/raid1.c'), 'utf8').split('\n');

/** A hunk of `count` context lines of raid1.c from 0-based line `at`, with the given header. */
function hunkAt(at: number, count: number, headerText: string, stated = at + 1): Hunk {
  return {
    oldStart: stated,
    oldCount: count,
    newStart: stated,
    newCount: count + 1,
    headerText,
    lines: [...RAID1.slice(at, at + count).map((text) => ({ kind: 'context' as const, text })), { kind: 'added' as const, text: '\tadded();' }],
  };
}

describe('the function a hunk starts in, from the C', () => {
  const def = RAID1.findIndex((l) => l.startsWith('static void make_request('));
  const label = RAID1.findIndex((l, i) => i > def && l === 'read_again:');

  it('is found for a bare header and for a label header, wherever the hunk was stated', () => {
    expect(def).toBeGreaterThan(0);
    expect(label).toBeGreaterThan(def);
    expect(enclosingFunctionAtBases('drivers/md/raid1.c', hunkAt(def + 20, 3, ''))).toBe('make_request');
    expect(enclosingFunctionAtBases('drivers/md/raid1.c', hunkAt(label, 3, 'read_again:'))).toBe('make_request');
    // Stated 40 lines off (another tree): the old lines are found nearby all the same.
    expect(enclosingFunctionAtBases('drivers/md/raid1.c', hunkAt(def + 20, 3, '', def + 61))).toBe('make_request');
  });

  it('is none between definitions, or where no base has the file or the lines', () => {
    const end = RAID1.findIndex((l, i) => i > def && l === '}');
    expect(functionAround(RAID1, end + 1)).toBeNull();
    expect(enclosingFunctionAtBases('net/core/dev.c', hunkAt(def + 20, 3, ''))).toBeNull();
    const foreign: Hunk = { ...hunkAt(def + 20, 1, ''), lines: [{ kind: 'context', text: 'int not_in_any_base;' }] };
    expect(enclosingFunctionAtBases('drivers/md/raid1.c', foreign)).toBeNull();
  });
});
