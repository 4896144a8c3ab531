// Seed 000 exactly as shipped: a hypermail page whose context lines lost their leading space.
// The numbers checked here come from the seed's own diffstat; the repair must reproduce them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffstatEntryFor, diffstatRegion, parseDiffstat } from '../../harness/ingest/diffstat.ts';
import { mailinfo } from '../../harness/ingest/mailinfo.ts';
import { setFiles } from '../../harness/ingest/patch-set.ts';
import type { Patch, PatchSet } from '../../harness/ingest/types.ts';
import { SEED_000, readSinglePatch } from './helpers.ts';

let set: PatchSet;
let patch: Patch;

beforeAll(async () => {
  ({ set, patch } = await readSinglePatch(SEED_000));
});

describe('seed 000 (hypermail page, context lines without their leading space)', () => {
  it('reads the identity from the page title and its From/Date lines', () => {
    expect(set.format).toBe('web-archive');
    expect(set.identity.rawSubject).toBe('[RFT PATCH] blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)');
    expect(set.identity.subject).toBe('blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)');
    expect(set.identity.prefix).toBe('RFT PATCH');
    expect(set.identity.isReply).toBe(false);
    expect(set.identity.author).toBe('Vivek Goyal');
    expect(set.identity.date).toBe('2011-12-15T19:47:19Z');
    expect(set.identity.messageId).toBeNull();
  });

  it('has the diffstat the seed prints: 4 files, 180 insertions, 95 deletions', () => {
    const diffstat = parseDiffstat(diffstatRegion(mailinfo(readFileSync(SEED_000, 'utf8')).patchText));
    expect(diffstat?.totals).toEqual({ files: 4, insertions: 180, deletions: 95 });
    expect(Object.fromEntries(diffstat?.entries.map((e) => [e.path, e.changed]) ?? [])).toEqual({
      'block/blk-cgroup.c': 31,
      'block/blk-cgroup.h': 9,
      'block/blk-throttle.c': 116,
      'block/cfq-iosched.c': 119,
    });
  });

  it('counts, after repair, exactly what the diffstat says, per file and in total', () => {
    const files = setFiles(set);
    expect(files.map((f) => f.path)).toEqual(['block/blk-throttle.c', 'block/blk-cgroup.c', 'block/blk-cgroup.h', 'block/cfq-iosched.c']);
    const diffstat = patch.diffstat;
    if (diffstat === null) throw new Error('no diffstat');
    for (const file of files) {
      expect(file.countsFrom).toBe('hunk-lines');
      expect((file.added ?? 0) + (file.removed ?? 0)).toBe(diffstatEntryFor(diffstat, file.path)?.changed);
    }
    expect(files.reduce((n, f) => n + (f.added ?? 0), 0)).toBe(180);
    expect(files.reduce((n, f) => n + (f.removed ?? 0), 0)).toBe(95);
    expect(files.reduce((n, f) => n + f.hunks.length, 0)).toBe(30);
    expect(patch.discrepancies).toEqual([]);
  });

  it('closes every hunk on its @@ counts, the repaired lines included', () => {
    for (const file of patch.files) {
      for (const hunk of file.hunks) {
        const lines = hunk.lines ?? [];
        const old = lines.filter((l) => l.kind === 'context' || l.kind === 'removed').length;
        const neu = lines.filter((l) => l.kind === 'context' || l.kind === 'added').length;
        expect([old, neu]).toEqual([hunk.oldCount, hunk.newCount]);
      }
    }
  });

  it('turns lines without a prefix into context lines and records each repair per hunk', () => {
    const throttle = patch.files.find((f) => f.path === 'block/blk-throttle.c');
    const freeHunk = throttle?.hunks[1];
    expect(freeHunk?.headerText).toBe('static void throtl_free_tg(struct rcu_he');
    expect(freeHunk?.lines?.slice(0, 3)).toEqual([
      { kind: 'context', text: 'struct throtl_grp *tg;', repaired: true },
      { kind: 'context', text: '', repaired: true },
      { kind: 'context', text: 'tg = container_of(head, struct throtl_grp, rcu_head);', repaired: true },
    ]);
    // Every repaired line is accounted for by exactly one record of its hunk.
    for (const file of patch.files) {
      file.hunks.forEach((hunk, index) => {
        const repaired = (hunk.lines ?? []).filter((l) => l.repaired === true);
        const records = patch.repairs.filter((r) => r.file === file.path && r.hunk === index + 1);
        expect(records.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(repaired.length);
        const missingSpace = records.find((r) => r.kind === 'context-missing-space');
        expect(missingSpace?.count ?? 0).toBe(repaired.filter((l) => l.text !== '').length);
      });
    }
    expect(patch.repairs.every((r) => r.kind === 'context-missing-space' || r.kind === 'empty-context-line')).toBe(true);
  });

  it('finds the functions the changed lines fall in, not the ones hunk headers merely name', () => {
    const names = (file: string): string[] => patch.functions.filter((f) => f.file === file).map((f) => f.name);
    expect(names('block/blk-throttle.c')).toEqual([
      'throtl_free_tg',
      'throtl_check_schedule_pcpu_stat_alloc',
      'tg_stat_alloc_fn',
      'throtl_init_group',
      'throtl_alloc_tg',
      'throtl_alloc_tg_async',
      'throtl_alloc_tg_sync',
      'throtl_get_tg',
      'blk_throtl_init',
    ]);
    // The hunk at "static void throtl_put_tg(struct throtl_" only adds new functions after it.
    expect(names('block/blk-throttle.c')).not.toContain('throtl_put_tg');
    expect(names('block/cfq-iosched.c')).toContain('cfq_get_cfqg');
    expect(names('block/cfq-iosched.c')).not.toContain('cfq_group_served');
    const change = (file: string, name: string): string | undefined => patch.functions.find((f) => f.file === file && f.name === name)?.change;
    expect(change('block/blk-throttle.c', 'tg_stat_alloc_fn')).toBe('added');
    expect(change('block/blk-throttle.c', 'throtl_alloc_tg')).toBe('removed');
    expect(change('block/blk-throttle.c', 'throtl_get_tg')).toBe('modified');
    expect(patch.functions.find((f) => f.name === 'blkio_cmpxchg_blkg_stats')).toMatchObject({ kind: 'macro', change: 'added' });
  });

  it('completes the name diff cut in "static struct throtl_grp *throtl_alloc_t" from the old-side definition', () => {
    const resolution = patch.nameResolutions.find((r) => r.truncated === 'throtl_alloc_t');
    expect(resolution).toMatchObject({ file: 'block/blk-throttle.c', resolved: 'throtl_alloc_tg', source: 'hunk-definitions' });
  });

  it('reports struct hunks as structs, not functions', () => {
    expect(patch.structs.map((s) => `${s.file}:${s.name}`)).toEqual(['block/blk-throttle.c:throtl_grp', 'block/cfq-iosched.c:cfq_group']);
    expect(patch.functions.map((f) => f.name)).not.toContain('throtl_grp');
  });
});
