// The translator's preprocessing pass: what cpp would do, limited to what translation needs,
// and keeping every line where it was so that "file:line" in a message points into the C.
//
// - #if/#ifdef/#else/#endif are evaluated against the base's kernel configuration; inactive
//   code becomes blank lines.
// - #define lines are collected (object-like and function-like, with # and ##) and blanked.
//   Macros of the file and of the project headers it includes are expanded where used, unless
//   the idiom table names them (those are translated by name, like any kernel macro).
// - Annotations the model has no use for (__percpu, __rcu, __releases(x), EXPORT_SYMBOL(x);)
//   are blanked.
// - Three rewrites make kernel idioms parse as C: iterator macros (list_for_each_entry(...) {})
//   become `for (__iterate_NAME(...);;)`, a type given as a macro argument
//   (container_of(p, struct foo, m)) becomes the identifier `__type_struct_foo`, and declaration
//   macros (static DEFINE_SPINLOCK(x);) become declarations with a marker initializer.
// - GCC's case ranges (`case 2 ... 4:`) become `case __case_range(2, 4):`, which parses; the
//   switch that holds one is translated as a chain of comparisons.

import { type Token, lex, significant, splitArguments, tokensText } from './c-lexer.ts';

export interface MacroDef {
  name: string;
  /** Parameter names for a function-like macro; null for an object-like one. */
  params: string[] | null;
  variadic: boolean;
  body: Token[];
  /** The body as one line of text, comments dropped. */
  bodyText: string;
  file: string;
  line: number;
}

export interface PreprocessProblem {
  line: number;
  construct: string;
  detail: string;
}

export interface PreprocessOptions {
  file: string;
  /** CONFIG_* symbols that are set (=y); everything else is unset. */
  config: ReadonlySet<string>;
  /** Macros from headers this file includes, already collected. */
  inherited?: ReadonlyMap<string, MacroDef>;
  /** Macro names the idiom table translates: never expanded. */
  translatedByName: (name: string) => boolean;
  /** Iterator macros: `NAME(args) statement`. */
  iterators: ReadonlySet<string>;
  /** Macros whose arguments may be types. */
  typeArgMacros: ReadonlySet<string>;
  /** Declaration macros: NAME(x, ...) -> the declaration text to put instead ($1, $2 for args). */
  declarationMacros: ReadonlyMap<string, string>;
  /**
   * Integer typedefs and how C spells them (`sector_t` -> `unsigned long long`): a cast to one,
   * `(sector_t) -1`, would parse as a subtraction, so it is written with the spelling.
   */
  integerTypedefs?: ReadonlyMap<string, string>;
  /** Macros the model fixes (in `inherited`): the C's own #define of them is not taken. */
  pinned?: ReadonlySet<string>;
}

/** An initcall the file registers (module_init(fn), subsys_initcall(fn), ...). */
export interface Initcall {
  level: string;
  fn: string;
  line: number;
}

/** The initcall levels, in the order do_initcalls() runs them (module_init is device level). */
export const INITCALL_LEVELS: Readonly<Record<string, number>> = {
  core_initcall: 1,
  postcore_initcall: 2,
  arch_initcall: 3,
  subsys_initcall: 4,
  fs_initcall: 5,
  device_initcall: 6,
  module_init: 6,
  late_initcall: 7,
  /** Not an initcall: registered as the module's exit (sim/initcalls.ts world_exitcall) when the manifest brings the function in, run when a program unloads the modules. */
  module_exit: 99,
};

export interface Preprocessed {
  text: string;
  initcalls: Initcall[];
  /** Every macro defined by the file (active branches only), in order. */
  macros: Map<string, MacroDef>;
  problems: PreprocessProblem[];
}

/** Keywords that only annotate for sparse or the compiler. */
const BLANK_WORDS = new Set([
  '__percpu', '__rcu', '__read_mostly', '__init', '__exit', '__initdata', '__exitdata', '__cold', '__hot',
  'noinline', '__must_check', '__user', '__iomem', '__force', '__maybe_unused', '__used',
  '__cacheline_aligned', '__cacheline_aligned_in_smp', '____cacheline_aligned', '____cacheline_aligned_in_smp',
  '__deprecated', '__weak', 'asmlinkage', '__visible', '__sched', 'notrace', '__kprobes', '__lockfunc',
  '__devinit', '__devexit', '__cpuinit', '__meminit', '__ref', '__refdata', '__initconst', '__packed',
  '__bitwise', '__bitwise__', '__noreturn', 'noinline_for_stack', '__nocast', '__safe', '__pure',
]);

/** The compiler's spellings of inline: kept as `inline` (inline functions have no frame). */
const INLINE_WORDS = new Set(['__always_inline', '__inline__', '__inline']);

/** Annotations with an argument list: the name and its parenthesised arguments are blanked. */
const BLANK_CALLS = new Set(['__releases', '__acquires', '__attribute__', '__aligned', '__must_hold', '__cond_lock', '__section', '__printf']);

/** Top-level statements that register or describe a module: blanked with their semicolon. */
const BLANK_STATEMENTS = new Set([
  'EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL', 'MODULE_LICENSE', 'MODULE_AUTHOR', 'MODULE_DESCRIPTION', 'MODULE_ALIAS',
  'MODULE_PARM_DESC', 'module_param', 'module_param_named', 'module_init', 'module_exit', 'subsys_initcall',
  'late_initcall', 'core_initcall', 'fs_initcall', 'device_initcall', '__setup', 'early_param', 'postcore_initcall',
  'arch_initcall', 'EXPORT_TRACEPOINT_SYMBOL_GPL', 'EXPORT_TRACEPOINT_SYMBOL', 'MODULE_ALIAS_BLOCKDEV_MAJOR',
]);

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** Line numbers (1-based) of a text's offsets. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// --- conditional compilation ---------------------------------------------------------------

class CondEvaluator {
  constructor(
    private readonly config: ReadonlySet<string>,
    private readonly defined: (name: string) => MacroDef | undefined,
  ) {}

  evaluate(tokens: Token[]): number {
    const toks = significant(tokens);
    let i = 0;
    const peek = (): string | undefined => toks[i]?.text;
    const next = (): string => toks[i++]?.text ?? '';
    const primary = (): number => {
      const t = next();
      if (t === '(') {
        const v = ternary();
        next();
        return v;
      }
      if (t === '!') return primary() ? 0 : 1;
      if (t === '-') return -primary();
      if (t === 'defined') {
        const paren = peek() === '(';
        if (paren) next();
        const name = next();
        if (paren) next();
        return this.isDefined(name) ? 1 : 0;
      }
      if (t === 'IS_ENABLED' || t === 'IS_BUILTIN') {
        next();
        const name = next();
        next();
        return this.config.has(name) ? 1 : 0;
      }
      if (/^[0-9]/.test(t)) return Number.parseInt(t.replace(/[uUlL]+$/, ''), t.startsWith('0x') ? 16 : 10);
      if (this.config.has(t)) return 1;
      const m = this.defined(t);
      if (m && m.params === null) {
        const v = Number.parseInt(m.bodyText, 10);
        return Number.isNaN(v) ? 1 : v;
      }
      return 0;
    };
    const binary = (ops: Record<string, (a: number, b: number) => number>, sub: () => number): (() => number) => () => {
      let v = sub();
      while (peek() !== undefined && ops[peek() as string]) {
        const op = ops[next()];
        v = op(v, sub());
      }
      return v;
    };
    const rel = binary({ '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) }, primary);
    const eq = binary({ '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) }, rel);
    const and = binary({ '&&': (a, b) => +(a !== 0 && b !== 0) }, eq);
    const or = binary({ '||': (a, b) => +(a !== 0 || b !== 0) }, and);
    const ternary = (): number => {
      const c = or();
      if (peek() !== '?') return c;
      next();
      const a = ternary();
      next();
      const b = ternary();
      return c ? a : b;
    };
    return ternary();
  }

  isDefined(name: string): boolean {
    return this.config.has(name) || this.defined(name) !== undefined;
  }
}

// --- the pass ---------------------------------------------------------------------------------

interface Directive {
  name: string;
  rest: Token[];
  start: number;
  end: number;
}

/** Splits the token stream into directive lines and code, each directive with its extent. */
function directiveAt(tokens: Token[], i: number): { directive: Directive; next: number } | null {
  // A directive starts with '#' as the first significant token of a line.
  let j = i;
  while (j < tokens.length && tokens[j].kind === 'space') j++;
  if (tokens[j]?.text !== '#') return null;
  let k = j + 1;
  while (k < tokens.length && tokens[k].kind === 'space') k++;
  const name = tokens[k]?.kind === 'ident' ? tokens[k].text : '';
  let end = k + 1;
  while (end < tokens.length && tokens[end].kind !== 'newline') end++;
  return { directive: { name, rest: tokens.slice(k + 1, end), start: tokens[i].start, end: end < tokens.length ? tokens[end].start : Number.MAX_SAFE_INTEGER }, next: end };
}

function parseDefine(rest: Token[], file: string, line: number): MacroDef | null {
  let i = 0;
  while (rest[i]?.kind === 'space') i++;
  const nameTok = rest[i];
  if (nameTok?.kind !== 'ident') return null;
  i++;
  let params: string[] | null = null;
  let variadic = false;
  if (rest[i]?.text === '(') {
    const split = splitArguments(rest, i + 1);
    if (split === null) return null;
    params = [];
    for (const a of split.args) {
      const t = tokensText(a);
      if (t === '...') {
        variadic = true;
        params.push('__VA_ARGS__');
      } else if (t.endsWith('...')) {
        variadic = true;
        params.push(t.slice(0, -3).trim());
      } else params.push(t);
    }
    i = split.close + 1;
  }
  const body = rest.slice(i).filter((t) => t.kind !== 'comment');
  return { name: nameTok.text, params, variadic, body, bodyText: tokensText(body), file, line };
}

/** `case A ... B:` -> `case __case_range(A, B):` (same lines, so positions keep). */
export function rewriteCaseRanges(source: string): string {
  return source.replace(/\bcase([^:;{}]+?)\.\.\.([^:;{}]+?):/g, (_m, lo: string, hi: string) => `case __case_range(${lo.trim()}, ${hi.trim()}):`);
}

export function preprocess(source: string, opts: PreprocessOptions): Preprocessed {
  const tokens = lex(rewriteCaseRanges(source));
  const lineOf = lineIndex(source);
  const macros = new Map<string, MacroDef>();
  const problems: PreprocessProblem[] = [];
  // Each definition of the file holds from its line until an #undef (CFQ_CFQQ_FNS is defined,
  // used and undefined again); macros of the headers hold everywhere.
  const scoped: { def: MacroDef; until: number }[] = [];
  const lookupAt = (name: string, line: number): MacroDef | undefined => {
    for (let i = scoped.length - 1; i >= 0; i--) {
      const s = scoped[i];
      if (s.def.name === name && s.def.line < line && line < s.until) return s.def;
    }
    return opts.inherited?.get(name);
  };
  // A file's own macros seen in an earlier pass (its include guard) do not count as defined
  // before the file defines them.
  const lookupForIf = (name: string): MacroDef | undefined => {
    const own = macros.get(name);
    if (own !== undefined) return own;
    const inh = opts.inherited?.get(name);
    return inh !== undefined && inh.file !== opts.file ? inh : undefined;
  };
  const cond = new CondEvaluator(opts.config, lookupForIf);

  // Pass 1: directives and conditional compilation. `active[i]` says whether token i is kept.
  const keep = new Array<boolean>(tokens.length).fill(true);
  const stack: { active: boolean; taken: boolean; parentActive: boolean }[] = [];
  const isActive = (): boolean => stack.every((s) => s.active);
  let atLineStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (atLineStart) {
      const d = directiveAt(tokens, i);
      if (d !== null) {
        const { directive } = d;
        for (let k = i; k < d.next; k++) keep[k] = false;
        const line = lineOf(directive.start);
        switch (directive.name) {
          case 'if':
          case 'ifdef':
          case 'ifndef': {
            const parentActive = isActive();
            let v: boolean;
            if (directive.name === 'if') v = cond.evaluate(directive.rest) !== 0;
            else {
              const name = significant(directive.rest)[0]?.text ?? '';
              v = cond.isDefined(name) === (directive.name === 'ifdef');
            }
            stack.push({ active: v, taken: v, parentActive });
            break;
          }
          case 'elif': {
            const top = stack[stack.length - 1];
            if (top === undefined) break;
            const v = !top.taken && cond.evaluate(directive.rest) !== 0;
            top.active = v;
            top.taken ||= v;
            break;
          }
          case 'else': {
            const top = stack[stack.length - 1];
            if (top === undefined) break;
            top.active = !top.taken;
            top.taken = true;
            break;
          }
          case 'endif':
            stack.pop();
            break;
          case 'define':
            if (isActive()) {
              const m = parseDefine(directive.rest, opts.file, line);
              const pinned = m && opts.pinned?.has(m.name) ? opts.inherited?.get(m.name) : undefined;
              if (m && pinned !== undefined) {
                // Defined here, with the model's value (corpus.ts MODEL_MACROS says why).
                const def = { ...pinned, file: m.file, line: m.line };
                macros.set(m.name, def);
                scoped.push({ def, until: Number.MAX_SAFE_INTEGER });
              } else if (m) {
                macros.set(m.name, m);
                scoped.push({ def: m, until: Number.MAX_SAFE_INTEGER });
              }
              else problems.push({ line, construct: '#define', detail: 'could not read this macro definition' });
            }
            break;
          case 'undef':
            if (isActive()) {
              const name = significant(directive.rest)[0]?.text ?? '';
              macros.delete(name);
              for (const s of scoped) if (s.def.name === name && s.until === Number.MAX_SAFE_INTEGER) s.until = line;
            }
            break;
          default:
            break;
        }
        i = d.next - 1;
        atLineStart = false;
        continue;
      }
    }
    if (!isActive() && t.kind !== 'newline') keep[i] = false;
    atLineStart = t.kind === 'newline';
  }

  // The kept text, with everything else blanked in place.
  let text = '';
  for (let i = 0; i < tokens.length; i++) text += keep[i] ? tokens[i].text.replace(/^\\(\r?\n)$/, ' $1') : blank(tokens[i].text);

  // Pass 2: rewrites and macro expansion on the code that is left, repeated until stable (an
  // expansion may reveal another macro or idiom).
  const initcalls: Initcall[] = [];
  for (let round = 0; round < 8; round++) {
    const next = rewriteOnce(text, opts, lookupAt, problems, lineIndex(text), round === 0 ? initcalls : []);
    if (next === text) break;
    text = next;
  }
  return { text, initcalls, macros, problems };
}

const PRIMITIVE_WORDS = new Set(['unsigned', 'signed', 'int', 'long', 'short', 'char', 'void', 'bool', '_Bool']);

/** True when the tokens are a type: `struct foo`, `struct foo *`, `union bar`, `unsigned int`. */
function typeArgument(arg: Token[], typedefs?: ReadonlyMap<string, string>): string | null {
  const sig = significant(arg);
  if (sig.length >= 2 && (sig[0].text === 'struct' || sig[0].text === 'union' || sig[0].text === 'enum') && sig[1].kind === 'ident') {
    const stars = sig.slice(2);
    if (stars.every((s) => s.text === '*')) return `__type_${sig[0].text}_${sig[1].text}${'__ptr'.repeat(stars.length)}`;
  }
  const words = sig.filter((s) => s.text !== '*');
  if (words.length > 0 && words.every((w) => PRIMITIVE_WORDS.has(w.text)) ) return `__type_prim_${words.map((w) => w.text).join('_')}`;
  if (words.length === 1 && typedefs?.has(words[0].text)) return `__type_prim_${(typedefs.get(words[0].text) as string).replace(/ /g, '_')}`;
  return null;
}

/** The significant token at or before index `i`. */
function previousSignificant(tokens: readonly Token[], i: number): Token | undefined {
  let j = i;
  while (j >= 0 && (tokens[j].kind === 'space' || tokens[j].kind === 'newline' || tokens[j].kind === 'comment')) j--;
  return j >= 0 ? tokens[j] : undefined;
}

/** Tokens that can start the operand of a cast. */
function startsOperand(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.kind === 'ident' || t.kind === 'number' || t.kind === 'char' || t.kind === 'string') return true;
  return t.kind === 'punct' && ['(', '-', '~', '!', '*', '&', '+'].includes(t.text);
}

function substitute(m: MacroDef, args: Token[][], lookup: (n: string) => MacroDef | undefined): string {
  const params = m.params ?? [];
  const argText = (name: string): string | null => {
    const idx = params.indexOf(name);
    if (idx < 0) return null;
    if (m.variadic && idx === params.length - 1) return args.slice(idx).map(tokensText).join(', ');
    return tokensText(args[idx] ?? []);
  };
  const body = m.body;
  const parts: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const t = body[i];
    if (t.kind === 'space' || t.kind === 'newline') {
      parts.push(' ');
      continue;
    }
    if (t.text === '#' && body[i + 1]?.kind === 'ident' && argText(body[i + 1].text) !== null) {
      parts.push(JSON.stringify(argText(body[i + 1].text)));
      i++;
      continue;
    }
    if (t.text === '##') {
      // Token pasting: drop the spaces around it.
      while (parts.length > 0 && parts[parts.length - 1] === ' ') parts.pop();
      let j = i + 1;
      while (body[j]?.kind === 'space') j++;
      const nt = body[j];
      if (nt === undefined) continue;
      const pasted = nt.kind === 'ident' ? (argText(nt.text) ?? nt.text) : nt.text;
      // `, ## __VA_ARGS__` with no variadic arguments drops the comma (GNU).
      if (pasted === '' && parts[parts.length - 1] === ',') parts.pop();
      parts.push(pasted);
      i = j;
      continue;
    }
    parts.push(t.kind === 'ident' ? (argText(t.text) ?? t.text) : t.text);
  }
  void lookup;
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function rewriteOnce(
  text: string,
  opts: PreprocessOptions,
  lookupAt: (n: string, line: number) => MacroDef | undefined,
  problems: PreprocessProblem[],
  lineOf: (offset: number) => number,
  initcalls: Initcall[],
): string {
  const tokens = lex(text);
  const out: string[] = [];
  let depthBraces = 0;
  // Replaces tokens [i, close] with `replacement`, keeping the newlines the span had.
  const newlinesIn = (from: number, to: number): string => '\n'.repeat((text.slice(tokens[from].start, tokens[to].start + tokens[to].text.length).match(/\n/g) ?? []).length);
  const nextSignificant = (from: number): number => {
    let j = from;
    while (j < tokens.length && (tokens[j].kind === 'space' || tokens[j].kind === 'newline' || tokens[j].kind === 'comment')) j++;
    return j;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if (t.text === '{') depthBraces++;
      if (t.text === '}') depthBraces--;
      // A cast to an integer typedef: `(sector_t) -1` -> `(unsigned long long) -1`.
      if (t.text === '(' && opts.integerTypedefs !== undefined) {
        const id = nextSignificant(i + 1);
        const close = nextSignificant(id + 1);
        const spelling = tokens[id]?.kind === 'ident' ? opts.integerTypedefs.get(tokens[id].text) : undefined;
        if (spelling !== undefined && tokens[close]?.text === ')' && startsOperand(tokens[nextSignificant(close + 1)])) {
          out.push(`(${spelling} /* ${tokens[id].text} */)`);
          i = close;
          continue;
        }
      }
    }
    if (t.kind !== 'ident') {
      out.push(t.text);
      continue;
    }
    const name = t.text;
    const open = nextSignificant(i + 1);
    const hasArgs = tokens[open]?.text === '(';
    const split = hasArgs ? splitArguments(tokens, open + 1) : null;

    if (BLANK_WORDS.has(name)) {
      out.push(blank(name));
      continue;
    }
    if (INLINE_WORDS.has(name)) {
      out.push(`inline${blank(name.slice('inline'.length))}`);
      continue;
    }
    if (BLANK_CALLS.has(name) && split !== null) {
      out.push(blank(text.slice(t.start, tokens[split.close].start + 1)));
      i = split.close;
      continue;
    }
    if (BLANK_STATEMENTS.has(name) && split !== null && depthBraces === 0) {
      if (INITCALL_LEVELS[name] !== undefined) initcalls.push({ level: name, fn: tokensText(split.args[0] ?? []), line: lineOf(t.start) });
      let end = split.close;
      const semi = nextSignificant(end + 1);
      if (tokens[semi]?.text === ';') end = semi;
      out.push(blank(text.slice(t.start, tokens[end].start + tokens[end].text.length)));
      i = end;
      continue;
    }
    if (split !== null && opts.declarationMacros.has(name)) {
      const template = opts.declarationMacros.get(name) as string;
      const args = split.args.map(tokensText);
      const decl = template.replace(/\$(\d)/g, (_m, d: string) => args[Number(d) - 1] ?? '');
      out.push(decl + newlinesIn(i, split.close));
      i = split.close;
      continue;
    }
    if (split !== null && opts.iterators.has(name)) {
      const after = nextSignificant(split.close + 1);
      if (tokens[after]?.text !== ';') {
        out.push(`for (__iterate_${name}(${split.args.map(tokensText).join(', ')});;)` + newlinesIn(i, split.close));
        i = split.close;
        continue;
      }
    }
    if (split !== null && opts.typeArgMacros.has(name)) {
      const args = split.args.map((a) => typeArgument(a, opts.integerTypedefs) ?? tokensText(a));
      if (split.args.some((a) => typeArgument(a, opts.integerTypedefs) !== null)) {
        // offsetof(type, member[i]) is not a call to the C grammar: written as one, its member
        // path parses as an expression.
        out.push(`${name === 'offsetof' ? '__offsetof' : name}(${args.join(', ')})` + newlinesIn(i, split.close));
        i = split.close;
        continue;
      }
    }
    const m = lookupAt(name, lineOf(t.start));
    const lookup = (n: string): MacroDef | undefined => lookupAt(n, lineOf(t.start));
    if (m !== undefined && !opts.translatedByName(name)) {
      if (m.params !== null && split !== null) {
        if (!m.variadic && split.args.length !== m.params.length && !(m.params.length === 0 && split.args.length === 0)) {
          problems.push({ line: lineOf(t.start), construct: `macro ${name}`, detail: `called with ${split.args.length} arguments, defined with ${m.params.length}` });
        }
        // A macro used as a statement (part_stat_inc(...);) may expand to statements, possibly
        // only after its own expansion expands again: it is never parenthesised.
        const prev = previousSignificant(tokens, i - 1);
        const atStatement = prev === undefined || ['{', '}', ';', ':'].includes(prev.text) || prev.text === 'else' || (prev.text === ')' && tokens[nextSignificant(split.close + 1)]?.text === ';');
        const expansion = substitute(m, split.args, lookup);
        out.push((atStatement ? expansion : parenthesise(expansion)) + newlinesIn(i, split.close));
        i = split.close;
        continue;
      }
      if (m.params === null && !isConstantMacro(m)) {
        out.push(substitute(m, [], lookup));
        continue;
      }
    }
    out.push(t.text);
  }
  return out.join('');
}

/**
 * An expansion that is an expression keeps its precedence in parentheses; one that is
 * statements or definitions (a do-while(0) body, THROTL_TG_FNS's functions) stays as it is.
 */
function parenthesise(expansion: string): string {
  const statements = /^(static|for|if|do|while|switch|return|struct|union|enum|void|int|unsigned|bool|const)\b/.test(expansion) || /[;{}]/.test(expansion);
  // A string literal stays bare: C joins it with its neighbours ("biovec-" __stringify(1)).
  const literal = /^\s*"(?:[^"\\]|\\.)*"\s*$/.test(expansion);
  return statements || literal || isOneCall(expansion) ? expansion : `(${expansion})`;
}

/** `name(...)` and nothing else: a call binds tighter than anything around it. */
function isOneCall(text: string): boolean {
  const m = /^\s*\w+\s*\(/.exec(text);
  if (m === null) return false;
  let depth = 0;
  const body = text.trimEnd();
  for (let i = m[0].length - 1; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === "'") {
      // Skip a literal.
      for (i++; i < body.length && body[i] !== c; i++) if (body[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === body.length - 1;
  }
  return false;
}

/** An object-like macro the translator keeps as a named constant: a number or constant expression. */
export function isConstantMacro(m: MacroDef): boolean {
  if (m.params !== null || m.bodyText === '') return false;
  const sig = significant(m.body);
  // An alias of one name (BIO_BUG_ON -> BUG_ON, RW_MASK -> REQ_WRITE) is expanded instead.
  if (sig.length === 1 && sig[0].kind === 'ident') return false;
  // sizeof(scalar type) is a constant too (dm-table.c's KEYS_PER_NODE: NODE_SIZE / sizeof(sector_t)).
  const sizeofArg = (i: number): boolean => i >= 2 && sig[i - 2].kind === 'ident' && sig[i - 2].text === 'sizeof' && sig[i - 1].text === '(';
  return sig.every((t, i) => t.kind === 'number' || t.kind === 'char' || (t.kind === 'ident' && (/^[A-Z_][A-Z0-9_]*$/.test(t.text) || t.text === 'sizeof' || sizeofArg(i))) || (t.kind === 'punct' && /^([-+*/%()<>|&~^!]|<<|>>)$/.test(t.text)));
}
