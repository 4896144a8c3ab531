// The bugs of the v3.2 tree (block for-3.3/core) the model found beyond the seed, each proven
// both ways: the suite that found it still finds it on the base tree, and a fix written as a
// patch mail against the base C, taken by `lkml-harness port` with no hand-written TypeScript,
// makes it go away in the same schedules. (KERNEL-SOURCES.md traces the first three to the C,
// the README the CFQ ones: the cooperator leak cgroup-churn has long reported, and the two
// races of threads sharing an IO context that cfq-shared-io-context found, proven here on the
// smallest programs that show each alone; that suite shows both leaks under one title; and the
// plug merge into a request without elevator data that elevator-switch found, which upstream
// fixed for 3.3; and cfq_init_queue()'s kfree() of its embedded root group, which
// disk-add-nomem found once fail-nth could fail a per-cpu chunk's page; and the backing device's
// per-cpu counters blk_alloc_queue_node() leaks when blk_throtl_init() fails, which
// disk-add-nomem found once bdi_init() allocated them.)
import { type BaseBug, proveBaseBugs } from '../helpers/base-bugs.ts';
import { v32Grammar } from '../../harness/fuzz/grammar-v3.2.ts';
import { cgroupChurn } from '../../harness/suites/cgroup-churn.ts';
import { diskAddNomem } from '../../harness/suites/disk-add-nomem.ts';
import { ioNomem } from '../../harness/suites/io-nomem.ts';
import { elevatorSwitch } from '../../harness/suites/elevator-switch.ts';
import { kvmCgroupSwap } from '../../harness/suites/kvm-cgroup-swap.ts';
import { namedProgramSuite } from '../../harness/suites/named-program.ts';
import { throttleLimits } from '../../harness/suites/throttle-limits.ts';

/** A program of the v3.2 grammar as a suite, under the plan shape of cfq-shared-io-context. */
const program = (name: string, text: string, memory: ('none' | 'low')[]) =>
  namedProgramSuite(v32Grammar, { name, summary: name, scenario: name, defaultSchedules: 100, expectedSteps: 300, text, plan: { memory, ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } } });

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
    bug: "cfq_get_cfqg() links the root group again when cfq_alloc_cfqg() fails: its blkg goes on the cgroup's list too, whose node is then changed under the cgroup's blkcg->lock and the root's",
    mail: 'cfq-root-group-relink.patch',
    suite: ioNomem,
    runs: 200,
    title: 'KCSAN: data-race in __blkiocg_del_blkio_group / blkiocg_add_blkio_group',
  },
  {
    bug: 'throtl_get_tg() returns the root group with rcu_read_lock() held when throtl_alloc_tg() fails',
    mail: 'throtl-get-tg-rcu-unlock.patch',
    suite: kvmCgroupSwap,
    runs: 200,
    title: 'BUG: sleeping function called from invalid context in blk_alloc_request',
  },
  {
    bug: 'two threads sharing an io_context link a cic at once: the loser\'s cfq_cic_link() fails with -EEXIST and it sleeps in get_request_wait() with nothing to wake it (lkml.org/lkml/2011/12/2/33)',
    mail: 'cfq-cic-link-eexist-retry.patch',
    suite: program('two-threads-first-io', 'cpus 2\nclone-io 2\nt0: io w 4096+8 wait\nt1: io r 4104+8 wait', ['low']),
    runs: 600,
    title: 'INFO: task hung in get_request_wait',
  },
  {
    bug: 'two threads sharing a cic both find its sync queue missing: the second cfq_get_queue() returns the queue the first linked with a second reference for the same cic',
    mail: 'cfq-shared-cic-queue-ref.patch',
    suite: program('two-threads-first-reads', 'cpus 2\nclone-io 2\nt0: io r 4096+8 wait\nt1: io r 4104+8 wait', ['none']),
    runs: 200,
    title: 'memory leak in cfq_find_alloc_queue',
  },
  {
    bug: 'changed_cgroup() drops a sync queue scheduled to merge with a cooperator without putting the cooperator\'s references',
    mail: 'cfq-changed-cgroup-cooperator.patch',
    suite: cgroupChurn,
    runs: 150,
    title: 'memory leak in cfq_find_alloc_queue',
  },
  {
    bug: 'a plug merge calls into CFQ for a request allocated while an elevator switch drained the queue (no elevator data): cfq_allow_merge() lets it merge and cfq_bio_merged() dereferences its NULL group (upstream 07c2bd37350c, 3.3-rc)',
    mail: 'plug-merge-elvpriv-only.patch',
    suite: elevatorSwitch,
    runs: 100,
    title: 'BUG: unable to handle kernel NULL pointer dereference in cfq_bio_merged',
  },
  {
    bug: "cfq_init_queue() kfree()s &cfqd->root_group, a member of cfqd, when the root group's per-cpu stats cannot be allocated",
    mail: 'cfq-init-queue-root-group-free.patch',
    suite: diskAddNomem,
    runs: 100,
    title: 'KASAN: double-free or invalid-free in cfq_init_queue',
  },
  {
    bug: "blk_alloc_queue_node() frees the queue when blk_throtl_init() fails without bdi_destroy(): the backing device's per-cpu counters, which bdi_init() allocated, leak (v3.15's destroys them: fail_bdi)",
    mail: 'blk-alloc-queue-bdi-destroy.patch',
    suite: diskAddNomem,
    runs: 100,
    title: 'memory leak in bdi_init',
  },
];

proveBaseBugs('v3.2', bugs);
