// A small seeded pseudo-random generator (sfc32, seeded through splitmix32). The simulator never
// uses the runtime's random numbers: every choice comes from here, through the decision stream,
// so a seed fixes a run completely and in any process.

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const st = { s: seed | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }
}

/** Derives an independent seed for a sub-purpose (a job, a run) from a base seed and an index. */
export function deriveSeed(base: number, index: number): number {
  const st = { s: (base ^ Math.imul(index + 1, 0x27d4eb2d)) | 0 };
  return splitmix32(st) >>> 1;
}

/** The stream index the plan sub-seed is derived with (any fixed index other than a run's). */
const PLAN_STREAM = 0x706c616e;

/**
 * The run seed's sub-seed for its fault plan. The schedule draws from the run seed itself and the
 * plan from this one, so that the two streams are independent (one seed fed to both would make
 * the plan's first draws and the first scheduling choices the same numbers) and either can be
 * held while the other varies, as TigerBeetle's simulator does.
 */
export function planSeedOf(runSeed: number): number {
  return deriveSeed(runSeed, PLAN_STREAM);
}
