// port --git: a commit of a local kernel tree is taken as the mail `git format-patch` would
// send for it. A commit on the modeled C becomes a module; one on unmodeled code, or a commit
// that is not there, gets one line and exit 2 with nothing written.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadPatch } from '../../harness/patches/load.ts';
import { REPO, tempPatchesDir } from '../helpers/modules.ts';

const CLI = join(REPO, 'bin/lkml-harness.js');
const BIO_C = join(REPO, 'kernel-model/c/v3.15/fs/bio.c');

/** A git tree holding `path` with `before`, then one commit changing it to `after`. */
async function treeWithCommit(path: string, before: string, after: string, subject: string): Promise<string> {
  const repo = mkdtempSync(join(tmpdir(), 'lkml-kernel-tree-'));
  const git = (...args: string[]) => execa('git', ['-c', 'user.name=A Developer', '-c', 'user.email=dev@example.com', ...args], { cwd: repo, env: { GIT_AUTHOR_DATE: '2014-06-02T10:00:00Z', GIT_COMMITTER_DATE: '2014-06-02T10:00:00Z' } });
  await git('init', '-q');
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), before);
  await git('add', '.');
  await git('commit', '-q', '-m', 'base');
  writeFileSync(join(repo, path), after);
  await git('commit', '-q', '-a', '-m', `${subject}\n\nWhy.\n\nSigned-off-by: A Developer <dev@example.com>`);
  return repo;
}

describe('port --git', () => {
  it('ports a commit on the modeled C into a module whose message.txt is its format-patch mail', { timeout: 120_000 }, async () => {
    const bio = readFileSync(BIO_C, 'utf8');
    // A v3.15-only function (the rescuer came in v3.7), so the commit fits one base alone.
    const unlocked = bio.replace('\tspin_lock(&bs->rescue_lock);\n\tbio_list_merge(&bs->rescue_list, &punt);\n\tspin_unlock(&bs->rescue_lock);\n', '\tbio_list_merge(&bs->rescue_list, &punt);\n');
    expect(unlocked).not.toBe(bio);
    const repo = await treeWithCommit('fs/bio.c', bio, unlocked, 'bio: punt to the rescuer without its lock');
    const patches = tempPatchesDir();
    const r = await execa('node', [CLI, 'port', 'HEAD', '--git', repo, '--patches', patches], { reject: false });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [slug] = readdirSync(patches).filter((n) => n !== 'package.json');
    expect(slug).toMatch(/bio-punt-to-the-rescuer-without-its-lock/);
    const message = readFileSync(join(patches, slug as string, 'message.txt'), 'utf8');
    expect(message).toMatch(/^From [0-9a-f]{40} /);
    expect(message).toContain('Subject: [PATCH] bio: punt to the rescuer without its lock');
    const patch = await loadPatch(join(patches, slug as string));
    expect(patch.world).toBe('v3.15');
    expect(Object.keys(patch.overrides)).toEqual(['punt_bios_to_rescuer']);
  });

  it('refuses a commit on code nothing models, naming the commit and the file', async () => {
    const repo = await treeWithCommit('net/core/dev.c', '/* teh */\n', '/* the */\n', 'net: fix a typo');
    const patches = tempPatchesDir();
    const r = await execa('node', [CLI, 'port', 'HEAD', '--git', repo, '--patches', patches], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lkml-harness port: commit HEAD: the patch touches nothing modeled: .*net\/core\/dev\.c/)]);
    expect(readdirSync(patches)).toEqual(['package.json']);
  });

  it('says in one line when the commit is not in the tree', async () => {
    const repo = await treeWithCommit('net/core/dev.c', 'a\n', 'b\n', 'net: x');
    const patches = tempPatchesDir();
    const r = await execa('node', [CLI, 'port', 'no-such-commit', '--git', repo, '--patches', patches], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lkml-harness port: .*: cannot read commit no-such-commit: /)]);
    expect(readdirSync(patches)).toEqual(['package.json']);
  });
});
