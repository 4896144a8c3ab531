import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { intakePublicInbox } from '../../harness/nightly/public-inbox.ts';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

/** A public-inbox v2 epoch: one commit per message, the message as the blob "m". */
async function buildInbox(messages: { file: string; date: string; edit?: (text: string) => string }[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lkml-inbox-'));
  const git = (args: string[], env: Record<string, string> = {}) => execa('git', args, { cwd: dir, env: { GIT_AUTHOR_NAME: 'public-inbox', GIT_AUTHOR_EMAIL: 'inbox@example.invalid', GIT_COMMITTER_NAME: 'public-inbox', GIT_COMMITTER_EMAIL: 'inbox@example.invalid', ...env } });
  await git(['init', '-q']);
  for (const m of messages) {
    const text = readFileSync(fixture(m.file), 'utf8');
    writeFileSync(join(dir, 'm'), m.edit ? m.edit(text) : text);
    await git(['add', 'm']);
    await git(['commit', '-qm', `message ${m.file}`], { GIT_AUTHOR_DATE: m.date, GIT_COMMITTER_DATE: m.date });
  }
  return dir;
}

describe('intake from a public-inbox archive', () => {
  const messages = [
    { file: 'mail/no-diff.eml', date: '2024-03-01T10:00:00Z' },
    { file: 'mail/not-modeled-dm-snap.eml', date: '2024-03-02T10:00:00Z' },
    { file: 'mail/format-patch-throttle.patch', date: '2024-03-05T10:00:00Z' },
    // The same change resent under another subject and Message-ID: no module ports it yet.
    {
      file: 'mail/format-patch-throttle.patch',
      date: '2024-03-06T10:00:00Z',
      edit: (t: string) => t.replace(/^Subject: .*$/m, 'Subject: [PATCH v2] blk-throttle: take another look at group allocation').replace(/^Message-I[dD]: .*$/m, 'Message-Id: <v2-resend@example.com>'),
    },
  ];

  it('queues patches that have a module, ports the others, and says why one does not port', async () => {
    const inbox = await buildInbox(messages);
    // Intake writes the modules it ports: into a copy, never into the fixtures.
    const patches = mkdtempSync(join(tmpdir(), 'lkml-intake-patches-'));
    cpSync(fixture('patches'), patches, { recursive: true });
    const before = readdirSync(patches).sort();
    const r = await intakePublicInbox(inbox, null, patches, fixture('model'));
    expect(r.messages).toBe(4);
    expect(r.withoutPatch).toBe(1);
    expect(r.notModeled).toBe(1);
    expect(r.entries.map((e) => e.status)).toEqual(['queued', 'does-not-port']);
    expect(r.entries[0].module).toBe('2024-03-05-blk-throttle-allocate-group-stats-from-a-worker');
    expect(r.entries[1].modeled).toBeGreaterThan(0);
    // The resent patch is a made-up change: its hunks are not in the model's v3.2 C.
    expect(r.entries[1].problems[0]).toMatch(/^block\/blk-throttle\.c: hunk 1: @@ -35,6 \+35,7 @@/);
    expect(readdirSync(patches).sort()).toEqual(before);
  });

  it('ports a patch against the model\'s C that has no module yet, and queues it', { timeout: 120_000 }, async () => {
    const inbox = await buildInbox([{ file: 'seeds/000_bd8217375a047077.txt', date: '2024-03-07T10:00:00Z' }]);
    const patches = mkdtempSync(join(tmpdir(), 'lkml-intake-patches-'));
    const r = await intakePublicInbox(inbox, null, patches, fixture('model'));
    expect(r.entries.map((e) => [e.status, e.module])).toEqual([['ported', '2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread']]);
    expect(readdirSync(join(patches, '2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread')).sort()).toEqual(['message.txt', 'patch.ts', 'patched.ts']);
  });

  it('reads only messages committed since the given date', async () => {
    const inbox = await buildInbox(messages);
    const r = await intakePublicInbox(inbox, '2024-03-04', fixture('patches'), fixture('model'));
    expect(r.messages).toBe(2);
    expect(r.entries).toHaveLength(2);
  });

  it('says clearly when the folder is not a git archive', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lkml-notgit-'));
    await expect(intakePublicInbox(empty, null, fixture('patches'), fixture('model'))).rejects.toThrow(/not a public-inbox git archive/);
  });
});
