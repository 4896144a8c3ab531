// Puts the diff, the model and the patch module side by side. Coverage: which touched
// functions the model ports (matched by kernel name; the C file in the @port tag says which
// kernel function a port is, so a same-named port of another file is reported as such).
// Verification: a patch module overrides every function its diff touches or says why not;
// anything else (touched but unhandled, overridden but untouched, explained but untouched,
// both overridden and explained) is flagged.
import type { ModelFunction, ModelIndex } from './model-index.ts';
import type { ModuleMatch } from './module-lookup.ts';
import type { DefinitionKind, PatchSet, TouchEvidence, TouchedFunction, TouchedStruct } from './types.ts';

export interface FunctionCoverage {
  file: string;
  name: string;
  kind: DefinitionKind;
  change: TouchedFunction['change'];
  evidence: TouchEvidence[];
  /** 1-based positions in the set's patches that touch it. */
  patches: number[];
  modeled: boolean;
  /** exact: a port tagged with this C file; other-file: only a same-named port of another file. */
  match: 'exact' | 'other-file' | null;
  model: Pick<ModelFunction, 'modelFile' | 'line' | 'cFile' | 'version' | 'fidelity'> | null;
  overridden: boolean;
  /** The module's reason for not overriding it, when it gives one. */
  notOverriddenBecause: string | null;
}

export type CoverageFlagKind =
  | 'touched-not-handled'
  | 'overridden-not-touched'
  | 'explained-not-touched'
  | 'overridden-and-explained'
  | 'modeled-in-other-file'
  | 'module-unreadable';

export interface CoverageFlag {
  kind: CoverageFlagKind;
  name: string;
  file?: string;
  detail: string;
}

export interface Coverage {
  functions: FunctionCoverage[];
  structs: TouchedStruct[];
  module: { slug: string; dir: string; matchedBy: ModuleMatch['matchedBy'] } | null;
  flags: CoverageFlag[];
  /** True when a module exists and nothing is flagged. */
  verified: boolean;
}

/** Touched functions of all patches, merged per (file, name) in first-seen order. */
function mergedTouched(set: PatchSet): Omit<FunctionCoverage, 'modeled' | 'match' | 'model' | 'overridden' | 'notOverriddenBecause'>[] {
  const merged = new Map<string, ReturnType<typeof mergedTouched>[number]>();
  set.patches.forEach((patch, index) => {
    for (const fn of patch.functions) {
      const key = `${fn.file}\0${fn.name}`;
      const seen = merged.get(key);
      if (seen === undefined) {
        merged.set(key, { file: fn.file, name: fn.name, kind: fn.kind, change: fn.change, evidence: [...fn.evidence], patches: [index + 1] });
        continue;
      }
      for (const e of fn.evidence) if (!seen.evidence.includes(e)) seen.evidence.push(e);
      seen.patches.push(index + 1);
      // Added by an earlier patch and changed by a later one is still new; removed last is gone.
      if (fn.change === 'removed') seen.change = 'removed';
      else if (seen.change !== 'added') seen.change = fn.change;
    }
  });
  return [...merged.values()];
}

function mergedStructs(set: PatchSet): TouchedStruct[] {
  const merged = new Map<string, TouchedStruct>();
  for (const patch of set.patches) {
    for (const s of patch.structs) {
      const key = `${s.file}\0${s.name}`;
      if (!merged.has(key)) merged.set(key, { file: s.file, name: s.name, hunks: [] });
    }
  }
  return [...merged.values()];
}

function modelEntry(fn: ModelFunction | undefined): FunctionCoverage['model'] {
  if (fn === undefined) return null;
  return { modelFile: fn.modelFile, line: fn.line, cFile: fn.cFile, version: fn.version, fidelity: fn.fidelity };
}

export function computeCoverage(set: PatchSet, index: ModelIndex, match: ModuleMatch | null): Coverage {
  const module = match?.module ?? null;
  const overrides = new Set(module?.overrides ?? []);
  const explanations = new Map(Object.entries(module?.notOverridden ?? {}));
  const flags: CoverageFlag[] = [];

  const functions: FunctionCoverage[] = mergedTouched(set).map((fn) => {
    const sameName = index.functions.filter((m) => m.name === fn.name);
    const exact = sameName.find((m) => m.cFile === fn.file);
    const elsewhere = exact === undefined ? sameName[0] : undefined;
    if (elsewhere !== undefined) {
      flags.push({
        kind: 'modeled-in-other-file',
        name: fn.name,
        file: fn.file,
        detail: `the diff changes ${fn.name} in ${fn.file}; the model's ${fn.name} is tagged ${elsewhere.cFile} (${elsewhere.modelFile})`,
      });
    }
    return {
      ...fn,
      modeled: exact !== undefined || elsewhere !== undefined,
      match: exact !== undefined ? 'exact' : elsewhere !== undefined ? 'other-file' : null,
      model: modelEntry(exact ?? elsewhere),
      overridden: overrides.has(fn.name),
      notOverriddenBecause: explanations.get(fn.name) ?? null,
    };
  });

  if (module !== null) {
    for (const problem of module.problems) flags.push({ kind: 'module-unreadable', name: module.slug, detail: problem });
    const touchedNames = new Set(functions.map((f) => f.name));
    for (const fn of functions) {
      if (fn.overridden && fn.notOverriddenBecause !== null) {
        flags.push({ kind: 'overridden-and-explained', name: fn.name, file: fn.file, detail: `${fn.name} is both overridden and listed in notOverridden` });
      } else if (!fn.overridden && fn.notOverriddenBecause === null && !flags.some((f) => f.kind === 'touched-not-handled' && f.name === fn.name)) {
        flags.push({ kind: 'touched-not-handled', name: fn.name, file: fn.file, detail: `the diff touches ${fn.name} (${fn.file}); the module neither overrides it nor says why not` });
      }
    }
    for (const name of overrides) {
      if (!touchedNames.has(name) && !(name in module.recompiled)) flags.push({ kind: 'overridden-not-touched', name, detail: `the module overrides ${name}, which the diff does not touch` });
    }
    for (const name of explanations.keys()) {
      if (!touchedNames.has(name)) flags.push({ kind: 'explained-not-touched', name, detail: `notOverridden lists ${name}, which the diff does not touch` });
    }
  }
  return {
    functions,
    structs: mergedStructs(set),
    module: match === null ? null : { slug: match.module.slug, dir: match.module.dir, matchedBy: match.matchedBy },
    flags,
    verified: module !== null && flags.every((f) => f.kind === 'modeled-in-other-file'),
  };
}
