// Test helpers for the translator: a corpus from C text in a scratch tree, the module the
// translator emits for it, and a way to run a pure translated function (one that imports
// nothing) to check what it computes rather than how it is spelled.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { type Corpus, loadCorpus } from '../../harness/translate/corpus.ts';
import { type ModuleText, emitModule } from '../../harness/translate/module-emit.ts';
import { runtimeIndex } from '../../harness/translate/runtime-index.ts';
import { World } from '../../harness/translate/world.ts';
import { ANNOTATIONS } from '../../kernel-model/c/annotations.ts';
import { max, min, umax, umin } from '../../kernel-model/include/linux/kernel.ts';
import { NULL, array_offset, array_view, ptr_address } from '../../kernel-model/lib/c-pointers.ts';

/** The pure helpers of the runtime a translated function may call and still run alone. */
const PURE_HELPERS: Record<string, unknown> = { min, max, umin, umax, array_view, array_offset, ptr_address, NULL };

/** A corpus of the given C files (path -> text), read as the v3.2 base's configuration. */
export async function corpusOf(files: Record<string, string>): Promise<Corpus> {
  const root = mkdtempSync(join(tmpdir(), 'lkml-c-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return loadCorpus('v3.2', root);
}

/** The world of `roots` over the files, and the module of `file` it emits. */
export async function translate(files: Record<string, string>, file: string, roots: string[]): Promise<{ world: World; module: ModuleText }> {
  const world = new World(await corpusOf(files), ANNOTATIONS);
  world.include(roots);
  world.markArrayPointers();
  const runtime = runtimeIndex();
  world.computeGenerators((name) => runtime.get(name)?.generator);
  return { world, module: emitModule(world, file) };
}

/** The text of one emitted function, from its `function` line to its closing brace. */
export function functionText(module: ModuleText, name: string): string {
  const m = new RegExp(`^function\\*? ${name}\\([\\s\\S]*?\\n\\}$`, 'm').exec(module.text);
  if (m === null) throw new Error(`no function ${name} in the emitted module:\n${module.text}`);
  return m[0];
}

/** Runs a translated function that imports nothing but PURE_HELPERS, compiled from its TypeScript. */
export function runPure<T>(module: ModuleText, name: string, ...args: unknown[]): T {
  return runProbed<T>(module, name, ...args).value;
}

/**
 * Runs a translated function that imports nothing (but loop_tick and PURE_HELPERS), with its branch probes (sim/branches.ts) on
 * an array of their own: what it returns and which of its probes, numbered from 0, it hit.
 */
export function runProbed<T>(module: ModuleText, name: string, ...args: unknown[]): { value: T; hits: number[] } {
  const text = functionText(module, name);
  const js = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const numbers = [...text.matchAll(/__br\[(\d+)\]/g)].map((m) => Number(m[1]));
  const first = numbers.length === 0 ? 0 : Math.min(...numbers);
  const probes = new Uint8Array(numbers.length === 0 ? 0 : Math.max(...numbers) + 1);
  // A loop's softlockup tick (sim/machine.ts) needs no machine here.
  const value = new Function('__br', 'loop_tick', ...Object.keys(PURE_HELPERS), `${js}\nreturn ${name};`)(probes, () => {}, ...Object.values(PURE_HELPERS))(...args) as T;
  const hits = [...probes.keys()].filter((k) => probes[k] !== 0).map((k) => k - first);
  return { value, hits };
}
