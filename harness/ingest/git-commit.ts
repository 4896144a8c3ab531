// A commit of a local kernel git tree as the mail `git format-patch` would send for it, so that
// `port` and `scaffold` take a commit exactly as they take a mail.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { HarnessError } from '../errors.ts';

/** `git format-patch -1 --stdout <commit>` in `repo`; one clear error when either is wrong. */
export async function formatPatchOf(repo: string, commit: string): Promise<string> {
  if (commit.startsWith('-')) throw new HarnessError(`'${commit}' is not a commit`);
  let text: string;
  try {
    text = await simpleGit({ baseDir: repo }).raw(['format-patch', '-1', '--stdout', '--no-signature', commit]);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).trim().split('\n')[0];
    throw new HarnessError(`${repo}: cannot read commit ${commit}: ${why}`);
  }
  if (text.trim() === '') throw new HarnessError(`${repo}: commit ${commit} has no diff (a merge, or an empty commit)`);
  return text;
}

/**
 * Runs `use` on a mail file: `input` itself, or, with `gitRepo`, the format-patch text of commit
 * `input` in a private temporary file that is removed afterwards.
 */
export async function withMailFile<T>(input: string, gitRepo: string | undefined, use: (mailPath: string) => Promise<T>): Promise<T> {
  if (gitRepo === undefined) return use(input);
  const text = await formatPatchOf(gitRepo, input);
  const dir = mkdtempSync(join(tmpdir(), 'lkml-commit-'));
  try {
    const file = join(dir, `${input.replace(/[^\w.-]/g, '_')}.patch`);
    writeFileSync(file, text);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
