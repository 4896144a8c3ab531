// io-nomem fails one allocation of a process's first write from a new blkio cgroup (fail-nth
// around the write). Its runs take the submission path's fallbacks: CFQ's OOM queue when the
// queue cannot be allocated, and the group whose per-cpu stats cannot be had freed again. On the
// base tree it reports only what is known of v3.2 there (README, "Found in the base trees"): a
// request whose elevator data cannot be allocated makes get_request() fail, and with nothing in
// flight the writer sleeps in get_request_wait() for good (later kernels treat such a request
// as !elvpriv, "weird is better than dead"); throtl_get_tg() returning with rcu_read_lock() held;
// and cfq_get_cfqg() linking the root group again, which shows twice: as a race on the root
// group's list node, now on two blkcgs' lists under two locks, and as the kernel BUG when the
// cgroup goes (base-bugs.test.ts proves both go with its fix).
import { describe, expect, it } from 'vitest';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { runSeeds } from '../../harness/explore/runner.ts';
import { ioNomem } from '../../harness/suites/io-nomem.ts';
import { probesOf } from '../../kernel-model/sim/branches.ts';

const KNOWN_V32 = [
  'BUG: sleeping function called from invalid context in blk_alloc_request',
  'INFO: task hung in get_request_wait',
  'KCSAN: data-race in __blkiocg_del_blkio_group / blkiocg_add_blkio_group',
  'kernel BUG in cfq_destroy_cfqg',
];

describe('io-nomem', () => {
  it('takes the OOM queue and frees a CFQ group whose stats could not be allocated', { timeout: 120_000 }, () => {
    const r = measureReach(ioNomem, 200);
    // Probe 6 of cfq_find_alloc_queue(): cfqq = &cfqd->oom_cfqq.
    expect(probesOf(r.branches.cfq_find_alloc_queue ?? '0')).toContain(6);
    // Probe 4 of cfq_alloc_cfqg(): blkio_alloc_blkg_stats() failed, kfree(cfqg).
    expect(probesOf(r.branches.cfq_alloc_cfqg ?? '0')).toContain(4);
  });

  it('reports on the base tree only the known v3.2 bugs of that path', { timeout: 120_000 }, () => {
    const runs = runSeeds(ioNomem, { seed: 1, count: 200, patch: null });
    const titles = [...new Set(runs.flatMap((x) => x.findings.map((f) => f.title)))].sort();
    expect(titles).toEqual(KNOWN_V32);
  });
});
