// Branch probes of the translated functions: gcov's question ("which arms of which conditions
// ran?") for the model. The translator puts a probe at the top of every arm it emits: the then
// and the else of each `if` (an `if` without an else gets one, so both outcomes count), each
// `case` and `default` of a switch, and each loop body. A probe is one store into its module's
// table. Functions kept by hand have none: "branches" counts the translated ones.
//
// The tables are process-wide, not per machine: they record what ran, they never decide what
// runs, so a run's events do not depend on them. Whoever measures clears them first.

/** One module's probes, laid out function by function in the order the translator emitted them. */
interface BranchTable {
  base: string;
  /** Function name and its first probe and probe count in `hits`. */
  functions: { name: string; first: number; count: number }[];
  hits: Uint8Array;
  /** A patch module's table: probes of patched bodies, not of the world's own functions. */
  patch: boolean;
}

const tables: BranchTable[] = [];

/**
 * The probe array of one generated module: `layout` lists each function with probes and how
 * many, in emission order (["md_write_end", 2, "md_check_recovery", 31, ...]).
 */
export function branch_probes(base: string, layout: readonly (string | number)[], patch = false): Uint8Array {
  const functions: BranchTable['functions'] = [];
  let next = 0;
  for (let i = 0; i < layout.length; i += 2) {
    const count = layout[i + 1] as number;
    functions.push({ name: layout[i] as string, first: next, count });
    next += count;
  }
  const t: BranchTable = { base, functions, hits: new Uint8Array(next), patch };
  tables.push(t);
  return t.hits;
}

function worldTables(base: string): BranchTable[] {
  return tables.filter((t) => t.base === base && !t.patch);
}

/** Forgets every probe hit of a world's functions (before measuring a run). */
export function clearBranchHits(base: string): void {
  for (const t of worldTables(base)) t.hits.fill(0);
}

/** Probes per translated function of a world. */
export function branchCounts(base: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of worldTables(base)) for (const f of t.functions) counts.set(f.name, f.count);
  return counts;
}

/**
 * The probes hit since the last clear, per function with any: a bit per probe, probe 0 lowest,
 * as a hex string (a function can have more probes than a double has bits).
 */
export function branchHits(base: string): Map<string, string> {
  const hits = new Map<string, string>();
  for (const t of worldTables(base)) {
    for (const f of t.functions) {
      let mask = 0n;
      for (let k = 0; k < f.count; k++) if (t.hits[f.first + k] !== 0) mask |= 1n << BigInt(k);
      if (mask !== 0n) hits.set(f.name, mask.toString(16));
    }
  }
  return hits;
}

/** The union of hex probe masks. */
export function orMasks(a: string | undefined, b: string): string {
  return a === undefined ? b : (BigInt(`0x${a}`) | BigInt(`0x${b}`)).toString(16);
}

/** How many probes `mask` has that `covered` has not. */
export function freshProbes(mask: string, covered: string | undefined): number {
  if (covered === undefined) return maskSize(mask);
  const fresh = BigInt(`0x${mask}`) & ~BigInt(`0x${covered}`);
  return fresh === 0n ? 0 : maskSize(fresh.toString(16));
}

/** The probes a hex mask has hit, by number. */
export function probesOf(mask: string): number[] {
  const out: number[] = [];
  const bits = BigInt(`0x${mask}`);
  for (let k = 0; bits >> BigInt(k) !== 0n; k++) if ((bits >> BigInt(k)) & 1n) out.push(k);
  return out;
}

/** How many probes a hex mask has hit. */
export function maskSize(mask: string): number {
  return probesOf(mask).length;
}
