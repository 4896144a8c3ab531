// `mdadm --create /dev/mdN --metadata=1.2 --level=L --raid-devices=n [--assume-clean] members...`:
// an array with a version-1.2 superblock on every member, and with it a bad-block log. mdadm
// (3.3, super1.c) writes each member's superblock 4 KiB from its start, then tells the kernel
// the superblock version (SET_ARRAY_INFO with no disks), adds each member (ADD_NEW_DISK, where
// md_import_device() loads the superblock it finds: super_1_load()) and starts the array
// (RUN_ARRAY: analyze_sbs() validates them, md_update_sb() writes them back). `mdadm --assemble`
// is the same without the writes.
//
// mdadm's writes come before anything of the model runs on those disks, so the bytes are put on
// the disks' stores directly. The layout is mdadm 3.3's for 1.2 without a write-intent bitmap:
// superblock at sector 8, the bad-block log 8 sectors after it (8 sectors long), data from
// 1 MiB on. Simplified: the uuids are made from the array's minor and the member's slot (mdadm
// draws them at random), the times are 0 (the model has no wall clock), the name is "model:N".

import { genhd_h } from '../include/linux/genhd.ts';
import { MD_SB_MAGIC } from '../include/uapi/linux/raid/md_p.ts';
import { mdu_array_info_s_type } from '../include/uapi/linux/raid/md_u.ts';
import type { KGen } from '../../sim/task.ts';
import type { mddev } from '../drivers/md/md.ts';
import { disk_by_name } from './genhd.ts';
import { mdadm_set_up_array, md_try_open_device, type mdadm_build_spec } from './md-ioctl.ts';
import { MDP_SB1, MDP_SB1_FIXED_BYTES, mdp_superblock_1 } from './md-p-layout.ts';
import { MaxSector } from './md-safemode.ts';
import { calc_sb_1_csum } from './md-super-1.ts';
import type { sim_disk } from './sim-disk.ts';
import { sector_store_write } from './sim-disk-data.ts';

/** Where mdadm 3.3 puts a 1.2 superblock's parts, in sectors. */
export const SB_1_2_OFFSET = 8;
export const BBLOG_OFFSET_FROM_SB = 8;
export const BBLOG_SECTORS = 8;
export const DATA_OFFSET_1_2 = 2048;

/** The superblock mdadm writes on member `slot` of `spec` (super1.c's init_super, add_to_super and write_init_super). */
function mdadm_superblock_1_2(spec: mdadm_build_spec, slot: number, deviceSectors: number, componentSectors: number): Uint8Array {
  const bytes = new Uint8Array(MDP_SB1_FIXED_BYTES + 2 * spec.members.length + 4);
  const sb = new mdp_superblock_1(bytes);
  sb.magic = MD_SB_MAGIC;
  sb.major_version = 1;
  sb.feature_map = 0;
  sb.set_uuid.forEach((_, i, u) => (u[i] = (spec.minor * 16 + i + 1) & 0xff));
  bytes.set(new TextEncoder().encode(`model:${spec.minor}`), MDP_SB1.set_name);
  sb.ctime = 0;
  sb.level = spec.level;
  sb.layout = 0;
  sb.size = componentSectors;
  sb.chunksize = 0;
  sb.raid_disks = spec.members.length;
  sb.data_offset = DATA_OFFSET_1_2;
  sb.data_size = deviceSectors - DATA_OFFSET_1_2;
  sb.super_offset = SB_1_2_OFFSET;
  sb.dev_number = slot;
  sb.device_uuid.forEach((_, i, u) => (u[i] = (slot * 16 + i + 0x81) & 0xff));
  sb.bblog_shift = 0;
  sb.bblog_size = BBLOG_SECTORS;
  sb.bblog_offset = BBLOG_OFFSET_FROM_SB;
  sb.utime = 0;
  sb.events = 0;
  sb.resync_offset = spec.assumeClean ? MaxSector : 0;
  sb.max_dev = spec.members.length;
  for (let i = 0; i < spec.members.length; i++) sb.set_dev_role(i, i);
  sb.sb_csum = calc_sb_1_csum(sb);
  return bytes;
}

/** The member's disk: the model's bio-based disk, which keeps what is written to it. */
function member_disk(name: string): sim_disk {
  const gd = disk_by_name(name);
  const d = gd?.private_data as sim_disk | undefined;
  if (!d?.data) throw new Error(`mdadm --create: /dev/${name} is not a disk that stores data (a model bio-based disk)`);
  return d;
}

/**
 * Creates the array as mdadm --create --metadata=1.2 does (above); returns the array, or the
 * error a refused step gave (mdadm then stops the array and exits with it).
 */
export function* mdadm_try_create(spec: mdadm_build_spec): KGen<mddev | number> {
  const disks = spec.members.map((m) => member_disk(m.name));
  const deviceSectors = Math.min(...disks.map((d) => genhd_h.get_capacity(d.disk)));
  /* mdadm rounds the component size down to a multiple of 4 KiB */
  const componentSectors = spec.sizeKiB ? spec.sizeKiB * 2 : (deviceSectors - DATA_OFFSET_1_2) & ~7;
  for (const [slot, d] of disks.entries()) {
    /* the 4 KiB where the superblock goes are zeroed with it, and the log reads as empty (all ones) */
    const block = new Uint8Array(4096);
    block.set(mdadm_superblock_1_2(spec, slot, genhd_h.get_capacity(d.disk), componentSectors));
    sector_store_write(d.data, SB_1_2_OFFSET, block);
    sector_store_write(d.data, SB_1_2_OFFSET + BBLOG_OFFSET_FROM_SB, new Uint8Array(BBLOG_SECTORS * 512).fill(0xff));
  }
  return yield* mdadm_try_assemble(spec);
}

/**
 * `mdadm --assemble /dev/mdN members...` of an array with 1.2 superblocks (as --create ends):
 * the superblock version, each member (the kernel loads its superblock), then RUN_ARRAY.
 */
export function* mdadm_try_assemble(spec: mdadm_build_spec): KGen<mddev | number> {
  const bdev = yield* md_try_open_device(spec.minor);
  if (typeof bdev === 'number') return bdev;
  /* set_array_info() with no disks: only the superblock version */
  const array = mdu_array_info_s_type.make();
  array.major_version = 1;
  array.minor_version = 2;
  return yield* mdadm_set_up_array(bdev, spec, array);
}

/** mdadm_try_assemble() where the assembly must succeed. */
export function* mdadm_assemble(spec: mdadm_build_spec): KGen<mddev> {
  const r = yield* mdadm_try_assemble(spec);
  if (typeof r === 'number') throw new Error(`mdadm --assemble /dev/md${spec.minor}: the kernel refused (${r})`);
  return r;
}

/** mdadm_try_create() where the create must succeed (a refusal is a bug of the stack description). */
export function* mdadm_create(spec: mdadm_build_spec): KGen<mddev> {
  const r = yield* mdadm_try_create(spec);
  if (typeof r === 'number') throw new Error(`mdadm --create /dev/md${spec.minor} --metadata=1.2: the kernel refused (${r})`);
  return r;
}
