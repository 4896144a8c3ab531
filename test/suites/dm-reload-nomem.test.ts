// dm-reload-nomem: live devices reloaded while a fifth of table_load()'s allocations fail. The
// base tree frees a table whose target array could not be allocated; a mail that returns
// without freeing it, taken by `lkml-harness port`, leaks it; so does one that forgets the table
// when a hostile target count wraps to zero.
import { describe, expect, it } from 'vitest';
import { baseTitles, reportingWithMailAndBase } from '../helpers/suite-runs.ts';
import '../../kernel-model/index.ts';
import { dmReloadNomem } from '../../harness/suites/dm-reload-nomem.ts';

describe('dm-reload-nomem', () => {
  it('reports nothing on the base tree', { timeout: 300_000 }, () => {
    expect(baseTitles(dmReloadNomem, 100)).toEqual([]);
  });

  it('sees a table left behind when its target array cannot be allocated', { timeout: 300_000 }, async () => {
    const seen = await reportingWithMailAndBase(dmReloadNomem, 'dm-table-create-no-free.patch', 40, 'memory leak in dm_table_create');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });

  it('sees a table left behind when a hostile target count rounds to zero', { timeout: 300_000 }, async () => {
    const seen = await reportingWithMailAndBase(dmReloadNomem, 'dm-table-create-wrap-no-free.patch', 20, 'memory leak in dm_table_create');
    expect(seen.patched).toBeGreaterThan(0);
    expect(seen.base).toBe(0);
  });
});
