// block: flush queued bios when the process blocks: the patch module `lkml-harness port` wrote from message.txt. Its port of
// the diff is in patched.ts. Generated: change the mail or the translator, not this file.

import { definePatch } from '../../kernel-model/patch-api.ts';
import { overrides, structs } from './patched.ts';

export default definePatch({
  slug: "2014-05-27-block-flush-queued-bios-when-the-process-blocks",
  messageId: null,
  subject: "block: flush queued bios when the process blocks",
  author: "Mikulas Patocka",
  date: "2014-05-27T15:03:36Z",
  base: "v3.15-rc5",
  world: "v3.15",
  message: 'message.txt',
  touches: {
    "fs/bio.c": ["bio_alloc_rescue", "punt_bios_to_rescuer", "blk_flush_bio_list", "bio_alloc_bioset"],
    "kernel/sched/core.c": ["sched_submit_work"],
    "include/linux/blkdev.h": ["blk_needs_flush_plug", "blk_flush_bio_list"],
  },
  overrides,
  adds: ["blk_flush_bio_list"],
  structs,
  notOverridden: {
    bio_alloc_rescue: "fs/bio.c: the same once preprocessed (the patch changes only comments or layout)",
    punt_bios_to_rescuer: "fs/bio.c: removed by the patch",
    blk_needs_flush_plug: "include/linux/blkdev.h: the same once preprocessed (the patch changes only comments or layout)",
  },
  adaptations: "Applied by lkml-harness port to the v3.15 C: 7 hunk(s), 7 at an offset (fs/bio.c hunk 1: -3, fs/bio.c hunk 2: -3, fs/bio.c hunk 3: -3, fs/bio.c hunk 4: -2, kernel/sched/core.c hunk 1: +6, include/linux/blkdev.h hunk 1: -4, include/linux/blkdev.h hunk 2: -16), after repairing the mail (newlines-lost, subject-end-guessed, hunk-lines-unrecoverable, counts-from-diffstat, hunk-header-text-guessed, address-redacted).",
});
