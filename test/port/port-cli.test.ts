// lkml-harness port through the real CLI: seed 000 becomes a complete module from its mail
// alone; a patch no base takes, or one that changes nothing the model runs, is refused with one
// line per problem and nothing written.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadPatch } from '../../harness/patches/load.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { dmSnapshotSplit } from '../../harness/suites/dm-snapshot-split.ts';
import { REPO, tempPatchesDir } from '../helpers/modules.ts';

const CLI = join(REPO, 'bin/lkml-harness.js');
const SEED_000 = join(REPO, 'test/fixtures/seeds/000_bd8217375a047077.txt');

function mail(subject: string, diff: string): string {
  return ['From: A Developer <dev@example.com>', 'To: linux-kernel@vger.kernel.org', `Subject: [PATCH] ${subject}`, 'Date: Mon, 2 Jan 2012 10:00:00 +0000', 'Message-ID: <port-test@example.com>', '', 'Why.', '', 'Signed-off-by: A Developer <dev@example.com>', '---', diff].join('\n');
}

describe('port', () => {
  it('writes a module for seed 000 that loads and overrides functions of the v3.2 world', { timeout: 120_000 }, async () => {
    const patches = tempPatchesDir();
    const r = await execa('node', [CLI, 'port', SEED_000, '--patches', patches]);
    expect(r.exitCode).toBe(0);
    const [slug] = readdirSync(patches).filter((n) => n !== 'package.json');
    expect(r.stdout).toContain(`wrote ${join(patches, slug)} (the v3.2 world)`);
    for (const f of ['patch.ts', 'patched.ts', 'message.txt']) expect(existsSync(join(patches, slug, f)), f).toBe(true);
    expect(readFileSync(join(patches, slug, 'message.txt'), 'utf8')).toBe(readFileSync(SEED_000, 'utf8'));
    const patch = await loadPatch(join(patches, slug));
    expect(patch.world).toBe('v3.2');
    expect(Object.keys(patch.overrides)).toEqual(expect.arrayContaining(['throtl_get_tg', 'cfq_get_cfqg', 'blk_throtl_init']));
    expect(Object.keys(patch.structs ?? {}).sort()).toEqual(['cfq_group', 'throtl_grp']);
    expect(patch.notOverridden).toMatchObject({ throtl_alloc_tg: expect.stringContaining('removed by the patch') });
  });

  it('writes a module that runs for a patch to a function whose translation names a struct type of its file (dm-snap per-bio data)', { timeout: 120_000 }, async () => {
    const patches = tempPatchesDir();
    const file = join(patches, 'dm-snap.eml');
    // stop_tracking_chunk() types its per-bio data with dm_snap_tracked_chunk_type, defined in
    // dm-snap.ts itself: the patch module must import it from there.
    writeFileSync(
      file,
      mail(
        'dm snapshot: unlink a tracked chunk outside the lock',
        [
          '--- a/drivers/md/dm-snap.c',
          '+++ b/drivers/md/dm-snap.c',
          '@@ -243,8 +243,8 @@ static void stop_tracking_chunk(struct dm_snapshot *s, struct bio *bio)',
          ' 	unsigned long flags;',
          ' ',
          ' 	spin_lock_irqsave(&s->tracked_chunk_lock, flags);',
          '-	hlist_del(&c->node);',
          ' 	spin_unlock_irqrestore(&s->tracked_chunk_lock, flags);',
          '+	hlist_del(&c->node);',
          ' }',
          ' ',
          ' static int __chunk_is_tracked(struct dm_snapshot *s, chunk_t chunk)',
          '',
        ].join('\n'),
      ),
    );
    const r = await execa('node', [CLI, 'port', file, '--patches', patches]);
    expect(r.exitCode).toBe(0);
    const [slug] = readdirSync(patches).filter((n) => n !== 'package.json' && n !== 'dm-snap.eml');
    const patch = await loadPatch(join(patches, slug));
    expect(patch.world).toBe('v3.15');
    expect(Object.keys(patch.overrides)).toEqual(['stop_tracking_chunk']);
    // It runs: a snapshot's reads are tracked and untracked through the patched function.
    const [run] = runSeeds(dmSnapshotSplit, { seed: 1, count: 1, patch });
    expect(run.outcome).not.toBe('error');
    // And the mistake it makes is seen: the unlink outside s->tracked_chunk_lock races with the
    // adds made under it (KCSAN's rule for the tracked-chunk buckets).
    const race = 'KCSAN: data-race in stop_tracking_chunk / track_chunk';
    expect(run.findings.map((f) => f.title)).toContain(race);
    const [base] = runSeeds(dmSnapshotSplit, { seed: 1, count: 1, patch: null });
    expect(base.findings.map((f) => f.title)).not.toContain(race);
  });

  it('refuses a patch whose hunks are not in any modeled base, one line per hunk, writing nothing', async () => {
    const patches = tempPatchesDir();
    const bad = join(patches, 'bad.eml');
    writeFileSync(
      bad,
      mail(
        'blk-throttle: change a line that is not there',
        ['--- a/block/blk-throttle.c', '+++ b/block/blk-throttle.c', '@@ -10,3 +10,3 @@', ' #include <linux/module.h>', '-int this_line_is_not_in_the_file;', '+int neither_is_this;', ' #include <linux/slab.h>', '@@ -200,2 +200,2 @@', '-void nor_this(void);', '+void nor_that(void);', ''].join('\n'),
      ),
    );
    const r = await execa('node', [CLI, 'port', bad, '--patches', patches], { reject: false });
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^lkml-harness port: block\/blk-throttle\.c: hunk 1: @@ -10,3 \+10,3 @@: its old lines are not in the C/);
    expect(lines[1]).toMatch(/hunk 2/);
    expect(readdirSync(patches).sort()).toEqual(['bad.eml', 'package.json']);
  });

  it('refuses a patch that touches nothing modeled', async () => {
    const patches = tempPatchesDir();
    const elsewhere = join(patches, 'net.eml');
    writeFileSync(elsewhere, mail('net: fix a typo', ['--- a/net/core/dev.c', '+++ b/net/core/dev.c', '@@ -1,1 +1,1 @@', '-/* teh */', '+/* the */', ''].join('\n')));
    const r = await execa('node', [CLI, 'port', elsewhere, '--patches', patches], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('net/core/dev.c');
    expect(readdirSync(patches).sort()).toEqual(['net.eml', 'package.json']);
  });
});
