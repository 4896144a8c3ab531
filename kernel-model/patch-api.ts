// The surface patch modules use: identity of the patch, and the overrides that port its change.
// A patch module imports the model only through this file and the hook tables it overrides.

import { framed, installOverrides, resetOverrides } from './sim/hooks.ts';
import { installStructOverrides, resetStructOverrides, type kstruct } from './lib/kstruct.ts';

export { baseline } from './sim/hooks.ts';

/**
 * The functions a patch adds, with backtrace frames: call them through the returned table so
 * reports show them (`const added = patch_functions({ tg_stat_alloc_fn })`).
 */
export const patch_functions = framed;

// A kernel function as the hook surface holds it; `never[]` keeps it generic without `any`.
type KernelFn = (...args: never[]) => unknown;

export interface PatchDefinition {
  slug: string;
  messageId: string | null;
  subject: string;
  author: string;
  /** ISO 8601 date of the mail. */
  date: string;
  /** The tree and version the patch was written against. */
  base: string;
  /** The mail as shipped, relative to the module's folder, when we may ship it. */
  message?: string;
  /** The upstream commit, for patches that were merged. */
  commit?: string;
  /** What the diff touches, as facts: C file -> functions. */
  touches: Record<string, string[]>;
  /** The translated world the overrides replace functions of ("v3.2", "v3.15"). */
  world?: string;
  /** The port of the change: kernel function name -> replacement. */
  overrides: Record<string, KernelFn>;
  /** Functions that sleep only with the patch (their callers are overridden as well). */
  madeSleeping?: string[];
  /** Functions the patch adds (a ported module calls them through its own table). */
  adds?: string[];
  /** Unchanged functions a ported module overrides, and why: what they call now sleeps. */
  recompiled?: Record<string, string>;
  /** Structs whose layout the patch changes: the patched layout, installed with the overrides. */
  structs?: Record<string, kstruct<object>>;
  /** Touched functions deliberately not overridden, with the reason. */
  notOverridden?: Record<string, string>;
  /** How the change was adapted to the model's base, and why. */
  adaptations?: string;
}

export interface PatchModule extends PatchDefinition {
  notOverridden: Record<string, string>;
}

export function definePatch(def: PatchDefinition): PatchModule {
  return { ...def, notOverridden: def.notOverridden ?? {} };
}

/** Runs `fn` with the patch installed (the patched variant), then restores the baseline. */
export function withPatch<T>(patch: PatchModule | null, fn: () => T): T {
  if (patch === null) return fn();
  installOverrides(patch.overrides, patch.world ?? null, new Set(patch.madeSleeping ?? []));
  if (patch.structs !== undefined) installStructOverrides(patch.world ?? '', patch.structs);
  try {
    return fn();
  } finally {
    resetOverrides();
    resetStructOverrides();
  }
}
