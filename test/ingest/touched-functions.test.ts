// Which functions a diff touches: definitions told from calls, changed lines attributed to the
// function they sit in on their own side of the diff, cut hunk-header names completed.
import { describe, expect, it } from 'vitest';
import { readHunkHeader, recognizeConstruct } from '../../harness/ingest/c-definitions.ts';
import { resolveHeaderName } from '../../harness/ingest/header-names.ts';
import { touchedFunctions } from '../../harness/ingest/touched-functions.ts';
import { parseUnifiedDiff } from '../../harness/ingest/unified-diff.ts';

describe('recognizing C constructs', () => {
  it.each([
    ['static struct throtl_grp *throtl_alloc_tg(struct throtl_data *td)', ['{'], { kind: 'function', name: 'throtl_alloc_tg' }],
    ['static inline int stub(struct blkio_group *blkg) { return 0; }', [], { kind: 'function', name: 'stub' }],
    ['void *blkio_alloc_blkg_stats_pcpu(void) {', [], { kind: 'function', name: 'blkio_alloc_blkg_stats_pcpu' }],
    ['throtl_find_tg(struct throtl_data *td, struct blkio_cgroup *blkcg)', ['{'], { kind: 'function', name: 'throtl_find_tg' }],
    ['struct bio *bio_alloc_bioset(gfp_t gfp_mask, int nr_iovecs,', ['\t\t\t     struct bio_set *bs)', '{'], { kind: 'function', name: 'bio_alloc_bioset' }],
    ['static void cfq_put_cfqg(struct cfq_group *cfqg);', [], { kind: 'prototype', name: 'cfq_put_cfqg' }],
    ['extern void blk_flush_bio_list(void);', [], { kind: 'prototype', name: 'blk_flush_bio_list' }],
    ['struct throtl_grp {', [], { kind: 'struct', name: 'throtl_grp' }],
    ['#define blkio_cmpxchg_blkg_stats(blkg, oldval, newval) \\', [], { kind: 'macro', name: 'blkio_cmpxchg_blkg_stats', functionLike: true }],
    ['EXPORT_SYMBOL_GPL(blkio_alloc_blkg_stats);', [], { kind: 'top-level-statement' }],
  ])('%s', (line, following, expected) => {
    expect(recognizeConstruct(line, following, true)).toEqual(expected);
  });

  it.each([
    ['for_each_cfqg_st(cfqg, i, j, st)', ['*st = CFQ_RB_ROOT;']],
    ['call_rcu(&tg->rcu_head, throtl_free_tg);', []],
    ['tg = throtl_alloc_tg(td);', []],
    ['struct throtl_grp *tg = container_of(head, struct throtl_grp, rcu_head);', []],
    ['if (unlikely(!bvl))', ['goto err_free;']],
    ['return alloc_percpu(struct blkio_group_stats_cpu);', []],
  ])('not a definition: %s (even with indentation lost)', (line, following) => {
    expect(recognizeConstruct(line, following, false)?.kind ?? null).not.toBe('function');
  });

  it('does not take an indented line for a definition where indentation is trusted', () => {
    expect(recognizeConstruct('\tstatic int x(int a)', ['{'], true)).toBeNull();
  });

  it.each([
    ['static void throtl_free_tg(struct rcu_he', { kind: 'function', name: 'throtl_free_tg', complete: true }],
    ['static struct throtl_grp *throtl_alloc_t', { kind: 'function', name: 'throtl_alloc_t', complete: false }],
    ['struct cfq_group {', { kind: 'struct', name: 'cfq_group' }],
    ['EXPORT_SYMBOL_GPL(blkiocg_update_io_merg', { kind: 'outside-functions' }],
    ['extern struct blkio_cgroup *task_blkio_c', { kind: 'outside-functions' }],
    ['err_free:', { kind: 'unknown' }],
  ])('hunk header %j', (text, expected) => {
    expect(readHunkHeader(text)).toEqual(expected);
  });
});

function touched(diff: string): ReturnType<typeof touchedFunctions> {
  return touchedFunctions(parseUnifiedDiff(diff).files, []);
}

describe('attributing changed lines', () => {
  it('gives a change after a context definition to that function, not to the header\'s', () => {
    const result = touched(
      [
        '--- a/block/x.c',
        '+++ b/block/x.c',
        '@@ -10,8 +10,8 @@ static int first(int a)',
        ' \treturn a;',
        ' }',
        ' ',
        ' static int second(int b)',
        ' {',
        '-\treturn b;',
        '+\treturn b + 1;',
        ' }',
      ].join('\n'),
    );
    expect(result.functions.map((f) => f.name)).toEqual(['second']);
  });

  it('gives a changed comment right above a definition to that definition', () => {
    const result = touched(
      ['--- a/block/x.c', '+++ b/block/x.c', '@@ -1,4 +1,4 @@ static int first(int a)', ' }', ' ', '-/* old words */', '+/* new words */', ' static int second(int b)'].join('\n'),
    );
    expect(result.functions.map((f) => f.name)).toEqual(['second']);
  });

  it('attributes each side of a rename to its own name', () => {
    const result = touched(
      ['--- a/block/x.c', '+++ b/block/x.c', '@@ -1,4 +1,4 @@', '-static int old_name(int a)', '+static int new_name(int a)', ' {', '-\treturn a;', '+\treturn -a;', ' }'].join('\n'),
    );
    expect(result.functions.map((f) => [f.name, f.change, f.evidence])).toEqual([
      ['old_name', 'removed', ['removed-definition', 'changed-lines']],
      ['new_name', 'added', ['added-definition', 'changed-lines']],
    ]);
  });

  it('does not count blank lines or prototypes as touching a function', () => {
    const result = touched(
      ['--- a/block/x.c', '+++ b/block/x.c', '@@ -1,3 +1,5 @@ static int first(int a)', ' }', '+', '+static void helper(void);', ' ', ' #ifdef CONFIG_X'].join('\n'),
    );
    expect(result.functions).toEqual([]);
  });

  it('reads a struct hunk as a struct change', () => {
    const result = touched(['--- a/block/x.c', '+++ b/block/x.c', '@@ -5,3 +5,4 @@ struct throtl_grp {', ' \tint a;', '+\tint b;', ' };'].join('\n'));
    expect(result.structs.map((s) => s.name)).toEqual(['throtl_grp']);
    expect(result.functions).toEqual([]);
  });
});

describe('completing cut hunk-header names', () => {
  const base = { file: 'block/blk-throttle.c', hunk: 2, hunkOldStart: 300, headerText: 'static struct throtl_grp *throtl_alloc_t', partial: 'throtl_alloc_t' };

  it('prefers the nearest old-side definition that starts with the header text', () => {
    const resolution = resolveHeaderName({
      ...base,
      definitions: [
        { name: 'throtl_alloc_tg_sync', text: 'static struct throtl_grp *throtl_alloc_tg_sync(void)', side: 'new', oldLine: null },
        { name: 'throtl_alloc_tg', text: 'static struct throtl_grp *throtl_alloc_tg(struct throtl_data *td)', side: 'old', oldLine: 267 },
      ],
      model: [{ name: 'throtl_alloc_tg_other', cFile: 'block/blk-throttle.c' }],
    });
    expect(resolution).toMatchObject({ resolved: 'throtl_alloc_tg', source: 'hunk-definitions' });
  });

  it('falls back to the model index, same C file first', () => {
    const resolution = resolveHeaderName({
      ...base,
      definitions: [],
      model: [
        { name: 'throtl_alloc_tg', cFile: 'block/blk-throttle.c' },
        { name: 'throtl_alloc_tgx', cFile: 'block/other.c' },
      ],
    });
    expect(resolution).toMatchObject({ resolved: 'throtl_alloc_tg', source: 'model-index' });
  });

  it('reports an ambiguous prefix instead of guessing', () => {
    const resolution = resolveHeaderName({
      ...base,
      definitions: [],
      model: [
        { name: 'throtl_alloc_tg', cFile: 'block/blk-throttle.c' },
        { name: 'throtl_alloc_tg_async', cFile: 'block/blk-throttle.c' },
      ],
    });
    expect(resolution).toMatchObject({ resolved: null, source: 'ambiguous', candidates: ['throtl_alloc_tg', 'throtl_alloc_tg_async'] });
  });
});
