// A mutant that only removes a call to a function whose body is empty in the C as configured is
// the base program (inlined, the call is nothing), and is judged equivalent rather than run; one
// that removes a call to a function that does something is not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyFunctions, equivalentByEmptyCalls, withoutEmptyCalls } from '../../harness/mutants/equivalence.ts';
import { type Mutant, mutantsOf } from '../../harness/mutants/operators.ts';
import { compareWorlds } from '../../harness/port/changes.ts';
import { loadCorpus } from '../../harness/translate/corpus.ts';
import { C_ROOT } from '../../harness/translate/paths.ts';
import { buildWorld } from '../../harness/translate/translate-world.ts';
import { World } from '../../harness/translate/world.ts';
import { ANNOTATIONS } from '../../kernel-model/c/annotations.ts';
import { corpusOf } from '../helpers/translate.ts';

const BASE = 'v3.15';

describe('equivalence by empty calls, on the v3.15 C', () => {
  let base: World;
  beforeAll(async () => {
    base = buildWorld(await loadCorpus(BASE)).world;
  });

  /** The mutants of one function of the base, as runMutants makes them. */
  function mutantsOfFunction(name: string): { mutants: Mutant[]; source: string } {
    const fn = base.functions.get(name);
    if (fn === undefined) throw new Error(`${name} is not in the ${BASE} world`);
    const source = readFileSync(join(C_ROOT, BASE, fn.file), 'utf8');
    return { mutants: mutantsOf(fn, source), source };
  }

  /** What runMutants decides before running a mutant: the mutated world, its changes, the reason. */
  async function judge(m: Mutant, source: string): Promise<{ changed: string[]; reason: string | null }> {
    const mutated = buildWorld(await loadCorpus(BASE, undefined, new Map([[m.file, m.apply(source)]]))).world;
    for (const g of base.generators) if (mutated.functions.has(g)) mutated.generators.add(g);
    const changes = compareWorlds(base, mutated);
    return { changed: changes.changed.map((f) => f.name), reason: equivalentByEmptyCalls(base, mutated, changes) };
  }

  it('finds the stubs the configuration leaves empty, and not the functions that do something', () => {
    const empty = emptyFunctions(base);
    // Without CONFIG_PM_RUNTIME and CONFIG_BLK_CGROUP.
    expect(empty.has('blk_pm_put_request')).toBe(true);
    expect(empty.has('blk_put_rl')).toBe(true);
    for (const busy of ['__blk_put_request', 'elv_completed_request', 'blk_free_request', 'freed_request']) expect(empty.has(busy), busy).toBe(false);
  });

  it('judges equivalent the drop-put mutants of __blk_put_request that remove blk_pm_put_request(req) and blk_put_rl(rl)', async () => {
    const { mutants, source } = mutantsOfFunction('__blk_put_request');
    const stubs = ['blk_pm_put_request', 'blk_put_rl'];
    for (const callee of stubs) {
      const m = mutants.find((x) => x.operator === 'drop-put' && x.what.includes(`${callee}(`));
      if (m === undefined) throw new Error(`no drop-put of ${callee}() among ${mutants.map((x) => x.id).join(', ')}`);
      // The C did change: the previous check (the same C once preprocessed) does not catch it.
      expect(m.apply(source)).not.toBe(source);
      const { changed, reason } = await judge(m, source);
      expect(changed, m.id).toEqual(['__blk_put_request']);
      expect(reason, m.id).toBe(`only removes a call to ${callee}(), whose body is empty in the C as configured`);
    }
  });

  it('does not judge equivalent a drop-put that removes a call to a function that does something', async () => {
    // __blk_put_request's own drop-puts are both stubs; its caller's drop-put removes the call to
    // __blk_put_request (q, req: as side-effect free as the stubs' arguments).
    const { mutants, source } = mutantsOfFunction('blk_put_request');
    const m = mutants.find((x) => x.operator === 'drop-put' && x.what.includes('__blk_put_request('));
    if (m === undefined) throw new Error(`no drop-put of __blk_put_request() among ${mutants.map((x) => x.id).join(', ')}`);
    const { changed, reason } = await judge(m, source);
    expect(changed).toEqual(['blk_put_request']);
    expect(reason).toBeNull();
  });
});

describe('withoutEmptyCalls', () => {
  const C = `
static inline void stub_put(struct req *rq) { }
static void busy(struct req *rq) { rq->n++; }

static void put(struct queue *q, struct req *rq, int i)
{
	if (rq->flags)
		stub_put(rq);
	stub_put(&q->rqs[i]);
	stub_put(q->rq);
	busy(rq);
	kfree(rq);
}
`;

  /** The world over the C that reaches put() and what it calls. */
  async function worldOf(text: string): Promise<World> {
    const world = new World(await corpusOf({ 'block/q.c': text }), ANNOTATIONS);
    world.include(['put']);
    return world;
  }

  it('erases a call to a stub that is the body of an if without braces as the operators leave it: an empty statement', async () => {
    const base = await worldOf(C);
    const fn = base.corpus.function('put');
    if (fn === undefined) throw new Error('no put');
    const m = mutantsOf(fn, C).find((x) => x.operator === 'drop-put' && x.what.includes('stub_put(rq)'));
    if (m === undefined) throw new Error('no drop-put of stub_put(rq)');
    const text = m.apply(C);
    expect(text).toContain('\tif (rq->flags)\n\t\t;\n');
    const mutated = await worldOf(text);
    const after = mutated.corpus.function('put');
    if (after === undefined) throw new Error('no put in the mutated C');
    const empty = emptyFunctions(base);
    expect([...empty]).toEqual(['stub_put']);
    expect(withoutEmptyCalls(after, empty)).toBe(withoutEmptyCalls(fn, empty));
    // Without the erasure the two differ, and the stub's call is what differs.
    expect(withoutEmptyCalls(after, new Set())).not.toBe(withoutEmptyCalls(fn, new Set()));
    expect(withoutEmptyCalls(fn, empty)).not.toContain('stub_put(rq)');
    expect(equivalentByEmptyCalls(base, mutated, compareWorlds(base, mutated))).toBe('only removes a call to stub_put(), whose body is empty in the C as configured');
  });

  it('keeps a call to a stub whose argument may do something, and a call to a function that is not empty', async () => {
    const fn = (await worldOf(C)).corpus.function('put');
    if (fn === undefined) throw new Error('no put');
    const erased = withoutEmptyCalls(fn, new Set(['stub_put']));
    // &q->rqs[i] indexes (kept, conservatively); q->rq is a field read (erased).
    expect(erased).toContain('stub_put(&q->rqs[i]);');
    expect(erased).not.toContain('stub_put(q->rq);');
    expect(erased).toContain('busy(rq);');
    expect(erased).toContain('kfree(rq);');
  });
});
