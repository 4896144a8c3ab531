// md's version-1 superblock (drivers/md/md.c v3.15, "version 1 superblock"): the super_type md
// loads, validates and writes for arrays made with `mdadm --create --metadata=1.x`. It is what
// turns on the bad-block log (super_1_load() sets badblocks.shift) that raid1's bad-block paths
// work against. Ported by hand line for line: the C reads the superblock through
// page_address(rdev->sb_page) as a struct laid over the page's bytes, which the translator
// cannot express yet; md-p-layout.ts is that struct, little-endian at the C's offsets.

import { bdevname } from '../../block/genhd.ts';
import { atomic_read, atomic_set } from '../../include/linux/atomic.ts';
import { clear_bit, set_bit, test_bit } from '../../include/linux/bitops.ts';
import { GFP_KERNEL } from '../../include/linux/gfp.ts';
import { list_entries } from '../../include/linux/list.ts';
import { read_seqbegin, read_seqretry } from '../../include/linux/seqlock.ts';
import { EINVAL, EIO, ENOMEM } from '../../include/uapi/asm-generic/errno-base.ts';
import { THIS_MODULE } from '../../kernel/module.ts';
import { printk } from '../../kernel/printk.ts';
import { char_store } from '../../lib/string.ts';
import { NULL, field_ref, ref, struct_init } from '../../lib/c-pointers.ts';
import { PAGE_SIZE, page_data } from '../../mm/page.ts';
import { alloc_page } from '../../mm/page_alloc.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { bb_entries, BB_LEN, BB_OFFSET } from '../drivers/md/md-badblocks.ts';
import { Bitmap_sync, Faulty, In_sync, Replacement, WriteMostly, md_c, super_type_type, type md_rdev, type mddev, type super_type } from '../drivers/md/md.ts';
import { blkdev_h } from '../include/linux/blkdev.ts';
import { READ, fs_h } from '../include/linux/fs.ts';
import { MD_FEATURE_ALL, MD_FEATURE_BAD_BLOCKS, MD_FEATURE_BITMAP_OFFSET, MD_FEATURE_NEW_OFFSET, MD_FEATURE_RECOVERY_BITMAP, MD_FEATURE_RECOVERY_OFFSET, MD_FEATURE_REPLACEMENT, MD_FEATURE_RESHAPE_ACTIVE, MD_FEATURE_RESHAPE_BACKWARDS, MD_SB_MAGIC, WriteMostly1 } from '../include/uapi/linux/raid/md_p.ts';
import { LEVEL_MULTIPATH } from '../include/uapi/linux/raid/md_u.ts';
import { le64_entries, mdp_superblock_1 } from './md-p-layout.ts';
import { MaxSector } from './md-safemode.ts';

/** sb = page_address(rdev->sb_page), as struct mdp_superblock_1. */
function sb_of(rdev: md_rdev): mdp_superblock_1 {
  return new mdp_superblock_1(page_data(rdev.sb_page));
}

/**
 * The superblock's checksum: the sum of its __le32 words up to dev_roles[max_dev], sb_csum
 * counted as 0, folded to 32 bits. mdadm computes the same sum (super1.c's calc_sb_1_csum()):
 * the model's mdadm calls this function directly, not through the table a patch overrides.
 * @port drivers/md/md.c v3.15 ported
 */
export function calc_sb_1_csum(sb: mdp_superblock_1): number {
  const disk_csum = sb.sb_csum;
  let size = 256 + sb.max_dev * 2;
  sb.sb_csum = 0;
  let newcsum = 0n;
  let word = 0;
  for (; size >= 4; size -= 4) newcsum += BigInt(sb.le32_word(word++));
  if (size === 2) newcsum += BigInt(sb.le16_at(4 * word));
  const csum = Number((newcsum & 0xffffffffn) + (newcsum >> 32n)) >>> 0;
  sb.sb_csum = disk_csum;
  return csum;
}

/** @port drivers/md/md.c v3.15 ported */
function* super_1_load(rdev: md_rdev, refdev: md_rdev, minor_version: number): KGen<number> {
  let ret: number;
  let sb_start: number;
  let sectors: number;
  const b = ref(''), b2 = ref('');
  /*
   * Calculate the position of the superblock in 512byte sectors.
   * It is always aligned to a 4K boundary and
   * depeding on minor_version, it can be:
   * 0: At least 8K, but less than 12K, from end of device
   * 1: At start of device
   * 2: 4K from start of device.
   */
  switch (minor_version) {
    case 0:
      sb_start = Math.floor(fs_h.i_size_read(rdev.bdev.bd_inode) / 512);
      sb_start -= 8 * 2;
      sb_start -= sb_start % (4 * 2);
      break;
    case 1:
      sb_start = 0;
      break;
    case 2:
      sb_start = 8;
      break;
    default:
      return -EINVAL;
  }
  rdev.sb_start = sb_start;
  /* superblock is rarely larger than 1K, but it can be larger,
   * and it is safe to read 4k, so we do that
   */
  ret = yield* md_c.read_disk_sb(rdev, 4096);
  if (ret) return ret;
  const sb = sb_of(rdev);
  if (sb.magic !== MD_SB_MAGIC || sb.major_version !== 1 || sb.max_dev > (4096 - 256) / 2 || sb.super_offset !== rdev.sb_start || (sb.feature_map & ~MD_FEATURE_ALL) !== 0) return -EINVAL;
  if (md_super_1.calc_sb_1_csum(sb) !== sb.sb_csum) {
    printk('md: invalid superblock checksum on %s\n', bdevname(rdev.bdev, b));
    return -EINVAL;
  }
  if (sb.data_size < 10) {
    printk('md: data_size too small on %s\n', bdevname(rdev.bdev, b));
    return -EINVAL;
  }
  if (sb.pad0 || sb.pad3.some((x) => x !== 0))
    /* Some padding is non-zero, might be a new feature */
    return -EINVAL;
  rdev.preferred_minor = 0xffff;
  rdev.data_offset = sb.data_offset;
  rdev.new_data_offset = rdev.data_offset;
  if (sb.feature_map & MD_FEATURE_RESHAPE_ACTIVE && sb.feature_map & MD_FEATURE_NEW_OFFSET) rdev.new_data_offset += sb.new_offset;
  atomic_set(rdev.corrected_errors, sb.cnt_corrected_read);
  rdev.sb_size = sb.max_dev * 2 + 256;
  const bmask = blkdev_h.queue_logical_block_size(rdev.bdev.bd_disk.queue) - 1;
  if (rdev.sb_size & bmask) rdev.sb_size = (rdev.sb_size | bmask) + 1;
  if (minor_version && rdev.data_offset < sb_start + Math.trunc(rdev.sb_size / 512)) return -EINVAL;
  if (minor_version && rdev.new_data_offset < sb_start + Math.trunc(rdev.sb_size / 512)) return -EINVAL;
  if (sb.level === LEVEL_MULTIPATH) rdev.desc_nr = -1;
  else rdev.desc_nr = sb.dev_number;
  if (!rdev.bb_page) {
    rdev.bb_page = yield* alloc_page(GFP_KERNEL);
    if (!rdev.bb_page) return -ENOMEM;
  }
  if (sb.feature_map & MD_FEATURE_BAD_BLOCKS && rdev.badblocks.count === 0) {
    /* need to load the bad block list.
     * Currently we limit it to one page.
     */
    const bbsectors = sb.bblog_size;
    if (bbsectors > PAGE_SIZE / 512) return -EINVAL;
    const offset = sb.bblog_offset;
    if (offset === 0) return -EINVAL;
    const bb_sector = offset;
    if (!(yield* md_c.sync_page_io(rdev, bb_sector, bbsectors << 9, rdev.bb_page, READ, true))) return -EIO;
    const bbp = le64_entries(page_data(rdev.bb_page));
    rdev.badblocks.shift = sb.bblog_shift;
    for (let i = 0; i < bbsectors << (9 - 3); i++) {
      const bb = bbp.get(i);
      let count = Number(bb & 0x3ffn);
      let sector = Number(bb >> 10n);
      sector *= 2 ** sb.bblog_shift;
      count <<= sb.bblog_shift;
      if (bb + 1n === 1n << 64n) break;
      if ((yield* md_c.md_set_badblocks(rdev.badblocks, sector, count, 1)) === 0) return -EINVAL;
    }
  } else if (sb.bblog_offset !== 0) rdev.badblocks.shift = 0;
  if (!refdev) {
    ret = 1;
  } else {
    const refsb = sb_of(refdev);
    if (!equal_bytes(sb.set_uuid, refsb.set_uuid) || sb.level !== refsb.level || sb.layout !== refsb.layout || sb.chunksize !== refsb.chunksize) {
      printk('md: %s has strangely different superblock to %s\n', bdevname(rdev.bdev, b), bdevname(refdev.bdev, b2));
      return -EINVAL;
    }
    const ev1 = sb.events;
    const ev2 = refsb.events;
    if (ev1 > ev2) ret = 1;
    else ret = 0;
  }
  if (minor_version) {
    sectors = Math.floor(fs_h.i_size_read(rdev.bdev.bd_inode) / 512);
    sectors -= rdev.data_offset;
  } else sectors = rdev.sb_start;
  if (sectors < sb.data_size) return -EINVAL;
  rdev.sectors = sb.data_size;
  return ret;
}

/** memcmp(a, b, n) != 0 over two byte ranges of one length. */
function equal_bytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** @port drivers/md/md.c v3.15 ported */
function* super_1_validate(mddev: mddev, rdev: md_rdev): KGen<number> {
  const sb = sb_of(rdev);
  let ev1 = sb.events;
  rdev.raid_disk = -1;
  yield* clear_bit(Faulty, field_ref(rdev, 'flags'));
  yield* clear_bit(In_sync, field_ref(rdev, 'flags'));
  yield* clear_bit(Bitmap_sync, field_ref(rdev, 'flags'));
  yield* clear_bit(WriteMostly, field_ref(rdev, 'flags'));
  if (mddev.raid_disks === 0) {
    mddev.major_version = 1;
    mddev.patch_version = 0;
    mddev.external = 0;
    mddev.chunk_sectors = sb.chunksize;
    mddev.ctime = sb.ctime % 2 ** 32;
    mddev.utime = sb.utime % 2 ** 32;
    mddev.level = sb.level;
    char_store(mddev.clevel, 0, 0);
    mddev.layout = sb.layout;
    mddev.raid_disks = sb.raid_disks;
    mddev.dev_sectors = sb.size;
    mddev.events = ev1;
    mddev.bitmap_info.offset = 0;
    mddev.bitmap_info.space = 0;
    /* Default location for bitmap is 1K after superblock
     * using 3K - total of 4K
     */
    mddev.bitmap_info.default_offset = 1024 >> 9;
    mddev.bitmap_info.default_space = (4096 - 1024) >> 9;
    mddev.reshape_backwards = 0;
    mddev.recovery_cp = sb.resync_offset;
    mddev.uuid.v = String.fromCharCode(...sb.set_uuid);
    mddev.max_disks = (4096 - 256) / 2;
    if (sb.feature_map & MD_FEATURE_BITMAP_OFFSET && mddev.bitmap_info.file === NULL) {
      mddev.bitmap_info.offset = sb.bitmap_offset;
      /* Metadata doesn't record how much space is available.
       * For 1.0, we assume we can use up to the superblock
       * if before, else to 4K beyond superblock.
       * For others, assume no change is possible.
       */
      if (mddev.minor_version > 0) mddev.bitmap_info.space = 0;
      else if (mddev.bitmap_info.offset > 0) mddev.bitmap_info.space = 8 - mddev.bitmap_info.offset;
      else mddev.bitmap_info.space = -mddev.bitmap_info.offset;
    }
    if (sb.feature_map & MD_FEATURE_RESHAPE_ACTIVE) {
      mddev.reshape_position = sb.reshape_position;
      mddev.delta_disks = sb.delta_disks;
      mddev.new_level = sb.new_level;
      mddev.new_layout = sb.new_layout;
      mddev.new_chunk_sectors = sb.new_chunk;
      if (mddev.delta_disks < 0 || (mddev.delta_disks === 0 && sb.feature_map & MD_FEATURE_RESHAPE_BACKWARDS)) mddev.reshape_backwards = 1;
    } else {
      mddev.reshape_position = MaxSector;
      mddev.delta_disks = 0;
      mddev.new_level = mddev.level;
      mddev.new_layout = mddev.layout;
      mddev.new_chunk_sectors = mddev.chunk_sectors;
    }
  } else if (mddev.pers === NULL) {
    /* Insist of good event counter while assembling, except for
     * spares (which don't need an event count) */
    ++ev1;
    if (rdev.desc_nr >= 0 && rdev.desc_nr < sb.max_dev && sb.dev_role(rdev.desc_nr) < 0xfffe) if (ev1 < mddev.events) return -EINVAL;
  } else if (mddev.bitmap) {
    /* If adding to array with a bitmap, then we can accept an
     * older device, but not too old.
     */
    if (ev1 < mddev.bitmap.events_cleared) return 0;
    if (ev1 < mddev.events) yield* set_bit(Bitmap_sync, field_ref(rdev, 'flags'));
  } else {
    if (ev1 < mddev.events)
      /* just a hot-add of a new device, leave raid_disk at -1 */
      return 0;
  }
  if (mddev.level !== LEVEL_MULTIPATH) {
    let role: number;
    if (rdev.desc_nr < 0 || rdev.desc_nr >= sb.max_dev) {
      role = 0xffff;
      rdev.desc_nr = -1;
    } else role = sb.dev_role(rdev.desc_nr);
    switch (role) {
      case 0xffff: /* spare */
        break;
      case 0xfffe: /* faulty */
        yield* set_bit(Faulty, field_ref(rdev, 'flags'));
        break;
      default:
        rdev.saved_raid_disk = role;
        if (sb.feature_map & MD_FEATURE_RECOVERY_OFFSET) {
          rdev.recovery_offset = sb.recovery_offset;
          if (!(sb.feature_map & MD_FEATURE_RECOVERY_BITMAP)) rdev.saved_raid_disk = -1;
        } else yield* set_bit(In_sync, field_ref(rdev, 'flags'));
        rdev.raid_disk = role;
        break;
    }
    if (sb.devflags & WriteMostly1) yield* set_bit(WriteMostly, field_ref(rdev, 'flags'));
    if (sb.feature_map & MD_FEATURE_REPLACEMENT) yield* set_bit(Replacement, field_ref(rdev, 'flags'));
  } /* MULTIPATH are always insync */ else yield* set_bit(In_sync, field_ref(rdev, 'flags'));
  return 0;
}

/** @port drivers/md/md.c v3.15 ported */
function* super_1_sync(mddev: mddev, rdev: md_rdev): KGen {
  /* make rdev->sb match mddev and rdev data. */
  const sb = sb_of(rdev);
  sb.feature_map = 0;
  sb.pad0 = 0;
  sb.recovery_offset = 0;
  sb.pad3.fill(0);
  sb.utime = mddev.utime;
  sb.events = mddev.events;
  if (mddev.in_sync) sb.resync_offset = mddev.recovery_cp;
  else sb.resync_offset = 0;
  sb.cnt_corrected_read = atomic_read(rdev.corrected_errors);
  sb.raid_disks = mddev.raid_disks;
  sb.size = mddev.dev_sectors;
  sb.chunksize = mddev.chunk_sectors;
  sb.level = mddev.level;
  sb.layout = mddev.layout;
  if (test_bit(WriteMostly, field_ref(rdev, 'flags'))) sb.devflags |= WriteMostly1;
  else sb.devflags &= ~WriteMostly1;
  sb.data_offset = rdev.data_offset;
  sb.data_size = rdev.sectors;
  if (mddev.bitmap && mddev.bitmap_info.file === NULL) {
    sb.bitmap_offset = mddev.bitmap_info.offset;
    sb.feature_map = MD_FEATURE_BITMAP_OFFSET;
  }
  if (rdev.raid_disk >= 0 && !test_bit(In_sync, field_ref(rdev, 'flags'))) {
    sb.feature_map |= MD_FEATURE_RECOVERY_OFFSET;
    sb.recovery_offset = rdev.recovery_offset;
    if (rdev.saved_raid_disk >= 0 && mddev.bitmap) sb.feature_map |= MD_FEATURE_RECOVERY_BITMAP;
  }
  if (test_bit(Replacement, field_ref(rdev, 'flags'))) sb.feature_map |= MD_FEATURE_REPLACEMENT;
  if (mddev.reshape_position !== MaxSector) {
    sb.feature_map |= MD_FEATURE_RESHAPE_ACTIVE;
    sb.reshape_position = mddev.reshape_position;
    sb.new_layout = mddev.new_layout;
    sb.delta_disks = mddev.delta_disks;
    sb.new_level = mddev.new_level;
    sb.new_chunk = mddev.new_chunk_sectors;
    if (mddev.delta_disks === 0 && mddev.reshape_backwards) sb.feature_map |= MD_FEATURE_RESHAPE_BACKWARDS;
    if (rdev.new_data_offset !== rdev.data_offset) {
      sb.feature_map |= MD_FEATURE_NEW_OFFSET;
      sb.new_offset = rdev.new_data_offset - rdev.data_offset;
    }
  }
  if (rdev.badblocks.count === 0) {
    /* Nothing to do for bad blocks*/
  } else if (sb.bblog_offset === 0)
    /* Cannot record bad blocks on this device */
    yield* md_c.md_error(mddev, rdev);
  else {
    const bb = rdev.badblocks;
    const bbp = le64_entries(page_data(rdev.bb_page));
    const p = bb_entries(bb);
    sb.feature_map |= MD_FEATURE_BAD_BLOCKS;
    if (bb.changed) {
      for (;;) {
        const seq = read_seqbegin(bb.lock);
        page_data(rdev.bb_page).fill(0xff);
        for (let i = 0; i < bb.count; i++) {
          const internal_bb = p[i];
          const store_bb = (BB_OFFSET(internal_bb) << 10n) | BB_LEN(internal_bb);
          bbp.set(i, store_bb);
        }
        bb.changed = 0;
        if (!read_seqretry(bb.lock, seq)) break;
      }
      bb.sector = rdev.sb_start + sb.bblog_offset;
      bb.size = sb.bblog_size;
    }
  }
  let max_dev = 0;
  for (const rdev2 of list_entries<md_rdev>(mddev.disks, 'same_set')) if (rdev2.desc_nr + 1 > max_dev) max_dev = rdev2.desc_nr + 1;
  if (max_dev > sb.max_dev) {
    sb.max_dev = max_dev;
    rdev.sb_size = max_dev * 2 + 256;
    const bmask = blkdev_h.queue_logical_block_size(rdev.bdev.bd_disk.queue) - 1;
    if (rdev.sb_size & bmask) rdev.sb_size = (rdev.sb_size | bmask) + 1;
  } else max_dev = sb.max_dev;
  for (let i = 0; i < max_dev; i++) sb.set_dev_role(i, 0xfffe);
  for (const rdev2 of list_entries<md_rdev>(mddev.disks, 'same_set')) {
    const i = rdev2.desc_nr;
    if (test_bit(Faulty, field_ref(rdev2, 'flags'))) sb.set_dev_role(i, 0xfffe);
    else if (test_bit(In_sync, field_ref(rdev2, 'flags'))) sb.set_dev_role(i, rdev2.raid_disk);
    else if (rdev2.raid_disk >= 0) sb.set_dev_role(i, rdev2.raid_disk);
    else sb.set_dev_role(i, 0xffff);
  }
  sb.sb_csum = md_super_1.calc_sb_1_csum(sb);
}

/** @port drivers/md/md.c v3.15 ported */
function* super_1_rdev_size_change(rdev: md_rdev, num_sectors: number): KGen<number> {
  let max_sectors: number;
  if (num_sectors && num_sectors < rdev.mddev.dev_sectors) return 0; /* component must fit device */
  if (rdev.data_offset !== rdev.new_data_offset) return 0; /* too confusing */
  if (rdev.sb_start < rdev.data_offset) {
    /* minor versions 1 and 2; superblock before data */
    max_sectors = Math.floor(fs_h.i_size_read(rdev.bdev.bd_inode) / 512);
    max_sectors -= rdev.data_offset;
    if (!num_sectors || num_sectors > max_sectors) num_sectors = max_sectors;
  } else if (rdev.mddev.bitmap_info.offset) {
    /* minor version 0 with bitmap we can't move */
    return 0;
  } else {
    /* minor version 0; superblock after data */
    let sb_start = Math.floor(fs_h.i_size_read(rdev.bdev.bd_inode) / 512) - 8 * 2;
    sb_start -= sb_start % (4 * 2);
    max_sectors = rdev.sectors + sb_start - rdev.sb_start;
    if (!num_sectors || num_sectors > max_sectors) num_sectors = max_sectors;
    rdev.sb_start = sb_start;
  }
  const sb = sb_of(rdev);
  sb.data_size = num_sectors;
  sb.super_offset = rdev.sb_start;
  sb.sb_csum = md_super_1.calc_sb_1_csum(sb);
  yield* md_c.md_super_write(rdev.mddev, rdev, rdev.sb_start, rdev.sb_size, rdev.sb_page);
  yield* md_c.md_super_wait(rdev.mddev);
  return num_sectors;
}

/** @port drivers/md/md.c v3.15 ported */
function* super_1_allow_new_offset(rdev: md_rdev, new_offset: number): KGen<number> {
  /* All necessary checks on new >= old have been done */
  if (new_offset >= rdev.data_offset) return 1;
  /* with 1.0 metadata, there is no metadata to tread on
   * so we can always move back */
  if (rdev.mddev.minor_version === 0) return 1;
  /* otherwise we must be sure not to step on
   * any metadata, so stay:
   * 36K beyond start of superblock
   * beyond end of badblocks
   * beyond write-intent bitmap
   */
  if (rdev.sb_start + (32 + 4) * 2 > new_offset) return 0;
  const bitmap = rdev.mddev.bitmap;
  if (bitmap && !rdev.mddev.bitmap_info.file && rdev.sb_start + rdev.mddev.bitmap_info.offset + bitmap.storage.file_pages * (PAGE_SIZE >> 9) > new_offset) return 0;
  if (rdev.badblocks.sector + rdev.badblocks.size > new_offset) return 0;
  return 1;
}

export const md_super_1 = kernel_functions('drivers/md/md.c', { calc_sb_1_csum, super_1_load, super_1_validate, super_1_sync, super_1_rdev_size_change, super_1_allow_new_offset }, 'v3.15');

/**
 * md.c's super_types[] as the model initializes it: [0] is the 0.90 format, which the model does
 * not port (an array asking for it finds no name, as for an unknown major version); [1] the
 * version-1 format.
 */
export function md_super_types(): super_type[] {
  return [
    super_type_type.make(),
    struct_init(super_type_type.make(), {
      name: ref('md-1'),
      owner: THIS_MODULE('md_mod'),
      load_super: md_super_1.super_1_load,
      validate_super: md_super_1.super_1_validate,
      sync_super: md_super_1.super_1_sync,
      rdev_size_change: md_super_1.super_1_rdev_size_change,
      allow_new_offset: md_super_1.super_1_allow_new_offset,
    }),
  ];
}
