// Recognises the C constructs that decide which function a diff line belongs to: the start of a
// function definition, a prototype, a struct/union/enum definition, a #define, and top-level
// statements such as EXPORT_SYMBOL(). This is pattern work over kernel-style C, not a parser:
// it has to work on hunk fragments, and on archive text whose indentation is gone, so every
// rule leans on what separates a definition from a call (a type before the name, declared
// parameters, a brace rather than a semicolon after the parameter list).

export type Construct =
  | { kind: 'function'; name: string }
  | { kind: 'prototype'; name: string }
  | { kind: 'struct'; name: string }
  | { kind: 'macro'; name: string; functionLike: boolean }
  | { kind: 'top-level-statement' };

/** Words that can stand before '(' but never name a function being defined. */
const NOT_FUNCTION_NAMES = new Set([
  'if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'goto', 'typeof', '__typeof__',
  'defined', '__attribute__', 'asm', '__asm__', 'alignof', '_Alignof', 'offsetof', 'likely', 'unlikely',
]);

/** Words that cannot appear in the return type in front of a function's name. */
const NOT_TYPE_WORDS = new Set(['return', 'else', 'case', 'goto', 'if', 'while', 'for', 'do', 'switch', 'typedef', 'sizeof']);

/** Macros that only appear at file scope, so a line starting with one is outside any function. */
const TOP_LEVEL_MACRO = /^(?:EXPORT_SYMBOL\w*|EXPORT_TRACEPOINT_SYMBOL\w*|module_\w+|MODULE_\w+|\w*initcall\w*|__setup|core_param|early_param)\s*\(/;

export interface Signature {
  name: string;
  /** Everything before the name: storage class and return type. */
  prefix: string;
  params: string;
  /** Text after the closing parenthesis. */
  rest: string;
}

/** Splits "static struct x *name(params) rest" at the first '('; null if its parens do not close. */
export function splitSignature(text: string): Signature | null {
  const open = text.indexOf('(');
  if (open < 0) return null;
  const before = text.slice(0, open);
  const nameMatch = /([A-Za-z_]\w*)\s*$/.exec(before);
  if (nameMatch === null) return null;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) {
      return {
        name: nameMatch[1] ?? '',
        prefix: before.slice(0, nameMatch.index).trim(),
        params: text.slice(open + 1, i),
        rest: text.slice(i + 1).trim(),
      };
    }
  }
  return null;
}

/** A return type: identifiers and stars only, none of them a statement keyword. */
export function isTypePrefix(prefix: string): boolean {
  if (!/^[A-Za-z_][\w\s*]*$/.test(prefix)) return false;
  return prefix.split(/[\s*]+/).every((word) => word === '' || !NOT_TYPE_WORDS.has(word));
}

function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Parameters that read as declarations ("struct bio_set *bs, gfp_t gfp"), not call arguments
 * ("cfqg, i, j, st" or "&tg->blkg"): each has a type and a name, or is void or "...".
 */
export function paramsLookDeclared(params: string): boolean {
  const trimmed = params.trim();
  if (trimmed === '' || trimmed === 'void') return true;
  return splitTopLevelCommas(trimmed).every((param) => {
    const p = param.trim();
    if (p === '...') return true;
    if (/^[\w\s*]*\(\s*\*\s*\w*\s*\)\s*\(.*\)$/.test(p)) return true; // function pointer
    if (!/^[\w\s*[\]]+$/.test(p)) return false;
    const words = p.replace(/\[[^\]]*\]/g, ' ').split(/[\s*]+/).filter((w) => w !== '');
    return words.length >= 2 && words.every((w) => !/^\d/.test(w));
  });
}

/** Whether what follows a parameter list opens a body: "{", or attributes and then "{". */
function opensBody(rest: string, nextLine: string | undefined): boolean | null {
  const afterAttributes = rest.replace(/^(?:__\w+(?:\([^)]*\))?\s*)*/, '');
  if (afterAttributes.startsWith('{')) return true;
  if (afterAttributes !== '') return false;
  if (nextLine === undefined) return null;
  return nextLine.trim().startsWith('{');
}

/**
 * What the line starting at `text` begins, given the lines that follow it on the same side of
 * the diff (a signature may span lines; the brace may be on the next line). `atColumnZero`
 * says whether the line's indentation can be trusted: definitions start at column 0 in
 * kernel style, but archive damage puts every line there.
 */
export function recognizeConstruct(text: string, following: readonly string[], indentationTrusted: boolean): Construct | null {
  if (indentationTrusted && /^\s/.test(text)) return null;
  const line = text.trim();
  if (line === '') return null;

  const define = /^#\s*define\s+([A-Za-z_]\w*)(\()?/.exec(line);
  if (define !== null) return { kind: 'macro', name: define[1] ?? '', functionLike: define[2] === '(' };
  if (line.startsWith('#')) return null;
  if (TOP_LEVEL_MACRO.test(line)) return { kind: 'top-level-statement' };

  const aggregate = /^(?:typedef\s+)?(?:static\s+)?(?:struct|union|enum)\s+([A-Za-z_]\w*)\s*(\{.*)?$/.exec(line);
  if (aggregate !== null && (aggregate[2] !== undefined || (following[0] ?? '').trim().startsWith('{'))) {
    return { kind: 'struct', name: aggregate[1] ?? '' };
  }

  // Join continuation lines until the parameter list closes (long signatures wrap).
  let joined = line;
  let used = 0;
  let signature = splitSignature(joined);
  while (signature === null && joined.includes('(') && used < following.length && used < 8) {
    joined = `${joined} ${(following[used] ?? '').trim()}`;
    used++;
    signature = splitSignature(joined);
  }
  if (signature === null || NOT_FUNCTION_NAMES.has(signature.name)) return null;
  if (signature.prefix.startsWith('extern ') || signature.prefix === 'extern') {
    return isTypePrefix(signature.prefix) ? { kind: 'prototype', name: signature.name } : null;
  }
  if (signature.prefix !== '' && !isTypePrefix(signature.prefix)) return null;
  if (signature.rest.startsWith(';') || signature.rest.endsWith(';')) {
    return signature.prefix !== '' && !signature.rest.includes('{') ? { kind: 'prototype', name: signature.name } : null;
  }
  // Without a return type in front, only declared parameters tell a definition from a call.
  if (signature.prefix === '' && !paramsLookDeclared(signature.params)) return null;
  if (signature.prefix !== '' && /->|[&"'=!<>?]|\.\w/.test(signature.params)) return null;
  const body = opensBody(signature.rest, following[used]);
  if (body === true) return { kind: 'function', name: signature.name };
  // A typed signature whose brace is beyond what the hunk shows is still a definition.
  if (body === null && signature.prefix !== '' && paramsLookDeclared(signature.params)) {
    return { kind: 'function', name: signature.name };
  }
  return null;
}

export type HunkHeaderMeaning =
  | { kind: 'function'; name: string; complete: boolean }
  | { kind: 'struct'; name: string }
  | { kind: 'outside-functions' }
  | { kind: 'unknown' };

/**
 * What the text after a hunk's second @@ names. diff prints the last line before the hunk that
 * starts with a letter, cut to 40 characters (GNU diff) or 80 (git), so a name can be cut
 * mid-identifier: `complete` says whether a '(' shows that it was not.
 */
export function readHunkHeader(headerText: string): HunkHeaderMeaning {
  const text = headerText.trim();
  if (text === '') return { kind: 'unknown' };
  if (TOP_LEVEL_MACRO.test(text)) return { kind: 'outside-functions' };
  if (/^extern\b/.test(text) || /;\s*$/.test(text)) return { kind: 'outside-functions' };
  const aggregate = /^(?:typedef\s+)?(?:static\s+)?(?:struct|union|enum)\s+([A-Za-z_]\w*)\s*\{?\s*$/.exec(text);
  if (aggregate !== null) return { kind: 'struct', name: aggregate[1] ?? '' };
  if (/=/.test(text.split('(')[0] ?? '')) return { kind: 'outside-functions' }; // an initialised variable
  const open = text.indexOf('(');
  if (open >= 0) {
    const before = text.slice(0, open);
    const name = /([A-Za-z_]\w*)\s*$/.exec(before);
    if (name === null || NOT_FUNCTION_NAMES.has(name[1] ?? '')) return { kind: 'unknown' };
    const prefix = before.slice(0, name.index).trim();
    if (prefix !== '' && !isTypePrefix(prefix)) return { kind: 'unknown' };
    return { kind: 'function', name: name[1] ?? '', complete: true };
  }
  // No '(' yet: a type-led line whose last identifier may have been cut by the tool.
  const trailing = /^([A-Za-z_][\w\s*]*[\s*])([A-Za-z_]\w*)$/.exec(text);
  if (trailing !== null && isTypePrefix((trailing[1] ?? '').trim())) {
    return { kind: 'function', name: trailing[2] ?? '', complete: false };
  }
  return { kind: 'unknown' };
}
