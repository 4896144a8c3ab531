// Bios of the v3.15 world (fs/bio.c translated): a bio reused from a mempool's reserve comes back
// clean, and when a bio_set's reserve runs out beneath generic_make_request(), the clones queued
// on current->bio_list are punted to the bio_set's rescuer, which submits them.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, dm_dev_path, v315Program, withOpen } from '../helpers/v315.ts';
import { GFP_NOIO } from '../../kernel-model/include/linux/gfp.ts';
import { NULL } from '../../kernel-model/lib/c-pointers.ts';
import { baseline, installOverrides, resetOverrides } from '../../kernel-model/sim/hooks.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { dm_c_globals } from '../../kernel-model/v3.15/drivers/md/dm.ts';
import { bio_c } from '../../kernel-model/v3.15/fs/bio.ts';
import { bio_h, type bio_set } from '../../kernel-model/v3.15/include/linux/bio.ts';
import type { bio } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { WRITE } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { submitAndWait } from '../../harness/suites/workload-io.ts';

describe('bios', () => {
  it('a bio reused from a mempool reserve comes back with no sector, size, direction or device', () => {
    let same = false;
    let fields: unknown[] = [];
    const p = v315Program(
      (m) => bootDevices(m, { sda: null }, []),
      (dev) => ({
        fs: function* (): KGen {
          // No memory: every bio comes from fs_bio_set's reserve, and goes back to it.
          const a = (yield* bio_h.bio_alloc(GFP_NOIO, 1)) as bio;
          a.bi_iter.bi_sector = 77;
          a.bi_iter.bi_size = 4096;
          a.bi_rw = WRITE;
          a.bi_bdev = dev().disks.sda.bdev;
          yield* bio_c.bio_put(a);
          const b = (yield* bio_h.bio_alloc(GFP_NOIO, 1)) as bio;
          same = a === b;
          fields = [b.bi_iter.bi_sector, b.bi_iter.bi_size, b.bi_rw, b.bi_bdev];
          yield* bio_c.bio_put(b);
        },
      }),
    );
    const r = runSeed(p, 1, { plan: { memory: 'exhausted' } });
    expect(titles(r)).toEqual([]);
    expect(same).toBe(true);
    expect(fields).toEqual([0, 0, 0, NULL]);
  });

  it('when the reserve runs out beneath generic_make_request, the queued clones are punted and the rescuer submits them', () => {
    const punted: number[] = [];
    const punt = baseline(bio_c, 'punt_bios_to_rescuer');
    installOverrides(
      {
        punt_bios_to_rescuer: function* (bs: bio_set): KGen {
          punted.push(bs.front_pad);
          yield* punt(bs);
        },
      },
      'v3.15',
    );
    const statuses: number[] = [];
    try {
      for (let seed = 1; seed <= 5; seed++) {
        const p = v315Program(
          (m) => {
            // modprobe dm_mod reserved_bio_based_ios=2: four clones of one bio exhaust it.
            dm_c_globals().reserved_bio_based_ios = 2;
            const targets = [0, 1, 2, 3].map((i) => ({ start: i * 2, len: 2, type: 'linear', params: `/dev/sda ${i * 2}` }));
            return bootDevices(m, { sda: null }, [targets]);
          },
          (dev) => ({
            fs: function* () {
              statuses.push(yield* withOpen(dm_dev_path(dev().dm[0].md), (bdev) => submitAndWait(bdev, WRITE, 0, 8)));
            },
          }),
        );
        const r = runSeed(p, seed, { plan: { memory: 'exhausted' } });
        expect(titles(r), `seed ${seed}`).toEqual([]);
      }
    } finally {
      resetOverrides();
    }
    expect(statuses).toEqual([0, 0, 0, 0, 0]);
    expect(punted.length).toBeGreaterThan(0);
  });
});
