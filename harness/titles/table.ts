// The one table of report titles, as syzkaller's pkg/report keeps it: for each kind of kernel
// report, how to recognise it, the title it gets (syzbot's wording), and which frames a title
// never names. Titles are the de-duplication key of findings, so the same bug must always get
// the same title, whoever printed it: the real kernel or the model.
import { atFunctionAfter, baseName, guilty, parseFrame, stripTimestamp, traceAfter } from './frames.ts';

/** Frames no title names: debugging machinery, printing, locking primitives. */
const MACHINERY = [
  /^dump_stack$/, /^__dump_stack$/, /^show_stack$/, /^warn_slowpath/, /^__warn/, /^panic$/, /^print_/, /^report_bug$/,
  /^lockdep_/, /^__lock_acquire$/, /^lock_acquire$/, /^lock_release/, /^mark_lock/, /^mark_held_locks$/, /^mark_irqflags$/,
  /^kasan_/, /^__asan_/, /^check_memory_region/, /^object_err$/,
  /^__might_sleep$/, /^___might_sleep$/, /^might_sleep/, /^might_fault$/,
  /^_raw_spin_/, /^spin_/, /^__raw_spin_/, /^mutex_lock/, /^mutex_unlock/, /^__mutex_/, /^mutex_trylock$/,
  /^down$/, /^down_/, /^__down/, /^up_/, /^downgrade_write$/, /^rwsem_down_/, /^rt_mutex_/, /^__rt_mutex_/,
  /^rcu_read_/, /^rcu_lock_/,
];

/** Frames of going to sleep: a hang or a sleeping-in-atomic title names who called them. */
const SCHEDULER = [
  /^__schedule$/, /^schedule$/, /^schedule_/, /^io_schedule/, /^preempt_schedule/, /^sched_submit_work$/, /^context_switch$/, /^__switch_to/,
  /^msleep/, /^usleep_range$/, /^ssleep$/, /^wait_for_completion/, /^wait_for_common/, /^__wait_for_common$/, /^do_wait_for_common$/,
  /^__wait_on_bit/, /^wait_on_/, /^out_of_line_wait_on_bit/, /^bit_wait/, /^prepare_to_wait/, /^finish_wait$/, /^__wait_event/,
  /^complete$/, /^flush_work$/, /^cancel_work_sync$/, /^cancel_delayed_work_sync$/, /^__cancel_work_timer$/, /^flush_workqueue$/,
  /^synchronize_rcu/, /^synchronize_sched$/, /^kthread$/, /^worker_thread$/, /^congestion_wait$/,
];

/** Frames of the allocators: a leak or an allocation title names their caller. */
const ALLOCATOR = [
  /^kmemleak_alloc/, /^create_object$/, /^kmalloc/, /^__kmalloc/, /^kzalloc/, /^kcalloc$/, /^krealloc$/, /^kmem_/, /^kfree$/, /^kzfree$/,
  /^__slab_/, /^___slab_/, /^slab_/, /^new_slab$/, /^allocate_slab$/, /^cache_alloc/, /^____cache_alloc/,
  /^alloc_pages/, /^__alloc_pages/, /^__get_free_pages$/, /^get_zeroed_page$/, /^alloc_page_/,
  /^alloc_percpu/, /^__alloc_percpu/, /^pcpu_/, /^free_percpu$/, /^__percpu_counter_init$/, /^mempool_/, /^kstrdup$/, /^kmemdup$/, /^vmalloc/, /^__vmalloc/, /^vzalloc$/,
];

/** Frames of the list helpers CONFIG_DEBUG_LIST checks: a corruption title names their caller. */
const LIST_HELPERS = [/^__list_/, /^list_add/, /^list_del/, /^list_move/, /^list_replace/, /^list_splice/, /^hlist_/];

function matcher(...groups: RegExp[][]): (fn: string) => boolean {
  const all = groups.flat();
  return (fn) => all.some((re) => re.test(fn));
}

export const skipMachinery = matcher(MACHINERY);
export const skipForHang = matcher(MACHINERY, SCHEDULER);
export const skipForSleep = matcher(MACHINERY, SCHEDULER, ALLOCATOR);
export const skipForLeak = matcher(MACHINERY, ALLOCATOR);
export const skipForList = matcher(MACHINERY, LIST_HELPERS);
const skipForDebugObjects = matcher(MACHINERY, [/^debug_/, /^call_rcu/, /^__call_rcu$/, /^kfree_rcu$/]);

export interface TitleRule {
  /** What kind of report this is, for the tests and the README. */
  name: string;
  /** A line that starts a report of this kind. */
  header: RegExp;
  /**
   * The title, from the report's lines, the header's match and the header's line number; null
   * when the report lacks what the title needs.
   */
  title: (lines: readonly string[], header: RegExpExecArray, at: number) => string | null;
}

const CALL_TRACE = /Call Trace:|^\s*stack backtrace:/;

/** The guilty frame of the first call trace after the header line. */
function guiltyAfterHeader(lines: readonly string[], headerLine: number, skip: (fn: string) => boolean): string | null {
  return guilty(traceAfter(lines, CALL_TRACE, headerLine), skip);
}

const prefixed = (prefix: string, fn: string | null): string | null => (fn === null ? null : `${prefix}${fn}`);

function headerIndex(lines: readonly string[], re: RegExp): number {
  return lines.findIndex((l) => re.test(l));
}

/** The KASAN bug type, in today's words ("use after free" in 4.2's reports is "use-after-free"). */
function kasanType(raw: string): string {
  return raw.trim().replace(/ /g, '-').replace('double-free-or-invalid-free', 'double-free or invalid-free');
}

export const TITLE_RULES: readonly TitleRule[] = [
  {
    name: 'lockdep: circular locking dependency',
    header: /possible circular locking dependency detected/,
    title: (lines) => prefixed('possible deadlock in ', atFunctionAfter(lines, /is trying to acquire lock:/)),
  },
  {
    name: 'lockdep: recursive locking',
    header: /possible recursive locking detected/,
    title: (lines) => prefixed('possible deadlock in ', atFunctionAfter(lines, /is trying to acquire lock:/)),
  },
  {
    name: 'lockdep: irq lock inversion',
    header: /possible irq lock inversion dependency detected/,
    title: (lines) => prefixed('possible deadlock in ', atFunctionAfter(lines, /just changed the state of lock:/)),
  },
  {
    // The softlockup watchdog: a CPU that has not scheduled for 20 s, at the frame it spins in.
    name: 'soft lockup',
    header: /BUG: soft lockup - CPU#\d+ stuck for/,
    title: (lines) => prefixed('BUG: soft lockup in ', guiltyAfterHeader(lines, headerIndex(lines, /BUG: soft lockup - CPU#/), skipMachinery)),
  },
  {
    // CONFIG_PROVE_RCU: titled by the C's file:line the report names, as syzbot titles it.
    name: 'lockdep: suspicious RCU usage',
    header: /suspicious RCU usage/,
    title: (lines) => {
      const at = lines.map((l) => /^\s*(\S+:\d+) suspicious rcu_dereference/.exec(stripTimestamp(l))).find((m) => m !== null);
      return at ? `suspicious RCU usage at ${at[1]}` : null;
    },
  },
  {
    name: 'lockdep: inconsistent lock state',
    header: /inconsistent lock state/,
    title: (lines) => prefixed('inconsistent lock state in ', atFunctionAfter(lines, / takes:\s*$/)),
  },
  {
    name: 'lockdep: bad unlock balance',
    header: /bad unlock balance detected/,
    title: (lines) => {
      const i = headerIndex(lines, /is trying to release lock/);
      const f = i < 0 ? null : parseFrame(` ${stripTimestamp(lines[i + 1] ?? '').replace(/^\s*\[<[^>]*>\]\s*/, '').trim()}`);
      return prefixed('BUG: bad unlock balance in ', f?.fn ?? null);
    },
  },
  {
    name: 'hung task',
    header: /INFO: task \S+ (?:blocked for more than \d+ seconds|can never be woken|blocked with nothing left to run)/,
    title: (lines, _h, at) => prefixed('INFO: task hung in ', guiltyAfterHeader(lines, at, skipForHang)),
  },
  {
    // KCSAN names the two racing functions, sorted, in its header line.
    name: 'KCSAN',
    header: /BUG: KCSAN: ([a-z-]+(?: \([a-z ]+\))?) in (\S+) \/ (\S+)/,
    title: (_lines, h) => `KCSAN: ${h[1]} in ${baseName(h[2])} / ${baseName(h[3])}`,
  },
  {
    name: 'KASAN',
    header: /BUG: KAS(?:AN|an): ([a-z][a-z -]*?) in (\S+)/,
    title: (lines, h, at) => {
      const access = lines.map((l) => /^\s*(?:\[[^\]]*\]\s*)?(Read|Write) of size \d+/.exec(stripTimestamp(l))).find((m) => m !== null)?.[1];
      const header = parseFrame(` ${h[2]}`);
      let fn = header === null ? null : baseName(header.fn);
      if (fn !== null && skipForLeak(fn)) fn = guiltyAfterHeader(lines, at, skipForLeak);
      return prefixed(`KASAN: ${kasanType(h[1])}${access ? ` ${access}` : ''} in `, fn);
    },
  },
  {
    name: 'kmemleak',
    header: /unreferenced object 0x[0-9a-f]+/,
    title: (lines) => prefixed('memory leak in ', guilty(traceAfter(lines, /^\s*backtrace(?: \(crc [0-9a-f]+\))?:/), skipForLeak)),
  },
  {
    name: 'sleeping in atomic context',
    header: /BUG: sleeping function called from invalid context/,
    title: (lines, _h, at) => prefixed('BUG: sleeping function called from invalid context in ', guiltyAfterHeader(lines, at, skipForSleep)),
  },
  {
    name: 'scheduling while atomic',
    header: /BUG: scheduling while atomic/,
    title: (lines, _h, at) => prefixed('BUG: scheduling while atomic in ', guiltyAfterHeader(lines, at, skipForSleep)),
  },
  {
    name: 'list corruption (CONFIG_DEBUG_LIST)',
    header: /list_(?:add|del) corruption|(?:kernel BUG|WARNING:) at lib\/list_debug\.c/,
    title: (lines, _h, at) => prefixed('BUG: corrupted list in ', guiltyAfterHeader(lines, at, skipForList)),
  },
  {
    // A cache destroyed with objects still allocated from it (v3.15 mm/slab_common.c; v3.2
    // mm/slab.c's slab_error()), named after who destroyed it: a module's exit, for a leak into its cache.
    name: 'slab cache still has objects',
    header: /kmem_cache_destroy \S+: Slab cache still has objects|slab error in kmem_cache_destroy\(\): cache `[^']*': Can't free all objects/,
    title: (lines, _h, at) => prefixed('kmem_cache_destroy: slab cache still has objects in ', guiltyAfterHeader(lines, at, skipForLeak)),
  },
  {
    // CONFIG_DEBUG_OBJECTS (lib/debugobjects.c): an object used in a state its type forbids (an
    // rcu_head queued again while queued: a double free through call_rcu), named after the code
    // that used it, as syzkaller names its "WARNING: ODEBUG bug in" reports.
    name: 'debugobjects',
    header: /ODEBUG: \w+ \w+ \(active state \d+\) object type: \S+/,
    title: (lines, _h, at) => prefixed('WARNING: ODEBUG bug in ', guiltyAfterHeader(lines, at, skipForDebugObjects)),
  },
  {
    name: 'BUG_ON',
    header: /kernel BUG at (\S+?)!?$/,
    title: (lines, _h, at) => prefixed('kernel BUG in ', guiltyAfterHeader(lines, at, skipMachinery)),
  },
  {
    name: 'WARN_ON',
    header: /WARNING: at \S+ (\S+?)\(\)/,
    title: (_lines, h) => prefixed('WARNING in ', parseFrame(` ${h[1]}`)?.fn ?? null),
  },
  {
    // The model's own checks have no kernel format; their first line is their title.
    name: 'model: accounting drift',
    header: /^(.+): \d+ expected, \d+ counted/,
    title: (_lines, h) => `accounting drift in ${h[1]}`,
  },
  {
    name: 'model: lost wake-up',
    header: /^lost wake-up: \S+ slept in (\S+) /,
    title: (_lines, h) => `lost wake-up in ${h[1]}`,
  },
  {
    name: 'model: lost md event',
    header: /^md: .+ stopped, but md_event_count is still \d+/,
    title: () => 'lost md event: array stopped with md_event_count unchanged',
  },
  {
    name: 'model: lost IO',
    header: /^lost IO: /,
    title: () => 'lost IO: bio never completed',
  },
];

export interface TitledReport {
  title: string;
  rule: string;
}

/** The title of a kernel report by the first rule whose header it contains; null if none. */
export function titleOf(report: string): TitledReport | null {
  const lines = report.split('\n');
  for (const rule of TITLE_RULES) {
    for (let at = 0; at < lines.length; at++) {
      const h = rule.header.exec(stripTimestamp(lines[at]));
      if (h === null) continue;
      const title = rule.title(lines, h, at);
      if (title !== null) return { title, rule: rule.name };
      break;
    }
  }
  return null;
}
