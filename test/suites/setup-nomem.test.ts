// setup-nomem creates arrays and mapped devices with a creation's N-th allocation failed. Among
// them the bio slab a table's bio_set finds or makes: a slab made for a new front pad allocates
// its kmem_cache (which failslab may fail) and, for the snapshot's, a bigger table of slabs, so
// bio_find_or_create_slab() fails in some runs and bioset_create() frees the bio_set it began.
import { describe, expect, it } from 'vitest';
import '../../kernel-model/index.ts';
import { measureReach } from '../../harness/suites/reach.ts';
import { setupNomem } from '../../harness/suites/setup-nomem.ts';
import { probesOf } from '../../kernel-model/sim/branches.ts';

describe('setup-nomem', () => {
  it('fails a table\'s bio slab, both the cache and the bigger table of slabs, and bioset_create() undoes its bio_set', { timeout: 180_000 }, () => {
    const r = measureReach(setupNomem, 150);
    // Probe 2 of bioset_create(): if (!bs->bio_slab), where it kfree()s bs.
    expect(probesOf(r.branches.bioset_create ?? '0')).toContain(2);
    // Probe 6 of bio_find_or_create_slab(): the krealloc() of bio_slabs failing; probe 12: the
    // kmem_cache_create() of a new slab failing.
    expect(probesOf(r.branches.bio_find_or_create_slab ?? '0')).toEqual(expect.arrayContaining([6, 12]));
  });
});
