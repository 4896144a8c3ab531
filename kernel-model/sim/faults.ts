// Fault plans with the kernel's fault-injection semantics (lib/fault-inject.c, should_fail()):
// probability, interval, times, space, a per-site filter, and fail-nth (a task that arms it, as
// syzkaller writes /proc/thread-self/fail-nth before a call, fails its N-th injectable call).
// Also the machine-wide conditions a run is drawn with: memory pressure, IO completion delay and
// error rate, workqueue delay. A plan prints as one line that parses back.

export type MemoryPressure = 'none' | 'low' | 'high' | 'exhausted';

export interface FaultAttr {
  /** Percent chance that an eligible call fails (0..100). */
  probability: number;
  /** Only every interval-th call is eligible. */
  interval: number;
  /** How many failures at most; -1 for no limit. */
  times: number;
  /** Bytes of allocation to let through before failing starts. */
  space: number;
  /** Call sites that may fail (kernel function names); empty means every site. */
  sites: string[];
  /**
   * The N a program writes to /proc/thread-self/fail-nth before a step it tests (the task's
   * fail_nth; harness/suites/fail-nth.ts): that task's N-th injectable call from there fails.
   */
  failNth: number;
}

export interface FaultPlan {
  failslab: FaultAttr;
  /**
   * Call sites whose page allocations fail_page_alloc may fail, as syzkaller arms it beside
   * failslab (ignore-gfp-wait and ignore-gfp-highmem off): only through a task's fail-nth, which
   * counts them with its slab allocations. Empty: no page allocation fails. Printed only when
   * set, so older plan lines parse.
   */
  pageSites: string[];
  memory: MemoryPressure;
  /** Largest number of extra scheduling decisions an IO completion may wait (0: deliver freely). */
  ioDelay: number;
  /** Percent of IO completions that complete with an error. */
  ioErrorPercent: number;
  /**
   * Percent of the commands a disk with a command timeout loses: it answers them only as their
   * timeout fires, or never (the driver's timeout handler aborts them). Printed only when set, so
   * older plan lines parse.
   */
  ioLostPercent: number;
  /** Largest extra delay in jiffies added to a delayed work item or timer. */
  wqDelay: number;
}

export function noFaults(): FaultAttr {
  return { probability: 0, interval: 1, times: -1, space: 0, sites: [], failNth: 0 };
}

/**
 * failslab armed at `sites` only (fault-inject's stack filter, require-start/require-end around
 * those functions; none named: every site): each of their slab allocations fails with
 * `probability`%, whatever its mask, at most `times` times (-1: no limit).
 */
export function failslabAt(sites: readonly string[], probability: number, times = -1): FaultAttr {
  return { ...noFaults(), probability, times, sites: [...sites] };
}

export function defaultPlan(): FaultPlan {
  return { failslab: noFaults(), pageSites: [], memory: 'none', ioDelay: 0, ioErrorPercent: 0, ioLostPercent: 0, wqDelay: 0 };
}

/** Per-run counters of one fault attribute, as struct fault_attr keeps them. */
export interface FaultState {
  attr: FaultAttr;
  count: number;
  timesLeft: number;
  spaceLeft: number;
  injected: number;
}

export function faultState(attr: FaultAttr): FaultState {
  return { attr, count: 0, timesLeft: attr.times, spaceLeft: attr.space, injected: 0 };
}

/**
 * should_fail() from lib/fault-inject.c, with the decision stream in place of the kernel's
 * random32(): `draw(100)` is asked only when the probability is strictly between 0 and 100, so
 * plans without probabilistic faults add nothing to the stream. `nth` is the calling task's
 * fail-nth counter (v4.13's current->fail_nth, which the harness has on every base): while it
 * is armed it alone decides, as in the kernel.
 * @port lib/fault-inject.c v4.13 simplified - no task filter or stacktrace filter; a site filter instead, which fail-nth counts through too
 */
export function should_fail(st: FaultState, site: string, size: number, nth: { fail_nth: number }, draw: (n: number) => number): boolean {
  const attr = st.attr;
  if (attr.sites.length > 0 && !attr.sites.includes(site)) return false;
  if (nth.fail_nth > 0) {
    nth.fail_nth--;
    if (nth.fail_nth > 0) return false;
    st.injected++;
    return true;
  }
  if (st.timesLeft === 0) return false;
  if (st.spaceLeft > 0) {
    if (st.spaceLeft > size) {
      st.spaceLeft -= size;
      return false;
    }
    st.spaceLeft = 0;
  }
  if (attr.interval > 1) {
    st.count++;
    if (st.count % attr.interval !== 0) return false;
  }
  if (attr.probability <= 0) return false;
  if (attr.probability < 100 && draw(100) >= attr.probability) return false;
  if (st.timesLeft > 0) st.timesLeft--;
  st.injected++;
  return true;
}

/** One line that states the plan and parses back with parsePlan. */
export function formatPlan(p: FaultPlan): string {
  const f = p.failslab;
  const sites = f.sites.length > 0 ? f.sites.join('+') : '*';
  return (
    `failslab=p${f.probability},i${f.interval},t${f.times},s${f.space},n${f.failNth},at:${sites}` +
    ` mem=${p.memory} iodelay=${p.ioDelay} ioerr=${p.ioErrorPercent} wqdelay=${p.wqDelay}` +
    (p.ioLostPercent > 0 ? ` iolost=${p.ioLostPercent}` : '') +
    (p.pageSites.length > 0 ? ` failpage=at:${p.pageSites.join('+')}` : '')
  );
}

const PLAN_RE =
  /^failslab=p(\d+),i(\d+),t(-?\d+),s(\d+),n(\d+),at:(\S+) mem=(none|low|high|exhausted) iodelay=(\d+) ioerr=(\d+) wqdelay=(\d+)(?: iolost=(\d+))?(?: failpage=at:(\S+))?$/;

export function parsePlan(line: string): FaultPlan {
  const m = PLAN_RE.exec(line.trim());
  if (m === null) throw new Error(`not a fault plan line: '${line}'`);
  return {
    failslab: {
      probability: Number(m[1]),
      interval: Number(m[2]),
      times: Number(m[3]),
      space: Number(m[4]),
      failNth: Number(m[5]),
      sites: m[6] === '*' ? [] : m[6].split('+'),
    },
    memory: m[7] as MemoryPressure,
    ioDelay: Number(m[8]),
    ioErrorPercent: Number(m[9]),
    ioLostPercent: m[11] === undefined ? 0 : Number(m[11]),
    pageSites: m[12] === undefined ? [] : m[12].split('+'),
    wqDelay: Number(m[10]),
  };
}
