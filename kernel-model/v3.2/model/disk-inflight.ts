// The v3.2 world's disks under the end-of-run in_flight and part0 reference check
// (block/disk-inflight.ts): every disk add_disk() registered and del_gendisk() has not removed.
import { registerDiskQuiescenceCheck } from '../../block/disk-inflight.ts';
import { registered_model_disks } from '../../block/genhd.ts';
import type { gendisk } from '../include/linux/genhd.ts';

registerDiskQuiescenceCheck('v3.2', () => registered_model_disks() as gendisk[]);
