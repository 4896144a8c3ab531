// The C parser: tree-sitter's C grammar, run from its WebAssembly build (web-tree-sitter and
// tree-sitter-c from the npm registry; nothing is compiled or downloaded at install or run time).

import { createRequire } from 'node:module';
import { Language, type Node, Parser, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

let parser: Parser | null = null;

/** Loads the grammar once per process. */
export async function loadCParser(): Promise<void> {
  if (parser !== null) return;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const wasm = require.resolve('tree-sitter-c/tree-sitter-c.wasm');
  const C = await Language.load(wasm);
  parser = new Parser();
  parser.setLanguage(C);
}

/** Parses preprocessed C; loadCParser() must have run. */
export function parseC(text: string): Tree {
  if (parser === null) throw new Error('parseC: call loadCParser() first');
  const tree = parser.parse(text);
  if (tree === null) throw new Error('parseC: the parser returned no tree');
  return tree;
}

/** The parse errors of a subtree, as (1-based line, text) pairs. */
export function parseErrors(node: Node): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'ERROR' || n.isMissing) {
      out.push({ line: n.startPosition.row + 1, text: n.isMissing ? `missing ${n.type}` : n.text.split('\n')[0].slice(0, 60) });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c !== null) walk(c);
  };
  walk(node);
  return out;
}
