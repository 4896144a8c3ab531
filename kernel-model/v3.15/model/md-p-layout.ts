// struct mdp_superblock_1 (include/uapi/linux/raid/md_p.h, v3.15) over the bytes of a page, as
// md.c reads it through page_address(rdev->sb_page): every field little-endian at its C offset,
// dev_roles[] from byte 256 on. The translator keeps structs as objects and cannot yet lay one
// over a page's bytes, so the version-1 superblock code is ported by hand on this view; what
// le32_to_cpu()/cpu_to_le64() do is in the accessors (the model's host is little-endian x86_64).
//
// Sector counts are JavaScript numbers (the model's disks are far below 2^53 sectors). md keeps
// "no sector" as MaxSector, which the translation writes as ~0 >>> 0; on disk it is the u64
// all-ones mdadm writes, so a sector field reads all-ones as MaxSector and writes MaxSector as
// all-ones.

import { MaxSector } from './md-safemode.ts';

const U64_ALL_ONES = (1n << 64n) - 1n;

/** The fixed part of the superblock; dev_roles[] follows. */
export const MDP_SB1_FIXED_BYTES = 256;

/** Byte offsets of struct mdp_superblock_1's fields. */
export const MDP_SB1 = {
  magic: 0, major_version: 4, feature_map: 8, pad0: 12, set_uuid: 16, set_name: 32,
  ctime: 64, level: 72, layout: 76, size: 80, chunksize: 88, raid_disks: 92, bitmap_offset: 96,
  new_level: 100, reshape_position: 104, delta_disks: 112, new_layout: 116, new_chunk: 120, new_offset: 124,
  data_offset: 128, data_size: 136, super_offset: 144, recovery_offset: 152, dev_number: 160,
  cnt_corrected_read: 164, device_uuid: 168, devflags: 184, bblog_shift: 185, bblog_size: 186, bblog_offset: 188,
  utime: 192, events: 200, resync_offset: 208, sb_csum: 216, max_dev: 220, pad3: 224, dev_roles: 256,
} as const;

/** An __le64 of the superblock as a number (all-ones: MaxSector). */
function get_le64(v: DataView, at: number): number {
  const x = v.getBigUint64(at, true);
  return x === U64_ALL_ONES ? MaxSector : Number(x);
}

function set_le64(v: DataView, at: number, n: number): void {
  v.setBigUint64(at, n === MaxSector ? U64_ALL_ONES : BigInt.asUintN(64, BigInt(n)), true);
}

/** The superblock's fields over `bytes` (a page's, from page_data()); reads and writes go to the bytes. */
export class mdp_superblock_1 {
  private readonly v: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private u32(at: number, x?: number): number {
    if (x !== undefined) this.v.setUint32(at, x >>> 0, true);
    return this.v.getUint32(at, true);
  }
  /** A signed __le32 as the C reads it with a (s32) cast. */
  private s32(at: number, x?: number): number {
    if (x !== undefined) this.v.setInt32(at, x | 0, true);
    return this.v.getInt32(at, true);
  }

  get magic(): number { return this.u32(MDP_SB1.magic); }
  set magic(x: number) { this.u32(MDP_SB1.magic, x); }
  get major_version(): number { return this.u32(MDP_SB1.major_version); }
  set major_version(x: number) { this.u32(MDP_SB1.major_version, x); }
  get feature_map(): number { return this.u32(MDP_SB1.feature_map); }
  set feature_map(x: number) { this.u32(MDP_SB1.feature_map, x); }
  get pad0(): number { return this.u32(MDP_SB1.pad0); }
  set pad0(x: number) { this.u32(MDP_SB1.pad0, x); }
  /** set_uuid[16], in place. */
  get set_uuid(): Uint8Array { return this.bytes.subarray(MDP_SB1.set_uuid, MDP_SB1.set_uuid + 16); }
  get ctime(): number { return get_le64(this.v, MDP_SB1.ctime); }
  set ctime(x: number) { set_le64(this.v, MDP_SB1.ctime, x); }
  /** level is signed in use (-4 multipath, -1 linear). */
  get level(): number { return this.s32(MDP_SB1.level); }
  set level(x: number) { this.s32(MDP_SB1.level, x); }
  get layout(): number { return this.u32(MDP_SB1.layout); }
  set layout(x: number) { this.u32(MDP_SB1.layout, x); }
  get size(): number { return get_le64(this.v, MDP_SB1.size); }
  set size(x: number) { set_le64(this.v, MDP_SB1.size, x); }
  get chunksize(): number { return this.u32(MDP_SB1.chunksize); }
  set chunksize(x: number) { this.u32(MDP_SB1.chunksize, x); }
  get raid_disks(): number { return this.u32(MDP_SB1.raid_disks); }
  set raid_disks(x: number) { this.u32(MDP_SB1.raid_disks, x); }
  /** Signed: the bitmap may sit before the superblock. */
  get bitmap_offset(): number { return this.s32(MDP_SB1.bitmap_offset); }
  set bitmap_offset(x: number) { this.s32(MDP_SB1.bitmap_offset, x); }
  get new_level(): number { return this.s32(MDP_SB1.new_level); }
  set new_level(x: number) { this.s32(MDP_SB1.new_level, x); }
  get reshape_position(): number { return get_le64(this.v, MDP_SB1.reshape_position); }
  set reshape_position(x: number) { set_le64(this.v, MDP_SB1.reshape_position, x); }
  get delta_disks(): number { return this.s32(MDP_SB1.delta_disks); }
  set delta_disks(x: number) { this.s32(MDP_SB1.delta_disks, x); }
  get new_layout(): number { return this.u32(MDP_SB1.new_layout); }
  set new_layout(x: number) { this.u32(MDP_SB1.new_layout, x); }
  get new_chunk(): number { return this.u32(MDP_SB1.new_chunk); }
  set new_chunk(x: number) { this.u32(MDP_SB1.new_chunk, x); }
  /** Signed. */
  get new_offset(): number { return this.s32(MDP_SB1.new_offset); }
  set new_offset(x: number) { this.s32(MDP_SB1.new_offset, x); }
  get data_offset(): number { return get_le64(this.v, MDP_SB1.data_offset); }
  set data_offset(x: number) { set_le64(this.v, MDP_SB1.data_offset, x); }
  get data_size(): number { return get_le64(this.v, MDP_SB1.data_size); }
  set data_size(x: number) { set_le64(this.v, MDP_SB1.data_size, x); }
  get super_offset(): number { return get_le64(this.v, MDP_SB1.super_offset); }
  set super_offset(x: number) { set_le64(this.v, MDP_SB1.super_offset, x); }
  get recovery_offset(): number { return get_le64(this.v, MDP_SB1.recovery_offset); }
  set recovery_offset(x: number) { set_le64(this.v, MDP_SB1.recovery_offset, x); }
  get dev_number(): number { return this.u32(MDP_SB1.dev_number); }
  set dev_number(x: number) { this.u32(MDP_SB1.dev_number, x); }
  get cnt_corrected_read(): number { return this.u32(MDP_SB1.cnt_corrected_read); }
  set cnt_corrected_read(x: number) { this.u32(MDP_SB1.cnt_corrected_read, x); }
  /** device_uuid[16], in place. */
  get device_uuid(): Uint8Array { return this.bytes.subarray(MDP_SB1.device_uuid, MDP_SB1.device_uuid + 16); }
  get devflags(): number { return this.v.getUint8(MDP_SB1.devflags); }
  set devflags(x: number) { this.v.setUint8(MDP_SB1.devflags, x & 0xff); }
  get bblog_shift(): number { return this.v.getUint8(MDP_SB1.bblog_shift); }
  set bblog_shift(x: number) { this.v.setUint8(MDP_SB1.bblog_shift, x & 0xff); }
  get bblog_size(): number { return this.v.getUint16(MDP_SB1.bblog_size, true); }
  set bblog_size(x: number) { this.v.setUint16(MDP_SB1.bblog_size, x & 0xffff, true); }
  /** Signed: sectors from the superblock to the bad-block log. */
  get bblog_offset(): number { return this.s32(MDP_SB1.bblog_offset); }
  set bblog_offset(x: number) { this.s32(MDP_SB1.bblog_offset, x); }
  get utime(): number { return get_le64(this.v, MDP_SB1.utime); }
  set utime(x: number) { set_le64(this.v, MDP_SB1.utime, x); }
  get events(): number { return get_le64(this.v, MDP_SB1.events); }
  set events(x: number) { set_le64(this.v, MDP_SB1.events, x); }
  get resync_offset(): number { return get_le64(this.v, MDP_SB1.resync_offset); }
  set resync_offset(x: number) { set_le64(this.v, MDP_SB1.resync_offset, x); }
  get sb_csum(): number { return this.u32(MDP_SB1.sb_csum); }
  set sb_csum(x: number) { this.u32(MDP_SB1.sb_csum, x); }
  get max_dev(): number { return this.u32(MDP_SB1.max_dev); }
  set max_dev(x: number) { this.u32(MDP_SB1.max_dev, x); }
  /** pad3[32], in place. */
  get pad3(): Uint8Array { return this.bytes.subarray(MDP_SB1.pad3, MDP_SB1.pad3 + 32); }
  /** le16_to_cpu(sb->dev_roles[i]). */
  dev_role(i: number): number { return this.v.getUint16(MDP_SB1.dev_roles + 2 * i, true); }
  /** sb->dev_roles[i] = cpu_to_le16(role). */
  set_dev_role(i: number, role: number): void { this.v.setUint16(MDP_SB1.dev_roles + 2 * i, role & 0xffff, true); }
  /** The superblock's bytes as __le32 words, from the start (calc_sb_1_csum()'s `(__le32 *)sb`). */
  le32_word(i: number): number { return this.v.getUint32(4 * i, true); }
  /** ... and as an __le16 at a byte offset (its odd tail). */
  le16_at(at: number): number { return this.v.getUint16(at, true); }
}

/** The bad-block log page as __le64 entries (super_1_load()'s and super_1_sync()'s `bbp`), in BigInt: the C's u64. */
export function le64_entries(bytes: Uint8Array): { get(i: number): bigint; set(i: number, x: bigint): void } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { get: (i) => v.getBigUint64(8 * i, true), set: (i, x) => v.setBigUint64(8 * i, BigInt.asUintN(64, x), true) };
}
