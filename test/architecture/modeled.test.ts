// One answer to "modeled": a function of a translated world is in the @port index (what intake
// and inspect read) exactly when it is registered in its world's tables (what a patch's
// overrides replace), under the same base. Runtime helpers are indexed but are not the patch
// surface (list and atomic helpers, locking primitives): port never overrides them.
import '../../kernel-model/index.ts';
import { describe, expect, it } from 'vitest';
import { indexModel } from '../../harness/ingest/model-index.ts';
import { registeredFunctions } from '../../kernel-model/sim/hooks.ts';
import { REPO } from '../helpers/modules.ts';

describe('the model index and the override registry', () => {
  it('agree on every function of the translated worlds', () => {
    const index = indexModel(`${REPO}/kernel-model`);
    const worldOf = (modelFile: string): string | null => /^(v[\d.]+)\//.exec(modelFile)?.[1] ?? null;
    const indexed = new Set(index.functions.filter((f) => worldOf(f.modelFile) !== null).map((f) => `${worldOf(f.modelFile)}:${f.name}`));
    const registered = new Set(registeredFunctions().filter((r) => r.base !== null && r.overridable).map((r) => `${r.base}:${r.name}`));
    expect([...indexed].filter((k) => !registered.has(k)).sort(), 'indexed but not overridable').toEqual([]);
    expect([...registered].filter((k) => !indexed.has(k)).sort(), 'overridable but not indexed').toEqual([]);
    expect(index.problems).toEqual([]);
  });
});
