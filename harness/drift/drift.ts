// Drift: is the model the C? For every function of a base's world, the C is translated; a
// function the model keeps by hand (an annotation says why) is compared with the translation of
// its C on what it calls, which locks it takes and releases, and the allocation flags it
// passes, in order. A kept function agrees when those match; one whose C does not translate
// disagrees, with the translator's reason.

import { loadCorpus } from '../translate/corpus.ts';
import { emitModule } from '../translate/module-emit.ts';
import { translateWorld } from '../translate/translate-world.ts';
import { World } from '../translate/world.ts';
import { runtimeIndex } from '../translate/runtime-index.ts';
import { ANNOTATIONS, type Annotations } from '../../kernel-model/c/annotations.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';
import { bodyFacts, compareFacts } from './facts.ts';

export interface Disagreement {
  base: string;
  function: string;
  what: string;
}

export interface DriftReport {
  /** Functions of the worlds (each base's, counted once per base). */
  functions: number;
  /** Translated from their C. */
  translated: number;
  /** Translated, or kept by hand and doing what the C does. */
  agreeing: number;
  kept: { base: string; function: string; why: string; agrees: boolean }[];
  disagreements: Disagreement[];
}

/** The annotations of `base` without its keeps: what the translator makes of every function. */
function withoutKeeps(base: string): Annotations {
  const own = Object.fromEntries(Object.entries(ANNOTATIONS[base] ?? {}).map(([fn, a]) => [fn, { ...a, keep: undefined, keepImports: undefined }]));
  return { ...ANNOTATIONS, [base]: own };
}

/** The text of one function in a module, JSDoc excluded. */
function functionIn(moduleText: string, name: string): string | null {
  const m = new RegExp(`^(?:export )?function\\*? ${name}\\([\\s\\S]*?\\n\\}$`, 'm').exec(moduleText);
  return m === null ? null : m[0];
}

export async function drift(): Promise<DriftReport> {
  const report: DriftReport = { functions: 0, translated: 0, agreeing: 0, kept: [], disagreements: [] };
  for (const base of Object.keys(MANIFEST)) {
    const t = await translateWorld(base);
    const keptNames = new Set(t.modules.flatMap((m) => m.functions.filter((f) => f.kept).map((f) => f.name)));
    const all = t.modules.flatMap((m) => m.functions);
    report.functions += all.length;
    report.translated += all.length - keptNames.size;
    report.agreeing += all.length - keptNames.size;
    if (keptNames.size === 0) continue;
    // The same world, every function translated from its C.
    const world = new World(await loadCorpus(base), withoutKeeps(base));
    const manifest = MANIFEST[base] as (typeof MANIFEST)[string];
    world.include([...manifest.roots, ...t.world.functions.keys()]);
    world.markArrayPointers();
    const runtime = runtimeIndex();
    world.computeGenerators((name) => runtime.get(name)?.generator);
    for (const name of [...keptNames].sort()) {
      const fn = world.functions.get(name);
      const handModule = t.modules.find((m) => m.functions.some((f) => f.name === name && f.kept));
      const why = ANNOTATIONS[base]?.[name]?.keep ?? '';
      const hand = handModule === undefined ? null : functionIn(handModule.text, name);
      if (fn === undefined || hand === null) {
        report.disagreements.push({ base, function: name, what: 'no C or no hand port to compare' });
        report.kept.push({ base, function: name, why, agrees: false });
        continue;
      }
      const module = emitModule(world, world.homeOf(fn.file), new Map(), new Set([name]));
      const problems = module.problems.filter((p) => p.line >= fn.line && p.line <= fn.endLine);
      const translated = functionIn(module.text, name);
      let what: string | null;
      if (problems.length > 0 || translated === null) what = `the C does not translate (${problems.map((p) => `${p.construct}: ${p.what}`).join('; ') || 'not emitted'}); kept: ${why}`;
      else what = compareFacts(bodyFacts(translated), bodyFacts(hand));
      if (what === null) report.agreeing++;
      else report.disagreements.push({ base, function: name, what });
      report.kept.push({ base, function: name, why, agrees: what === null });
    }
  }
  return report;
}
