// What the verdict rules need of one run: which reports it gave, in order (the first is the
// run's finding, the rest followed it), which one ended it early, and a hash of its schedule
// (to count the schedules a patch changed). Evaluate makes these from run records; a nightly
// job stores them in its result file.
import { z } from 'zod';

export const RunDigestSchema = z.object({
  suite: z.string(),
  variant: z.enum(['baseline', 'patched']),
  /** Index of the run under its base seed: baseline and patched run i share a seed. */
  index: z.number().int().nonnegative(),
  /** Titles of the reports, in the order the run gave them. */
  titles: z.array(z.string()),
  /**
   * The race key of each data race among `titles` (title -> "struct.member:function"), absent
   * when the run reported none: the verdict rules count a race by it, not by its pair title.
   */
  raceKeys: z.record(z.string(), z.string()).optional(),
  /** The report that stopped the run (a hang, an oops, KASAN), if one did. */
  endedBy: z.string().nullable(),
  /**
   * Hash of everything the run did: its schedule (each task switch and decision) and its
   * reports. Equal on both sides means the patch changed nothing in that run.
   */
  hash: z.number().int(),
});
export type RunDigest = z.infer<typeof RunDigestSchema>;
