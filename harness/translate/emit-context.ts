// What an idiom sees of the function being translated: enough to emit its arguments, know
// their C types, import a runtime name, and say what it cannot translate.

import type { Node } from './c-parser.ts';
import type { CType } from './c-types.ts';

/** JavaScript precedence of an emitted expression (higher binds tighter). */
export const PREC = {
  comma: 1,
  yield: 2,
  assign: 3,
  cond: 4,
  or: 5,
  and: 6,
  bitor: 7,
  bitxor: 8,
  bitand: 9,
  equality: 10,
  relational: 11,
  shift: 12,
  additive: 13,
  multiplicative: 14,
  unary: 16,
  postfix: 17,
  call: 19,
  primary: 20,
} as const;

export interface Emitted {
  code: string;
  type: CType;
  prec: number;
}

/** How a value is used: as a condition (truthiness is enough) or as a value of its C type. */
export type Mode = 'cond' | 'value';

export interface EmitContext {
  /** The C file and base being translated. */
  readonly file: string;
  readonly base: string;
  /** Emits an expression node. */
  expr(n: Node, mode?: Mode): Emitted;
  /** Emits an expression converted to a C type (argument passing, assignment). */
  exprAs(n: Node, to: CType): string;
  /** Emits an expression wrapped in parentheses if its precedence is below `prec`. */
  operand(e: Emitted, prec: number): string;
  /** The C type of an expression node. */
  typeOf(n: Node): CType;
  /** The C text of a node, whitespace collapsed. */
  cText(n: Node): string;
  /** 1-based line of a node in the C file. */
  line(n: Node): number;
  /** Imports `name` from a model module (path relative to kernel-model/) and returns the name. */
  use(name: string, module: string): string;
  /** The TypeScript type for a C type (importing what it names). */
  tsType(t: CType): string;
  /** The descriptor expression of a struct type, for the allocators (`throtl_grp_type`). */
  structDescriptor(t: CType, at: Node): string;
  /** Records that the function yields here (a call to a scheduling point). */
  yields(): void;
  /** Reports a construct the translator cannot express, and returns a placeholder. */
  problem(at: Node, construct: string, what: string): Emitted;
  /** The type of the struct an iterator's member belongs to, from the loop cursor. */
  resolve(t: CType): CType;
  /** Emits a statement (for iterator bodies). */
  statement(n: Node, indent: string): string;
}
