// Translates a base's world: the functions its manifest asks for and everything of the C they
// reach, into one module per C file, plus the header modules for the declarations they use.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Corpus, loadCorpus } from './corpus.ts';
import type { TranslationProblem } from './function-emit.ts';
import { type KeptFunction, type ModuleText, emitModule } from './module-emit.ts';
import { MODEL_ROOT } from './paths.ts';
import { runtimeIndex } from './runtime-index.ts';
import { World } from './world.ts';
import { ANNOTATIONS } from '../../kernel-model/c/annotations.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';

export interface WorldTranslation {
  base: string;
  world: World;
  modules: ModuleText[];
  problems: TranslationProblem[];
  /** Functions the manifest names that the base's C does not define. */
  missing: string[];
}

/** Reads the functions a module keeps by hand (tagged ported/simplified/model), by name. */
export function keptFunctions(module: string, names: ReadonlySet<string>): Map<string, KeptFunction> {
  const path = join(MODEL_ROOT, module);
  const kept = new Map<string, KeptFunction>();
  if (!existsSync(path) || names.size === 0) return kept;
  const text = readFileSync(path, 'utf8');
  // A function with its JSDoc: from "/**" to the closing brace at column 0.
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\n)?(?:export )?function\*? (\w+)\([\s\S]*?\n\}\n/g;
  for (const m of text.matchAll(re)) {
    const name = m[2];
    if (names.has(name) && /@port \S+ \S+ (ported|simplified|model)/.test(m[1] ?? '')) kept.set(name, { name, text: m[0].trimEnd() });
  }
  return kept;
}

/**
 * The world of a base over a corpus (the base's C, or the C as a patch leaves it): the
 * manifest's functions and all they reach, array pointers marked, generators known.
 */
export function buildWorld(corpus: Corpus): { world: World; missing: string[] } {
  const base = corpus.base;
  const world = new World(corpus, ANNOTATIONS);
  const manifest = MANIFEST[base];
  if (manifest === undefined) throw new Error(`no manifest for base ${base} in kernel-model/c/manifest.ts`);
  const roots = [...manifest.roots];
  for (const file of manifest.wholeFiles) {
    const unit = corpus.units.get(file);
    if (unit === undefined) throw new Error(`manifest names ${file}, which is not in kernel-model/c/${base}/`);
    // Everything but module_exit: a module's exit comes in only when the manifest names it (a
    // program that unloads the modules runs it).
    const exits = new Set(unit.initcalls.filter((c) => c.level === 'module_exit').map((c) => c.fn));
    roots.push(...[...unit.functions.keys()].filter((f) => !exits.has(f)));
  }
  const missing = world.include(roots, new Set(Object.keys(manifest.handWritten)));
  world.markArrayPointers();
  const runtime = runtimeIndex();
  world.computeGenerators((name) => (runtime.get(`${corpus.base}:${name}`) ?? runtime.get(name))?.generator);
  return { world, missing };
}

export async function translateWorld(base: string): Promise<WorldTranslation> {
  const corpus = await loadCorpus(base);
  const { world, missing } = buildWorld(corpus);

  const homes = new Set<string>();
  for (const f of world.functions.values()) homes.add(world.homeOf(f.file));
  const modules: ModuleText[] = [];
  const problems: TranslationProblem[] = [];
  const keepNames = new Set(Object.entries(world.annotations[base] ?? {}).filter(([, a]) => a.keep !== undefined).map(([n]) => n));
  const byModule = new Map<string, ModuleText>();
  for (const home of [...homes].sort()) {
    const module = world.moduleOf(home);
    byModule.set(module, emitModule(world, home, keptFunctions(module, keepNames)));
  }
  // Header modules: only the declarations the other modules import, until nothing new is asked.
  const asked = new Map<string, Set<string>>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of [...byModule.values()]) {
      for (const [target, names] of m.requests) {
        const unit = [...corpus.units.keys()].find((f) => world.moduleOf(world.homeOf(f)) === target);
        if (unit === undefined || homes.has(world.homeOf(unit))) continue;
        const set = asked.get(target) ?? new Set<string>();
        const before = set.size;
        for (const n of names) set.add(n);
        asked.set(target, set);
        if (set.size !== before || !byModule.has(target)) {
          byModule.set(target, emitModule(world, world.homeOf(unit), keptFunctions(target, keepNames), set));
          changed = true;
        }
      }
    }
  }
  for (const m of [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module))) {
    modules.push(m);
    problems.push(...m.problems);
  }
  if (modules.length > 0) modules.push(worldIndex(base, modules));
  return { base, world, modules, problems, missing };
}

/**
 * kernel-model/<base>/world.ts: imports every translated module, so that loading it registers
 * the world's function tables, struct descriptors and initcalls.
 */
function worldIndex(base: string, modules: readonly ModuleText[]): ModuleText {
  const lines = modules.map((m) => `import './${m.module.slice(base.length + 1)}';`);
  const text = [
    `// The translated ${base} world: every module \`npm run translate\` generated for it.`,
    '// Generated by `npm run translate`: importing it registers the world\'s functions, structs and',
    '// initcalls.',
    '',
    ...lines,
    '',
  ].join('\n');
  return { module: `${base}/world.ts`, text, problems: [], functions: [], worldImports: [], requests: new Map() };
}
