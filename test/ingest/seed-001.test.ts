// Seed 001 exactly as shipped: an archive page copied as running text, every newline lost.
// What survives is checked against the text itself; what cannot survive must be said.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRunOnText, recoverRunOn } from '../../harness/ingest/run-on-recovery.ts';
import { runOnTouched } from '../../harness/ingest/run-on-functions.ts';
import type { Patch, PatchSet } from '../../harness/ingest/types.ts';
import { SEED_001, readSinglePatch } from './helpers.ts';

const text = readFileSync(SEED_001, 'utf8');
let set: PatchSet;
let patch: Patch;

beforeAll(async () => {
  ({ set, patch } = await readSinglePatch(SEED_001));
});

describe('seed 001 (every newline lost)', () => {
  it('is recognised as run-on text', () => {
    expect(text.includes('\n')).toBe(false);
    expect(isRunOnText(text)).toBe(true);
    expect(set.format).toBe('web-archive');
  });

  it('reads the forwarded headers, guessing where the subject ends and dropping the obfuscated address', () => {
    expect(set.identity.subject).toBe('block: flush queued bios when the process blocks');
    expect(set.identity.author).toBe('Mikulas Patocka');
    expect(set.identity.date).toBe('2014-05-27T15:03:36Z');
    expect(patch.repairs.map((r) => r.kind)).toEqual(expect.arrayContaining(['subject-end-guessed', 'address-redacted']));
    expect(patch.commitMessage.startsWith('The block layer uses per-process bio list')).toBe(true);
    expect(patch.commitMessage.endsWith('Cc: stable@xxxxxxxxxxxxxxx')).toBe(true);
  });

  it('recovers the files from their Index:/---/+++ markers, without the quilt prefix', () => {
    expect(patch.files.map((f) => [f.path, f.oldPath])).toEqual([
      ['fs/bio.c', 'fs/bio.c'],
      ['kernel/sched/core.c', 'kernel/sched/core.c'],
      ['include/linux/blkdev.h', 'include/linux/blkdev.h'],
    ]);
  });

  it('recovers every hunk header that the text holds, in order', () => {
    const inText = [...text.matchAll(/@@ -(\d+),(\d+) \+(\d+),(\d+) @@/g)].map((m) => m.slice(1).map(Number));
    const recovered = patch.files.flatMap((f) => f.hunks.map((h) => [h.oldStart, h.oldCount, h.newStart, h.newCount]));
    expect(recovered).toEqual(inText);
    expect(recovered).toHaveLength(7);
    expect(patch.files.flatMap((f) => f.hunks.map((h) => h.headerText))).toEqual([
      'static void bio_alloc_rescue(struct work',
      'static void punt_bios_to_rescuer(struct',
      'struct bio *bio_alloc_bioset(gfp_t gfp_m',
      'struct bio *bio_alloc_bioset(gfp_t gfp_m',
      'static inline void sched_submit_work(str',
      'static inline bool blk_needs_flush_plug(',
      'static inline void blk_schedule_flush_pl',
    ]);
    expect(patch.files.every((f) => f.hunks.every((h) => h.lines === null && (h.runOnBody ?? '').length > 0))).toBe(true);
  });

  it('derives per-file counts from the diffstat totals and the hunk headers, matching the summary line', () => {
    expect(patch.diffstat?.totals).toEqual({ files: 3, insertions: 37, deletions: 61 });
    expect(patch.files.map((f) => [f.path, f.added, f.removed, f.countsFrom])).toEqual([
      ['fs/bio.c', 24, 60, 'diffstat-and-hunk-headers'],
      ['kernel/sched/core.c', 7, 0, 'diffstat-and-hunk-headers'],
      ['include/linux/blkdev.h', 6, 1, 'diffstat-and-hunk-headers'],
    ]);
    // Each file: added - removed is the headers' net change, added + removed the diffstat total.
    for (const file of patch.files) {
      const net = file.hunks.reduce((n, h) => n + h.newCount - h.oldCount, 0);
      expect((file.added ?? 0) - (file.removed ?? 0)).toBe(net);
    }
    expect(patch.discrepancies).toEqual([]);
  });

  it('finds added and removed definitions and the hunk-header functions', () => {
    const byName = (file: string, name: string) => patch.functions.find((f) => f.file === file && f.name === name);
    expect(byName('fs/bio.c', 'punt_bios_to_rescuer')).toMatchObject({ change: 'removed' });
    expect(byName('fs/bio.c', 'punt_bios_to_rescuer')?.evidence).toContain('removed-definition');
    expect(byName('fs/bio.c', 'blk_flush_bio_list')).toMatchObject({ change: 'added', evidence: ['added-definition'] });
    expect(byName('include/linux/blkdev.h', 'blk_flush_bio_list')).toMatchObject({ change: 'added' });
    expect(byName('fs/bio.c', 'bio_alloc_bioset')).toMatchObject({ evidence: ['hunk-header'], hunks: [3, 4] });
    expect(byName('kernel/sched/core.c', 'sched_submit_work')).toMatchObject({ evidence: ['hunk-header'] });
  });

  it('says precisely what could not be recovered', () => {
    const kinds = patch.repairs.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'newlines-lost')).toHaveLength(1);
    for (const file of patch.files) {
      expect(patch.repairs).toContainEqual(expect.objectContaining({ kind: 'hunk-lines-unrecoverable', file: file.path, count: file.hunks.length }));
      expect(patch.repairs).toContainEqual(expect.objectContaining({ kind: 'counts-from-diffstat', file: file.path }));
    }
    expect(patch.repairs).toContainEqual(expect.objectContaining({ kind: 'hunk-header-text-guessed', count: 7 }));
  });

  it('completes a cut header name from the model index, and says so when it cannot', () => {
    const recovered = recoverRunOn(text);
    const without = runOnTouched(recovered.files, []);
    expect(without.nameResolutions).toEqual([expect.objectContaining({ truncated: 'blk_schedule_flush_pl', resolved: null, source: 'unresolved' })]);
    const withModel = runOnTouched(recovered.files, [{ name: 'blk_schedule_flush_plug', cFile: 'include/linux/blkdev.h' }]);
    expect(withModel.nameResolutions).toEqual([expect.objectContaining({ resolved: 'blk_schedule_flush_plug', source: 'model-index' })]);
    expect(withModel.functions.map((f) => f.name)).toContain('blk_schedule_flush_plug');
  });
});
