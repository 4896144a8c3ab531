// blkio: alloc per cpu data from worker thread context(Re: kvm deadlock): the patch module `lkml-harness port` wrote from message.txt. Its port of
// the diff is in patched.ts. Generated: change the mail or the translator, not this file.

import { definePatch } from '../../kernel-model/patch-api.ts';
import { overrides, structs } from './patched.ts';

export default definePatch({
  slug: "2011-12-15-blkio-alloc-per-cpu-data-from-worker-thread",
  messageId: null,
  subject: "blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)",
  author: "Vivek Goyal",
  date: "2011-12-15T19:47:19Z",
  base: "block for-3.3/core (2011-12-15)",
  world: "v3.2",
  message: 'message.txt',
  touches: {
    "block/blk-throttle.c": ["throtl_free_tg", "throtl_check_schedule_pcpu_stat_alloc", "tg_stat_alloc_fn", "throtl_init_group", "throtl_alloc_tg", "throtl_alloc_tg_async", "throtl_alloc_tg_sync", "throtl_get_tg", "blk_throtl_init"],
    "block/blk-cgroup.c": ["blkiocg_update_dispatch_stats", "blkiocg_update_io_merged_stats", "blkio_alloc_blkg_stats", "blkio_alloc_set_blkg_stats", "blkio_alloc_blkg_stats_pcpu", "blkio_reset_stats_cpu", "blkio_read_stat_cpu"],
    "block/blk-cgroup.h": ["blkio_cmpxchg_blkg_stats", "blkio_alloc_blkg_stats", "blkio_alloc_set_blkg_stats"],
    "block/cfq-iosched.c": ["cfq_check_schedule_pcpu_stat_alloc", "cfqg_stat_alloc_fn", "cfq_alloc_cfqg", "cfq_get_cfqg", "cfq_ref_get_cfqg", "cfq_link_cfqq_cfqg", "cfq_put_cfqg", "cfq_init_queue"],
  },
  overrides,
  adds: ["blkio_alloc_set_blkg_stats", "blkio_alloc_blkg_stats_pcpu", "throtl_check_schedule_pcpu_stat_alloc", "tg_stat_alloc_fn", "throtl_alloc_tg_async", "throtl_alloc_tg_sync", "cfq_check_schedule_pcpu_stat_alloc", "cfqg_stat_alloc_fn"],
  madeSleeping: ["cfq_link_cfqq_cfqg", "cfq_ref_get_cfqg"],
  recompiled: {
    cfq_find_alloc_queue: "it calls what the patch makes sleep (cfq_link_cfqq_cfqg)",
    cfq_set_request: "it calls what the patch makes sleep (cfq_ref_get_cfqg)",
  },
  structs,
  notOverridden: {
    throtl_alloc_tg: "block/blk-throttle.c: removed by the patch",
    blkio_alloc_blkg_stats: "block/blk-cgroup.c: removed by the patch",
    blkio_cmpxchg_blkg_stats: "block/blk-cgroup.h: a macro; its expansion is translated in the functions that use it",
  },
  adaptations: "Applied by lkml-harness port to the v3.2 C: 30 hunk(s), at their stated lines, after repairing the mail (context-missing-space, empty-context-line).",
});
