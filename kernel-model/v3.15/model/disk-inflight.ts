// The v3.15 world's disks under the end-of-run in_flight and part0 reference check
// (block/disk-inflight.ts): every disk add_disk() registered and del_gendisk() has not removed,
// and every partition in its table.
import { registerDiskQuiescenceCheck } from '../../block/disk-inflight.ts';
import { registered_disks } from './genhd.ts';
import { disk_partitions } from './partitions.ts';

registerDiskQuiescenceCheck('v3.15', registered_disks, (disk) => disk_partitions(disk).map((part) => ({ name: part.__dev.name, in_flight: part.in_flight, ref: part.ref })));
