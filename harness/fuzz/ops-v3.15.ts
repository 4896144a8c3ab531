// The operations of a generated v3.15 workload: IO to a device stack as LVM and mdadm build it,
// and what dmsetup and mdadm do to it while the IO runs. The stack is fixed per program:
//
//   snap    snapshot <lin> /dev/sdb N 16    (reads from lin, copies chunks out to sdb)
//   origin  snapshot-origin <lin>           (writes copy the chunk to the snapshot first)
//   lin     linear /dev/sda 0
//   md0     raid1 over sdc and sdd (mdadm --build --assume-clean)
//
// Every device is STACK_SECTORS long; extents are given in sectors.

/** Sectors of every device of the stack. */
import type { CommonOp } from './common-ops.ts';

export const STACK_SECTORS = 2048;

export const DEVICES = ['snap', 'origin', 'lin', 'md0'] as const;
export type Device = (typeof DEVICES)[number];
export const DM_DEVICES = ['snap', 'origin', 'lin'] as const;
export type DmDevice = (typeof DM_DEVICES)[number];

/** The devices each device's IO goes through below it: suspending one of them holds the IO. */
export const LOWER: Readonly<Record<Device, readonly Device[]>> = { snap: ['lin'], origin: ['lin'], lin: [], md0: [] };

export type V315Op =
  /** One IO of `sectors` at `sector`, waited for. */
  | { op: 'io'; dev: Device; write: boolean; sector: number; sectors: number }
  /** `count` adjacent IOs under one plug (raid1 holds writes on the plug), then waited for. */
  | { op: 'batch'; dev: Device; write: boolean; sector: number; sectors: number; count: number }
  /** dmsetup suspend [--noflush]. */
  | { op: 'suspend'; dev: DmDevice; noflush: boolean }
  /** dmsetup resume. */
  | { op: 'resume'; dev: DmDevice }
  /** dmsetup reload of the same table, then resume: the live table is replaced (a snapshot's exceptions are handed over). */
  | { op: 'reload'; dev: DmDevice }
  /** dmsetup status, or dmsetup table with `table`. */
  | { op: 'status'; dev: DmDevice; table: boolean }
  /** mdadm /dev/md0 --fail of leg 0 (sdc) or 1 (sdd). */
  | { op: 'fail'; leg: number }
  /** ioctl(HDIO_GETGEO) on the open device (what fdisk and parted ask first). */
  | { op: 'geometry'; dev: Device }
  /** A SCSI ioctl (SG_IO) on the open device, which dm passes down to a single target that takes it (linear). */
  | { op: 'ioctl'; dev: Device }
  /**
   * dmsetup remove --deferred: the workload holds every device open until its teardown, so the
   * device is only marked; the teardown's close starts its removal (dm_deferred_remove).
   */
  | { op: 'remove-deferred'; dev: DmDevice }
  /** A memory-pressure phase or a pause (common-ops.ts). */
  | CommonOp;
