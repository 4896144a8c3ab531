// The one-line notes for what the model watches and the kernel at a base could not report,
// where they apply and where they must not.
import { describe, expect, it } from 'vitest';
import { modelOnlyNote } from '../../harness/titles/model-only.ts';

const percpuLeak = [{ task: 't', frames: ['pcpu_alloc', '__alloc_percpu', 'blkio_alloc_blkg_stats'] }];
const slabLeak = [{ task: 't', frames: ['kmalloc', 'throtl_alloc_tg'] }];

describe('model-only notes', () => {
  it('a leaked per-cpu area at v3.2: kmemleak of that base would not report it', () => {
    expect(modelOnlyNote('kmemleak', percpuLeak, '3.2')).toMatch(/kmemleak at v3\.2 does not report leaked per-cpu areas/);
  });
  it('a leaked slab object: kmemleak reports it, no note', () => {
    expect(modelOnlyNote('kmemleak', slabLeak, '3.2')).toBeNull();
  });
  it('KASAN before v4.0 is model-only; a lockdep report is not', () => {
    expect(modelOnlyNote('kasan', [], '3.15')).toMatch(/KASAN arrived in v4\.0/);
    expect(modelOnlyNote('kasan', [], '4.2')).toBeNull();
    expect(modelOnlyNote('lockdep', [], '3.2')).toBeNull();
  });

  it('KCSAN before v5.8 is model-only', () => {
    expect(modelOnlyNote('kcsan', [], '3.2')).toMatch(/KCSAN arrived in v5\.8/);
    expect(modelOnlyNote('kcsan', [], '5.11')).toBeNull();
  });
});
