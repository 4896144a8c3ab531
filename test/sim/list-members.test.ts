// The list helpers take a member path as the C writes it: struct request's flush.list is a
// list_head inside an embedded struct, and blk-flush.c walks and takes entries through it
// (the translated flush machinery crashed on its first flush while they read "flush.list" as
// one property name).
import { describe, expect, it } from 'vitest';
import { INIT_LIST_HEAD, list_add_tail, list_entry_is_head, list_first_entry, list_head_zeroed, list_walk_first, list_walk_next, type list_head } from '../../kernel-model/include/linux/list.ts';
import { embed_members } from '../../kernel-model/lib/c-pointers.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { runSeed } from '../helpers/sim.ts';

interface flush_part {
  seq: number;
  list: list_head;
}
interface req {
  tag: number;
  flush: flush_part;
}

function makeReq(tag: number): req {
  const flush = embed_members<flush_part>({ seq: 0, list: list_head_zeroed() }, ['list']);
  return embed_members<req>({ tag, flush }, ['flush']);
}

describe('list helpers with a nested member', () => {
  it('walk the entries of a list linked through flush.list, and end on the head', () => {
    const head = list_head_zeroed();
    INIT_LIST_HEAD(head);
    const rqs = [makeReq(1), makeReq(2), makeReq(3)];
    for (const r of rqs) {
      INIT_LIST_HEAD(r.flush.list);
      list_add_tail(r.flush.list, head);
    }
    const seen: number[] = [];
    // A walk counts its steps against the soft-lockup guard: it runs in a task of a machine.
    const r = runSeed({ cpus: 1, tasks: { walker: function* (): KGen {
      for (let rq = list_walk_first<req>(head, 'flush.list'); !list_entry_is_head(rq, head, 'flush.list'); rq = list_walk_next(rq, head, 'flush.list')) seen.push(rq.tag);
      yield;
    } } }, 1);
    expect(r.outcome).toBe('completed');
    expect(seen).toEqual([1, 2, 3]);
    expect(list_first_entry<req>(head, 'flush.list').tag).toBe(1);
  });

  it("list_first_entry of an empty list is the head's stand-in, as the C's bogus pointer is", () => {
    const head = list_head_zeroed();
    INIT_LIST_HEAD(head);
    const first = list_first_entry<req>(head, 'flush.list');
    expect(list_entry_is_head(first, head, 'flush.list')).toBe(true);
  });
});
