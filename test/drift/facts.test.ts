// Drift's comparison: a hand port that drops an unlock, passes another GFP flag or calls in
// another order is caught; one that only spells the same steps differently agrees.
import { describe, expect, it } from 'vitest';
import { bodyFacts, compareFacts } from '../../harness/drift/facts.ts';

const C = `function* f(q: request_queue): KGen {
  yield* spinlock.spin_lock_irq(q.queue_lock);
  const rq = (yield* slab.kmalloc(sizeof(request_type), GFP_ATOMIC)) as request;
  if (!rq) { yield* spinlock.spin_unlock_irq(q.queue_lock); return; }
  list_add(rq.queuelist, q.queue_head);
  yield* spinlock.spin_unlock_irq(q.queue_lock);
}`;

describe('drift facts', () => {
  it('agree when only the spelling differs', () => {
    const same = C.replace('const rq =', 'let rq: request = NULL;\n  rq =').replace(/\n\s+/g, '\n    ');
    expect(compareFacts(bodyFacts(C), bodyFacts(same))).toBeNull();
  });

  it('catch a dropped unlock, another GFP flag and another order', () => {
    expect(compareFacts(bodyFacts(C), bodyFacts(C.replace('yield* spinlock.spin_unlock_irq(q.queue_lock); return;', 'return;')))).toMatch(/^locks differ/);
    expect(compareFacts(bodyFacts(C), bodyFacts(C.replace('GFP_ATOMIC', 'GFP_KERNEL')))).toMatch(/^allocation flags differ at #1: the C has GFP_ATOMIC, the hand port GFP_KERNEL/);
    const swapped = C.replace('list_add(rq.queuelist, q.queue_head);\n  yield* spinlock.spin_unlock_irq(q.queue_lock);', 'yield* spinlock.spin_unlock_irq(q.queue_lock);\n  list_add(rq.queuelist, q.queue_head);');
    expect(compareFacts(bodyFacts(C), bodyFacts(swapped))).toMatch(/^calls differ/);
  });
});
