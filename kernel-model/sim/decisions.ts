// The decision stream. Every nondeterministic choice the simulated machine makes (which task
// steps, where an irq lands, whether an injectable call fails, how long something is delayed) is
// asked of a DecisionSource and recorded. A recorded stream replays the run exactly; a stream is
// printed as a compact string that can be pasted back (see encodeDecisions).

/** What a decision is about; strategies may treat kinds differently (PCT only steers `task`). */
export type DecisionKind = 'task' | 'cpu' | 'irq' | 'fault' | 'delay' | 'pressure';

export interface DecisionSource {
  /** Picks one of `candidates` (task ids, in the machine's deterministic order) to step next. */
  pickTask(candidates: readonly number[], count: number, step: number): number;
  /** Any other choice among `n` alternatives (n >= 2). */
  choose(kind: DecisionKind, n: number): number;
}

const PREFIX = 'd1:';

/**
 * Encodes a decision list as `d1:` + base-36 values joined by '.', with runs of one value written
 * as `v*count`. Short, ASCII, safe in a shell argument and in JSON.
 */
export function encodeDecisions(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    const v = values[i];
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    const run = j - i;
    const token = v.toString(36);
    if (run >= 3) parts.push(`${token}*${run.toString(36)}`);
    else for (let k = 0; k < run; k++) parts.push(token);
    i = j;
  }
  return PREFIX + parts.join('.');
}

export function decodeDecisions(text: string): number[] {
  if (!text.startsWith(PREFIX)) throw new Error(`decision string must start with '${PREFIX}'`);
  const body = text.slice(PREFIX.length);
  if (body === '') return [];
  const out: number[] = [];
  for (const part of body.split('.')) {
    const m = /^([0-9a-z]+)(?:\*([0-9a-z]+))?$/.exec(part);
    if (m === null) throw new Error(`bad token '${part}' in decision string`);
    const v = parseInt(m[1], 36);
    const run = m[2] === undefined ? 1 : parseInt(m[2], 36);
    for (let k = 0; k < run; k++) out.push(v);
  }
  return out;
}

/** Replays a recorded stream; past its end every choice is 0 (the first alternative). */
export class ReplaySource implements DecisionSource {
  private pos = 0;
  constructor(private readonly values: readonly number[]) {}

  private nextValue(n: number): number {
    const v = this.pos < this.values.length ? this.values[this.pos] : 0;
    this.pos++;
    // A shrunk stream may hold a value that no longer fits the alternatives at this point.
    return v < n ? v : v % n;
  }

  pickTask(_candidates: readonly number[], count: number): number {
    return this.nextValue(count);
  }

  choose(_kind: DecisionKind, n: number): number {
    return this.nextValue(n);
  }

  get consumed(): number {
    return this.pos;
  }
}
