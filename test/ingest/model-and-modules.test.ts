// The ts-morph index of @port tags, the static read of patch modules, finding a mail's module,
// and coverage/verification. All against fixture trees; the real kernel-model is only checked
// to index without error, since it changes while these tests are written.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../harness/ingest/coverage.ts';
import { FIDELITIES, indexModel, parsePortTag } from '../../harness/ingest/model-index.ts';
import { findPatchModule } from '../../harness/ingest/module-lookup.ts';
import { listPatchModules } from '../../harness/ingest/patch-modules.ts';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';
import { DEFAULT_MODEL_DIR } from '../../harness/ingest/project-paths.ts';
import { FIXTURE_MODEL, FIXTURE_PATCHES, MAIL } from './helpers.ts';

describe('model index', () => {
  const index = indexModel(FIXTURE_MODEL);

  it('lists every tagged function with its C file, version and fidelity', () => {
    const entry = (name: string) => index.functions.find((f) => f.name === name);
    expect(entry('throtl_get_tg')).toMatchObject({
      cFile: 'block/blk-throttle.c',
      version: 'v3.2',
      fidelity: 'ported',
      modelFile: 'block/blk-throttle.ts',
      generator: true,
      exported: true,
    });
    expect(entry('throtl_free_tg')).toMatchObject({ generator: false, fidelity: 'ported' });
    expect(entry('throtl_put_tg')).toMatchObject({ generator: true, fidelity: 'simplified', note: 'frees at once instead of after an RCU grace period' });
    expect(entry('pcpu_alloc')).toMatchObject({ cFile: 'mm/percpu.c', fidelity: 'model' });
  });

  it('skips untagged helpers and reports malformed tags instead of indexing them', () => {
    const names = index.functions.map((f) => f.name);
    expect(names).not.toContain('tg_key_for_current');
    expect(names).not.toContain('free_percpu');
    expect(index.problems).toEqual([expect.objectContaining({ modelFile: 'mm/percpu.ts', detail: expect.stringContaining('"guessed"') })]);
  });

  it('parses the tag grammar', () => {
    expect(parsePortTag('block/blk-core.c v3.15 simplified - no mq')).toEqual({ cFile: 'block/blk-core.c', version: 'v3.15', fidelity: 'simplified', note: 'no mq' });
    expect(parsePortTag('block/blk-core.c v3.15')).toEqual(expect.stringContaining('@port needs'));
  });

  it('indexes the real kernel-model directory, whatever it holds today', () => {
    const real = indexModel(DEFAULT_MODEL_DIR);
    for (const fn of real.functions) {
      expect(FIDELITIES).toContain(fn.fidelity);
      expect(fn.modelFile.endsWith('.ts')).toBe(true);
    }
  });

  it('reports a missing model directory as a problem, with an empty index', () => {
    const missing = indexModel(`${FIXTURE_MODEL}-does-not-exist`);
    expect(missing.functions).toEqual([]);
    expect(missing.problems[0]?.detail).toBe('model directory not found');
  });
});

describe('patch modules, read statically', () => {
  const modules = listPatchModules(FIXTURE_PATCHES);

  it('reads identity, overrides and notOverridden keys without running the module', () => {
    expect(modules.map((m) => m.slug)).toEqual([
      '2024-03-05-blk-throttle-allocate-group-stats-from-a-worker',
      '2024-03-06-blk-throttle-flush-group-stat-work-on-queue',
    ]);
    expect(modules[0]).toMatchObject({
      messageId: '<20240305081244.4711-1-jane.hacker@example.com>',
      overrides: ['throtl_alloc_tg', 'throtl_get_tg'],
      notOverridden: { throtl_stat_alloc_fn: expect.stringContaining('new worker function') },
      touches: { 'block/blk-throttle.c': ['throtl_stat_alloc_fn', 'throtl_alloc_tg', 'throtl_get_tg'] },
      problems: [],
    });
  });

  it('follows `export default patch` to the definePatch call and reads quoted method keys', () => {
    expect(modules[1]).toMatchObject({ messageId: null, overrides: ['throtl_put_tg'], notOverridden: { blk_throtl_exit: expect.any(String) }, problems: [] });
  });
});

describe('finding a mail\'s module and verifying it', () => {
  const index = indexModel(FIXTURE_MODEL);
  const modules = listPatchModules(FIXTURE_PATCHES);

  it('finds the module by Message-ID and verifies its overrides', async () => {
    const set = await readPatchSet(MAIL('format-patch-throttle.patch'), { model: index.functions });
    const match = await findPatchModule(set, modules);
    expect(match?.matchedBy).toBe('message-id');
    const coverage = computeCoverage(set, index, match);
    expect(coverage.functions.map((f) => [f.name, f.modeled, f.overridden])).toEqual([
      ['throtl_stat_alloc_fn', false, false],
      ['throtl_alloc_tg', true, true],
      ['throtl_get_tg', true, true],
    ]);
    expect(coverage.flags).toEqual([]);
    expect(coverage.verified).toBe(true);
  });

  it('finds it by subject and files when the Message-ID differs (a resend, an attachment)', async () => {
    const set = await readPatchSet(MAIL('attachment-x-patch.eml'), { model: index.functions });
    expect(set.identity.messageId).not.toBe(modules[0]?.messageId);
    const match = await findPatchModule(set, modules);
    expect(match).toMatchObject({ matchedBy: 'subject-and-files', module: { slug: modules[0]?.slug } });
  });

  it('does not match on subject alone when the files differ', async () => {
    const set = await readPatchSet(MAIL('format-patch-throttle.patch'));
    const lookalike = { ...modules[0]!, messageId: null, touches: { 'block/blk-core.c': [] } };
    expect(await findPatchModule(set, [lookalike])).toBeNull();
  });

  it('flags what a module gets wrong: touched but unhandled, overridden or explained but untouched', async () => {
    const set = await readPatchSet(MAIL('scissors-in-reply.eml'), { model: index.functions });
    const match = await findPatchModule(set, modules);
    expect(match?.matchedBy).toBe('subject-and-files');
    const coverage = computeCoverage(set, index, match);
    expect(coverage.flags.map((f) => [f.kind, f.name])).toEqual([
      ['touched-not-handled', 'throtl_free_tg'],
      ['overridden-not-touched', 'throtl_put_tg'],
      ['explained-not-touched', 'blk_throtl_exit'],
    ]);
    expect(coverage.verified).toBe(false);
  });

  it('says a patch touching nothing modeled is not modeled', async () => {
    const set = await readPatchSet(MAIL('not-modeled-dm-snap.eml'), { model: index.functions });
    const coverage = computeCoverage(set, index, await findPatchModule(set, modules));
    expect(coverage.functions.map((f) => [f.file, f.name, f.modeled])).toEqual([['drivers/md/dm-snap.c', '__check_for_conflicting_io', false]]);
    expect(coverage.module).toBeNull();
  });

  it('matches by name across C files but flags that the port is of another file', async () => {
    const set = await readPatchSet(MAIL('format-patch-throttle.patch'));
    const moved = { ...index, functions: index.functions.map((f) => (f.name === 'throtl_get_tg' ? { ...f, cFile: 'block/blk-throttle-old.c' } : f)) };
    const coverage = computeCoverage(set, moved, null);
    expect(coverage.functions.find((f) => f.name === 'throtl_get_tg')).toMatchObject({ modeled: true, match: 'other-file' });
    expect(coverage.flags.map((f) => f.kind)).toEqual(['modeled-in-other-file']);
  });
});
