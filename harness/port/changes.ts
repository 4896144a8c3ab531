// What a patch changes in a translated world: the base's world and the world over the C as the
// patch leaves it, compared definition by definition on the preprocessed C (so a changed macro
// shows in every function that expands it). A function is changed when its text differs, added
// when only the patched C has it, and dragged in when only its generator-ness changes (it now
// reaches a function the patch made sleep: its callers must yield to it).

import type { CFunction, CGlobal, CStruct } from '../translate/c-index.ts';
import { typeText } from '../translate/c-types.ts';
import { isConstantMacro } from '../translate/preprocess.ts';
import { type World, calledNames } from '../translate/world.ts';

export interface WorldChanges {
  /** Functions of the base world whose C the patch changes, by name. */
  changed: CFunction[];
  /** Functions only the patched C has that the patched world reaches. */
  added: CFunction[];
  /** Unchanged functions re-translated because they now sleep or call what now sleeps. */
  nowSleeping: CFunction[];
  /** Functions of the base world that sleep only with the patch (their overrides yield). */
  madeSleeping: string[];
  /** Functions the patch changes or adds that the model does not reach (not translated). */
  unreached: { file: string; name: string }[];
  /** Functions of the base world the patch removes. */
  removed: string[];
  /** Structs whose layout the patch changes. */
  structs: CStruct[];
  /** Structs only the patched C has (the module defines them; no base layout to replace). */
  addedStructs: CStruct[];
  globals: CGlobal[];
  /** Constant macros and enum members that are new or have a new value. */
  constants: { name: string; value: number }[];
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function structShape(s: CStruct): string {
  return s.fields.map((f) => `${f.name}:${typeText(f.type)}${f.anonymous ? '*' : ''}`).join(';');
}

function globalShape(g: CGlobal): string {
  return `${typeText(g.type)}=${g.init === null ? '' : norm(g.init.text)}`;
}

/** The functions of every file of a world's corpus, by name (first definition wins, as in C). */
function allFunctions(world: World): Map<string, CFunction> {
  const out = new Map<string, CFunction>();
  for (const u of world.corpus.units.values()) for (const [n, f] of u.functions) if (!out.has(n)) out.set(n, f);
  return out;
}

export function compareWorlds(base: World, patched: World): WorldChanges {
  const changed: CFunction[] = [];
  const added: CFunction[] = [];
  const nowSleeping: CFunction[] = [];
  const unreached: { file: string; name: string }[] = [];
  const baseAll = allFunctions(base);
  const patchedAll = allFunctions(patched);

  for (const [name, f] of patchedAll) {
    const before = baseAll.get(name);
    const differs = before === undefined || norm(before.node.text) !== norm(f.node.text);
    if (!differs) continue;
    if (!patched.functions.has(name)) {
      unreached.push({ file: f.file, name });
      continue;
    }
    if (base.functions.has(name)) changed.push(patched.functions.get(name) as CFunction);
    else added.push(patched.functions.get(name) as CFunction);
  }
  // Functions the patch makes sleep, and every caller that calls one of them: its call must
  // now yield (a caller that already slept is re-translated too, for the call site).
  const madeSleeping = new Set([...patched.generators].filter((n) => base.functions.has(n) && !base.generators.has(n)));
  const touched = new Set([...changed, ...added].map((f) => f.name));
  for (const [name, f] of patched.functions) {
    if (touched.has(name) || !base.functions.has(name)) continue;
    if (madeSleeping.has(name) || [...calledNames(f.body)].some((c) => madeSleeping.has(c))) nowSleeping.push(f);
  }
  const removed = [...base.functions.keys()].filter((n) => !patchedAll.has(n));

  const structs: CStruct[] = [];
  const addedStructs: CStruct[] = [];
  for (const u of patched.corpus.units.values()) {
    for (const s of u.structs.values()) {
      if (patched.corpus.struct(s.tag) !== s) continue;
      const b = base.corpus.struct(s.tag);
      // An anonymous struct is named by where it sits (anon_<line>_<col>): one a patch only moved is not new.
      if (b === undefined) {
        if (!/^anon_\d+_\d+$/.test(s.tag)) addedStructs.push(s);
      }
      else if (structShape(b) !== structShape(s)) structs.push(s);
    }
  }
  const globals: CGlobal[] = [];
  // World globals are keyed "file:name" (a static of one file is not another's).
  for (const key of patched.globals) {
    const i = key.lastIndexOf(':');
    const g = patched.globalIn(key.slice(i + 1), key.slice(0, i)) as CGlobal;
    const b = base.globalIn(g.name, g.file);
    if (b === undefined || !base.usesGlobal(b) || globalShape(b) !== globalShape(g)) globals.push(g);
  }
  const constants: { name: string; value: number }[] = [];
  for (const u of patched.corpus.units.values()) {
    for (const m of u.macros.values()) {
      if (!isConstantMacro(m)) continue;
      const v = patched.corpus.macroValue(m.name);
      if (v !== null && base.corpus.macroValue(m.name) !== v) constants.push({ name: m.name, value: v });
    }
    for (const e of u.enums.values()) {
      const b = base.corpus.enumConst(e.name);
      if (b === undefined || b.value !== e.value) constants.push({ name: e.name, value: e.value });
    }
  }
  return { changed, added, nowSleeping, madeSleeping: [...madeSleeping].sort(), unreached, removed, structs, addedStructs, globals, constants };
}
