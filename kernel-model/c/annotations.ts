// Model-only knowledge the C does not state, keyed by base and C function, applied when the
// translator turns that function into TypeScript: what a polling loop waits for, whose
// bio_list a list is, an expression the model spells differently (pointer arithmetic over a
// bio_set's front_pad), and which functions stay hand-written and why. Because it is keyed by
// function and matched against the C's own text, it applies to the function as a patch leaves
// it, so it survives every patch that does not rewrite the very line it names.

/** An expression of the C replaced by model code. `c` is matched whitespace-insensitively. */
export interface Rewrite {
  c: string;
  ts: string;
  /** Names the TypeScript uses: name -> module relative to kernel-model/. */
  imports?: Record<string, string>;
  why: string;
}

/** A statement added after the C statement whose text is `after`. */
export interface Insertion {
  after: string;
  ts: string;
  imports?: Record<string, string>;
  why: string;
}

/** A loop that polls (msleep until X): for its duration the task's wait-for edge is `target`. */
export interface PollingLoop {
  /** The first line of the loop statement, as the C writes it. */
  loop: string;
  target: string;
  imports?: Record<string, string>;
  why: string;
}

export interface FunctionAnnotation {
  rewrite?: Rewrite[];
  insert?: Insertion[];
  polling?: PollingLoop[];
  /**
   * Who moves the bios of a bio_list this function initialises (the hang detector follows a
   * bio queued on it to them): C expression of the list -> TypeScript owner expression.
   */
  bioListOwner?: Record<string, string>;
  /** Forces the function to be a generator (it is called from the runtime with yield*). */
  generator?: boolean;
  /** The function stays hand-written in its module; the reason is printed by drift. */
  keep?: string;
}

export type Annotations = Readonly<Record<string, Readonly<Record<string, FunctionAnnotation>>>>;

export const ANNOTATIONS: Annotations = {
  'v3.2': {},
  'v3.15': {},
};

export function annotationFor(table: Annotations, base: string, fn: string): FunctionAnnotation | undefined {
  return table[base]?.[fn];
}
