// blkcg: alloc per cpu stats from worker thread in a delayed manner (adapted to v3.2): the patch module `lkml-harness port` wrote from message.txt. Its port of
// the diff is in patched.ts. Generated: change the mail or the translator, not this file.

import { definePatch } from '../../kernel-model/patch-api.ts';
import { overrides, structs } from './patched.ts';

export default definePatch({
  slug: "2012-03-08-blkcg-alloc-per-cpu-stats-from-worker-thread-in-a",
  messageId: null,
  subject: "blkcg: alloc per cpu stats from worker thread in a delayed manner (adapted to v3.2)",
  author: "Vivek Goyal <vgoyal@redhat.com>",
  date: "2012-03-08T00:00:00Z",
  base: "block for-3.3/core (2011-12-15)",
  world: "v3.2",
  message: 'message.txt',
  touches: {
    "block/blk-cgroup.c": ["blkiocg_update_dispatch_stats", "blkiocg_update_io_merged_stats", "blkio_alloc_blkg_stats", "blkio_stat_alloc_fn", "blkiocg_add_blkio_group", "__blkiocg_del_blkio_group", "blkio_reset_stats_cpu", "blkio_read_stat_cpu"],
    "block/blk-cgroup.h": ["blkio_alloc_blkg_stats"],
    "block/blk-throttle.c": ["throtl_alloc_tg", "throtl_get_tg"],
    "block/cfq-iosched.c": ["cfq_alloc_cfqg", "cfq_get_cfqg", "cfq_init_queue"],
  },
  overrides,
  adds: ["blkio_stat_alloc_fn"],
  madeSleeping: ["__blkiocg_del_blkio_group"],
  recompiled: {
    blkiocg_del_blkio_group: "it calls what the patch makes sleep (__blkiocg_del_blkio_group)",
    blkiocg_destroy: "it calls what the patch makes sleep (__blkiocg_del_blkio_group)",
  },
  structs,
  notOverridden: {
    blkio_alloc_blkg_stats: "block/blk-cgroup.c: removed by the patch",
  },
  adaptations: "Applied by lkml-harness port to the v3.2 C: 20 hunk(s), at their stated lines.",
});
