// The three bugs of the v3.2 tree (block for-3.3/core) the model found beyond the seed, each
// proven both ways: the suite that found it still finds it on the base tree, and a fix written
// as a patch mail against the base C, taken by `lkml-harness port` with no hand-written
// TypeScript, makes it go away in the same schedules. (KERNEL-SOURCES.md traces each to the C.)
import { type BaseBug, proveBaseBugs } from '../helpers/base-bugs.ts';
import { kvmCgroupSwap } from '../../harness/suites/kvm-cgroup-swap.ts';
import { throttleLimits } from '../../harness/suites/throttle-limits.ts';

const bugs: BaseBug[] = [
  {
    bug: "throtl_get_tg()/cfq_get_cfqg() free a group that lost the race with kfree(), leaking its per-cpu stats",
    mail: 'blkio-free-stats-of-lost-group.patch',
    suite: throttleLimits,
    runs: 200,
    title: 'memory leak in blkio_alloc_blkg_stats',
  },
  {
    bug: 'cfq_get_cfqg() links the root group again when cfq_alloc_cfqg() fails; removing the cgroup destroys it',
    mail: 'cfq-root-group-relink.patch',
    suite: kvmCgroupSwap,
    runs: 300,
    title: 'kernel BUG in cfq_destroy_cfqg',
  },
  {
    bug: 'throtl_get_tg() returns the root group with rcu_read_lock() held when throtl_alloc_tg() fails',
    mail: 'throtl-get-tg-rcu-unlock.patch',
    suite: kvmCgroupSwap,
    runs: 200,
    title: 'BUG: sleeping function called from invalid context in blk_alloc_request',
  },
];

proveBaseBugs('v3.2', bugs);
