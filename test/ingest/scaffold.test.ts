// `lkml-harness scaffold`: a new patch module whose overrides start as honest copies of the
// model's baseline functions, written atomically, never over an existing one.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Project } from 'ts-morph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../harness/ingest/coverage.ts';
import { indexModel } from '../../harness/ingest/model-index.ts';
import { findPatchModuleIn } from '../../harness/ingest/module-lookup.ts';
import { listPatchModules } from '../../harness/ingest/patch-modules.ts';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';
import { patchSlug } from '../../harness/ingest/subject.ts';
import { FIXTURE_MODEL, MAIL, REPO, SEED_000, lines, runCli } from './helpers.ts';

let patchesDir: string;
beforeEach(async () => {
  patchesDir = join(await mkdtemp(join(tmpdir(), 'lkml-scaffold-')), 'patches');
});
afterEach(async () => {
  await rm(join(patchesDir, '..'), { recursive: true, force: true });
});

async function scaffold(mail: string): Promise<Awaited<ReturnType<typeof runCli>>> {
  return runCli(['scaffold', mail, '--patches', patchesDir, '--model', FIXTURE_MODEL]);
}

describe('scaffold', () => {
  it('creates patches/<date>-<subject words>/ with patch.ts and the mail as message.txt', async () => {
    const mail = MAIL('format-patch-throttle.patch');
    const run = await scaffold(mail);
    expect(run.code).toBe(0);
    const set = await readPatchSet(mail);
    const slug = patchSlug(set.identity.subject, set.identity.date);
    expect(slug).toBe('2024-03-05-blk-throttle-allocate-group-stats-from-a-worker');
    expect(readdirSync(patchesDir)).toEqual([slug]);
    expect(readFileSync(join(patchesDir, slug, 'message.txt'))).toEqual(readFileSync(mail));
    expect(statSync(join(patchesDir, slug)).mode & 0o777).toBe(0o755);
    expect(lines(run.stdout)[0]).toBe(`created ${join(patchesDir, slug)}`);
  });

  it('copies the touched model functions as they are, each under a header that says so', async () => {
    await scaffold(MAIL('format-patch-throttle.patch'));
    const [slug = ''] = readdirSync(patchesDir);
    const text = readFileSync(join(patchesDir, slug, 'patch.ts'), 'utf8');
    const model = new Project({ skipAddingFilesFromTsConfig: true }).addSourceFileAtPath(join(FIXTURE_MODEL, 'block', 'blk-throttle.ts'));
    for (const name of ['throtl_alloc_tg', 'throtl_get_tg']) {
      const original = model.getFunctionOrThrow(name).getText().replace(/^export /, '');
      expect(text).toContain(`// ${name}: copied from the model at scaffold time`);
      expect(text).toContain(original);
    }
    expect(text).not.toContain('TODO');
    expect(text).toContain(`import { definePatch } from '${relative(join(patchesDir, slug), join(FIXTURE_MODEL, 'patch-api.ts'))}';`);
  });

  it('writes a module that type-checks and that the static reader, lookup and verification understand', async () => {
    const mail = MAIL('format-patch-throttle.patch');
    await scaffold(mail);
    const [slug = ''] = readdirSync(patchesDir);
    const file = join(patchesDir, slug, 'patch.ts');
    // Checked with the project's own compiler settings, as `npm test` would check it.
    const project = new Project({ tsConfigFilePath: join(REPO, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    project.addSourceFileAtPath(file);
    project.resolveSourceFileDependencies();
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}: ${String(d.getMessageText())}`);
    expect(diagnostics).toEqual([]);

    const [module] = listPatchModules(patchesDir);
    expect(module).toMatchObject({ slug, messageId: '<20240305081244.4711-1-jane.hacker@example.com>', overrides: ['throtl_alloc_tg', 'throtl_get_tg'], notOverridden: {} });
    const index = indexModel(FIXTURE_MODEL);
    const set = await readPatchSet(mail, { model: index.functions });
    const match = await findPatchModuleIn(set, patchesDir);
    expect(match?.matchedBy).toBe('message-id');
    // Honest: the function the model lacks stays flagged until the porter decides about it.
    expect(computeCoverage(set, index, match).flags.map((f) => [f.kind, f.name])).toEqual([['touched-not-handled', 'throtl_stat_alloc_fn']]);
  });

  it('copies private constants a copy uses, and names private state it must not duplicate', async () => {
    expect((await scaffold(SEED_000)).code).toBe(0);
    const [slug = ''] = readdirSync(patchesDir);
    expect(slug).toBe('2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread');
    const text = readFileSync(join(patchesDir, slug, 'patch.ts'), 'utf8');
    expect(text).toContain('// THROTL_ROOT_REFCNT: a private helper of block/blk-throttle.ts, copied because the copies here use it.\nconst THROTL_ROOT_REFCNT = 2;');
    expect(text).toContain('// It uses names private to block/blk-throttle.ts (root_groups_created): export them there or port them here.');
    expect(text).not.toMatch(/root_groups_created = 0/);
    expect(text).toContain('//   tg_stat_alloc_fn (block/blk-throttle.c, added)');
  });

  it('refuses with one line and exit 2 when the module exists, leaving it untouched', async () => {
    await scaffold(MAIL('format-patch-throttle.patch'));
    const [slug = ''] = readdirSync(patchesDir);
    const before = readFileSync(join(patchesDir, slug, 'patch.ts'), 'utf8');
    const again = await scaffold(MAIL('crlf.eml'));
    expect(again.code).toBe(2);
    expect(lines(again.stderr)).toEqual([`lkml-harness scaffold: ${join(patchesDir, slug)} already exists; remove it or edit the module there`]);
    expect(readFileSync(join(patchesDir, slug, 'patch.ts'), 'utf8')).toBe(before);
    expect(readdirSync(patchesDir)).toEqual([slug]);
  });

  it('writes nothing for an input without a patch', async () => {
    const run = await scaffold(MAIL('no-diff.eml'));
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(existsSync(patchesDir)).toBe(false);
  });
});
