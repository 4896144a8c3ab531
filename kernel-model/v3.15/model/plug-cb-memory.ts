// The memory blk_check_plugged() (block/blk-core.c, v3.15) hands a driver: kzalloc(size) of the
// driver's callback block, which starts with its struct blk_plug_cb. raid1 asks for
// sizeof(struct raid1_plug_cb), a blk_plug_cb followed by the writes the plug holds, and finds
// its struct again with container_of(cb, struct raid1_plug_cb, cb).
//
// The model's memory is typed, so the block is made as the driver's struct: the world's
// containers around a blk_plug_cb are listed here, the one of `size` bytes is made (its
// descriptor as registered, so a patch that changes the layout changes the size looked for),
// and its embedded blk_plug_cb is returned; kfree() of the container frees the block. A size
// no container has is an error of the model, except sizeof(struct blk_plug_cb) itself.
// annotations.ts rewrites blk_check_plugged()'s kzalloc to plug_cb_alloc().

import { NULL } from '../../lib/c-pointers.ts';
import { kernel_struct } from '../../lib/kstruct.ts';
import { slab } from '../../mm/slab.ts';
import type { KGen } from '../../sim/task.ts';
import { blk_plug_cb_type, type blk_plug_cb } from '../include/linux/blkdev.ts';

/** The structs of the world that start with a struct blk_plug_cb, and that member's name. */
const PLUG_CB_CONTAINERS: readonly { struct: string; member: string }[] = [
  // drivers/md/raid1.c
  { struct: 'raid1_plug_cb', member: 'cb' },
];

/** kzalloc(size, gfp) of a plug callback block: the blk_plug_cb inside the container of `size` bytes. */
export function* plug_cb_alloc(size: number, gfp: number): KGen<blk_plug_cb> {
  for (const c of PLUG_CB_CONTAINERS) {
    const t = kernel_struct('v3.15', c.struct);
    if (t === undefined || t.size !== size) continue;
    const block = (yield* slab.kzalloc(t, gfp)) as Record<string, blk_plug_cb> | null;
    return block === null ? NULL : block[c.member];
  }
  if (size !== blk_plug_cb_type.size) throw new Error(`blk_check_plugged: no plug callback container of ${size} bytes in the model (plug-cb-memory.ts)`);
  return (yield* slab.kzalloc(blk_plug_cb_type, gfp)) as blk_plug_cb;
}
