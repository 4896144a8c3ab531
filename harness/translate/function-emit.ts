// Translates one C function into the model's TypeScript: kernel names kept, the C's comments
// kept, a generator only where the call graph reaches a scheduling point, every data-structure
// operation through a kernel-named helper, out-parameters through Ref cells, forward gotos
// through labelled blocks and backward ones through labelled loops. What it cannot express it
// reports as "file:line: construct: what to add", and the function is not emitted.

import { type CFunction, staticLocalName } from './c-index.ts';
import { wideConstant } from './corpus.ts';
import { type Node, parseC } from './c-parser.ts';
import { BOOL, type CType, INT, LONG, STRING, ULONG, UNKNOWN, VOID, declare, declBase, ptrTo, structType, typeDescriptor, typeText } from './c-types.ts';
import { type EmitContext, type Emitted, type Mode, PREC } from './emit-context.ts';
import { CONSTANT_IDIOMS, DECLARATION_INITIALIZERS, FALLBACK_VALUES, IDIOMS, ITERATOR_IDIOMS, VALUE_IDIOMS } from './idioms.ts';
import type { ImportSet } from './imports.ts';
import { runtimeStruct } from './runtime-types.ts';
import { reindentComment } from './comments.ts';
import { alignOfType, offsetOfMember, sizeOfType } from './struct-emit.ts';
import { type TsTypes } from './ts-types.ts';
import { type World, walk } from './world.ts';
import type { FunctionAnnotation, PollingLoop } from '../../kernel-model/c/annotations.ts';
import { runtimeIndex } from './runtime-index.ts';

export interface TranslationProblem {
  file: string;
  line: number;
  construct: string;
  what: string;
}

export interface TranslatedFunction {
  name: string;
  text: string;
  generator: boolean;
  problems: TranslationProblem[];
  /** It pushes its own frame (a generator that is not inline): its table must not wrap it. */
  selfFramed?: boolean;
  /** Branch probes in `text`, numbered from 0 (`__br[k]`): the module numbers them on (sim/branches.ts). */
  probes?: number;
}

/** The module's probe array (sim/branches.ts), as the translated functions name it. */
export const PROBE_TABLE = '__br';

interface Local {
  ts: string;
  type: CType;
  boxed: boolean;
}

const TS_RESERVED = new Set([
  'new', 'function', 'class', 'default', 'delete', 'in', 'instanceof', 'typeof', 'var', 'with', 'yield', 'let', 'static',
  'enum', 'await', 'package', 'interface', 'private', 'protected', 'public', 'implements', 'arguments', 'eval', 'this',
  'super', 'import', 'export', 'extends', 'debugger', 'finally', 'try', 'catch', 'throw', 'of', 'NaN', 'Infinity', 'undefined',
  'Number', 'Math', 'Object', 'Array', 'String', 'Boolean', 'Symbol', 'Map', 'Set', 'Error', 'JSON', 'Proxy', 'Reflect',
]);

const ASSIGN_OPS: Record<string, string> = { '=': '=', '+=': '+=', '-=': '-=', '*=': '*=', '/=': '/=', '%=': '%=', '<<=': '<<=', '>>=': '>>=', '&=': '&=', '|=': '|=', '^=': '^=' };

const BINARY_PREC: Record<string, number> = {
  '||': PREC.or, '&&': PREC.and, '|': PREC.bitor, '^': PREC.bitxor, '&': PREC.bitand,
  '==': PREC.equality, '!=': PREC.equality, '<': PREC.relational, '>': PREC.relational, '<=': PREC.relational, '>=': PREC.relational,
  '<<': PREC.shift, '>>': PREC.shift, '+': PREC.additive, '-': PREC.additive, '*': PREC.multiplicative, '/': PREC.multiplicative, '%': PREC.multiplicative,
};

/** Constant macros' C types, per corpus (one per base), computed once each. */
const MACRO_TYPES = new WeakMap<object, Map<string, CType | null>>();

function isInt(t: CType): t is Extract<CType, { k: 'int' }> {
  return t.k === 'int' || t.k === 'enum' || t.k === 'char';
}

/** Usual arithmetic conversions, enough for choosing division and shift forms. */
function arith(a: CType, b: CType): CType {
  const bits = (t: CType): number => (t.k === 'int' ? t.bits : t.k === 'bool' || t.k === 'char' ? 8 : 32);
  const uns = (t: CType): boolean => t.k === 'int' && t.unsigned;
  const n = Math.max(bits(a), bits(b), 32);
  const unsigned = (bits(a) === n && uns(a)) || (bits(b) === n && uns(b));
  return { k: 'int', bits: n, unsigned, name: n === 64 ? (unsigned ? 'u64' : 's64') : unsigned ? 'unsigned int' : 'int' };
}

function indentBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? indent + l : l))
    .join('\n');
}

/** A C comment re-indented for TypeScript at `indent`. */
export class FunctionTranslator implements EmitContext {
  readonly problems: TranslationProblem[] = [];
  private readonly scopes: Map<string, Local>[] = [];
  private readonly boxed = new Set<string>();
  private readonly assigned = new Set<string>();
  private readonly annotation: FunctionAnnotation | undefined;
  private yielded = false;
  /** Branch probes emitted so far: the next one's number. */
  private probes = 0;
  /** Labels the code being emitted can jump to, with how (nested emission may re-enter a label). */
  private gotoTargets = new Map<string, 'break' | 'continue'>();
  private gotoDepth = new Map<string, number>();
  /**
   * Where a bare `break` and a bare `continue` go, when not to the innermost TypeScript loop: inside
   * a backward goto's wrapper loop (`repeat: for (;;)`) they still mean the C's enclosing loop,
   * which is then emitted with a label (jumpLabels) for them to name. Null: the innermost loop.
   */
  private bareJumps: { break: string | null; continue: string | null } = { break: null, continue: null };
  /** The TypeScript labels of C loops whose bodies hold such a wrapper, by loop node. */
  private readonly jumpLabels = new Map<number, string>();
  private readonly usedNames = new Set<string>();

  constructor(
    private readonly world: World,
    private readonly fn: CFunction,
    private readonly imports: ImportSet,
    private readonly types: TsTypes,
    private readonly generator: boolean,
    private readonly calleeRef: (name: string) => { code: string; gen: boolean; ret: CType; params: CType[] } | null,
    reserved: ReadonlySet<string>,
  ) {
    this.annotation = world.annotation(fn.name);
    for (const r of reserved) this.usedNames.add(r);
    // A local must not shadow what an annotation's code imports (bio_find_or_create_slab's
    // `slab` and the slab table its krealloc rewrite calls).
    for (const x of [...(this.annotation?.rewrite ?? []), ...(this.annotation?.insert ?? []), ...(this.annotation?.polling ?? []), ...Object.values(this.annotation?.bioListOwner ?? {})]) for (const name of Object.keys(x.imports ?? {})) this.usedNames.add(name);
  }

  get file(): string {
    return this.fn.file;
  }

  get base(): string {
    return this.world.base;
  }

  // --- EmitContext --------------------------------------------------------------------------

  line(n: Node): number {
    return n.startPosition.row + 1;
  }

  cText(n: Node): string {
    return n.text.replace(/\s+/g, ' ').trim();
  }

  use(name: string, module: string): string {
    return this.imports.value(name, module);
  }

  tsType(t: CType): string {
    return this.types.ts(t, this.imports);
  }

  resolve(t: CType): CType {
    return this.world.corpus.resolve(t);
  }

  yields(): void {
    this.yielded = true;
  }

  problem(at: Node, construct: string, what: string): Emitted {
    this.problems.push({ file: this.fn.file, line: this.line(at), construct, what });
    return { code: `/* ${construct} */ undefined`, type: UNKNOWN, prec: PREC.primary };
  }

  structDescriptor(t: CType, at: Node): string {
    const r = this.resolve(t);
    if (r.k !== 'struct') return this.problem(at, 'sizeof', `no struct type for ${typeText(t)}`).code;
    const home = this.world.structHome(r.tag);
    if (home === null || home.descriptor === null) {
      const rs = runtimeStruct(r.tag);
      if (rs) return `${this.use('struct_type', 'lib/kstruct.ts')}(${JSON.stringify(r.tag)}, ${rs.size}, () => ${rs.zeroImport ? rs.zero.replace(rs.zeroImport, this.use(rs.zeroImport, rs.module)) : rs.zero})`;
      return this.problem(at, `struct ${r.tag}`, 'not defined in the base C and not a runtime struct: add it to harness/translate/runtime-types.ts').code;
    }
    return this.use(home.descriptor, home.module);
  }

  operand(e: Emitted, prec: number): string {
    return e.prec < prec ? `(${e.code})` : e.code;
  }

  // --- the function ------------------------------------------------------------------------

  translate(): TranslatedFunction {
    try {
      return this.translateOnce();
    } catch (e) {
      // A construct the translator does not expect: reported against the function, never a crash.
      const what = e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e);
      this.problems.push({ file: this.fn.file, line: this.fn.line, construct: this.fn.name, what: `the translator failed: ${what}` });
      return { name: this.fn.name, text: `function ${this.fn.name}(): never {\n  throw new Error('not translated');\n}`, generator: false, problems: this.problems };
    }
  }

  private translateOnce(): TranslatedFunction {
    const fn = this.fn;
    this.prepass();
    const params = fn.params.map((p, i) => this.declareLocal(p.name ?? `arg${i}`, p.type, true));
    const body = this.block(fn.body, '  ', true);
    const paramList = fn.params.map((p, i) => `${params[i].ts}: ${this.paramTs(p.type)}`).join(', ');
    const boxedParams = fn.params
      .map((p, i) => (params[i].boxed ? `  const ${params[i].ts} = ${this.use('ref', 'lib/c-pointers.ts')}(${params[i].ts}_);\n` : ''))
      .join('');
    const ret = this.tsType(fn.ret);
    const isGen = this.generator;
    const sig = isGen
      ? `function* ${fn.name}(${paramList.replace(/(\w+): /g, (m, n: string) => (params.some((p) => p.ts === n && p.boxed) ? `${n}_: ` : m))}): ${this.imports.type('KGen', 'sim/task.ts')}${ret === 'void' ? '' : `<${ret}>`}`
      : `function ${fn.name}(${paramList.replace(/(\w+): /g, (m, n: string) => (params.some((p) => p.ts === n && p.boxed) ? `${n}_: ` : m))}): ${ret}`;
    if (this.yielded && !isGen) this.problems.push({ file: fn.file, line: fn.line, construct: fn.name, what: 'yields but the call graph did not make it a generator' });
    // A generator that is not inline pushes its own frame (hooks.ts frame_enter): the table
    // calls it directly, one generator per call.
    const framed = isGen && fn.inline !== true;
    const inner = markWrittenOnly(body);
    const text = framed
      ? `${sig} {\n${boxedParams}  const __stack = ${this.use('frame_enter', 'sim/hooks.ts')}(${JSON.stringify(fn.name)});\n  try {\n${inner.replace(/^(?=.)/gm, '  ')}  } finally {\n    __stack.pop();\n  }\n}`
      : `${sig} {\n${boxedParams}${inner}}`;
    return { name: fn.name, text, generator: isGen, problems: this.problems, selfFramed: framed, probes: this.probes };
  }

  private paramTs(t: CType): string {
    return this.tsType(t);
  }

  /** Finds locals whose address is taken (they live in a Ref) and locals that are assigned. */
  private prepass(): void {
    walk(this.fn.body, (n) => {
      if (n.type === 'pointer_expression' && n.child(0)?.text === '&') {
        const a = n.childForFieldName('argument');
        if (a?.type === 'identifier') this.boxed.add(a.text);
      } else if (n.type === 'assignment_expression') {
        const l = n.childForFieldName('left');
        if (l?.type === 'identifier') this.assigned.add(l.text);
      } else if (n.type === 'update_expression') {
        const a = n.childForFieldName('argument');
        if (a?.type === 'identifier') this.assigned.add(a.text);
      } else if (n.type === 'call_expression') {
        // Macros that assign an argument: spin_lock_irqsave(l, flags), do_div(n, b), local_irq_save(f).
        const callee = n.childForFieldName('function')?.text ?? '';
        const args = n.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
        const target = callee === 'spin_lock_irqsave' || callee === 'write_seqlock_irqsave' ? args[1] : callee === 'do_div' || callee === 'sector_div' || callee === 'local_irq_save' ? args[0] : callee.startsWith('__iterate_') ? null : undefined;
        if (target && target.type === 'identifier') this.assigned.add(target.text);
        if (target === null) for (const a of args) if (a.type === 'identifier') this.assigned.add(a.text);
        if (callee === 'rcu_assign_pointer' && args[0]?.type === 'identifier') this.assigned.add(args[0].text);
      }
    });
  }

  private declareLocal(name: string, type: CType, param = false): Local {
    const r = this.resolve(type);
    const scalar = r.k !== 'struct' && r.k !== 'array';
    let ts = TS_RESERVED.has(name) ? `${name}_` : name;
    while (this.shadowsImport(ts)) ts = `${ts}_`;
    const local: Local = { ts, type, boxed: scalar && this.boxed.has(name) };
    if (this.scopes.length === 0) this.scopes.push(new Map());
    this.scopes[this.scopes.length - 1].set(name, local);
    void param;
    return local;
  }

  private temps = 0;

  /** A name for a value the translation holds on to (a switch's subject). */
  private temp(what: string): string {
    return `__${what}${this.temps++ || ''}`;
  }

  private shadowsImport(name: string): boolean {
    return this.usedNames.has(name);
  }

  private lookup(name: string): Local | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const l = this.scopes[i].get(name);
      if (l) return l;
    }
    return undefined;
  }

  // --- statements ---------------------------------------------------------------------------

  statement(n: Node, indent: string): string {
    return this.stmt(n, indent);
  }

  private block(n: Node, indent: string, functionBody = false): string {
    this.scopes.push(new Map());
    const children = n.namedChildren.filter((c): c is Node => c !== null);
    const out = this.statements(children, indent, functionBody);
    this.scopes.pop();
    return out;
  }

  /** Emits a list of statements, wrapping goto targets in labelled blocks and loops. */
  private statements(children: Node[], indent: string, _functionBody = false): string {
    const wraps = this.gotoWraps(children);
    let out = '';
    const emitRange = (from: number, to: number, ind: string): void => {
      let i = from;
      while (i < to) {
        const w = wraps.find((x) => x.start === i && x.end <= to && !x.open);
        if (w !== undefined) {
          w.open = true;
          if (w.kind === 'forward') {
            out += `${ind}${w.label}: {\n`;
            this.enterLabel(w.label, 'break');
            emitRange(w.start, w.end, ind + '  ');
            this.leaveLabel(w.label);
            out += `${ind}}\n`;
          } else {
            out += `${ind}${w.label}: for (;;) {\n`;
            this.enterLabel(w.label, 'continue');
            const saved = this.bareJumps;
            if (w.outer !== null) this.bareJumps = { break: w.outer, continue: w.outer };
            emitRange(w.start, w.end, ind + '  ');
            this.bareJumps = saved;
            this.leaveLabel(w.label);
            out += `${ind}  break;\n${ind}}\n`;
          }
          i = w.end;
          continue;
        }
        const c = children[i];
        const text = this.stmtWithTrailingComment(children, i, ind);
        if (text !== null) out += text;
        i++;
        void c;
      }
    };
    emitRange(0, children.length, indent);
    return out;
  }

  private stmtWithTrailingComment(children: Node[], i: number, indent: string): string | null {
    const c = children[i];
    if (c.type === 'comment') {
      const prev = children[i - 1];
      // A comment on the line of the statement before it was emitted with that statement.
      if (prev !== undefined && prev.type !== 'comment' && prev.endPosition.row === c.startPosition.row) return null;
      return `${reindentComment(c.text, indent)}\n`;
    }
    let s = this.stmt(c, indent);
    const next = children[i + 1];
    if (s !== '' && next !== undefined && next.type === 'comment' && next.startPosition.row === c.endPosition.row && !next.text.includes('\n')) {
      s = s.replace(/\n$/, ` ${next.text.trim()}\n`);
    }
    return s;
  }

  /**
   * A goto into a block (`goto out_unlock` to a label inside an else branch): the code from the
   * label to the end of the function is emitted at the goto, as the continuation it jumps to.
   * Only where that code leaves through a return or the function's end, never through a loop.
   */
  private gotoIntoBlock(n: Node, label: string, indent: string): string {
    const cont = continuation(this.fn.body, label);
    if (cont === null) {
      this.problem(n, `goto ${label}`, 'a jump into a loop or switch: keep the function by hand');
      return '';
    }
    this.scopes.push(new Map());
    // The locals declared in the blocks around the label are in scope there (uninitialised,
    // as a jump past their declaration leaves them).
    for (const d of cont.declarations) this.declareOnly.add(d.id);
    const body = cont.declarations.map((d) => this.stmt(d, indent + '  ')).join('') + this.statements(cont.statements, indent + '  ');
    for (const d of cont.declarations) this.declareOnly.delete(d.id);
    this.scopes.pop();
    const fallsOffEnd = cont.reachesEnd && this.resolve(this.fn.ret).k === 'void';
    return `${indent}{\n${indent}  // goto ${label}: the code from ${label} on\n${body}${fallsOffEnd ? `${indent}  return;\n` : ''}${indent}}\n`;
  }

  /** Declarations emitted without their initializers (a goto into their block jumps past them). */
  private readonly declareOnly = new Set<number>();

  private enterLabel(label: string, how: 'break' | 'continue'): void {
    this.gotoTargets.set(label, how);
    this.gotoDepth.set(label, (this.gotoDepth.get(label) ?? 0) + 1);
  }

  private leaveLabel(label: string): void {
    const d = (this.gotoDepth.get(label) ?? 1) - 1;
    this.gotoDepth.set(label, d);
    if (d === 0) this.gotoTargets.delete(label);
  }

  private gotoWraps(children: Node[]): GotoWrap[] {
    const wraps: GotoWrap[] = [];
    // The C loop these statements are the body of, if any: a backward goto's wrapper may hold its
    // bare breaks and continues, which then name it.
    const body = children[0]?.parent ?? null;
    const loop = body?.type === 'compound_statement' && body.parent !== null && LOOPS.includes(body.parent.type) ? body.parent : null;
    children.forEach((c, j) => {
      if (c.type !== 'labeled_statement') return;
      const label = c.childForFieldName('label')?.text ?? '';
      let first = -1;
      let last = -1;
      children.forEach((d, k) => {
        if (gotoClosure(d, this.fn.body).has(label)) {
          if (k < j && first < 0) first = k;
          if (k >= j) last = k;
        }
      });
      if (first >= 0 && last >= 0) {
        this.problem(c, `label ${label}`, 'both forward and backward gotos: restructure by hand (keep the function) or add an idiom');
        return;
      }
      if (first >= 0) wraps.push({ label, start: first, end: j, kind: 'forward', open: false, outer: null });
      else if (last >= 0) {
        let outer: string | null = null;
        if (containsBareJump(children.slice(j, last + 1))) {
          outer = loop === null ? null : (this.jumpLabels.get(loop.id) ?? null);
          if (outer === null) {
            this.problem(c, `label ${label}`, 'a backward goto around a bare break/continue outside a loop body: keep the function by hand');
            return;
          }
        }
        wraps.push({ label, start: j, end: last + 1, kind: 'backward', open: false, outer });
      }
    });
    // Overlapping forward blocks are made to nest: a later label's block starts no later than an earlier one's.
    wraps.sort((a, b) => a.end - b.end);
    for (let i = 0; i < wraps.length; i++) {
      for (let k = i + 1; k < wraps.length; k++) {
        if (wraps[k].start > wraps[i].start && wraps[k].start < wraps[i].end) wraps[k].start = wraps[i].start;
      }
    }
    // Outer (longer) blocks first when they start together.
    wraps.sort((a, b) => a.start - b.start || b.end - a.end);
    return wraps;
  }

  private stmt(n: Node, indent: string): string {
    switch (n.type) {
      case 'comment':
        return `${reindentComment(n.text, indent)}\n`;
      case 'compound_statement':
        return `${indent}{\n${this.block(n, indent + '  ')}${indent}}\n`;
      case 'declaration':
        return this.declaration(n, indent);
      case 'expression_statement': {
        const e = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
        if (!e) return '';
        return this.expressionStatement(e, indent);
      }
      case 'if_statement':
        return this.ifStatement(n, indent);
      case 'while_statement':
      case 'do_statement':
      case 'for_statement': {
        const poll = this.pollingFor(n);
        if (poll !== null) return this.pollingLoop(n, poll, indent);
        return this.loopStatement(n, indent);
      }
      case 'return_statement': {
        const e = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
        if (!e) return `${indent}return;\n`;
        return `${indent}return ${this.exprAs(e, this.fn.ret)};\n`;
      }
      case 'break_statement':
        return `${indent}break${this.bareJumps.break === null ? '' : ` ${this.bareJumps.break}`};\n`;
      case 'continue_statement':
        return `${indent}continue${this.bareJumps.continue === null ? '' : ` ${this.bareJumps.continue}`};\n`;
      case 'goto_statement': {
        const label = n.childForFieldName('label')?.text ?? '';
        const how = this.gotoTargets.get(label);
        if (how !== undefined) return `${indent}${how} ${label};\n`;
        return this.gotoIntoBlock(n, label, indent);
      }
      case 'labeled_statement': {
        const inner = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'statement_identifier');
        return inner.map((c) => this.stmt(c, indent)).join('');
      }
      case 'switch_statement':
        return this.switchStatement(n, indent);
      case ';':
        return '';
      default:
        if (n.type.endsWith('_statement') || n.type === 'ERROR') {
          this.problem(n, n.type, 'this statement form is not translated');
          return '';
        }
        return this.expressionStatement(n, indent);
    }
  }

  /**
   * A loop: its bare breaks and continues are its own, and it is labelled when its body holds a
   * backward goto's wrapper loop around some of them (jumpLabel).
   */
  private loopStatement(n: Node, indent: string): string {
    const label = this.jumpLabel(n);
    if (label !== null) this.jumpLabels.set(n.id, label);
    const saved = this.bareJumps;
    this.bareJumps = { break: null, continue: null };
    try {
      return this.emitLoop(n, indent, label === null ? '' : `${label}: `);
    } finally {
      this.bareJumps = saved;
    }
  }

  /**
   * The label a loop needs: `<goto label>_loop` when its body has a label that only later
   * statements jump back to (a wrapper loop) and a bare break or continue between the two.
   */
  private jumpLabel(n: Node): string | null {
    const body = n.childForFieldName('body');
    if (body?.type !== 'compound_statement') return null;
    const children = body.namedChildren.filter((c): c is Node => c !== null);
    for (const [j, c] of children.entries()) {
      if (c.type !== 'labeled_statement') continue;
      const label = c.childForFieldName('label')?.text ?? '';
      const jumps = children.map((d, k) => (gotoClosure(d, this.fn.body).has(label) ? k : -1)).filter((k) => k >= 0);
      if (jumps.length === 0 || jumps[0] < j) continue;
      if (containsBareJump(children.slice(j, jumps[jumps.length - 1] + 1))) return `${label}_loop`;
    }
    return null;
  }

  /** The loop itself, after `label` ("" or "name: "). */
  private emitLoop(n: Node, indent: string, label: string): string {
    switch (n.type) {
      case 'while_statement': {
        const condNode = n.childForFieldName('condition') as Node;
        const constant = this.constValue(condNode.type === 'parenthesized_expression' ? (condNode.namedChildren[0] as Node) : condNode);
        // while (1): TypeScript must see that the loop only ends by break or return.
        const c = constant !== null && constant !== 0 ? 'true' : this.condition(condNode);
        return `${indent}${label}while (${c}) ${this.loopBody(n.childForFieldName('body') as Node, indent)}`;
      }
      case 'do_statement': {
        const c = this.condition(n.childForFieldName('condition') as Node);
        return `${indent}${label}do ${this.loopBody(n.childForFieldName('body') as Node, indent).replace(/\n$/, '')} while (${c});\n`;
      }
      default:
        return this.forStatement(n, indent, label);
    }
  }

  /** The annotated polling loop this statement is, if any (matched on its first line). */
  private pollingFor(n: Node): PollingLoop | null {
    const first = norm(n.text.split('\n')[0]);
    for (const p of this.annotation?.polling ?? []) if (norm(p.loop) === first) return p;
    return null;
  }

  /**
   * A polling loop (msleep until X): each pass through its body first says what the task polls
   * for (current()->pollingOn, a WaitTarget for X), and the loop's end clears it, so the wait-for
   * graph follows the task to X while it polls.
   */
  private pollingLoop(n: Node, poll: PollingLoop, indent: string): string {
    for (const [name, module] of Object.entries(poll.imports ?? {})) this.use(name, module);
    const cur = `${this.use('current', 'sim/machine.ts')}()`;
    const loop = this.loopStatement(n, indent);
    const open = loop.indexOf('{\n');
    if (open < 0) return this.problem(n, 'polling loop', 'the annotated loop has no body to mark').code;
    const marked = `${loop.slice(0, open + 2)}${indent}  ${cur}.pollingOn = ${poll.target}; /* polling: ${poll.why} */\n${loop.slice(open + 2)}`;
    return `${marked}${indent}${cur}.pollingOn = null;\n`;
  }

  /**
   * A loop's body, opening with a pass of the softlockup watchdog (sim/machine.ts loop_tick): a
   * loop of the C that never reaches a scheduling point would otherwise hang the simulator.
   */
  private loopBody(n: Node, indent: string): string {
    return this.probed(this.body(n, indent).replace(/^\{\n/, `{\n${indent}  ${this.use('loop_tick', 'sim/machine.ts')}();\n`), indent);
  }

  /** The next branch probe, as a statement: it records that the arm it opens ran. */
  private probe(indent: string): string {
    return `${indent}${PROBE_TABLE}[${this.probes++}] = 1;\n`;
  }

  /** A braced arm (`{\n...}`) at `indent` with a probe as its first statement. */
  private probed(arm: string, indent: string): string {
    return arm.replace(/^\{\n/, () => `{\n${this.probe(indent + '  ')}`);
  }

  private body(n: Node, indent: string): string {
    if (n.type === 'compound_statement') return `{\n${this.block(n, indent + '  ')}${indent}}\n`;
    this.scopes.push(new Map());
    const s = this.stmt(n, indent + '  ');
    this.scopes.pop();
    return `{\n${s}${indent}}\n`;
  }

  /** A function pointer tested for NULL is compared with it (TypeScript sees a function as always true). */
  private fnPtrTest(e: Emitted): Emitted {
    const t = this.resolve(e.type);
    if (t.k === 'ptr' && this.resolve(t.to).k === 'func') return { code: `${this.operand(e, PREC.equality + 1)} !== ${this.use('NULL', 'lib/c-pointers.ts')}`, type: BOOL, prec: PREC.equality };
    return e;
  }

  private condition(n: Node): string {
    const inner = n.type === 'parenthesized_expression' ? (n.namedChildren.find((c) => c !== null && c.type !== 'comment') as Node) : n;
    const e = this.fnPtrTest(this.expr(inner, 'cond'));
    // An assignment as a condition keeps its parentheses (no-cond-assign).
    return e.prec === PREC.assign ? `(${e.code})` : e.code;
  }

  private ifStatement(n: Node, indent: string): string {
    const cond = this.condition(n.childForFieldName('condition') as Node);
    let out = `${indent}if (${cond}) ${this.probed(this.body(n.childForFieldName('consequence') as Node, indent), indent)}`;
    const alt = n.childForFieldName('alternative');
    if (alt) {
      const inner = alt.type === 'else_clause' ? (alt.namedChildren.find((c) => c !== null && c.type !== 'comment') as Node) : alt;
      // An else-if's arms are its own; the chain's last else is probed where it ends.
      if (inner.type === 'if_statement') out = out.replace(/\n$/, ` else ${this.ifStatement(inner, indent).trimStart()}`);
      else out = out.replace(/\n$/, ` else ${this.probed(this.body(inner, indent), indent)}`);
    } else {
      // The C has no else: one is written for the probe, so that both outcomes count.
      out = out.replace(/\n$/, ` else {\n${this.probe(indent + '  ')}${indent}}\n`);
    }
    return out;
  }

  private forStatement(n: Node, indent: string, label: string): string {
    const init = n.childForFieldName('initializer');
    const body = n.childForFieldName('body') as Node;
    // An iterator macro the preprocessor rewrote: for (__iterate_NAME(args);;) body
    if (init?.type === 'call_expression') {
      const callee = init.childForFieldName('function')?.text ?? '';
      if (callee.startsWith('__iterate_')) {
        const name = callee.slice('__iterate_'.length);
        const idiom = ITERATOR_IDIOMS[name];
        const args = this.args(init);
        if (idiom === undefined) {
          this.problem(init, name, 'an iterator macro the idiom table does not know: add it to ITERATOR_IDIOMS');
          return '';
        }
        const headers = idiom.emit(this, args, init);
        if (typeof headers === 'string') return `${indent}${label}for (${headers}) ${this.loopBody(body, indent)}`;
        // Nested walks (rq_for_each_segment: the request's bios, then each bio's segments).
        if (label !== '') return this.problem(n, 'label', 'a backward goto around a bare continue in a nested walk: keep the function by hand').code;
        let out = '';
        headers.forEach((h, i) => {
          out += `${indent}${'  '.repeat(i)}for (${h}) {\n`;
        });
        out += this.loopBody(body, indent + '  '.repeat(headers.length)).replace(/^\{\n/, '').replace(/\}\n$/, '');
        for (let i = headers.length - 1; i >= 0; i--) out += `${indent}${'  '.repeat(i)}}\n`;
        return out;
      }
    }
    this.scopes.push(new Map());
    let initText = '';
    if (init?.type === 'declaration') {
      const decls = this.declarators(init);
      initText = `let ${decls.map((d) => `${d.local.ts}${d.init !== null ? ` = ${d.init}` : ''}`).join(', ')}`;
    } else if (init) initText = this.expr(init).code;
    const condNode = n.childForFieldName('condition');
    const cond = condNode ? this.expr(condNode, 'cond').code : '';
    const update = n.childForFieldName('update');
    const upd = update ? this.expr(update).code : '';
    const out = `${indent}${label}for (${initText}; ${cond}; ${upd}) ${this.loopBody(body, indent)}`;
    this.scopes.pop();
    return out;
  }

  /** A case label of a ranged switch as a test of the switch's value. */
  private caseTest(subject: string, value: Node): string {
    if (isCaseRange(value)) {
      const [lo, hi] = this.args(value);
      return `${subject} >= ${this.operand(this.expr(lo), PREC.relational + 1)} && ${subject} <= ${this.operand(this.expr(hi), PREC.relational + 1)}`;
    }
    return `${subject} === ${this.operand(this.expr(value), PREC.equality + 1)}`;
  }

  private switchStatement(n: Node, indent: string): string {
    const cond = this.condition(n.childForFieldName('condition') as Node);
    const body = n.childForFieldName('body') as Node;
    // A switch with GCC case ranges: `switch (true)` with each label a comparison of the value,
    // which is evaluated once; fallthrough stays as C has it.
    const ranged = body.namedChildren.some((c) => c?.type === 'case_statement' && isCaseRange(c.childForFieldName('value')));
    const subject = ranged ? this.temp('sw') : '';
    let out = ranged ? `${indent}const ${subject} = ${cond};\n${indent}switch (true) {\n` : `${indent}switch (${cond}) {\n`;
    // A bare break in a case leaves the switch; a continue still goes where it went.
    const saved = this.bareJumps;
    this.bareJumps = { break: null, continue: saved.continue };
    this.scopes.push(new Map());
    for (const c of body.namedChildren) {
      if (c === null) continue;
      if (c.type === 'comment') {
        out += `${reindentComment(c.text, indent + '  ')}\n`;
        continue;
      }
      if (c.type !== 'case_statement') {
        out += this.stmt(c, indent + '  ');
        continue;
      }
      const value = c.childForFieldName('value');
      out += value ? `${indent}  case ${ranged ? this.caseTest(subject, value) : this.expr(value).code}:` : `${indent}  default:`;
      const stmts = c.namedChildren.filter((s): s is Node => s !== null && s.id !== value?.id);
      if (stmts.length === 0) {
        out += '\n';
        continue;
      }
      const hasDecl = stmts.some((s) => s.type === 'declaration');
      this.scopes.push(new Map());
      const text = this.probe(indent + '    ') + this.statements(stmts, indent + (hasDecl ? '    ' : '    '));
      this.scopes.pop();
      out += hasDecl ? ` {\n${text}${indent}  }\n` : `\n${text}`;
    }
    this.scopes.pop();
    this.bareJumps = saved;
    return `${out}${indent}}\n`;
  }

  private expressionStatement(e: Node, indent: string): string {
    // A call the idiom table drops (tracing) leaves no statement.
    if (e.type === 'call_expression') {
      const callee = e.childForFieldName('function');
      if (callee?.type === 'identifier') {
        const idiom = IDIOMS[callee.text];
        if (idiom?.kind === 'drop') {
          // A local only the dropped call reads (a tracepoint's argument) is still read.
          const names = new Set<string>();
          for (const a of this.args(e)) walk(a, (x) => {
            if (x.type === 'identifier' && this.lookup(x.text) !== undefined) names.add(x.text);
          });
          const locals = [...names].map((name) => (this.lookup(name) as Local).ts);
          return locals.length > 0 ? `${indent}void [${locals.join(', ')}]; /* ${callee.text}: ${idiom.why} */
` : '';
        }
      }
    }
    if (e.type === 'cast_expression' && e.childForFieldName('type')?.text === 'void') {
      return this.expressionStatement(e.childForFieldName('value') as Node, indent);
    }
    const emitted = this.expr(e);
    let text = `${indent}${emitted.code};\n`;
    // A bio_list whose owner the annotations name: registered right after its bio_list_init().
    text += this.bioListOwnerAfter(e, indent);
    // Annotated insertions after this statement.
    for (const ins of this.annotation?.insert ?? []) {
      if (norm(ins.after) === norm(this.cText(e)) || norm(ins.after) === norm(`${this.cText(e)};`)) {
        for (const [name, module] of Object.entries(ins.imports ?? {})) this.use(name, module);
        text += `${indent}${ins.ts}\n`;
      }
    }
    return text;
  }

  /** After `bio_list_init(<list>)` of a list the annotations name an owner for: its registration. */
  private bioListOwnerAfter(e: Node, indent: string): string {
    const owners = this.annotation?.bioListOwner;
    if (owners === undefined || e.type !== 'call_expression' || e.childForFieldName('function')?.text !== 'bio_list_init') return '';
    const [arg] = this.args(e);
    if (arg === undefined) return '';
    const argText = norm(this.cText(arg)).replace(/^&/, '');
    for (const [list, note] of Object.entries(owners)) {
      if (norm(list).replace(/^&/, '') !== argText) continue;
      for (const [name, module] of Object.entries(note.imports ?? {})) this.use(name, module);
      const fn = this.use('bio_list_owned', 'block/bio-list-owners.ts');
      const listTs = this.expr(arg.type === 'pointer_expression' && arg.text.startsWith('&') ? (arg.childForFieldName('argument') as Node) : arg).code;
      const key = note.key ?? listTs;
      return `${indent}${fn}(${listTs}, ${note.owner}, ${note.what}, ${JSON.stringify(`${this.fn.name}:${list}`)}, ${key}); /* bio_list owner: ${note.why} */\n`;
    }
    return '';
  }

  private declaration(n: Node, indent: string): string {
    let out = '';
    for (const d of this.declarators(n)) {
      const keyword = this.assigned.has(d.cName) || d.init === null ? 'let' : 'const';
      const ann = d.annotate ? `: ${this.tsType(d.local.type)}` : '';
      if (d.local.boxed) {
        out += `${indent}const ${d.local.ts} = ${this.use('ref', 'lib/c-pointers.ts')}${d.annotate ? `<${this.tsType(d.local.type)}>` : ''}(${d.init ?? this.zeroValue(d.local.type, n)});\n`;
      } else {
        out += `${indent}${keyword} ${d.local.ts}${ann} = ${d.init ?? this.zeroValue(d.local.type, n)};\n`;
      }
    }
    return out;
  }

  /** The declarators of a declaration, declared in the current scope. */
  private declarators(n: Node): { cName: string; local: Local; init: string | null; annotate: boolean }[] {
    const base = declBase(n);
    const isStatic = n.children.some((c) => c !== null && c.type === 'storage_class_specifier' && c.text === 'static');
    const out: { cName: string; local: Local; init: string | null; annotate: boolean }[] = [];
    for (const dn of n.childrenForFieldName('declarator')) {
      if (dn === null) continue;
      const d0 = declare(base, dn, (x) => this.constValue(x));
      if (d0.name === null) continue;
      if (isStatic) {
        // A function-local static is its file's global (c-index.ts names it): no declaration here.
        const g = this.globalRef(staticLocalName(this.fn.name, d0.name), this.fn.file);
        if (this.scopes.length === 0) this.scopes.push(new Map());
        this.scopes[this.scopes.length - 1].set(d0.name, { ts: g.code, type: d0.type, boxed: false });
        continue;
      }
      const indexed = this.world.indexedLocals.get(this.fn.name)?.has(d0.name) ?? false;
      const name: string = d0.name;
      const d = { ...d0, name, type: indexed && d0.type.k === 'ptr' ? { ...d0.type, many: true } : d0.type };
      const valueNode = dn.type === 'init_declarator' && !this.declareOnly.has(n.id) ? dn.childForFieldName('value') : null;
      // A declarator is in scope in its own initializer (`struct x *t = kzalloc(sizeof(*t), ...)`).
      const local = this.declareLocal(d.name, d.type);
      let init = valueNode ? this.initializer(valueNode, d.type) : null;
      const r = this.resolve(d.type);
      // `struct T x = <lvalue>` is a copy (blk_flush_bio_list's `struct bio_list list =
      // *current->bio_list`): the model's structs are objects, so a fresh one assigned from it.
      if (init !== null && valueNode !== null && r.k === 'struct' && valueNode.type !== 'initializer_list' && valueNode.type !== 'call_expression' && runtimeStruct(r.tag) === undefined) {
        init = `${this.use('struct_assign', 'lib/c-pointers.ts')}(${this.structDescriptor(d.type, valueNode)}.make(), ${init})`;
      }
      const annotate = !(r.k === 'int' || r.k === 'bool' || r.k === 'enum' || r.k === 'char') || init === null;
      out.push({ cName: d.name, local, init, annotate: r.k === 'struct' ? false : annotate });
    }
    return out;
  }

  private initializer(n: Node, t: CType, nested = false): string {
    if (n.type === 'initializer_list') return this.initializerList(n, t, nested);
    return this.exprAs(n, t);
  }

  /** `{ .a = 1, .b = { ... } }` or `{ 0 }` for a struct or array value. */
  initializerList(n: Node, t: CType, nested = false): string {
    const r = this.resolve(t);
    const items = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    if (r.k === 'array') {
      if (items.length === 1 && /^0$/.test(items[0].text) && r.len !== null) return `[${new Array(r.len).fill(this.zeroValue(r.of, n)).join(', ')}]`;
      return `[${items.map((i) => this.initializer(i, r.of)).join(', ')}]`;
    }
    if (r.k !== 'struct') return this.problem(n, 'initializer', `an initializer list for ${typeText(t)}`).code;
    const s = this.world.corpus.struct(r.tag);
    const fields: string[] = [];
    const nestedInits = new Map<string, Map<string, unknown>>();
    let pos = 0;
    for (const item of items) {
      if (item.type === 'initializer_pair') {
        const designators = item.childrenForFieldName('designator').filter((d): d is Node => d !== null);
        const value = item.childForFieldName('value') as Node;
        const name = designators[0]?.text.replace(/^\./, '') ?? '';
        const ft = s?.fields.find((f) => f.name === name)?.type ?? runtimeStruct(r.tag)?.fields[name] ?? UNKNOWN;
        if (designators.length > 1) {
          // `.mem.ptr.pl = x`: a member of a member, set into the nested initializer.
          let cur: CType = ft;
          const path = designators.map((d) => d.text.replace(/^\./, ''));
          for (const step of path.slice(1)) {
            const rr = this.resolve(cur);
            const inner = rr.k === 'struct' ? this.world.corpus.struct(rr.tag) : undefined;
            cur = inner?.fields.find((f) => f.name === step)?.type ?? UNKNOWN;
          }
          const leaf = this.initializer(value, cur, true);
          let entry = nestedInits.get(name);
          if (entry === undefined) nestedInits.set(name, (entry = new Map()));
          let m = entry;
          for (const step of path.slice(1, -1)) {
            let next = m.get(step);
            if (!(next instanceof Map)) m.set(step, (next = new Map()));
            m = next as Map<string, unknown>;
          }
          m.set(path[path.length - 1], leaf);
          continue;
        }
        fields.push(`${name}: ${this.initializer(value, ft, true)}`);
      } else {
        const f = s?.fields[pos];
        if (f === undefined) {
          if (/^0$/.test(item.text)) continue;
          return this.problem(item, 'initializer', `positional initializer for ${typeText(t)}`).code;
        }
        fields.push(`${f.name}: ${this.initializer(item, f.type, true)}`);
      }
      pos++;
    }
    const render = (m: Map<string, unknown>): string => `{ ${[...m].map(([k, v]) => `${k}: ${v instanceof Map ? render(v as Map<string, unknown>) : String(v)}`).join(', ')} }`;
    for (const [name, m] of nestedInits) fields.push(`${name}: ${render(m)}`);
    const home = this.world.structHome(r.tag);
    // Inside an outer initializer, struct_init sets a nested one into the embedded member.
    if (nested) return `{ ${fields.join(', ')} }`;
    const rs = runtimeStruct(r.tag);
    if (rs?.zeroImport) return `${this.use('struct_init', 'lib/c-pointers.ts')}(${rs.zero.replace(rs.zeroImport, this.use(rs.zeroImport, rs.module))}, { ${fields.join(', ')} })`;
    if (home?.descriptor) return `${this.use('struct_init', 'lib/c-pointers.ts')}(${this.use(home.descriptor, home.module)}.make(), { ${fields.join(', ')} })`;
    return `{ ${fields.join(', ')} }`;
  }

  /** The value a declared-but-not-initialised local starts with. */
  private zeroValue(t: CType, at: Node): string {
    const r = this.resolve(t);
    switch (r.k) {
      case 'int':
      case 'enum':
      case 'char':
      case 'float':
        return '0';
      case 'bool':
        return 'false';
      case 'ptr':
      case 'func':
        return this.use('NULL', 'lib/c-pointers.ts');
      case 'struct': {
        const home = this.world.structHome(r.tag);
        if (home?.descriptor) return `${this.use(home.descriptor, home.module)}.make()`;
        const rs = runtimeStruct(r.tag);
        if (rs) return rs.zeroImport ? rs.zero.replace(rs.zeroImport, this.use(rs.zeroImport, rs.module)) : rs.zero;
        return this.problem(at, `struct ${r.tag}`, 'a local of a struct type the model does not define').code;
      }
      case 'array':
        if (this.resolve(r.of).k === 'char') return `${this.use('ref', 'lib/c-pointers.ts')}('')`;
        if (r.len === null) return '[]';
        return `[${new Array(r.len).fill(null).map(() => this.zeroValue(r.of, at)).join(', ')}]`;
      default:
        return this.use('NULL', 'lib/c-pointers.ts');
    }
  }

  constValue(n: Node): number | null {
    const t = n.text.trim();
    if (/^[-+]?\d+$/.test(t)) return Number(t);
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t, 16);
    const e = this.world.corpus.enumConst(t);
    if (e) return e.value;
    const m = this.world.corpus.macroValue(t);
    if (m !== null) return m;
    if (n.type === 'binary_expression') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      const a = l ? this.constValue(l) : null;
      const b = r ? this.constValue(r) : null;
      if (a === null || b === null) return null;
      const op = n.childForFieldName('operator')?.text;
      return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : op === '<<' ? a * 2 ** b : null;
    }
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return this.constValue(n.namedChildren[0]);
    if (n.type === 'unary_expression') {
      const a = n.childForFieldName('argument');
      const v = a ? this.constValue(a) : null;
      const op = n.childForFieldName('operator')?.text;
      if (v === null) return null;
      return op === '-' ? -v : op === '+' ? v : op === '~' ? ~v : null;
    }
    return null;
  }

  // --- expressions --------------------------------------------------------------------------

  exprAs(n: Node, to: CType): string {
    const rewrite = this.rewriteFor(n);
    if (rewrite) return rewrite.code;
    const e = this.expr(n, 'value');
    return this.convert(e, to, n).code;
  }

  /** Converts an emitted value to a C type where JavaScript would differ. */
  private convert(e: Emitted, to: CType, at: Node): Emitted {
    const t = this.resolve(to);
    const from = this.resolve(e.type);
    if (t.k === 'bool') {
      if (from.k === 'bool') return e;
      if (e.code === '0' || e.code === '1') return { code: e.code === '1' ? 'true' : 'false', type: BOOL, prec: PREC.primary };
      // A named constant (an enum's BLK_RW_SYNC) keeps its name; TypeScript types it as its literal value.
      if (isInt(from) && this.constValue(at) !== null) return { code: `Boolean(${e.code})`, type: BOOL, prec: PREC.call };
      if (isInt(from)) return { code: `${this.operand(e, PREC.equality + 1)} !== 0`, type: BOOL, prec: PREC.equality };
      if (from.k === 'ptr' || from.k === 'struct') return { code: `${this.operand(e, PREC.equality + 1)} !== ${this.use('NULL', 'lib/c-pointers.ts')}`, type: BOOL, prec: PREC.equality };
      return e;
    }
    if (isInt(t)) {
      // sizeof(struct x) is the struct's descriptor; as a number it is the size.
      if (from.k === 'unknown' && from.text.startsWith('sizeof ')) return { code: `${this.operand(e, PREC.call)}.size`, type: ULONG, prec: PREC.call };
      if (from.k === 'bool') {
        if (e.code === 'true' || e.code === 'false') return { code: e.code === 'true' ? '1' : '0', type: t, prec: PREC.primary };
        return { code: `Number(${e.code})`, type: t, prec: PREC.call };
      }
      if (t.k === 'int' && t.unsigned) {
        const v = this.constValue(at);
        if (v !== null && v < 0) {
          // A complemented mask (~(1 << BIO_SEG_VALID)) clears bits of a flag word: 32 bits.
          if (/^[\s(]*~/.test(at.text)) return { code: `${v >>> 0}`, type: t, prec: PREC.primary };
          if (t.bits >= 64) return { code: v === -1 ? this.use('U64_MAX', 'include/linux/kernel.ts') : `${2 ** 64 + v}`, type: t, prec: PREC.primary };
          return { code: `${2 ** t.bits + v}`, type: t, prec: PREC.primary };
        }
      }
      if (from.k === 'ptr') return { code: `${this.operand(e, PREC.call)} as unknown as number`, type: t, prec: PREC.assign };
      // A wider integer into a 32-bit unsigned one keeps its low 32 bits, as C converts it
      // (dm_round_up() of a target count near 2^32, computed in size_t, stored as 0).
      const wrapped = e.prec === PREC.shift && e.code.endsWith('>>> 0');
      if (t.k === 'int' && t.unsigned && t.bits === 32 && from.k === 'int' && from.bits > 32 && !wrapped && this.constValue(at) === null) {
        return { code: `${this.operand(e, PREC.shift + 1)} >>> 0`, type: t, prec: PREC.shift };
      }
      return e;
    }
    if (t.k === 'array' && this.resolve(t.of).k === 'char' && from.k === 'ptr') {
      // A char array initialised from a string literal: its own buffer.
      return { code: `${this.use('ref', 'lib/c-pointers.ts')}(${e.code})`, type: t, prec: PREC.call };
    }
    if (t.k === 'ptr') {
      if (e.code === '0') return { code: this.use('NULL', 'lib/c-pointers.ts'), type: t, prec: PREC.primary };
      const toR = this.resolve(t.to);
      // Strings and char buffers: a buffer (Ref) read as a string is its value; a string passed
      // where a buffer is written gets a cell of its own.
      if (toR.k === 'char') {
        const fromTo = from.k === 'ptr' ? this.resolve(from.to) : from.k === 'array' ? this.resolve(from.of) : null;
        const fromBuffer = fromTo !== null && fromTo.k === 'char' && (from.k === 'array' || !fromTo.const);
        const fromString = fromTo !== null && fromTo.k === 'char' && from.k === 'ptr' && fromTo.const === true;
        if (toR.const && fromBuffer) return { code: `${this.operand(e, PREC.call)}.v`, type: t, prec: PREC.call };
        if (!toR.const && fromString) return { code: `${this.use('ref', 'lib/c-pointers.ts')}(${e.code})`, type: t, prec: PREC.call };
        if (fromTo !== null && fromTo.k === 'void') return { code: `${this.operand(e, PREC.call)} as ${this.tsType(t)}`, type: t, prec: PREC.assign };
        return e;
      }
      // One struct passed where the callee indexes its pointer (dm_io(..., &job->source, ...)):
      // an array holding that struct.
      if (t.many === true && toR.k === 'struct' && from.k === 'ptr' && from.many !== true && this.resolve(from.to).k === 'struct' && e.code !== this.use('NULL', 'lib/c-pointers.ts')) {
        return { code: `[${e.code}]`, type: t, prec: PREC.primary };
      }
      if (t.many !== true && toR.k === 'struct' && from.k === 'ptr' && from.many === true && this.resolve(from.to).k === 'struct') {
        return { code: `${this.operand(e, PREC.call)}[0]`, type: t, prec: PREC.call };
      }
      const isArrayValue = from.k === 'array' || (from.k === 'ptr' && from.many === true);
      // An array passed where the callee holds one cell of it (a Ref): the first element's cell.
      if (isArrayValue && !t.many && toR.k !== 'struct' && toR.k !== 'void' && toR.k !== 'unknown') {
        return { code: `${this.use('elem_ref', 'lib/c-pointers.ts')}(${e.code}, 0)`, type: t, prec: PREC.call };
      }
      const fromTo = from.k === 'ptr' ? this.resolve(from.to) : null;
      const toTo = this.resolve(t.to);
      if (fromTo !== null && fromTo.k === 'void' && toTo.k !== 'void' && toTo.k !== 'unknown') {
        return { code: `${this.operand(e, PREC.call)} as ${this.tsType(t)}`, type: t, prec: PREC.assign };
      }
      if (isInt(from) && e.code !== '0') return { code: `${this.operand(e, PREC.call)} as unknown as ${this.tsType(t)}`, type: t, prec: PREC.assign };
      return e;
    }
    return e;
  }

  /**
   * The idiom for a call of `name`, unless the world has its own hand-written `name` (a model
   * module registered for this base): a world's own function beats the runtime's generic one
   * the idiom names (v3.15's put_disk frees what its alloc_disk made).
   */
  private idiomFor(name: string): (typeof IDIOMS)[string] | undefined {
    const idiom = IDIOMS[name];
    if (idiom?.kind === 'call' && runtimeIndex().has(`${this.base}:${name}`)) return undefined;
    return idiom;
  }

  private rewriteFor(n: Node): Emitted | null {
    const rs = this.annotation?.rewrite;
    if (!rs) return null;
    const text = norm(this.cText(n));
    for (const r of rs) {
      if (norm(r.c) === text) {
        for (const [name, module] of Object.entries(r.imports ?? {})) this.use(name, module);
        return { code: r.ts, type: UNKNOWN, prec: PREC.assign };
      }
    }
    return null;
  }

  private args(call: Node): Node[] {
    return call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
  }

  /**
   * The C type of a constant macro: that of its body as an expression (KEYS_PER_NODE, a
   * division by a sizeof, is a size_t; HZ/50 an int). Null for anything else.
   */
  private constantMacroType(name: string): CType | null {
    const corpus = this.world.corpus;
    const known = MACRO_TYPES.get(corpus) ?? new Map<string, CType | null>();
    MACRO_TYPES.set(corpus, known);
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const m = corpus.macro(name);
    if (m === undefined || m.params !== null || corpus.macroValue(name) === null) {
      known.set(name, null);
      return null;
    }
    known.set(name, INT); // a macro defined through itself stops here
    const init = parseC(`int __v = ${m.bodyText};`).rootNode.namedChildren[0]?.childForFieldName('declarator')?.childForFieldName('value');
    const type = init ? this.resolve(this.typeOf(init)) : INT;
    known.set(name, type.k === 'int' ? type : INT);
    return known.get(name) as CType;
  }

  typeOf(n: Node): CType {
    switch (n.type) {
      case 'identifier': {
        const l = this.lookup(n.text);
        if (l) return l.type;
        const g = this.world.globalIn(n.text, this.fn.file);
        if (g) return g.type;
        if (this.world.corpus.enumConst(n.text)) return INT;
        const f = this.world.corpus.function(n.text) ?? this.world.corpus.prototype(n.text);
        if (f) return ptrTo({ k: 'func', ret: f.ret, params: f.params, variadic: f.variadic });
        if (n.text === 'jiffies') return ULONG;
        if (n.text === 'current') return ptrTo(structType('task_struct'));
        return this.constantMacroType(n.text) ?? INT;
      }
      case 'number_literal':
        return /[lL]/.test(n.text) ? (/[uU]/.test(n.text) ? ULONG : LONG) : INT;
      case 'char_literal':
        return INT;
      case 'string_literal':
      case 'concatenated_string':
        return STRING;
      case 'true':
      case 'false':
        return BOOL;
      case 'null':
        return ptrTo(VOID);
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
        return inner ? this.typeOf(inner) : UNKNOWN;
      }
      case 'field_expression': {
        const arg = n.childForFieldName('argument') as Node;
        const field = n.childForFieldName('field')?.text ?? '';
        let t = this.resolve(this.typeOf(arg));
        if (t.k === 'ptr') t = this.resolve(t.to);
        if (t.k !== 'struct') return UNKNOWN;
        return this.fieldType(t.tag, field) ?? UNKNOWN;
      }
      case 'subscript_expression': {
        const t = this.resolve(this.typeOf(n.childForFieldName('argument') as Node));
        return t.k === 'array' ? t.of : t.k === 'ptr' ? t.to : UNKNOWN;
      }
      case 'pointer_expression': {
        const op = n.child(0)?.text;
        const a = n.childForFieldName('argument') as Node;
        if (op === '&') return ptrTo(this.typeOf(a));
        const t = this.resolve(this.typeOf(a));
        return t.k === 'ptr' ? t.to : t.k === 'array' ? t.of : UNKNOWN;
      }
      case 'call_expression': {
        const callee = n.childForFieldName('function') as Node;
        if (callee.type === 'identifier') {
          const idiom = this.idiomFor(callee.text);
          if (idiom?.kind === 'call') return idiom.ret;
          if (idiom?.kind === 'custom') {
            if (callee.text === 'container_of' || callee.text.endsWith('_entry')) {
              const a = this.args(n)[1];
              const m = a ? /^__type_(struct|union)_(\w+?)((?:__ptr)*)$/.exec(a.text) : null;
              if (m) return ptrTo(structType(m[2]));
            }
            if (callee.text === 'likely' || callee.text === 'unlikely') return BOOL;
            if (callee.text === 'per_cpu' || callee.text === '__get_cpu_var') {
              const arr = this.resolve(this.typeOf(this.args(n)[0]));
              return arr.k === 'array' ? arr.of : UNKNOWN;
            }
            return UNKNOWN;
          }
          const ref = this.calleeRef(callee.text);
          if (ref) return ref.ret;
        }
        const ft = this.resolve(this.typeOf(callee));
        const f = ft.k === 'ptr' ? this.resolve(ft.to) : ft;
        return f.k === 'func' ? f.ret : UNKNOWN;
      }
      case 'cast_expression':
        return typeDescriptor(n.childForFieldName('type') as Node, (x) => this.constValue(x));
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text ?? '';
        if (['==', '!=', '<', '>', '<=', '>=', '&&', '||'].includes(op)) return BOOL;
        return arith(this.resolve(this.typeOf(n.childForFieldName('left') as Node)), this.resolve(this.typeOf(n.childForFieldName('right') as Node)));
      }
      case 'unary_expression': {
        const op = n.childForFieldName('operator')?.text;
        if (op === '!') return BOOL;
        return this.typeOf(n.childForFieldName('argument') as Node);
      }
      case 'update_expression':
        return this.typeOf(n.childForFieldName('argument') as Node);
      case 'assignment_expression':
        return this.typeOf(n.childForFieldName('left') as Node);
      case 'conditional_expression': {
        const c = n.childForFieldName('consequence') ?? n.childForFieldName('condition');
        const a = n.childForFieldName('alternative');
        const ct = c ? this.typeOf(c) : UNKNOWN;
        if (c?.type === 'null' && a) return this.typeOf(a);
        return ct;
      }
      case 'sizeof_expression':
        return ULONG;
      case 'comma_expression': {
        const r = n.childForFieldName('right');
        return r ? this.typeOf(r) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private fieldType(tag: string, field: string): CType | null {
    const s = this.world.corpus.struct(tag);
    if (s) {
      for (const f of s.fields) {
        if (f.name === field) return f.type;
        if (f.anonymous) {
          const r = this.resolve(f.type);
          if (r.k === 'struct') {
            const inner = this.fieldType(r.tag, field);
            if (inner) return inner;
          }
        }
      }
    }
    return runtimeStruct(tag)?.fields[field] ?? null;
  }

  expr(n: Node, mode: Mode = 'value'): Emitted {
    const rewrite = this.rewriteFor(n);
    if (rewrite) return rewrite;
    switch (n.type) {
      case 'identifier':
        return this.identifier(n);
      case 'number_literal':
        return { code: numberLiteral(n.text), type: this.typeOf(n), prec: PREC.primary };
      case 'char_literal':
        return { code: `${charCode(n.text)} /* ${n.text} */`, type: INT, prec: PREC.primary };
      case 'string_literal':
        return { code: JSON.stringify(stringValue(n.text)), type: STRING, prec: PREC.primary };
      case 'concatenated_string': {
        const parts = n.namedChildren.filter((c): c is Node => c !== null && c.type === 'string_literal').map((c) => stringValue(c.text));
        return { code: JSON.stringify(parts.join('')), type: STRING, prec: PREC.primary };
      }
      case 'true':
      case 'false':
        return { code: n.type, type: BOOL, prec: PREC.primary };
      case 'null':
        return { code: this.use('NULL', 'lib/c-pointers.ts'), type: NULL_TYPE, prec: PREC.primary };
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c !== null && c.type !== 'comment') as Node;
        if (inner.type === 'compound_statement') return this.statementExpression(inner);
        const e = this.expr(inner, mode);
        // The C's own parentheses around an operand that mixes operators stay, for the reader.
        if (keepsParens(n, inner) && e.prec < PREC.primary) return { code: `(${e.code})`, type: e.type, prec: PREC.primary };
        return e;
      }
      case 'binary_expression':
        return this.binary(n, mode);
      case 'unary_expression':
        return this.unary(n, mode);
      case 'pointer_expression':
        return this.pointer(n);
      case 'update_expression': {
        const argNode = n.childForFieldName('argument') as Node;
        const arg = this.lvalue(argNode);
        const op = n.childForFieldName('operator')?.text ?? '++';
        const ut = this.resolve(this.typeOf(argNode));
        if (ut.k === 'ptr' && ut.many === true && !['void', 'char'].includes(this.resolve(ut.to).k)) {
          // argv++ over an indexed array: a view one element on (as a statement, as the C uses it).
          return { code: `${arg.code} = ${this.use('array_view', 'lib/c-pointers.ts')}(${arg.code}, ${op === '--' ? -1 : 1})`, type: ut, prec: PREC.assign };
        }
        // Stepping a pointer to one object (nothing indexes it): JavaScript would make a number of it.
        if (ut.k === 'ptr' && !['void', 'char'].includes(this.resolve(ut.to).k)) return this.problem(n, 'pointer arithmetic', `${this.cText(n)}: add a rewrite for it in kernel-model/c/annotations.ts`);
        const prefix = n.child(0)?.text === op;
        return { code: prefix ? `${op}${arg.code}` : `${arg.code}${op}`, type: arg.type, prec: prefix ? PREC.unary : PREC.postfix };
      }
      case 'assignment_expression':
        return this.assignment(n);
      case 'call_expression':
        return this.call(n, mode);
      case 'field_expression':
        return this.field(n);
      case 'subscript_expression': {
        const argNode = n.childForFieldName('argument') as Node;
        const a = this.expr(argNode);
        const idxNode = n.childForFieldName('index') as Node;
        const idx = this.convert(this.expr(idxNode), INT, idxNode);
        // A character of a string or char buffer (read only: the model's strings are values).
        const at = this.resolve(this.typeOf(argNode));
        const elem = at.k === 'array' ? this.resolve(at.of) : at.k === 'ptr' ? this.resolve(at.to) : null;
        if (elem !== null && elem.k === 'char') {
          const s = at.k === 'array' || !elem.const ? `${this.operand(a, PREC.call)}.v` : this.operand(a, PREC.call);
          return { code: `(${s}.charCodeAt(${idx.code}) || 0)`, type: INT, prec: PREC.primary };
        }
        return { code: `${this.operand(a, PREC.call)}[${idx.code}]`, type: this.typeOf(n), prec: PREC.call };
      }
      case 'cast_expression':
        return this.cast(n, mode);
      case 'sizeof_expression':
        return this.sizeofExpr(n);
      case 'conditional_expression': {
        if (n.childForFieldName('consequence') === null) {
          // GNU `a ?: b`: a when it is non-zero (evaluated once), else b.
          const a = this.expr(n.childForFieldName('condition') as Node);
          const b = this.expr(n.childForFieldName('alternative') as Node, mode);
          return { code: `${this.operand(a, PREC.or)} || ${this.operand(b, PREC.or + 1)}`, type: a.type, prec: PREC.or };
        }
        const c = this.expr(n.childForFieldName('condition') as Node, 'cond');
        const t = this.typeOf(n);
        // Each branch converts as itself: a constant branch (`bps ? bps : -1` as a u64) is U64_MAX.
        const consequence = n.childForFieldName('consequence') as Node;
        const alternative = n.childForFieldName('alternative') as Node;
        const a = this.convert(this.expr(consequence, mode), t, consequence);
        const b = this.convert(this.expr(alternative, mode), t, alternative);
        return { code: `${this.operand(c, PREC.cond + 1)} ? ${this.operand(a, PREC.assign)} : ${this.operand(b, PREC.assign)}`, type: t, prec: PREC.cond };
      }
      case 'comma_expression': {
        const l = this.expr(n.childForFieldName('left') as Node);
        const r = this.expr(n.childForFieldName('right') as Node, mode);
        return { code: `${this.operand(l, PREC.assign)}, ${this.operand(r, PREC.assign)}`, type: r.type, prec: PREC.comma };
      }
      case 'compound_literal_expression': {
        const t = typeDescriptor(n.childForFieldName('type') as Node, (x) => this.constValue(x));
        return { code: this.initializerList(n.childForFieldName('value') as Node, t), type: t, prec: PREC.primary };
      }
      case 'alignof_expression': {
        const t = typeDescriptor(n.childForFieldName('type') as Node, (x) => this.constValue(x));
        const a = alignOfType(t, this.world.corpus);
        if (a === null) return this.problem(n, '__alignof__', `the alignment of ${typeText(t)}`);
        return { code: String(a), type: ULONG, prec: PREC.primary };
      }
      case 'initializer_list':
        return this.problem(n, 'initializer list', 'an initializer list outside a declaration');
      default:
        return this.problem(n, n.type, 'this expression form is not translated');
    }
  }

  /**
   * A GNU statement expression `({ decls; stmts; value; })`: a function called in place, whose
   * value is the last statement's; a generator when its statements can sleep.
   */
  private statementExpression(block: Node): Emitted {
    const stmts = block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const last = stmts[stmts.length - 1];
    const outerYielded = this.yielded;
    this.yielded = false;
    this.scopes.push(new Map());
    const body = this.statements(stmts.slice(0, -1), '  ');
    let value: Emitted = { code: 'undefined', type: VOID, prec: PREC.primary };
    if (last !== undefined && last.type === 'expression_statement') {
      const e = last.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (e) value = this.expr(e);
    } else if (last !== undefined) {
      this.problem(last, 'statement expression', 'its last statement is not an expression');
    }
    this.scopes.pop();
    const gen = this.yielded;
    this.yielded = outerYielded || gen;
    const text = `${body}  return ${value.code};\n`;
    if (gen) return { code: `yield* (function* () {\n${text}})()`, type: value.type, prec: PREC.yield };
    return { code: `(() => {\n${text}})()`, type: value.type, prec: PREC.call };
  }

  private identifier(n: Node): Emitted {
    const name = n.text;
    const l = this.lookup(name);
    if (l) return { code: l.boxed ? `${l.ts}.v` : l.ts, type: l.type, prec: PREC.call };
    const value = VALUE_IDIOMS[name];
    if (value) return value(this);
    const constant = CONSTANT_IDIOMS[name];
    if (constant) return { code: this.use(name, constant), type: INT, prec: PREC.primary };
    if (name === '__func__') return { code: JSON.stringify(this.fn.name), type: STRING, prec: PREC.primary };
    if (name === '__LINE__') return { code: String(this.line(n)), type: INT, prec: PREC.primary };
    const corpus = this.world.corpus;
    const e = corpus.enumConst(name);
    if (e) return { code: this.use(name, this.world.constantModule(name, e.file)), type: INT, prec: PREC.primary };
    const g = this.world.globalIn(name, this.fn.file);
    if (g) {
      if (this.world.isConstGlobal(g)) return { code: this.use(name, this.world.moduleOf(this.world.homeOf(g.file))), type: g.type, prec: PREC.primary };
      return this.globalRef(name, g.file);
    }
    const ref = this.calleeRef(name);
    if (ref) return { code: ref.code, type: ptrTo({ k: 'func', ret: ref.ret, params: ref.params.map((type) => ({ name: null, type })), variadic: false }), prec: PREC.call };
    const m = corpus.macro(name);
    if (m && m.params === null) {
      const v = corpus.macroValue(name);
      // A 64-bit constant beyond 2^53 is exported as a BigInt (module-emit.ts): number code
      // cannot compute with it, so the function is kept by hand in BigInt instead.
      if (v !== null && wideConstant(corpus, name) !== null) return this.problem(n, name, 'a constant beyond 2^53 (a BigInt): number code cannot compute with it; keep the function by hand in BigInt (annotations.ts)');
      if (v !== null) return { code: this.use(name, this.world.constantModule(name, m.file)), type: this.constantMacroType(name) ?? INT, prec: PREC.primary };
    }
    const fallback = FALLBACK_VALUES[name];
    if (fallback) return fallback(this);
    const initializer = DECLARATION_INITIALIZERS[name];
    if (initializer) return this.problem(n, name, 'a declaration marker outside its declaration');
    return this.problem(n, name, 'an identifier the base C does not define: add it to the idiom table (harness/translate/idioms.ts)');
  }

  private globalRef(name: string, file: string): Emitted {
    const where = this.world.globalAccessor(name, file);
    const accessor = this.use(where.accessor, where.module);
    const g = this.world.globalIn(name, file);
    return { code: `${accessor}().${name}`, type: g?.type ?? UNKNOWN, prec: PREC.call };
  }

  private binary(n: Node, mode: Mode): Emitted {
    const op = n.childForFieldName('operator')?.text ?? '';
    const ln = n.childForFieldName('left') as Node;
    const rn = n.childForFieldName('right') as Node;
    if (op === '&&' || op === '||') {
      const l = this.fnPtrTest(this.expr(ln, mode === 'value' ? 'value' : 'cond'));
      const r = this.fnPtrTest(this.expr(rn, mode === 'value' ? 'value' : 'cond'));
      const toBool = (e: Emitted, at: Node): Emitted => (mode === 'value' ? this.convert(e, BOOL, at) : e);
      const p = BINARY_PREC[op];
      return { code: `${this.operand(toBool(l, ln), p)} ${op} ${this.operand(toBool(r, rn), p + 1)}`, type: BOOL, prec: p };
    }
    const lt = this.resolve(this.typeOf(ln));
    const rt = this.resolve(this.typeOf(rn));
    let l = this.expr(ln);
    let r = this.expr(rn);
    const p = BINARY_PREC[op];
    if (p === undefined) return this.problem(n, `operator ${op}`, 'an operator the translator does not know');
    if (op === '==' || op === '!=') {
      // Two char pointers or arrays: the model's strings are values, compared as such.
      const charTo = (t: CType): boolean => (t.k === 'ptr' && this.resolve(t.to).k === 'char') || (t.k === 'array' && this.resolve(t.of).k === 'char');
      if (charTo(lt) && charTo(rt)) {
        const STR: CType = ptrTo({ k: 'char', const: true } as CType);
        l = this.convert(l, STR, ln);
        r = this.convert(r, STR, rn);
      }
      // Unsigned fields compared with -1 compare with the converted value, as C does.
      if (isInt(lt) && lt.k === 'int' && lt.unsigned) r = this.convert(r, lt, rn);
      if (isInt(rt) && rt.k === 'int' && rt.unsigned) l = this.convert(l, rt, ln);
      // A bool compared with an int: the int side as a bool. The types are those of the emitted
      // operands (a C comparison the model emits as Number(a != b) is an int there).
      const le = this.resolve(l.type);
      const re = this.resolve(r.type);
      if (le.k === 'bool' && isInt(re)) r = this.convert(r, BOOL, rn);
      else if (re.k === 'bool' && isInt(le)) l = this.convert(l, BOOL, ln);
      const jsop = op === '==' ? '===' : '!==';
      return { code: `${this.operand(l, p)} ${jsop} ${this.operand(r, p + 1)}`, type: BOOL, prec: p };
    }
    if ((lt.k === 'ptr' || lt.k === 'array') && (op === '+' || op === '-') && isInt(rt)) {
      // `table + i` over an array of structs is `&table[i]`: the model's element is the object.
      const elem = lt.k === 'array' ? this.resolve(lt.of) : lt.many === true ? this.resolve(lt.to) : null;
      if (op === '+' && elem !== null && elem.k === 'struct') {
        const idx = this.convert(r, INT, rn);
        return { code: `${this.operand(l, PREC.call)}[${idx.code}]`, type: ptrTo(elem), prec: PREC.call };
      }
      // Over an indexed array of scalars or pointers (argv + 1): a view sharing its elements.
      const scalarElem = lt.k === 'array' ? this.resolve(lt.of) : lt.many === true ? this.resolve(lt.to) : null;
      if (op === '+' && scalarElem !== null && scalarElem.k !== 'void' && scalarElem.k !== 'char') {
        const idx = this.convert(r, INT, rn);
        return { code: `${this.use('array_view', 'lib/c-pointers.ts')}(${l.code}, ${idx.code})`, type: lt, prec: PREC.call };
      }
      return this.problem(n, 'pointer arithmetic', `${this.cText(n)}: add a rewrite for it in kernel-model/c/annotations.ts`);
    }
    // Two pointers into one array compared (`--bv >= bio->bi_io_vec`): their positions in it,
    // a view's offset (JavaScript would compare the two objects' string forms, always false).
    // Pointers to objects of their own (`mddev < mddev2`, `rqa->q < rqb->q`) are ordered by
    // address: ptr_address() gives each object one.
    const intoArray = (t: CType): boolean => t.k === 'array' || (t.k === 'ptr' && t.many === true);
    if (['<', '>', '<=', '>='].includes(op) && intoArray(lt) && intoArray(rt)) {
      const at = this.use('array_offset', 'lib/c-pointers.ts');
      return { code: `${at}(${l.code}) ${op} ${at}(${r.code})`, type: BOOL, prec: p };
    }
    const toObject = (t: CType): boolean => t.k === 'ptr' && t.many !== true && this.resolve(t.to).k === 'struct';
    if (['<', '>', '<=', '>='].includes(op) && toObject(lt) && toObject(rt)) {
      const at = this.use('ptr_address', 'lib/c-pointers.ts');
      return { code: `${at}(${l.code}) ${op} ${at}(${r.code})`, type: BOOL, prec: p };
    }
    // sizeof(struct x) is the struct's descriptor (allocators make the struct from it); in
    // arithmetic it is the size.
    const sized = (e: Emitted): Emitted => (e.type.k === 'unknown' && e.type.text.startsWith('sizeof ') ? { code: `${this.operand(e, PREC.call)}.size`, type: ULONG, prec: PREC.call } : e);
    l = sized(l);
    r = sized(r);
    const num = (e: Emitted, at: Node, t: CType): Emitted => (t.k === 'bool' ? this.convert(e, INT, at) : e);
    l = num(l, ln, lt);
    r = num(r, rn, rt);
    const result = ['<', '>', '<=', '>='].includes(op) ? BOOL : arith(lt, rt);
    if (op === '/' && isInt(lt) && isInt(rt)) {
      const floor = result.k === 'int' && result.unsigned ? 'Math.floor' : 'Math.trunc';
      return { code: `${floor}(${this.operand(l, PREC.multiplicative)} / ${this.operand(r, PREC.multiplicative + 1)})`, type: result, prec: PREC.call };
    }
    if ((op === '<<' || op === '>>') && result.k === 'int' && result.bits > 32) {
      return op === '<<'
        ? { code: `${this.operand(l, PREC.multiplicative)} * 2 ** ${this.operand(r, PREC.unary)}`, type: result, prec: PREC.multiplicative }
        : { code: `Math.floor(${this.operand(l, PREC.multiplicative)} / 2 ** ${this.operand(r, PREC.unary)})`, type: result, prec: PREC.call };
    }
    const jsop = op === '>>' && result.k === 'int' && result.unsigned ? '>>>' : op;
    const code = `${this.operand(l, p)} ${jsop} ${this.operand(r, p + 1)}`;
    if (mode !== 'cond' && result.k === 'int' && result.unsigned && this.mayGoNegative(op, ln, rn)) {
      // JavaScript's bitwise operators give a signed 32-bit result; C's unsigned one is >= 0.
      return { code: `(${code}) >>> 0`, type: result, prec: PREC.shift };
    }
    return { code, type: result, prec: p };
  }

  /** Whether a bitwise result can have bit 31 set (and so read negative in JavaScript). */
  private mayGoNegative(op: string, ln: Node, rn: Node): boolean {
    const small = (x: Node): boolean => {
      const v = this.constValue(x);
      return v !== null && v >= 0 && v < 2 ** 31;
    };
    if (op === '&') return !small(ln) && !small(rn);
    if (op === '|' || op === '^') return !(small(ln) && small(rn));
    if (op === '<<') return !(small(ln) && small(rn) && (this.constValue(ln) as number) * 2 ** (this.constValue(rn) as number) < 2 ** 31);
    return false;
  }

  private unary(n: Node, mode: Mode): Emitted {
    const op = n.childForFieldName('operator')?.text ?? '';
    const an = n.childForFieldName('argument') as Node;
    if (op === '!') {
      const a = this.fnPtrTest(this.expr(an, 'cond'));
      return { code: `!${this.operand(a, PREC.unary)}`, type: BOOL, prec: PREC.unary };
    }
    const a = this.expr(an, mode);
    if (op === '-' && /^\d/.test(a.code)) return { code: `-${a.code}`, type: a.type, prec: PREC.unary };
    const at = this.resolve(a.type);
    // ~(u64)0 (md's MaxSector): all 64 bits set, which JavaScript's 32-bit ~ cannot say.
    if (op === '~' && at.k === 'int' && at.bits === 64 && this.constValue(an) === 0) return { code: this.use('U64_MAX', 'include/linux/kernel.ts'), type: a.type, prec: PREC.primary };
    if (op === '~' && mode !== 'cond' && at.k === 'int' && at.unsigned) {
      // ~ of an unsigned value: the 32 bits of the model's flag words, read as unsigned.
      return { code: `~${this.operand(a, PREC.unary)} >>> 0`, type: a.type, prec: PREC.shift };
    }
    return { code: `${op}${this.operand(a, PREC.unary)}`, type: a.type, prec: PREC.unary };
  }

  private pointer(n: Node): Emitted {
    const op = n.child(0)?.text;
    const an = n.childForFieldName('argument') as Node;
    if (op === '*') {
      const t = this.resolve(this.typeOf(an));
      const a = this.expr(an);
      const to = t.k === 'ptr' ? this.resolve(t.to) : UNKNOWN;
      // The first character of a string or char buffer.
      const elem = t.k === 'array' ? this.resolve(t.of) : to;
      if (elem.k === 'char') {
        const s = t.k === 'array' || !elem.const ? `${this.operand(a, PREC.call)}.v` : this.operand(a, PREC.call);
        return { code: `(${s}.charCodeAt(0) || 0)`, type: INT, prec: PREC.primary };
      }
      // An indexed pointer is an array: *p is p[0].
      if ((t.k === 'ptr' && t.many) || t.k === 'array') return { code: `${this.operand(a, PREC.call)}[0]`, type: to.k === 'unknown' && t.k === 'array' ? t.of : to, prec: PREC.call };
      // A pointer to a struct is the struct; a pointer to a scalar or pointer is a Ref.
      if (to.k === 'struct' || to.k === 'func') return { code: a.code, type: to, prec: a.prec };
      return { code: `${this.operand(a, PREC.call)}.v`, type: to, prec: PREC.call };
    }
    return this.addressOf(an);
  }

  /** `&x`: the object for structs and arrays, a Ref for scalars, the function for functions. */
  private addressOf(an: Node): Emitted {
    const t = this.resolve(this.typeOf(an));
    const pt = ptrTo(this.typeOf(an));
    if (an.type === 'identifier') {
      const l = this.lookup(an.text);
      if (l) return { code: l.ts, type: pt, prec: PREC.primary };
      const ref = this.calleeRef(an.text);
      if (ref) return { code: ref.code, type: pt, prec: PREC.call };
      const g = this.world.globalIn(an.text, this.fn.file);
      if (g) {
        const r = this.globalRef(an.text, g.file);
        if (t.k === 'struct' || t.k === 'array') return { ...r, type: pt };
        const [obj, key] = splitLast(r.code);
        return { code: `${this.use('field_ref', 'lib/c-pointers.ts')}(${obj}, ${JSON.stringify(key)})`, type: pt, prec: PREC.call };
      }
    }
    if (t.k === 'struct' || t.k === 'array' || t.k === 'func') {
      const e = this.expr(an);
      return { code: e.code, type: pt, prec: e.prec };
    }
    if (an.type === 'field_expression') {
      const obj = this.expr(an.childForFieldName('argument') as Node);
      const field = an.childForFieldName('field')?.text ?? '';
      return { code: `${this.use('field_ref', 'lib/c-pointers.ts')}(${obj.code}, ${JSON.stringify(field)})`, type: pt, prec: PREC.call };
    }
    if (an.type === 'subscript_expression') {
      const arr = this.expr(an.childForFieldName('argument') as Node);
      const idxNode = an.childForFieldName('index') as Node;
      const idx = this.convert(this.expr(idxNode), INT, idxNode);
      return { code: `${this.use('elem_ref', 'lib/c-pointers.ts')}(${arr.code}, ${idx.code})`, type: pt, prec: PREC.call };
    }
    if (an.type === 'pointer_expression' && an.child(0)?.text === '*') return this.expr(an.childForFieldName('argument') as Node);
    return this.problem(an, '&', `the address of ${this.cText(an)}`);
  }

  private lvalue(n: Node): Emitted {
    return this.expr(n);
  }

  private assignment(n: Node): Emitted {
    const op = n.childForFieldName('operator')?.text ?? '=';
    const ln = n.childForFieldName('left') as Node;
    const rn = n.childForFieldName('right') as Node;
    const lt = this.resolve(this.typeOf(ln));
    // A character stored into a char buffer (`*result = '\0'`, `p[0] = 0`): the model's strings
    // are values, so the buffer's string is rewritten (a NUL ends it there).
    if (op === '=' && lt.k === 'char' && (ln.type === 'subscript_expression' || (ln.type === 'pointer_expression' && ln.child(0)?.text === '*'))) {
      const buf = this.expr(ln.childForFieldName('argument') as Node);
      const idx = ln.type === 'subscript_expression' ? this.convert(this.expr(ln.childForFieldName('index') as Node), INT, ln).code : '0';
      return { code: `${this.use('char_store', 'lib/string.ts')}(${buf.code}, ${idx}, ${this.convert(this.expr(rn), INT, rn).code})`, type: INT, prec: PREC.call };
    }
    // p += n over an indexed array of scalars or pointers (argv += used): a view from there on.
    if ((op === '+=' || op === '-=') && lt.k === 'ptr' && lt.many === true && !['void', 'char'].includes(this.resolve(lt.to).k)) {
      const l0 = this.lvalue(ln);
      const r0 = this.convert(this.expr(rn), INT, rn);
      return { code: `${l0.code} = ${this.use('array_view', 'lib/c-pointers.ts')}(${l0.code}, ${op === '-=' ? '-' : ''}${this.operand(r0, PREC.unary)})`, type: lt, prec: PREC.assign };
    }
    if ((op === '+=' || op === '-=') && lt.k === 'ptr' && !['void', 'char'].includes(this.resolve(lt.to).k)) {
      return this.problem(n, 'pointer arithmetic', `${this.cText(n)}: add a rewrite for it in kernel-model/c/annotations.ts`);
    }
    const l = this.lvalue(ln);
    if (op === '=' && lt.k === 'struct') {
      // Struct assignment copies the members into the destination, which keeps its identity.
      const r = rn.type === 'compound_literal_expression' ? this.expr(rn) : this.expr(rn);
      return { code: `${this.use('struct_assign', 'lib/c-pointers.ts')}(${l.code}, ${r.code})`, type: lt, prec: PREC.call };
    }
    const jsop = ASSIGN_OPS[op];
    if (jsop === undefined) return this.problem(n, `operator ${op}`, 'an assignment operator the translator does not know');
    if (op === '/=' && isInt(lt)) {
      const r = this.convert(this.expr(rn), lt, rn);
      return { code: `${l.code} = Math.trunc(${this.operand(l, PREC.multiplicative)} / ${this.operand(r, PREC.multiplicative + 1)})`, type: lt, prec: PREC.assign };
    }
    if (op !== '=' && lt.k === 'bool') {
      // C computes a bool's |= &= ^= on ints and converts back.
      const r = this.convert(this.expr(rn), INT, rn);
      return { code: `${l.code} = Boolean(Number(${l.code}) ${op.slice(0, -1)} ${this.operand(r, PREC.bitand + 1)})`, type: lt, prec: PREC.assign };
    }
    const r = op === '=' ? this.exprAs(rn, lt) : this.convert(this.expr(rn), lt, rn).code;
    if ((op === '<<=' || op === '>>=') && lt.k === 'int' && lt.bits > 32 && !/\+\+|--/.test(l.code)) {
      // A 64-bit shift is arithmetic on doubles, as the binary operator is.
      const rr = this.operand(this.convert(this.expr(rn), INT, rn), PREC.unary);
      return op === '<<='
        ? { code: `${l.code} = ${this.operand(l, PREC.multiplicative)} * 2 ** ${rr}`, type: lt, prec: PREC.assign }
        : { code: `${l.code} = Math.floor(${this.operand(l, PREC.multiplicative)} / 2 ** ${rr})`, type: lt, prec: PREC.assign };
    }
    if ((op === '|=' || op === '^=' || op === '&=' || op === '<<=') && lt.k === 'int' && lt.unsigned && lt.bits <= 64 && !/\+\+|--/.test(l.code)) {
      if (op !== '<<=' || lt.bits <= 32) {
        // An unsigned flag word stays >= 0 (JavaScript's bitwise result is signed 32-bit).
        return { code: `${l.code} = (${l.code} ${op.slice(0, -1)} ${r}) >>> 0`, type: lt, prec: PREC.assign };
      }
    }
    return { code: `${l.code} ${jsop} ${r}`, type: lt, prec: PREC.assign };
  }

  private field(n: Node): Emitted {
    const an = n.childForFieldName('argument') as Node;
    const a = this.expr(an);
    const field = n.childForFieldName('field')?.text ?? '';
    const type = this.typeOf(n);
    // p->f on an indexed pointer (the model's array) is p[0].f.
    const at = this.resolve(this.typeOf(an));
    const arrow = n.children.some((c) => c !== null && c.text === '->');
    const code = arrow && at.k === 'ptr' && at.many === true ? `${this.operand(a, PREC.call)}[0].${field}` : `${this.operand(a, PREC.call)}.${field}`;
    // A runtime struct holds a world's struct through an untyped pointer (task_struct's plug,
    // bio_list, io_context): read as the base's type. Not on the left of an assignment.
    let owner = this.resolve(this.typeOf(an));
    if (owner.k === 'ptr') owner = this.resolve(owner.to);
    const ft = this.resolve(type);
    const pointsToWorld = ft.k === 'ptr' && this.resolve(ft.to).k === 'struct' && runtimeStruct((this.resolve(ft.to) as { tag: string }).tag) === undefined;
    const isLvalue = n.parent?.type === 'assignment_expression' && n.parent.childForFieldName('left')?.id === n.id;
    if (owner.k === 'struct' && runtimeStruct(owner.tag) !== undefined && pointsToWorld && !isLvalue) {
      return { code: `(${code} as ${this.tsType(type)})`, type, prec: PREC.primary };
    }
    return { code, type, prec: PREC.call };
  }

  private cast(n: Node, mode: Mode): Emitted {
    const t = typeDescriptor(n.childForFieldName('type') as Node, (x) => this.constValue(x));
    const vn = n.childForFieldName('value') as Node;
    const r = this.resolve(t);
    if (r.k === 'void') return this.expr(vn, mode);
    const e = this.expr(vn, mode);
    const from = this.resolve(e.type);
    if (r.k === 'bool') return this.convert(e, BOOL, vn);
    if (isInt(r) && isInt(from)) return { ...e, type: t };
    if (isInt(r) && from.k === 'bool') return this.convert(e, t, vn);
    if (r.k === 'ptr' && from.k === 'ptr' && this.resolve(r.to).k === 'char') return this.convert(e, t, vn);
    if (r.k === 'ptr' && from.k === 'ptr') {
      const to = this.resolve(r.to);
      const fromTo = this.resolve(from.to);
      if (to.k === 'void' || typeText(to) === typeText(fromTo)) return { ...e, type: t };
      return { code: `${this.operand(e, PREC.call)} as unknown as ${this.tsType(t)}`, type: t, prec: PREC.assign };
    }
    if (isInt(r) && from.k === 'ptr') return { code: `${this.operand(e, PREC.call)} as unknown as number`, type: t, prec: PREC.assign };
    if (r.k === 'ptr' && isInt(from)) return this.convert(e, t, vn);
    return { ...e, type: t };
  }

  private sizeofExpr(n: Node): Emitted {
    const typeNode = n.childForFieldName('type');
    const valueNode = n.childForFieldName('value');
    // `sizeof(sector_t)`: a typedef name the grammar took for an expression.
    const bare = valueNode?.type === 'parenthesized_expression' ? valueNode.namedChildren[0] : null;
    const typedefName = bare?.type === 'identifier' && this.lookup(bare.text) === undefined && this.world.globalIn(bare.text, this.fn.file) === undefined ? this.world.corpus.typedef(bare.text) : undefined;
    const t = typeNode ? typeDescriptor(typeNode, (x) => this.constValue(x)) : typedefName !== undefined ? typedefName : valueNode ? this.typeOf(valueNode) : UNKNOWN;
    const r = this.resolve(t);
    if (r.k === 'struct') {
      return { code: `${this.use('sizeof', 'lib/kstruct.ts')}(${this.structDescriptor(r, n)})`, type: { k: 'unknown', text: `sizeof ${r.tag}` }, prec: PREC.call };
    }
    const size = sizeOfType(r, this.world.corpus);
    if (size === null) return this.problem(n, 'sizeof', `the size of ${typeText(t)}`);
    return { code: String(size), type: ULONG, prec: PREC.primary };
  }

  private call(n: Node, mode: Mode): Emitted {
    const callee = n.childForFieldName('function') as Node;
    const args = this.args(n);
    if (callee.type === 'identifier' && callee.text === '__offsetof') return this.offsetOf(n, args);
    if (callee.type === 'identifier') {
      const name = callee.text;
      if (this.lookup(name) === undefined) {
        const idiom = this.idiomFor(name);
        if (idiom !== undefined) return this.idiomCall(name, idiom, args, n, mode);
        const decl = DECLARATION_INITIALIZERS[name];
        if (decl !== undefined) return decl.emit(this, args, n);
        const ref = this.calleeRef(name);
        if (ref) {
          const code = `${ref.code}(${args.map((a, i) => (ref.params[i] ? this.exprAs(a, ref.params[i]) : this.expr(a).code)).join(', ')})`;
          if (ref.gen) {
            this.yields();
            return { code: `yield* ${code}`, type: ref.ret, prec: PREC.yield };
          }
          return { code, type: ref.ret, prec: PREC.call };
        }
        return this.problem(n, `call to ${name}`, 'not defined in the base C and not in the idiom table: add it to harness/translate/idioms.ts');
      }
    }
    // A call through a function pointer: every callback in the model is a generator.
    const f = this.expr(callee);
    const ft = this.resolve(f.type);
    const fnType = ft.k === 'ptr' ? this.resolve(ft.to) : ft;
    const params = fnType.k === 'func' ? fnType.params.map((p) => p.type) : [];
    const ret = fnType.k === 'func' ? fnType.ret : UNKNOWN;
    this.yields();
    return { code: `yield* ${this.operand(f, PREC.call)}(${args.map((a, i) => (params[i] ? this.exprAs(a, params[i]) : this.expr(a).code)).join(', ')})`, type: ret, prec: PREC.yield };
  }

  /**
   * offsetof(struct T, a.b[i]) (the preprocessor writes it `__offsetof(__type_struct_T, a.b[i])`):
   * the member's byte offset on x86_64; a run-time index adds its elements' size times it.
   */
  private offsetOf(n: Node, args: Node[]): Emitted {
    const m = /^__type_struct_(\w+)$/.exec(this.cText(args[0]));
    if (m === null || args[1] === undefined) return this.problem(n, 'offsetof', 'the type argument is not `struct name`');
    const path: { name: string; index: number }[] = [];
    let dynamic: { index: Node; elem: number } | null = null;
    const visit = (x: Node): boolean => {
      if (x.type === 'identifier' || x.type === 'field_identifier') {
        path.push({ name: x.text, index: 0 });
        return true;
      }
      if (x.type === 'field_expression') {
        return visit(x.childForFieldName('argument') as Node) && visit(x.childForFieldName('field') as Node);
      }
      if (x.type === 'subscript_expression') {
        if (!visit(x.childForFieldName('argument') as Node)) return false;
        const idx = x.childForFieldName('index') as Node;
        const v = this.constValue(idx);
        const lastStep = path[path.length - 1];
        if (v !== null) {
          lastStep.index = v;
          lastStep.name = `${lastStep.name}`;
          return true;
        }
        if (dynamic !== null) return false;
        dynamic = { index: idx, elem: 0 };
        return true;
      }
      return false;
    };
    if (!visit(args[1])) return this.problem(n, 'offsetof', `the member ${this.cText(args[1])}`);
    const off = offsetOfMember(m[1], path, this.world.corpus);
    if (off === null) return this.problem(n, 'offsetof', `the offset of ${this.cText(args[1])} in struct ${m[1]}`);
    if (dynamic === null) return { code: String(off), type: ULONG, prec: PREC.primary };
    // A run-time index: the array's element size from the member's declared type.
    const d = dynamic as { index: Node; elem: number };
    const s = this.world.corpus.struct(m[1]);
    const f = s?.fields.find((x) => x.name === path[path.length - 1].name);
    const r = f ? this.resolve(f.type) : null;
    const elem = r !== null && r.k === 'array' ? sizeOfType(r.of, this.world.corpus) : null;
    if (elem === null) return this.problem(n, 'offsetof', `the element size of ${this.cText(args[1])}`);
    return { code: `${off} + ${elem} * ${this.operand(this.expr(d.index), PREC.multiplicative + 1)}`, type: ULONG, prec: PREC.additive };
  }

  private idiomCall(name: string, idiom: (typeof IDIOMS)[string], args: Node[], n: Node, mode: Mode): Emitted {
    switch (idiom.kind) {
      case 'drop':
        return { code: `void 0 /* ${name}: ${idiom.why} */`, type: VOID, prec: PREC.unary };
      case 'custom':
        return idiom.emit(this, args, n);
      case 'iterator':
        return this.problem(n, name, 'an iterator macro outside a loop header');
      case 'call': {
        const [head, ...rest] = idiom.ts.split('.');
        const calleeCode = [this.use(head, idiom.module), ...rest].join('.');
        const code = `${calleeCode}(${args.map((a, i) => (idiom.params?.[i] ? this.exprAs(a, idiom.params[i]) : this.expr(a).code)).join(', ')})`;
        void mode;
        if (idiom.gen) {
          this.yields();
          return { code: `yield* ${code}`, type: idiom.ret, prec: PREC.yield };
        }
        return { code, type: idiom.ret, prec: PREC.call };
      }
    }
  }
}

/** NULL's type: a pointer to nothing in particular, converted to any pointer without a cast. */
const NULL_TYPE: CType = ptrTo({ k: 'unknown', text: 'NULL' });

/** Whether the C's parentheses around `inner` are kept: an operand of an operator, not a whole condition or argument. */
function keepsParens(paren: Node, inner: Node): boolean {
  const p = paren.parent;
  if (p === null) return false;
  const operand = p.type === 'binary_expression' || p.type === 'unary_expression' || p.type === 'cast_expression' || p.type === 'conditional_expression';
  return operand && ['binary_expression', 'conditional_expression', 'assignment_expression'].includes(inner.type);
}

/** The labelled statement of `label` in a function body. */
function findLabel(body: Node, label: string): Node | null {
  let found: Node | null = null;
  walk(body, (x) => {
    if (found === null && x.type === 'labeled_statement' && x.childForFieldName('label')?.text === label) found = x;
  });
  return found;
}

/**
 * The statements that run from `label` on, to the end of the function: the labelled statement
 * and its following siblings, then those after each enclosing block. Null if a loop or switch
 * encloses the label (its continuation is the next iteration, not the following code).
 */
function continuation(body: Node, label: string): { statements: Node[]; declarations: Node[]; reachesEnd: boolean } | null {
  const target = findLabel(body, label);
  if (target === null) return null;
  const out: Node[] = [];
  const declarations: Node[] = [];
  let cur: Node = target;
  while (cur.id !== body.id) {
    const parent = cur.parent;
    if (parent === null) return null;
    if (['for_statement', 'while_statement', 'do_statement', 'switch_statement', 'case_statement'].includes(parent.type)) return null;
    if (parent.type === 'compound_statement') {
      const siblings = parent.namedChildren.filter((c): c is Node => c !== null);
      const i = siblings.findIndex((s) => s.id === cur.id);
      // Locals of enclosing blocks (not the function's own top level) declared before the jump target.
      if (parent.id !== body.id) declarations.unshift(...siblings.slice(0, i).filter((s) => s.type === 'declaration'));
      for (const s of siblings.slice(i + (cur.id === target.id ? 0 : 1))) {
        if (s.type === 'comment' && cur.id !== target.id) continue;
        out.push(s);
        // The continuation ends where control leaves for good.
        if (leaves(s)) return { statements: out, declarations, reachesEnd: false };
      }
    }
    cur = parent;
  }
  return { statements: out, declarations, reachesEnd: true };
}

/** A statement after which control never falls through: return or goto (through labels). */
function leaves(s: Node): boolean {
  if (s.type === 'labeled_statement') {
    const inner = s.namedChildren.filter((c): c is Node => c !== null && c.type !== 'statement_identifier');
    return inner.length > 0 && leaves(inner[inner.length - 1]);
  }
  return s.type === 'return_statement' || s.type === 'goto_statement';
}

/** Labels a statement can jump to: its gotos, and those of the code a goto into a block runs. */
function gotoClosure(n: Node, body: Node): Set<string> {
  const labels = new Set<string>();
  const visit = (x: Node, seen: Set<string>): void => {
    walk(x, (g) => {
      if (g.type !== 'goto_statement') return;
      const l = g.childForFieldName('label')?.text ?? '';
      if (labels.has(l)) return;
      labels.add(l);
      if (seen.has(l)) return;
      seen.add(l);
      const target = findLabel(body, l);
      // Only a label nested deeper than the function's top level continues elsewhere.
      if (target !== null && target.parent?.id !== body.id) for (const c of continuation(body, l)?.statements ?? []) visit(c, seen);
    });
  };
  visit(n, new Set());
  return labels;
}

/** `case __case_range(lo, hi):`, a GCC case range as the preprocessor leaves it. */
function isCaseRange(value: Node | null): value is Node {
  return value?.type === 'call_expression' && value.childForFieldName('function')?.text === '__case_range';
}

/** A break or continue that is not inside a loop or switch of its own. */
/** The C's loop statements. */
const LOOPS = ['for_statement', 'while_statement', 'do_statement'];

/** A goto target's wrapping: a labelled block (forward gotos) or a labelled loop (backward ones). */
interface GotoWrap {
  label: string;
  start: number;
  end: number;
  kind: 'forward' | 'backward';
  open: boolean;
  /** For a backward wrap holding bare breaks or continues: the label of the C loop they mean. */
  outer: string | null;
}

/** Whether a break or continue among these statements leaves or restarts the loop around them (a continue inside a switch does). */
function containsBareJump(nodes: Node[]): boolean {
  const visit = (n: Node, inSwitch: boolean): boolean => {
    if (n.type === 'continue_statement') return true;
    if (n.type === 'break_statement') return !inSwitch;
    if (LOOPS.includes(n.type)) return false;
    const switched = inSwitch || n.type === 'switch_statement';
    return n.namedChildren.some((c) => c !== null && visit(c, switched));
  };
  return nodes.some((n) => visit(n, false));
}

/**
 * A local the C only ever assigns (raid1's sync_request_write() sets `bio` and never reads it)
 * is read once after its declaration, so that TypeScript's unused-locals check accepts the C.
 */
function markWrittenOnly(body: string): string {
  return body.replace(/^(\s*)(let|const) (\w+)(: [^=]+)? = (.*);$/gm, (line, indent: string, _kw: string, name: string) => {
    // Not counting the name where it is a type (`let wbio: bio`, `as bio`).
    const all = body.match(new RegExp(`(?<!(: |as |<))\\b${name}\\b`, 'g'))?.length ?? 0;
    const writes = body.match(new RegExp(`\\b${name}\\s*(=(?!=)|\\+\\+|--|[-+*/|&^]=)`, 'g'))?.length ?? 0;
    const decl = 1;
    return all - writes - decl + 1 <= 0 ? `${line}\n${indent}void ${name}; /* only ever assigned */` : line;
  });
}

function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/;$/, '');
}

function numberLiteral(text: string): string {
  const t = text.replace(/[uUlL]+$/, '');
  if (/^0[0-7]+$/.test(t)) return `0o${t.slice(1)}`;
  return t;
}

function charCode(text: string): number {
  const inner = text.slice(1, -1);
  const escapes: Record<string, number> = { '\\n': 10, '\\t': 9, '\\0': 0, "\\'": 39, '\\\\': 92 };
  return escapes[inner] ?? inner.charCodeAt(0);
}

function stringValue(text: string): string {
  const inner = text.replace(/^"|"$/g, '');
  return inner.replace(/\\(n|t|"|\\|0)/g, (_m, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\', '0': '\0' })[c] ?? c);
}

function splitLast(code: string): [string, string] {
  const i = code.lastIndexOf('.');
  return [code.slice(0, i), code.slice(i + 1)];
}

export { indentBlock };
