// The v3.15 world's disks under the end-of-run in_flight and part0 reference check
// (block/disk-inflight.ts): every disk add_disk() registered and del_gendisk() has not removed.
import { registerDiskQuiescenceCheck } from '../../block/disk-inflight.ts';
import { registered_disks } from './genhd.ts';

registerDiskQuiescenceCheck('v3.15', registered_disks);
