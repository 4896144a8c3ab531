// A small C lexer for the preprocessing pass: enough to tell identifiers, numbers, strings,
// character constants, comments, punctuation and newlines apart, so that macro rewriting never
// touches the inside of a comment or a string. Offsets are kept, so the pass can splice text
// and keep every line where it was.

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'comment' | 'punct' | 'space' | 'newline';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the token's first character in the lexed text. */
  start: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const PUNCT3 = ['<<=', '>>=', '...'];
const PUNCT2 = ['->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##'];

export function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const start = i;
    if (c === '\n') {
      out.push({ kind: 'newline', text: c, start });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      while (i < n && /[ \t\r\f\v]/.test(text[i])) i++;
      out.push({ kind: 'space', text: text.slice(start, i), start });
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // A line continuation: one space token (with its newline, so lines are kept) that keeps
      // a #define's lines one directive.
      i += text[i + 1] === '\r' ? 3 : 2;
      out.push({ kind: 'space', text: text.slice(start, i), start });
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out.push({ kind: 'comment', text: text.slice(start, i), start });
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      out.push({ kind: 'comment', text: text.slice(start, i), start });
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      out.push({ kind: c === '"' ? 'string' : 'char', text: text.slice(start, i), start });
    } else if (IDENT_START.test(c)) {
      while (i < n && IDENT_PART.test(text[i])) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), start });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[0-9A-Za-z_.]/.test(text[i])) i++;
      out.push({ kind: 'number', text: text.slice(start, i), start });
    } else {
      const three = text.slice(i, i + 3);
      const two = text.slice(i, i + 2);
      const p = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : c;
      i += p.length;
      out.push({ kind: 'punct', text: p, start });
    }
  }
  return out;
}

/** The tokens that carry meaning (no spaces, newlines or comments). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'newline' && t.kind !== 'comment');
}

/**
 * Splits a macro or call argument list at top-level commas. `tokens` starts just after the
 * opening parenthesis; returns the arguments and the index of the closing parenthesis, or null
 * when the list does not close.
 */
export function splitArguments(tokens: readonly Token[], from: number): { args: Token[][]; close: number } | null {
  const args: Token[][] = [[]];
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        if (depth === 0) {
          if (args.length === 1 && args[0].every((a) => a.kind === 'space' || a.kind === 'newline')) args.pop();
          return { args, close: i };
        }
        depth--;
      } else if (t.text === ',' && depth === 0) {
        args.push([]);
        continue;
      }
    }
    args[args.length - 1].push(t);
  }
  return null;
}

/** The text of a token run, with its comments dropped and its whitespace collapsed. */
export function tokensText(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => t.kind !== 'comment')
    .map((t) => (t.kind === 'space' || t.kind === 'newline' ? ' ' : t.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
