// RAID1 (drivers/md/raid1.c v3.15) is translated into the v3.15 world, but the world does not
// build arrays yet: mdadm --build's path through md.c (md_alloc, add_new_disk, md_run) is not
// translated, and raid1's plug callback container (raid1_plug_cb around blk_plug_cb) is not
// typed. The hand-written model's tests wait for that.
import { describe, it } from 'vitest';

describe('raid1 and plugging (v3.15 world)', () => {
  it.todo('reads go to one mirror, writes to both');
  it.todo('writes held on the plug are flushed when the task sleeps, not only at blk_finish_plug');
});
