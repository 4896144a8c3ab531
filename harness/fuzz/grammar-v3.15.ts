// The v3.15 grammar: how each operation of ops-v3.15.ts is drawn, varied, simplified, printed
// and parsed, and the fault plans its programs run under. IO is most of it; extents sit in the
// first 512 sectors so that IOs meet on the same 16-sector snapshot chunks, and the larger ones
// cross chunk boundaries (the snapshot splits them). A few operations are what a filesystem sends
// besides reads and writes: cache flushes, FUA and flush+FUA writes, discards and write-sames.
import type { Prng } from '../../kernel-model/sim/prng.ts';
import { drawPlan } from '../suites/plan-shape.ts';
import { ALWAYS_BUILT, DEADLINE_TUNABLES, DEVICES, DM_DEVICES, RELOAD_TABLES, type Device, type DmDevice, STACK_SECTORS, SWAP_DEVICES, SYNC_ACTIONS, type SyncAction, type V315Op, WRITE_ORDERS, type WriteOrder } from './ops-v3.15.ts';
import type { GenProgram, Grammar } from './program.ts';
import { pick, weighted } from './draw.ts';
import { drawPressure, drawSleep, formatCommon, parseCommon, simplerCommon, tweakCommon } from './common-ops.ts';
import { intArg, sectorExtent } from './text-args.ts';
import { v315Workload } from './workload-v3.15.ts';
import { ELEVATORS, QUEUE_ATTRS, type QueueAttr } from '../../kernel-model/v3.15/model/sysfs.ts';

const SIZES = [1, 8, 8, 16, 64];
/** The devices whose IO ends on the request-based disk. */
const REQUEST_BASED: readonly Device[] = ['sde', 'rql'];

const sector = (rng: Prng): number => 8 * rng.below(64);
/** md1 costs two disks and an array more to build, so it is drawn for one operation in sixteen. */
const device = (rng: Prng): Device => (rng.below(16) === 0 ? 'md1' : pick(rng, ALWAYS_BUILT));
const dmDevice = (rng: Prng): DmDevice => pick(rng, DM_DEVICES);
/** The tables a reload may load besides the device's own and the error target's. */
const HOSTILE_TABLES = RELOAD_TABLES.filter((t) => t !== 'error');
/** A reload of one of those: a chunk size is the snapshot's alone. */
const hostileReload = (rng: Prng): V315Op => {
  const table = pick(rng, HOSTILE_TABLES);
  return { op: 'reload', dev: table === 'badchunk' ? 'snap' : dmDevice(rng), table };
};
const QUEUE_VALUES: Readonly<Record<QueueAttr, readonly number[]>> = { nr_requests: [4, 8, 128], rq_affinity: [0, 1, 2] };
const TUNABLE_VALUES = [0, 1, 8, 100];
/** The order a write asks for after `o`: none, fua, flush+fua, none again. */
const nextOrder = (o: WriteOrder | undefined): WriteOrder | undefined => (o === undefined ? WRITE_ORDERS[0] : WRITE_ORDERS[WRITE_ORDERS.indexOf(o) + 1]);
/** A batch submitted in order, or with holes filled last. */
const withHoles = (o: V315Op & { op: 'batch' }, holes: boolean): V315Op => {
  const { holes: _drop, ...rest } = o;
  return holes ? { ...rest, holes: true } : rest;
};
/** `o` with its order set, or without one. */
const withOrder = (o: V315Op & { op: 'io' }, order: WriteOrder | undefined): V315Op => {
  const { order: _drop, ...rest } = o;
  return order === undefined ? rest : { ...rest, order };
};

const DRAW: readonly [number, (rng: Prng) => V315Op][] = [
  [40, (rng) => ({ op: 'io', dev: device(rng), write: rng.below(2) === 0, sector: sector(rng), sectors: pick(rng, SIZES) })],
  [4, (rng) => ({ op: 'io', dev: device(rng), write: true, sector: sector(rng), sectors: pick(rng, SIZES), order: pick(rng, WRITE_ORDERS) })],
  [4, (rng) => ({ op: 'flush', dev: device(rng) })],
  [3, (rng) => ({ op: 'discard', dev: device(rng), sector: sector(rng), sectors: pick(rng, SIZES) })],
  [2, (rng) => ({ op: 'writesame', dev: device(rng), sector: sector(rng), sectors: pick(rng, SIZES) })],
  [12, (rng) => {
    const dev = device(rng);
    const write = rng.below(3) !== 0;
    const at = sector(rng);
    // On the request-based disk half the batches are of 128-sector IOs: a request holds at most
    // 255 sectors there (BLK_SAFE_MAX_SECTORS), so each IO is a request of its own and the plug
    // holds several for blk_flush_plug_list() to sort; 8-sector IOs merge into one.
    const sectors = REQUEST_BASED.includes(dev) && rng.below(2) === 0 ? 128 : 8;
    const batch: V315Op = { op: 'batch', dev, write, sector: at, sectors, count: 2 + rng.below(3) };
    return rng.below(3) === 0 ? { ...batch, count: 3 + rng.below(2), holes: true } : batch;
  }],
  [8, (rng) => ({ op: 'suspend', dev: dmDevice(rng), noflush: rng.below(2) === 0 })],
  [8, (rng) => ({ op: 'resume', dev: dmDevice(rng) })],
  [6, (rng) => ({ op: 'reload', dev: dmDevice(rng) })],
  [2, (rng) => ({ op: 'reload', dev: dmDevice(rng), table: 'error' })],
  [6, (rng) => ({ op: 'status', dev: dmDevice(rng), table: rng.below(2) === 0 })],
  [4, (rng) => ({ op: 'fail', leg: rng.below(2) })],
  [3, (rng) => ({ op: 'sync', action: pick(rng, SYNC_ACTIONS) })],
  [3, (rng) => ({ op: 'readd', leg: rng.below(2) })],
  [2, (rng) => ({ op: 'geometry', dev: device(rng) })],
  [2, (rng) => ({ op: 'ioctl', dev: device(rng) })],
  [1, (rng) => ({ op: 'remove-deferred', dev: dmDevice(rng) })],
  [1, (rng) => ({ op: 'swapon', dev: pick(rng, SWAP_DEVICES) })],
  // What the named suites do besides IO and the common dmsetup and mdadm calls: rarer, each one
  // a lifecycle or a tunable the fixed suites drive on their own.
  [2, (rng) => ({ op: 'io', dev: device(rng), write: false, sector: sector(rng), sectors: pick(rng, SIZES), ahead: true })],
  [3, hostileReload],
  [2, (rng) => ({ op: 'bounce', dev: dmDevice(rng) })],
  [1, (rng) => ({ op: 'cancel-remove', dev: dmDevice(rng) })],
  [2, (rng) => ({ op: 'quiesce', sector: sector(rng), sectors: pick(rng, SIZES), ms: 1 + rng.below(2) })],
  [1, (rng) => ({ op: 'newdev', leg: rng.below(2) })],
  [2, (rng) => {
    const attr = pick(rng, QUEUE_ATTRS);
    return { op: 'queue', dev: device(rng), attr, value: pick(rng, QUEUE_VALUES[attr]) };
  }],
  [2, (rng) => ({ op: 'scheduler', dev: device(rng), name: pick(rng, ELEVATORS) })],
  [2, (rng) => ({ op: 'tunable', dev: device(rng), name: pick(rng, DEADLINE_TUNABLES), value: pick(rng, TUNABLE_VALUES) })],
  [1, () => ({ op: 'monitor' })],
  [3, drawPressure],
  [4, drawSleep],
];
/** Operations by weight. */
const randomOp = weighted(DRAW);

function tweakOp(rng: Prng, o: V315Op): V315Op {
  switch (o.op) {
    case 'io': {
      // A read carries no order; a write's order is cycled; a write is no readahead.
      const { ahead: _ahead, ...plain } = o;
      const flipped = o.write ? withOrder({ ...o, write: false }, undefined) : { ...plain, write: true };
      const variants: V315Op[] = [{ ...o, dev: device(rng) }, flipped, { ...o, sector: sector(rng) }, { ...o, sectors: pick(rng, SIZES) }];
      return pick(rng, o.write ? [...variants, withOrder(o, nextOrder(o.order))] : variants);
    }
    case 'flush':
      return { ...o, dev: device(rng) };
    case 'discard':
    case 'writesame':
      return pick(rng, [{ ...o, dev: device(rng) }, { ...o, sector: sector(rng) }, { ...o, sectors: pick(rng, SIZES) }]);
    case 'batch':
      return pick(rng, [{ ...o, dev: device(rng) }, { ...o, write: !o.write }, { ...o, sector: sector(rng) }, { ...o, count: 2 + rng.below(3) }, withHoles(o, !o.holes)]);
    case 'suspend':
      return rng.below(2) === 0 ? { ...o, dev: dmDevice(rng) } : { ...o, noflush: !o.noflush };
    case 'reload':
      // Another device (a chunk size stays the snapshot's), or another table.
      if (rng.below(2) === 0 && o.table !== 'badchunk') return { ...o, dev: dmDevice(rng) };
      return o.table !== undefined ? { op: 'reload', dev: o.dev } : { op: 'reload', dev: o.dev, table: 'error' };
    case 'resume':
    case 'bounce':
    case 'remove-deferred':
    case 'cancel-remove':
      return { ...o, dev: dmDevice(rng) };
    case 'geometry':
    case 'ioctl':
      return { ...o, dev: device(rng) };
    case 'status':
      return rng.below(2) === 0 ? { ...o, dev: dmDevice(rng) } : { ...o, table: !o.table };
    case 'fail':
    case 'readd':
    case 'newdev':
      return { ...o, leg: 1 - o.leg };
    case 'swapon':
      return { ...o, dev: pick(rng, SWAP_DEVICES.filter((d) => d !== o.dev)) };
    case 'sync':
      return { ...o, action: pick(rng, SYNC_ACTIONS.filter((a) => a !== o.action)) };
    case 'quiesce':
      return { ...o, ms: o.ms === 1 ? 2 : 1 };
    case 'queue':
      return { ...o, value: o.attr === 'nr_requests' ? (o.value === 4 ? 128 : 4) : (o.value + 1) % 3 };
    case 'scheduler':
      return { ...o, name: o.name === 'noop' ? 'deadline' : 'noop' };
    case 'tunable':
      return { ...o, value: o.value === 0 ? 1 : 0 };
    case 'monitor':
      return o;
    case 'pressure':
    case 'sleep':
      return tweakCommon(rng, o);
  }
}

function simpler(o: V315Op): V315Op[] {
  switch (o.op) {
    case 'io': {
      const { ahead: _ahead, ...plain } = o;
      return [...(o.order !== undefined ? [withOrder(o, undefined)] : []), ...(o.ahead ? [plain] : []), ...(o.sectors !== 8 ? [{ ...o, sectors: 8 }] : [])];
    }
    case 'discard':
    case 'writesame':
      return o.sectors !== 8 ? [{ ...o, sectors: 8 }] : [];
    case 'batch':
      return [{ op: 'io', dev: o.dev, write: o.write, sector: o.sector, sectors: o.sectors }, ...(o.holes ? [withHoles(o, false)] : []), ...(o.count > 2 ? [{ ...o, count: 2 }] : [])];
    case 'suspend':
      return o.noflush ? [{ ...o, noflush: false }] : [];
    case 'reload':
      return o.table !== undefined ? [{ op: 'reload', dev: o.dev }] : [];
    case 'readd':
      return [{ op: 'fail', leg: o.leg }];
    case 'pressure':
    case 'sleep':
      return simplerCommon(o);
    default:
      return [];
  }
}

function formatOp(o: V315Op): string {
  switch (o.op) {
    case 'io':
      return `io ${o.dev} ${o.write ? 'w' : o.ahead ? 'ra' : 'r'} ${o.sector}+${o.sectors}${o.order !== undefined ? ` ${o.order}` : ''}`;
    case 'flush':
      return `flush ${o.dev}`;
    case 'discard':
    case 'writesame':
      return `${o.op} ${o.dev} ${o.sector}+${o.sectors}`;
    case 'batch':
      return `batch ${o.dev} ${o.write ? 'w' : 'r'} ${o.sector}+${o.sectors}x${o.count}${o.holes ? ' holes' : ''}`;
    case 'suspend':
      return `suspend ${o.dev}${o.noflush ? ' noflush' : ''}`;
    case 'reload':
      return `reload ${o.dev}${o.table !== undefined ? ` ${o.table}` : ''}`;
    case 'resume':
    case 'bounce':
    case 'geometry':
    case 'ioctl':
    case 'remove-deferred':
    case 'cancel-remove':
    case 'swapon':
      return `${o.op} ${o.dev}`;
    case 'status':
      return `status ${o.dev}${o.table ? ' table' : ''}`;
    case 'fail':
    case 'readd':
    case 'newdev':
      return `${o.op} ${o.leg}`;
    case 'sync':
      return `sync ${o.action}`;
    case 'quiesce':
      return `quiesce ${o.sector}+${o.sectors} ${o.ms}`;
    case 'queue':
      return `queue ${o.dev} ${o.attr} ${o.value}`;
    case 'scheduler':
      return `scheduler ${o.dev} ${o.name}`;
    case 'tunable':
      return `tunable ${o.dev} ${o.name} ${o.value}`;
    case 'monitor':
      return 'monitor';
    case 'pressure':
    case 'sleep':
      return formatCommon(o);
  }
}

function parseOp(text: string): V315Op {
  const w = text.trim().split(/\s+/);
  const common = parseCommon(w, text);
  if (common !== null) return common;
  const dev = (i: number): Device => {
    const d = DEVICES.find((x) => x === w[i]);
    if (d === undefined) throw new Error(`"${text}": the device is one of ${DEVICES.join(', ')}`);
    return d;
  };
  const dmDev = (i: number): DmDevice => {
    const d = DM_DEVICES.find((x) => x === w[i]);
    if (d === undefined) throw new Error(`"${text}": the dm device is one of ${DM_DEVICES.join(', ')}`);
    return d;
  };
  const flag = (i: number, word: string): boolean => {
    if (w.length > i + 1 || (w[i] !== undefined && w[i] !== word)) throw new Error(`"${text}": only "${word}" may follow`);
    return w[i] === word;
  };
  switch (w[0]) {
    case 'io':
    case 'batch': {
      if (w.length !== 4 && w.length !== 5) throw new Error(`"${text}": ${w[0] === 'batch' ? 'batch DEVICE r|w SECTOR+SECTORSxCOUNT [holes]' : `io DEVICE r|ra|w SECTOR+SECTORS [${WRITE_ORDERS.join('|')}]`}`);
      if (w[2] !== 'r' && w[2] !== 'w' && !(w[2] === 'ra' && w[0] === 'io')) throw new Error(`"${text}": r or w${w[0] === 'io' ? ' (or ra, a readahead)' : ''}`);
      const e = sectorExtent(w[3], text, STACK_SECTORS);
      if (w[0] === 'batch') {
        const batch: V315Op = { op: 'batch', dev: dev(1), write: w[2] === 'w', sector: e.sector, sectors: e.sectors, count: e.count };
        return flag(4, 'holes') ? { ...batch, holes: true } : batch;
      }
      if (e.count !== 1) throw new Error(`"${text}": io takes one extent; batch takes a count`);
      const io: V315Op = { op: 'io', dev: dev(1), write: w[2] === 'w', sector: e.sector, sectors: e.sectors, ...(w[2] === 'ra' ? { ahead: true as const } : {}) };
      if (w[4] === undefined) return io;
      const order = WRITE_ORDERS.find((x) => x === w[4]);
      if (order === undefined) throw new Error(`"${text}": a write's order is one of ${WRITE_ORDERS.join(', ')}`);
      if (w[2] !== 'w') throw new Error(`"${text}": only a write carries ${order}`);
      return { ...io, order };
    }
    case 'flush':
      if (w.length !== 2) throw new Error(`"${text}": flush takes a device`);
      return { op: 'flush', dev: dev(1) };
    case 'discard':
    case 'writesame': {
      if (w.length !== 3) throw new Error(`"${text}": ${w[0]} DEVICE SECTOR+SECTORS`);
      const e = sectorExtent(w[2], text, STACK_SECTORS);
      if (e.count !== 1) throw new Error(`"${text}": ${w[0]} takes one extent`);
      return { op: w[0], dev: dev(1), sector: e.sector, sectors: e.sectors };
    }
    case 'suspend':
      return { op: 'suspend', dev: dmDev(1), noflush: flag(2, 'noflush') };
    case 'resume':
    case 'bounce':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a dm device`);
      return { op: w[0], dev: dmDev(1) };
    case 'reload': {
      if (w.length === 2) return { op: 'reload', dev: dmDev(1) };
      const table = RELOAD_TABLES.find((t) => t === w[2]);
      if (w.length !== 3 || table === undefined) throw new Error(`"${text}": only one of ${RELOAD_TABLES.join(', ')} may follow`);
      if (table === 'badchunk' && w[1] !== 'snap') throw new Error(`"${text}": only the snapshot has a chunk size`);
      return { op: 'reload', dev: dmDev(1), table };
    }
    case 'geometry':
    case 'ioctl':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a device`);
      return { op: w[0], dev: dev(1) };
    case 'remove-deferred':
    case 'cancel-remove':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a dm device`);
      return { op: w[0], dev: dmDev(1) };
    case 'swapon': {
      const d = SWAP_DEVICES.find((x) => x === w[1]);
      if (w.length !== 2 || d === undefined) throw new Error(`"${text}": swapon takes one of ${SWAP_DEVICES.join(', ')}`);
      return { op: 'swapon', dev: d };
    }
    case 'status':
      return { op: 'status', dev: dmDev(1), table: flag(2, 'table') };
    case 'fail':
    case 'readd':
    case 'newdev':
      if (w.length !== 2) throw new Error(`"${text}": ${w[0]} takes a leg, 0 or 1`);
      return { op: w[0], leg: intArg(w[1], 0, 1, 'the leg', text) };
    case 'quiesce': {
      if (w.length !== 3) throw new Error(`"${text}": quiesce takes an extent of md0 and milliseconds`);
      const e = sectorExtent(w[1], text, STACK_SECTORS);
      if (e.count !== 1) throw new Error(`"${text}": quiesce takes one extent`);
      return { op: 'quiesce', sector: e.sector, sectors: e.sectors, ms: intArg(w[2], 0, 1000, 'the pause', text) };
    }
    case 'queue': {
      const attr = QUEUE_ATTRS.find((a) => a === w[2]);
      if (w.length !== 4 || attr === undefined) throw new Error(`"${text}": queue takes a device, one of ${QUEUE_ATTRS.join(', ')} and a value`);
      return { op: 'queue', dev: dev(1), attr, value: intArg(w[3], 0, 8192, 'the value', text) };
    }
    case 'scheduler': {
      const name = ELEVATORS.find((e) => e === w[2]);
      if (w.length !== 3 || name === undefined) throw new Error(`"${text}": scheduler takes a device and one of ${ELEVATORS.join(', ')}`);
      return { op: 'scheduler', dev: dev(1), name };
    }
    case 'tunable': {
      const name = DEADLINE_TUNABLES.find((t) => t === w[2]);
      if (w.length !== 4 || name === undefined) throw new Error(`"${text}": tunable takes a device, one of ${DEADLINE_TUNABLES.join(', ')} and a value`);
      return { op: 'tunable', dev: dev(1), name, value: intArg(w[3], 0, 100000, 'the value', text) };
    }
    case 'monitor':
      if (w.length !== 1) throw new Error(`"${text}": monitor takes nothing`);
      return { op: 'monitor' };
    case 'sync': {
      const action = SYNC_ACTIONS.find((a) => a === w[1]);
      if (w.length !== 2 || action === undefined) throw new Error(`"${text}": sync takes one of ${SYNC_ACTIONS.join(', ')}`);
      return { op: 'sync', action: action satisfies SyncAction };
    }
    default:
      throw new Error(`"${text}": no operation "${w[0] ?? ''}"`);
  }
}

export const v315Grammar: Grammar<V315Op> = {
  world: 'v3.15',
  dmReservedIos: true,
  limits: { cpus: 3, tasks: 3, ops: 8 },
  randomOp,
  tweakOp,
  simpler,
  formatOp,
  parseOp,
  workload: v315Workload,
  // Memory mostly plentiful; completions and timers sometimes late; in a third of the runs the
  // disks fail up to a fifth of their IOs (raid1 marks legs Faulty and retries reads).
  plan: (_p: GenProgram<V315Op>, seed: number) =>
    drawPlan(seed, { memory: ['none', 'none', 'low'], ioDelay: { chance: 2, max: 3 }, wqDelay: { chance: 3, max: 2 }, ioError: { chance: 3, percent: 20 } }),
};
