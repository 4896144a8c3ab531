// npm run mutants: how many kernel-style mistakes the suites see. Each mutant (operators.ts) is
// the C of one function with one mistake; it is translated like a patch (the port pipeline) and
// run on the suites that exercise that function at their default budget, against the same
// schedules of the base tree. It is killed when a finding's rate differs (Fisher's exact test,
// p < 0.01, on the runs that reported it) or the model breaks on it.

import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunRecord, runSeeds } from '../explore/runner.ts';
import { loadPatch } from '../patches/load.ts';
import { compareWorlds } from '../port/changes.ts';
import { emitPatchModule } from '../port/emit-patch.ts';
import { allSuites, reachOf, suitesFor } from '../suites/index.ts';
import type { Suite } from '../suites/suite.ts';
import { loadCorpus } from '../translate/corpus.ts';
import { C_ROOT } from '../translate/paths.ts';
import { buildWorld } from '../translate/translate-world.ts';
import type { World } from '../translate/world.ts';
import { fisherExact } from '../verdicts/stats.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { equivalentByEmptyCalls } from './equivalence.ts';
import { type Mutant, mutantsOf } from './operators.ts';

export interface MutantResult {
  id: string;
  operator: string;
  function: string;
  what: string;
  status: 'killed' | 'survived' | 'equivalent' | 'untranslatable';
  /** Why it was killed, or which suites it survived. */
  why: string;
}

export interface MutantReport {
  base: string;
  /** Mutants run (killed + survived). */
  mutants: number;
  killed: number;
  killRate: number;
  byOperator: Record<string, { mutants: number; killed: number }>;
  results: MutantResult[];
}

export interface MutantOptions {
  base: string;
  /** Only these functions (default: every function the suites of the base reach). */
  functions?: readonly string[];
  /** Only the mutants with these ids ("block/blk-flush.c:flush_end_io:drop-lock:235"), to run some again. */
  ids?: string[];
  /** At most this many mutants, in order. */
  limit?: number;
  /** Schedules per suite (default: each suite's own default budget). */
  schedules?: number;
  /** Called after each mutant, for progress. */
  onResult?: (r: MutantResult, done: number, total: number) => void;
}

/**
 * Runs that reported each title (or "(none)" for a run that reported nothing), counted as the
 * evaluation counts a finding on a side: the runs in which it was reported at all.
 */
function reportedTitles(runs: readonly RunRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of runs) {
    const titles = r.findings.length === 0 ? ['(none)'] : r.findings.map((f) => f.title);
    for (const t of titles) m.set(t, (m.get(t) ?? 0) + 1);
  }
  return m;
}

/**
 * Every finding whose rate differs significantly, in words; null when none does. Reports the
 * mutant makes more often come first, then base reports it makes rarer (a kill seen only as a
 * base report going away is a weaker one, and says so), and "(none)", the runs that reported
 * nothing, only when nothing else moved.
 */
function difference(base: Map<string, number>, mutant: Map<string, number>, runs: number): string | null {
  const moved: { title: string; a: number; b: number }[] = [];
  for (const title of [...new Set([...base.keys(), ...mutant.keys()])].sort((x, y) => x.localeCompare(y))) {
    const a = base.get(title) ?? 0;
    const b = mutant.get(title) ?? 0;
    if (fisherExact(a, runs - a, b, runs - b) < 0.01) moved.push({ title, a, b });
  }
  const reports = moved.filter((d) => d.title !== '(none)');
  const shown = reports.length > 0 ? [...reports.filter((d) => d.b > d.a), ...reports.filter((d) => d.b < d.a)] : moved;
  if (shown.length === 0) return null;
  return shown.map((d) => `${d.title}: ${d.a}/${runs} -> ${d.b}/${runs}`).join('; ');
}

/** The mutants of the named functions (default: every function the base's suites, fixed and generated, exercise). */
function mutantsOfFunctions(base: string, baseWorld: World, functions: readonly string[] | undefined): Mutant[] {
  const exercised = functions ?? allSuites().filter((s) => `v${s.kernel}` === base).flatMap((s) => reachOf(s));
  const names = [...new Set(exercised)].filter((n) => baseWorld.functions.has(n)).sort();
  const mutants: Mutant[] = [];
  for (const name of names) {
    const fn = baseWorld.functions.get(name);
    if (fn === undefined) continue;
    mutants.push(...mutantsOf(fn, readFileSync(join(C_ROOT, base, fn.file), 'utf8')));
  }
  return mutants;
}

/** The functions the base's suites (fixed and generated) exercise that have at least one mutant, in name order: what a sample is drawn from. */
export async function mutableFunctions(base: string): Promise<string[]> {
  const baseWorld = buildWorld(await loadCorpus(base)).world;
  return [...new Set(mutantsOfFunctions(base, baseWorld, undefined).map((m) => m.function))].sort();
}

export async function runMutants(opts: MutantOptions): Promise<MutantReport> {
  const { base } = opts;
  const corpus = await loadCorpus(base);
  const baseWorld = buildWorld(corpus).world;
  const mutants = mutantsOfFunctions(base, baseWorld, opts.functions);
  const wanted = opts.ids === undefined ? mutants : mutants.filter((m) => opts.ids?.includes(m.id));
  const chosen = wanted.slice(0, opts.limit ?? wanted.length);

  const budget = (s: Suite): number => opts.schedules ?? s.defaultSchedules;
  const baselines = new Map<string, Map<string, number>>();
  const baselineOf = (s: Suite): Map<string, number> => {
    let b = baselines.get(s.name);
    if (b === undefined) baselines.set(s.name, (b = reportedTitles(runSeeds(s, { seed: 1, count: budget(s), patch: null }))));
    return b;
  };

  const root = mkdtempSync(join(tmpdir(), 'lkml-mutants-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const results: MutantResult[] = [];
  for (const [k, m] of chosen.entries()) {
    const result = await runOne(m, k);
    results.push(result);
    opts.onResult?.(result, k + 1, chosen.length);
  }

  async function runOne(m: Mutant, k: number): Promise<MutantResult> {
    const r = { id: m.id, operator: m.operator, function: m.function, what: m.what };
    const source = readFileSync(join(C_ROOT, base, m.file), 'utf8');
    const mutated = buildWorld(await loadCorpus(base, undefined, new Map([[m.file, m.apply(source)]]))).world;
    for (const g of baseWorld.generators) if (mutated.functions.has(g)) mutated.generators.add(g);
    const changes = compareWorlds(baseWorld, mutated);
    if (changes.changed.length + changes.added.length === 0) return { ...r, status: 'equivalent', why: 'the same C once preprocessed' };
    const stub = equivalentByEmptyCalls(baseWorld, mutated, changes);
    if (stub !== null) return { ...r, status: 'equivalent', why: stub };
    const dir = join(root, `m${k}`);
    mkdirSync(dir, { recursive: true });
    const text = emitPatchModule(mutated, changes, dir, {
      slug: `m${k}`,
      messageId: null,
      subject: `mutant ${m.id}`,
      author: 'npm run mutants',
      date: '1970-01-01T00:00:00Z',
      tree: base,
      touches: { [m.file]: [m.function] },
      placement: m.what,
      notOverridden: {},
    });
    if (text.problems.length > 0) return { ...r, status: 'untranslatable', why: text.problems.map((p) => `${p.file}:${p.line}: ${p.construct}`).join('; ') };
    writeFileSync(join(dir, 'patch.ts'), text.patch.replace(/slug: "m\d+"/, `slug: "m${k}"`));
    writeFileSync(join(dir, 'patched.ts'), text.patched);
    let patch: PatchModule;
    try {
      patch = await loadPatch(dir);
    } catch (err) {
      return { ...r, status: 'untranslatable', why: `the module does not load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
    }
    // What evaluate runs for a patch touching this function: the fixed suites that reach it and
    // the budget of generated programs aimed at it.
    const on = suitesFor([m.function], base);
    for (const s of on) {
      let runs: RunRecord[];
      try {
        runs = runSeeds(s, { seed: 1, count: budget(s), patch });
      } catch (err) {
        // A name the module does not define is the port's mistake, not the mutant's effect.
        if (err instanceof ReferenceError) return { ...r, status: 'untranslatable', why: `the module does not run: ${err.message.split('\n')[0]}` };
        return { ...r, status: 'killed', why: `${s.name}: the model broke: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
      }
      const d = difference(baselineOf(s), reportedTitles(runs), budget(s));
      if (d !== null) return { ...r, status: 'killed', why: `${s.name}: ${d}` };
    }
    return { ...r, status: 'survived', why: `no suite sees it (${on.map((s) => s.name).join(', ')})` };
  }

  const run = results.filter((x) => x.status === 'killed' || x.status === 'survived');
  const killed = run.filter((x) => x.status === 'killed').length;
  const byOperator: MutantReport['byOperator'] = {};
  for (const x of run) {
    const o = (byOperator[x.operator] ??= { mutants: 0, killed: 0 });
    o.mutants++;
    if (x.status === 'killed') o.killed++;
  }
  return { base, mutants: run.length, killed, killRate: run.length === 0 ? 0 : killed / run.length, byOperator, results };
}
