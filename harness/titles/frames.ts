// Reading stack frames out of kernel report text, in every form the reports we read take:
//   [<ffffffff8105927f>] warn_slowpath_common+0x7f/0xc0         (x86, 2.6-4.x)
//   [<ffffffff8105927f>] ? warn_slowpath_common+0x7f/0xc0       (unreliable: skipped)
//   [<     inlined    >] bdi_init+0x168/0x960 kzalloc ...        (KASAN 4.2 symbolized)
//   [c00000000ffff7f0] [c0000000000933b8] .print_usage_bug+0x1d4/0x208   (powerpc64)
//   dump_stack+0x45/0x57 lib/dump_stack.c:50                   (newer kernels)
//   pcpu_alloc                                                  (the model: names only)
// with printk timestamps, <IRQ>/<EOI> markers and compiler suffixes (.isra.N, .constprop.N,
// .part.N, .clone.N, .cold) taken off, as syzkaller's pkg/report does.

const TIMESTAMP = /^\s*\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])?\s?/;
const CONTEXT_MARK = /^\s*(?:<(?:IRQ|EOI|NMI|TASK)>\s*)+/;
const ADDRESSES = /^\s*(?:\[<?[^\]]*>?\]\s*){1,2}/;
const KERNEL_FRAME = /^\s*(\?\s+)?\.?([A-Za-z_][\w.]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/;
const MODEL_FRAME = /^\s+([A-Za-z_]\w*)\s*$/;
const SUFFIX = /\.(?:isra|constprop|part|clone|cold|lto_priv)(?:\.\d+)*/g;

export function stripTimestamp(line: string): string {
  return line.replace(TIMESTAMP, '');
}

/** A function name without the compiler's clone suffixes. */
export function baseName(fn: string): string {
  return fn.replace(SUFFIX, '');
}

export type FrameLine = { fn: string; reliable: boolean } | null;

/** The function a stack line names, or null when the line is not a frame. */
export function parseFrame(raw: string): FrameLine {
  const line = stripTimestamp(raw).replace(CONTEXT_MARK, ' ');
  const hadAddress = ADDRESSES.test(line);
  const rest = line.replace(ADDRESSES, ' ');
  const k = KERNEL_FRAME.exec(rest);
  if (k !== null) return { fn: baseName(k[2]), reliable: k[1] === undefined };
  if (hadAddress) return null;
  const m = MODEL_FRAME.exec(line);
  return m === null ? null : { fn: m[1], reliable: true };
}

/** A line a trace may contain between frames without ending: context marks, blank prefixes. */
function isNoise(raw: string): boolean {
  const line = stripTimestamp(raw).trim();
  return line === '' ? false : /^(?:<(?:IRQ|EOI|NMI|TASK)>|<\/(?:IRQ|TASK)>)$/.test(line);
}

/**
 * The reliable frames of the first trace after the first line matching `start` (searching from
 * line `from`), innermost first: consecutive frame lines, unreliable ones ("? fn") dropped.
 */
export function traceAfter(lines: readonly string[], start: RegExp, from = 0): string[] {
  let i = lines.findIndex((l, k) => k >= from && start.test(l));
  if (i < 0) return [];
  const frames: string[] = [];
  for (i++; i < lines.length; i++) {
    const f = parseFrame(lines[i]);
    if (f === null) {
      if (isNoise(lines[i])) continue;
      if (frames.length === 0 && stripTimestamp(lines[i]).trim() === '') continue;
      break;
    }
    if (f.reliable) frames.push(f.fn);
  }
  return frames;
}

/** The function named after "at:" on the line after the one matching `marker` (lockdep). */
export function atFunctionAfter(lines: readonly string[], marker: RegExp): string | null {
  const i = lines.findIndex((l) => marker.test(l));
  if (i < 0) return null;
  for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
    const m = /, at:\s*(?:\[<[^>]*>\]\s*)?(.*)$/.exec(stripTimestamp(lines[k]));
    if (m === null) continue;
    const f = parseFrame(` ${m[1]}`);
    return f === null ? null : f.fn;
  }
  return null;
}

/** The first frame not matched by `skip`: the function a title names. */
export function guilty(frames: readonly string[], skip: (fn: string) => boolean): string | null {
  return frames.find((f) => !skip(f)) ?? null;
}
