// The mutation operators make the mistakes they name, in the C of one function and nowhere else.
import { describe, expect, it } from 'vitest';
import { mutantsOf } from '../../harness/mutants/operators.ts';
import { corpusOf, functionText, translate } from '../helpers/translate.ts';

const C = `
static int other(void) { spin_lock_irq(q->queue_lock); spin_unlock_irq(q->queue_lock); return 0; }

static struct grp *get_grp(struct data *td, struct queue *q)
{
	struct grp *g;

	spin_lock_irq(q->queue_lock);
	rcu_read_lock();
	g = kzalloc(sizeof(*g), GFP_ATOMIC);
	atomic_inc(&g->ref);
	list_del_init(&g->node);
	rcu_read_unlock();
	spin_unlock_irq(q->queue_lock);
	wake_up(&td->wait);
	kfree(td->old);
	return g;
}
`;

describe('mutation operators', () => {
  it('make one mistake each in the function, leaving the rest of the file alone', async () => {
    const corpus = await corpusOf({ 'block/m.c': C });
    const fn = corpus.function('get_grp');
    if (fn === undefined) throw new Error('no get_grp');
    const ms = mutantsOf(fn, C);
    expect(ms.map((m) => m.operator).sort()).toEqual(['drop-get', 'drop-list-del', 'drop-lock', 'drop-put', 'drop-rcu', 'drop-wakeup', 'gfp-kernel']);
    const by = (op: string): string => (ms.find((m) => m.operator === op) as (typeof ms)[number]).apply(C);
    const body = (text: string): string => text.slice(text.indexOf('get_grp'));
    expect(body(by('drop-lock'))).not.toMatch(/spin_(un)?lock_irq/);
    expect(by('drop-lock')).toContain('static int other(void) { spin_lock_irq(q->queue_lock);');
    expect(body(by('drop-rcu'))).not.toContain('rcu_read_');
    expect(body(by('drop-get'))).not.toContain('atomic_inc');
    expect(body(by('drop-list-del'))).not.toContain('list_del_init');
    expect(body(by('drop-wakeup'))).not.toContain('wake_up');
    expect(body(by('drop-put'))).not.toContain('kfree');
    expect(body(by('gfp-kernel'))).toContain('kzalloc(sizeof(*g), GFP_KERNEL)');
    for (const m of ms) expect(m.apply(C).split('\n').length).toBe(C.split('\n').length);
  });

  it('leave an empty statement where the removed one was the body of an if without braces', async () => {
    // kcopyd_get_pages()'s error path: deleting the put's line made the return its body.
    const src = `
static int get_pages(struct client *kc, struct page **pages)
{
	if (*pages)
		kcopyd_put_pages(kc, *pages);
	return -ENOMEM;
}
`;
    const fn = (await corpusOf({ 'block/p.c': src })).function('get_pages');
    if (fn === undefined) throw new Error('no get_pages');
    const m = mutantsOf(fn, src).find((x) => x.operator === 'drop-put');
    const mutated = m?.apply(src) ?? '';
    expect(mutated).toContain('\tif (*pages)\n\t\t;\n\treturn -ENOMEM;');
    // The mutated C still parses as the same function.
    const after = (await corpusOf({ 'block/p.c': mutated })).function('get_pages');
    expect(after?.name).toBe('get_pages');
  });

  it('leave an empty block where the removed one was the body of a loop macro without braces', async () => {
    // dm_exception_table_exit(): an empty statement after the macro's head would parse as a call of
    // the macro, which the translator cannot take; an empty block is the loop with nothing in it.
    const src = `
struct item { struct list_head list; };
static void table_exit(struct list_head *slot)
{
	struct item *ex, *next;

	list_for_each_entry_safe (ex, next, slot, list)
		kfree(ex);
}
`;
    const fn = (await corpusOf({ 'block/p.c': src })).function('table_exit');
    if (fn === undefined) throw new Error('no table_exit');
    const m = mutantsOf(fn, src).find((x) => x.operator === 'drop-put');
    const mutated = m?.apply(src) ?? '';
    expect(mutated).toContain('\tlist_for_each_entry_safe (ex, next, slot, list)\n\t\t{}\n}');
    const { module } = await translate({ 'block/p.c': mutated }, 'block/p.c', ['table_exit']);
    expect(module.problems).toEqual([]);
    expect(functionText(module, 'table_exit')).toContain('list_walk_next');
  });

  it('ignore an IO status: the completion is handed 0, not the error it was given', async () => {
    const src = `
static void end_clone(struct bio *clone, int error)
{
	struct bio *orig = clone->bi_private;

	bio_put(clone);
	bio_endio(orig, error);
}
`;
    const fn = (await corpusOf({ 'block/e.c': src })).function('end_clone');
    if (fn === undefined) throw new Error('no end_clone');
    const m = mutantsOf(fn, src).find((x) => x.operator === 'drop-error');
    expect(m?.apply(src)).toContain('bio_endio(orig, 0);');
    expect(m?.apply(src)).toContain('static void end_clone(struct bio *clone, int error)');
  });
});
