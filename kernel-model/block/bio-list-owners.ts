// Whose bio_lists are whose, for the wait-for graph. A bio queued on a bio_list moves on only
// when the list's owner takes it off: the task running generic_make_request() with its
// bio_list_on_stack as current->bio_list, a bio_set's rescuer for its rescue_list, an md thread
// for its pending list. The C does not say this anywhere; annotations.ts says it per function
// (`bioListOwner`), and the translator registers the list with its owner where the function
// initialises it. A bio is then a WaitTarget (bio_wait_target): whoever waits for it (a polling
// loop on its tracked chunk, a completion) waits for the owner of the list it sits on. A bio on
// no known list (at the device, being handled, on a list nobody registered) has no known
// blocker, and the hang detector never calls a wait on it stuck.
//
// The lists are the C's own `struct bio_list` ({head, tail}, chained through bi_next) of either
// base; the registry holds them in registration order, per machine.

import { lazyPerMachine } from '../lib/lazy-per-machine.ts';
import type { WaitTarget, task_struct } from '../sim/task.ts';

/** A bio as the registry walks it: the C's bi_next chain. */
interface listed_bio {
  bi_next: listed_bio | null;
}

interface bio_list_like {
  head: listed_bio | null;
}

/** Who moves a list's bios: a task, or what one waits for (a rescuer's work item); null: unknown. */
export type BioListOwner = task_struct | WaitTarget | null;

interface Registered {
  list: bio_list_like;
  owner: () => BioListOwner;
  what: string;
}

interface Registry {
  /** Each list once, latest registration wins; a site's earlier list of the same owner key is dropped. */
  lists: Map<bio_list_like, Registered>;
  bySite: Map<string, Map<unknown, bio_list_like>>;
}

const registry = lazyPerMachine((): Registry => ({ lists: new Map(), bySite: new Map() }));

/**
 * Registers `list` (just initialised) as moved by `owner` (or by what `owner()` gives when the
 * hang detector asks). `site` and `key` name the registration: a list registered again at the same site for
 * the same key (the same task's next generic_make_request()) replaces the earlier one, which is
 * dead by then (a stack variable of a call that returned).
 */
export function bio_list_owned(list: object, owner: BioListOwner | (() => BioListOwner), what: string, site: string, key: unknown): void {
  const r = registry();
  let perSite = r.bySite.get(site);
  if (perSite === undefined) r.bySite.set(site, (perSite = new Map()));
  const old = perSite.get(key);
  if (old !== undefined && old !== list) r.lists.delete(old);
  perSite.set(key, list as bio_list_like);
  r.lists.delete(list as bio_list_like);
  r.lists.set(list as bio_list_like, { list: list as bio_list_like, owner: typeof owner === 'function' ? owner : () => owner, what });
}

/** Every bio queued on a registered list now, with its list, in registration order. */
function* listed(): Iterable<{ bio: listed_bio; reg: Registered }> {
  for (const reg of registry().lists.values()) {
    for (let x = reg.list.head; x !== null && x !== undefined; x = x.bi_next) yield { bio: x, reg };
  }
}

/** The registered list `b` sits on, if any. */
function listOf(b: object): Registered | null {
  for (const { bio, reg } of listed()) if (bio === b) return reg;
  return null;
}

interface described_bio {
  bi_iter?: { bi_sector: number; bi_size: number };
  bi_sector?: number;
  bi_size?: number;
  bi_rw: number;
}

function bioText(b: described_bio): string {
  const sector = b.bi_iter?.bi_sector ?? b.bi_sector ?? 0;
  const size = b.bi_iter?.bi_size ?? b.bi_size ?? 0;
  return `bio (${b.bi_rw & 1 ? 'write' : 'read'} sector ${sector}+${size >> 9})`;
}

/** Every bio queued on a registered list now, list by list in registration order (observers only). */
export function* queued_bios(): Iterable<object> {
  for (const { bio } of listed()) yield bio;
}

/** A bio as something a task waits for: the owner of the registered list it sits on. */
export function bio_wait_target(b: object): WaitTarget {
  return {
    describe(): string {
      const reg = listOf(b);
      return `${bioText(b as described_bio)}${reg === null ? '' : ` queued on ${reg.what}`}`;
    },
    blockers(): Iterable<task_struct | WaitTarget> {
      const reg = listOf(b);
      const owner = reg === null ? null : reg.owner();
      return owner === null ? [] : [owner];
    },
  };
}

/** Waits for every one of `targets` (all must move): one stuck is enough to be stuck. */
export function all_of(what: string, targets: () => Iterable<task_struct | WaitTarget>): WaitTarget {
  return { describe: () => what, blockers: targets };
}

/** The rescuer thread of a WQ_MEM_RECLAIM workqueue (what guarantees its work runs), or null. */
export function workqueue_rescuer(wq: { rescuer: { task: task_struct } | null } | null): task_struct | null {
  return wq === null || wq === undefined || wq.rescuer === null ? null : wq.rescuer.task;
}
