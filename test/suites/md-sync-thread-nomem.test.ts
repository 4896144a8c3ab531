// md-sync-thread-nomem: md's sync threads started while kthread_create_on_node() fails half the
// time (failslab at its request's allocation, made in the caller's context since v3.13). The
// base tree frees the md_thread whose kernel thread could not be created; a mail that returns
// without freeing it, taken by `lkml-harness port`, leaks it.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { mdSyncThreadNomem } from '../../harness/suites/md-sync-thread-nomem.ts';

describe('md-sync-thread-nomem', () => {
  it('reports nothing on the base tree', { timeout: 300_000 }, () => {
    expect(baseTitles(mdSyncThreadNomem, 60)).toEqual([]);
  });

  it('sees an md_thread left behind when its kernel thread cannot be created', { timeout: 300_000 }, async () => {
    const seen = await reportingWithMailAndBase(mdSyncThreadNomem, 'md-register-thread-no-free.patch', 40, 'memory leak in md_register_thread');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
