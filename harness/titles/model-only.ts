// What the model watches that the kernel at a patch's base could not: said in one line under
// the finding, so nobody expects the kernel of that era to have printed it.
import type { Backtrace, FindingKind } from '../results/finding.ts';

export interface KernelVersion {
  major: number;
  minor: number;
}

export function parseVersion(v: string): KernelVersion {
  const m = /(\d+)\.(\d+)/.exec(v);
  return m === null ? { major: 0, minor: 0 } : { major: Number(m[1]), minor: Number(m[2]) };
}

function before(v: KernelVersion, major: number, minor: number): boolean {
  return v.major < major || (v.major === major && v.minor < minor);
}

interface ModelOnlyRule {
  applies: (kind: FindingKind, backtraces: readonly Backtrace[], kernel: KernelVersion) => boolean;
  note: (kernel: KernelVersion) => string;
}

const PERCPU_ALLOC = /^(?:pcpu_alloc|__alloc_percpu|alloc_percpu)/;

const RULES: readonly ModelOnlyRule[] = [
  {
    // kmemleak tracks alloc_percpu() areas only as scan roots (f528f0b8e53d, 2011) and never
    // reports them; reporting leaked per-cpu areas was still being proposed in 2020.
    applies: (kind, bts) => kind === 'kmemleak' && bts.length > 0 && bts[0].frames.some((f) => PERCPU_ALLOC.test(f)),
    note: (v) => `Model-only: kmemleak at v${v.major}.${v.minor} does not report leaked per-cpu areas (alloc_percpu), so the kernel of this base would stay silent.`,
  },
  {
    applies: (kind, _bts, v) => kind === 'kasan' && before(v, 4, 0),
    note: (v) => `Model-only: KASAN arrived in v4.0 (0b24becc810d); at v${v.major}.${v.minor} this access would go unreported or show up later as corruption.`,
  },
  {
    applies: (kind, _bts, v) => kind === 'kcsan' && before(v, 5, 8),
    note: (v) => `Model-only: KCSAN arrived in v5.8 (dfd402a4c4ba); the model checks each access against the lock the C names for the member, so at v${v.major}.${v.minor} this race would go unreported.`,
  },
  {
    applies: (kind) => kind === 'accounting' || kind === 'lost-io' || kind === 'lost-wakeup',
    note: () => 'Model-only: a check of the model (accounting, lost IO, lost wake-ups behind a timeout); the kernel has no such detector.',
  },
  {
    applies: (kind) => kind === 'livelock',
    note: () => 'Model-only: the kernel prints nothing for a task that keeps sleeping and waking without finishing (khungtaskd sees it switch); on a real machine the command never returns.',
  },
];

/** The one-line note for a finding the kernel at `kernel` could not have reported, or null. */
export function modelOnlyNote(kind: FindingKind, backtraces: readonly Backtrace[], kernel: string): string | null {
  const v = parseVersion(kernel);
  return RULES.find((r) => r.applies(kind, backtraces, v))?.note(v) ?? null;
}
