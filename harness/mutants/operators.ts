// Kernel-style mistakes, made in the C: each operator edits one function of a base's C the way
// a patch author slips (a lock pair dropped, a reference not taken, a free or a list_del
// forgotten, a wake-up lost, GFP_KERNEL where the C must not sleep, an IO status ignored). A
// mutant is the C as that mistake leaves it; the translator makes it runnable like any patch.

import type { CFunction } from '../translate/c-index.ts';

export interface Mutant {
  id: string;
  operator: string;
  function: string;
  file: string;
  /** 1-based line of the edit, in the C file. */
  line: number;
  what: string;
  /** The C file's text with the mistake in it. */
  apply(text: string): string;
}

const LOCK = /^\s*(spin_lock|spin_lock_irq|spin_lock_irqsave|spin_lock_bh|mutex_lock|down_read|down_write)\s*\(\s*([^,;)]+?)\s*[,)]/;
const UNLOCK: Record<string, string> = {
  spin_lock: 'spin_unlock',
  spin_lock_irq: 'spin_unlock_irq',
  spin_lock_irqsave: 'spin_unlock_irqrestore',
  spin_lock_bh: 'spin_unlock_bh',
  mutex_lock: 'mutex_unlock',
  down_read: 'up_read',
  down_write: 'up_write',
};

/** A whole statement on one line that starts with a call to one of `names` (the call is all it does). */
function statementCall(line: string, names: RegExp): boolean {
  const t = line.trim();
  return t.endsWith(';') && names.test(t) && !/^(if|while|for|return)\b/.test(t);
}

const GET = /^(atomic_inc|atomic_long_inc|kref_get|blk_get_queue|bio_get|\w+_ref_get\w*|throtl_ref_get_tg|cfq_ref_get_cfqg|css_get)\s*\(|(->|\.)ref\+\+;$/;
const FREE = /^(kfree|free_percpu|kmem_cache_free|mempool_free|bio_put|\w+_put\w*)\s*\(/;
const LIST_DEL = /^(list_del|list_del_init|list_del_rcu|hlist_del|hlist_del_init|hlist_del_rcu|rb_erase)\s*\(/;
const WAKE = /^(wake_up\w*|complete|complete_all)\s*\(/;
const NARROW_GFP = /\b(GFP_ATOMIC|GFP_NOWAIT|GFP_NOIO|GFP_NOFS)\b/;
/** A completion handed the status it was given: bio_endio(bio, error), blk_end_request(rq, error, n). */
const PASS_STATUS = /\b(bio_endio|req_bio_endio|\w*blk_end_request\w*|\w*blk_end_bidi_request|blk_update_request|blk_update_bidi_request|dec_pending)\s*\(([^;]*?)\b(error|err)\b/;

/**
 * Removes the statements on the given 0-based lines of a text. A statement that is the whole
 * body of an if, else or loop without braces ("if (*pages)\n\t\tkcopyd_put_pages(...);") leaves
 * an empty body behind, so that the next statement does not become the body: an empty statement
 * after if, else, for and while, an empty block after a loop macro ("list_for_each_entry_safe
 * (ex, next, slot, hash_list)\n\t\t\tkmem_cache_free(mem, ex);"), which an empty statement would
 * turn into a call of the macro for a parser that does not expand it. Every other line is left
 * blank. Either way the file keeps its line numbers.
 */
function without(text: string, lines: readonly number[]): string {
  const drop = new Set(lines);
  const all = text.split('\n');
  return all
    .map((l, i) => {
      if (!drop.has(i)) return l;
      const head = bracelessHead(all, i);
      if (head === null) return '';
      const indent = /^\s*/.exec(l)?.[0] ?? '';
      return /^(}\s*)?(if|for|while|else)\b/.test(head) ? `${indent};` : `${indent}{}`;
    })
    .join('\n');
}

/** The head of the control statement whose braceless body line `i` is (the line before it ends the head), or null. */
function bracelessHead(lines: readonly string[], i: number): string | null {
  let j = i - 1;
  while (j >= 0 && (lines[j] as string).trim() === '') j--;
  const head = j < 0 ? '' : (lines[j] as string).trim();
  return /\)$/.test(head) || /(^|\s|})else$/.test(head) ? head : null;
}

/** Every mutant of one function, from the lines of its file (`source`, the unpreprocessed C). */
export function mutantsOf(fn: CFunction, source: string): Mutant[] {
  const lines = source.split('\n');
  const first = fn.line - 1;
  const last = Math.min(fn.endLine, lines.length) - 1;
  const out: Mutant[] = [];
  const add = (operator: string, line: number, what: string, apply: (text: string) => string): void => {
    out.push({ id: `${fn.file}:${fn.name}:${operator}:${line + 1}`, operator, function: fn.name, file: fn.file, line: line + 1, what, apply });
  };
  for (let i = first; i <= last; i++) {
    const line = lines[i] as string;
    const t = line.trim();
    const lock = LOCK.exec(line);
    if (lock !== null) {
      const [, kind, arg] = lock as unknown as [string, string, string];
      const unlock = UNLOCK[kind] as string;
      const pairs = [i];
      for (let j = i + 1; j <= last; j++) if (new RegExp(`^\\s*${unlock}\\s*\\(\\s*${arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[,)]`).test(lines[j] as string)) pairs.push(j);
      add('drop-lock', i, `${kind}(${arg}) and its ${unlock}s removed`, (text) => without(text, pairs));
    }
    if (statementCall(line, GET)) add('drop-get', i, `reference not taken: ${t}`, (text) => without(text, [i]));
    if (statementCall(line, FREE)) add('drop-put', i, `not released: ${t}`, (text) => without(text, [i]));
    if (statementCall(line, LIST_DEL)) add('drop-list-del', i, `not unlinked: ${t}`, (text) => without(text, [i]));
    if (statementCall(line, WAKE)) add('drop-wakeup', i, `wake-up lost: ${t}`, (text) => without(text, [i]));
    const status = PASS_STATUS.exec(line);
    if (status !== null && !/^\s*(static|void|int|bool)\b/.test(line)) {
      add('drop-error', i, `IO status ignored: ${status[1]}() given 0 instead of ${status[3]}`, (text) =>
        text.split('\n').map((l, k) => (k === i ? l.replace(PASS_STATUS, (_m, fn: string, before: string) => `${fn}(${before}0`) : l)).join('\n'),
      );
    }
    const gfp = NARROW_GFP.exec(line);
    if (gfp !== null) add('gfp-kernel', i, `${gfp[1]} widened to GFP_KERNEL`, (text) => text.split('\n').map((l, k) => (k === i ? l.replace(NARROW_GFP, 'GFP_KERNEL') : l)).join('\n'));
  }
  const rcu: number[] = [];
  for (let i = first; i <= last; i++) if (/^\s*rcu_read_(un)?lock\(\);/.test(lines[i] as string)) rcu.push(i);
  if (rcu.length > 0) add('drop-rcu', rcu[0] as number, 'rcu_read_lock()/rcu_read_unlock() removed', (text) => without(text, rcu));
  return out;
}
