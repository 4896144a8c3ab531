// Whether a mutant is the base program once calls to empty functions are erased: a stub such as
// `static inline void blk_put_rl(struct request_list *rl) { }` (block/blk-cgroup.h without
// CONFIG_BLK_CGROUP) does nothing where it is called, so a mutant that only removes a call to it
// is the same program once the compiler inlines it, and running it proves nothing about the
// suites. The comparison is the preprocessed C of each function the mutant changes, as
// compareWorlds compares it, with every such call erased on both sides.

import type { WorldChanges } from '../port/changes.ts';
import type { CFunction } from '../translate/c-index.ts';
import type { Node } from '../translate/c-parser.ts';
import type { World } from '../translate/world.ts';

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Statement lists: a statement erased from one leaves nothing behind. */
const LISTS = new Set(['compound_statement', 'case_statement']);

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null);
}

/** A body with no statements: only its braces and comments. */
function isEmptyBody(body: Node): boolean {
  return body.type === 'compound_statement' && named(body).every((c) => c.type === 'comment');
}

/**
 * Names of the functions whose every definition in the world's corpus (all its units) is static
 * and has an empty body. A name with some other definition, or an extern one (it may be `__weak`,
 * replaced at link time by one outside the corpus), is not.
 */
export function emptyFunctions(world: World): Set<string> {
  const empty = new Set<string>();
  const not = new Set<string>();
  for (const u of world.corpus.units.values()) {
    for (const [name, f] of u.functions) (f.static && isEmptyBody(f.body) ? empty : not).add(name);
  }
  for (const n of not) empty.delete(n);
  return empty;
}

/** An argument whose evaluation does nothing: `x`, `1`, `a->b`, `a.b`, `&x`, `*x`, `(x)`, and nestings of those. */
function pure(n: Node): boolean {
  switch (n.type) {
    case 'identifier':
    case 'number_literal':
      return true;
    case 'field_expression':
    case 'pointer_expression':
    case 'parenthesized_expression': {
      const inner = n.type === 'parenthesized_expression' ? named(n) : [n.childForFieldName('argument')].filter((c): c is Node => c !== null);
      return inner.length === 1 && pure(inner[0] as Node);
    }
    default:
      return false;
  }
}

/** The callee of a statement that is nothing but a call `f(args);` to a name of `empty` with pure arguments. */
function emptyCall(stmt: Node, empty: ReadonlySet<string>): string | null {
  if (stmt.type !== 'expression_statement') return null;
  const [call, ...rest] = named(stmt);
  if (call === undefined || rest.length > 0 || call.type !== 'call_expression') return null;
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (callee === null || callee.type !== 'identifier' || !empty.has(callee.text) || args === null) return null;
  return named(args).every(pure) ? callee.text : null;
}

/** An empty statement `;`. */
function isEmptyStatement(n: Node): boolean {
  return n.type === 'expression_statement' && n.namedChildCount === 0 && n.text.trim() === ';';
}

/**
 * A function's text with every statement that only calls a function of `empty` (with pure
 * arguments) erased, and the empty statements `;` of statement lists with them; where such a call
 * is the body of an if, else or loop without braces it becomes `;`, as the mutation operators
 * leave it. Whitespace-normalised as compareWorlds compares function texts.
 */
export function withoutEmptyCalls(fn: CFunction, empty: ReadonlySet<string>): string {
  return erase(fn, empty).text;
}

/** The text as withoutEmptyCalls gives it, and how many calls to each empty function it erased. */
function erase(fn: CFunction, empty: ReadonlySet<string>): { text: string; erased: Map<string, number> } {
  const text = fn.node.text;
  const origin = fn.node.startIndex;
  const edits: { start: number; end: number; by: string }[] = [];
  const erased = new Map<string, number>();
  const visit = (n: Node, inList: boolean): void => {
    const callee = emptyCall(n, empty);
    if (callee !== null || (inList && isEmptyStatement(n))) {
      if (callee !== null) erased.set(callee, (erased.get(callee) ?? 0) + 1);
      // Spaces either side, so that no two tokens join and `else;` reads as `else\n\t;`.
      edits.push({ start: n.startIndex - origin, end: n.endIndex - origin, by: inList ? ' ' : ' ; ' });
      return;
    }
    for (const c of named(n)) visit(c, LISTS.has(n.type));
  };
  visit(fn.body, false);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    // Offsets are the tree's; were they ever not indices into the node's text, erase nothing.
    if (e.start < 0 || e.end > text.length || !/;\s*$/.test(text.slice(e.start, e.end))) return { text: norm(text), erased: new Map() };
    out = out.slice(0, e.start) + e.by + out.slice(e.end);
  }
  return { text: norm(out), erased };
}

/**
 * Why a mutant is the base program once calls to functions empty in both worlds (and translated
 * from their C) are erased, or null when it is not: it adds no function and changes nothing but
 * function bodies, and every definition of each function it changes (in every unit of the
 * corpus) reads as the base's definition in the same file, calls to empty functions erased on
 * both sides.
 */
export function equivalentByEmptyCalls(base: World, mutated: World, changes: WorldChanges): string | null {
  if (changes.changed.length === 0 || changes.added.length > 0) return null;
  const other = [changes.unreached, changes.removed, changes.structs, changes.addedStructs, changes.constants, changes.madeSleeping];
  if (other.some((c) => c.length > 0)) return null;
  // Empty in both worlds, and translated from that C in the base's: a name the model implements
  // itself (an idiom, a function written or kept by hand) is not among the base world's functions,
  // or is kept, and its call may do something in the model that the C does not. (The mutated world
  // may not reach the stub at all: the call removed was its only one.)
  const mutatedEmpty = emptyFunctions(mutated);
  const translated = (n: string): boolean => base.functions.has(n) && base.annotation(n)?.keep === undefined;
  const empty = new Set([...emptyFunctions(base)].filter((n) => mutatedEmpty.has(n) && translated(n)));
  if (empty.size === 0) return null;
  const names = new Set(changes.changed.map((f) => f.name));
  const removed = new Set<string>();
  for (const [file, u] of mutated.corpus.units) {
    for (const [name, f] of u.functions) {
      if (!names.has(name)) continue;
      const b = base.corpus.units.get(file)?.functions.get(name);
      if (b === undefined) return null;
      const before = erase(b, empty);
      const after = erase(f, empty);
      if (before.text !== after.text) return null;
      // The calls the base makes that the mutant does not.
      for (const [n, k] of before.erased) if (k > (after.erased.get(n) ?? 0)) removed.add(n);
    }
  }
  const callees = [...removed].sort();
  if (callees.length === 0) return null;
  const list = callees.map((n) => `${n}()`).join(', ');
  return `only removes a call to ${list}, whose ${callees.length === 1 ? 'body is' : 'bodies are'} empty in the C as configured`;
}
