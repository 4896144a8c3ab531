// dm: flush queued bios when process blocks to avoid deadlock: the patch module `lkml-harness port` wrote from message.txt. Its port of
// the diff is in patched.ts. Generated: change the mail or the translator, not this file.

import { definePatch } from '../../kernel-model/patch-api.ts';
import { overrides, structs } from './patched.ts';

export default definePatch({
  slug: "2017-02-15-dm-flush-queued-bios-when-process-blocks-to-avoid",
  messageId: null,
  subject: "dm: flush queued bios when process blocks to avoid deadlock",
  author: "Mikulas Patocka <mpatocka@redhat.com>",
  date: "2017-02-15T00:00:00Z",
  base: "v3.15-rc5",
  world: "v3.15",
  message: 'message.txt',
  touches: {
    "drivers/md/dm.c": ["flush_current_bio_list", "dm_offload_start", "dm_offload_end", "__map_bio"],
  },
  overrides,
  adds: ["flush_current_bio_list", "dm_offload_start", "dm_offload_end"],
  structs,
  notOverridden: {},
  adaptations: "Applied by lkml-harness port to the v3.15 C: 2 hunk(s), at their stated lines.",
});
