// Flushes, FUA writes, discards and write-sames in the v3.15 world, as a filesystem sends them
// (harness/suites/workload-io.ts after block/blk-lib.c) and as the v3.15 grammar draws them: the
// disks advertise a write cache with FUA, discard and write same (model/sim-disk.ts), dm and md
// take what their C passes on, and each kind reaches the disks the way the C routes it.
import { describe, expect, it } from 'vitest';
import { runSeed, titles } from '../helpers/sim.ts';
import { bootDevices, dm_dev_path, md_dev_path, v315Program, withOpen, type Devices } from '../helpers/v315.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import { Prng } from '../../kernel-model/sim/prng.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { EOPNOTSUPP } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { REQ_DISCARD, REQ_FLUSH, REQ_FUA, REQ_WRITE_SAME } from '../../kernel-model/v3.15/include/linux/blk_types.ts';
import { WRITE_FLUSH_FUA, type block_device } from '../../kernel-model/v3.15/include/linux/fs.ts';
import { issueDiscard, issueFlush, issueWriteSame, submitAndWait } from '../../harness/suites/workload-io.ts';
import { measureProgram } from '../../harness/fuzz/coverage.ts';
import { v315Grammar as g } from '../../harness/fuzz/grammar-v3.15.ts';
import { formatProgram, parseProgram } from '../../harness/fuzz/program.ts';

const LEN = 256;

/** sda under dm-0 (linear at 0) and dm-1 (a snapshot of dm-0, COW on sdb); md0 mirrors sdc and sdd. */
function stack(m: Machine): Devices {
  return bootDevices(
    m,
    { sda: LEN, sdb: LEN, sdc: LEN, sdd: LEN },
    [
      [{ start: 0, len: LEN, type: 'linear', params: '/dev/sda 0' }],
      [{ start: 0, len: LEN, type: 'snapshot', params: '/dev/dm-0 /dev/sdb N 16' }],
    ],
    [{ level: 1, members: ['sdc', 'sdd'] }],
  );
}

interface Seen {
  sector: number;
  sectors: number;
  flags: string[];
}

/** What a disk saw: each bio's extent and which of flush, fua, discard, write-same it carried. */
function seen(dev: Devices, disk: string): Seen[] {
  const names: [number, string][] = [[REQ_FLUSH, 'flush'], [REQ_FUA, 'fua'], [REQ_DISCARD, 'discard'], [REQ_WRITE_SAME, 'same']];
  return dev.disks[disk].seen.filter((s) => s.write).map((s) => ({ sector: s.sector, sectors: s.sectors, flags: names.filter(([f]) => (s.rw & f) !== 0).map(([, n]) => n) }));
}

/** One clean run (no injected faults) of `body` on `path`: its status, the titles, the devices. */
function once(path: (dev: Devices) => string, body: (bdev: block_device) => KGen<number>, seed = 1): { status: number; titles: string[]; outcome: string; dev: Devices } {
  let status = 1;
  let devices: Devices | null = null;
  const p = v315Program(
    (m) => (devices = stack(m)),
    (dev) => ({
      fs: function* () {
        status = yield* withOpen(path(dev()), body);
      },
    }),
  );
  const r = runSeed(p, seed);
  return { status, titles: titles(r), outcome: r.outcome, dev: devices as unknown as Devices };
}

const lin = (d: Devices): string => dm_dev_path(d.dm[0].md);
const snap = (d: Devices): string => dm_dev_path(d.dm[1].md);
const md0 = (d: Devices): string => md_dev_path(d.md[0]);

describe('flush, FUA, discard and write same on the v3.15 stack', () => {
  it('an empty flush reaches every disk under dm-linear and raid1, and only the COW disk under a snapshot', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const l = once(lin, issueFlush, seed);
      expect([l.status, l.titles, l.outcome]).toEqual([0, [], 'completed']);
      expect(seen(l.dev, 'sda')).toEqual([{ sector: 0, sectors: 0, flags: ['flush'] }]);
      const m = once(md0, issueFlush, seed);
      expect([m.status, m.titles, m.outcome]).toEqual([0, [], 'completed']);
      for (const leg of ['sdc', 'sdd']) expect(seen(m.dev, leg), leg).toEqual([{ sector: 0, sectors: 0, flags: ['flush'] }]);
      // snapshot_map() sends a flush to the COW device (dm-snap.c: "bio->bi_bdev = s->cow->bdev").
      const s = once(snap, issueFlush, seed);
      expect([s.status, s.titles]).toEqual([0, []]);
      expect(seen(s.dev, 'sdb')).toEqual([{ sector: 0, sectors: 0, flags: ['flush'] }]);
      expect(seen(s.dev, 'sda')).toEqual([]);
    }
  });

  it('a flush+FUA write: dm sends the empty flush first and the data with FUA alone; raid1 passes both flags to each leg', () => {
    const write = (bdev: block_device): KGen<number> => submitAndWait(bdev, WRITE_FLUSH_FUA, 32, 8);
    const l = once(lin, write);
    expect([l.status, l.titles]).toEqual([0, []]);
    expect(seen(l.dev, 'sda')).toEqual([
      { sector: 0, sectors: 0, flags: ['flush'] },
      { sector: 32, sectors: 8, flags: ['fua'] },
    ]);
    const m = once(md0, write);
    expect([m.status, m.titles]).toEqual([0, []]);
    for (const leg of ['sdc', 'sdd']) expect(seen(m.dev, leg), leg).toEqual([{ sector: 32, sectors: 8, flags: ['flush', 'fua'] }]);
  });

  it('a discard reaches the disk as one page-less bio of its extent; a snapshot does not advertise discard', () => {
    const discard = (bdev: block_device): KGen<number> => issueDiscard(bdev, 8, 64);
    const l = once(lin, discard);
    expect([l.status, l.titles]).toEqual([0, []]);
    expect(seen(l.dev, 'sda')).toEqual([{ sector: 8, sectors: 64, flags: ['discard'] }]);
    const m = once(md0, discard);
    expect([m.status, m.titles]).toEqual([0, []]);
    for (const leg of ['sdc', 'sdd']) expect(seen(m.dev, leg), leg).toEqual([{ sector: 8, sectors: 64, flags: ['discard'] }]);
    // The snapshot target sets no num_discard_bios: dm_table_supports_discards() is false.
    const s = once(snap, discard);
    expect([s.status, s.titles]).toEqual([-EOPNOTSUPP, []]);
    expect([...seen(s.dev, 'sda'), ...seen(s.dev, 'sdb')]).toEqual([]);
  });

  it('a write same reaches the disk under dm-linear; raid1 (max_write_same_sectors 0) refuses it', () => {
    const same = (bdev: block_device): KGen<number> => issueWriteSame(bdev, 16, 64);
    const l = once(lin, same);
    expect([l.status, l.titles]).toEqual([0, []]);
    expect(seen(l.dev, 'sda')).toEqual([{ sector: 16, sectors: 64, flags: ['same'] }]);
    const m = once(md0, same);
    expect([m.status, m.titles]).toEqual([-EOPNOTSUPP, []]);
    expect([...seen(m.dev, 'sdc'), ...seen(m.dev, 'sdd')]).toEqual([]);
  });
});

describe('the v3.15 grammar\'s flush, fua, discard and writesame', () => {
  it('parse back to their text', () => {
    const text = 'cpus 2\nt0: flush md0; io lin w 8+8 fua; io origin w 0+16 flush+fua; io snap r 0+8\nt1: discard lin 0+64; writesame origin 16+1';
    expect(formatProgram(g, parseProgram(g, text))).toBe(text);
  });

  it('vary and simplify within the grammar: a read never carries an order, a write\'s order can be dropped', () => {
    const ops = ['io lin w 0+16 fua', 'io md0 w 8+64 flush+fua', 'io snap w 0+8', 'flush origin', 'discard md0 8+64', 'writesame lin 0+1'].map((t) => g.parseOp(t));
    const rng = new Prng(5);
    const texts = new Set<string>();
    for (let i = 0; i < 200; i++) {
      for (const o of ops) {
        const t = g.tweakOp(rng, o);
        expect(g.formatOp(g.parseOp(g.formatOp(t)))).toBe(g.formatOp(t));
        texts.add(g.formatOp(t));
      }
    }
    expect([...texts].filter((t) => / r .* (fua|flush\+fua)$/.test(t))).toEqual([]);
    // A write's order cycles: none -> fua -> flush+fua -> none.
    for (const t of ['io snap w 0+8 fua', 'io lin w 0+16 flush+fua', 'io md0 w 8+64']) expect(texts.has(t), t).toBe(true);
    expect(g.simpler(g.parseOp('io lin w 0+16 fua')).map(g.formatOp)).toEqual(['io lin w 0+16', 'io lin w 0+8 fua']);
    expect(g.simpler(g.parseOp('discard md0 8+64')).map(g.formatOp)).toEqual(['discard md0 8+8']);
    expect(g.simpler(g.parseOp('flush md0'))).toEqual([]);
  });

  it.each([
    ['cpus 1\nt0: io lin r 0+8 fua', 'only a write carries fua'],
    ['cpus 1\nt0: io lin w 0+8 sync', 'a write\'s order is one of fua, flush+fua'],
    ['cpus 1\nt0: flush', 'flush takes a device'],
    ['cpus 1\nt0: discard lin 0+8x2', 'discard takes one extent'],
    ['cpus 1\nt0: writesame sdz 0+8', 'the device is one of snap, origin, lin, md0'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseProgram(g, text)).toThrow(why);
  });

  it('reach dm\'s flush, discard and write-same paths, which plain reads and writes do not', () => {
    const fns = (text: string): Set<string> => measureProgram(g, parseProgram(g, `cpus 2\nt0: ${text}`), 1, 2).functions;
    const plain = fns('io lin w 0+16; io lin r 0+64; io origin w 0+16; io md0 w 0+16');
    const flush = fns('flush lin; io origin w 0+16 flush+fua; flush md0');
    const discard = fns('discard lin 0+64');
    const same = fns('writesame lin 0+64');
    const fresh = (s: Set<string>): string[] => [...s].filter((f) => !plain.has(f));
    expect(fresh(flush)).toEqual(expect.arrayContaining(['__send_empty_flush', '__send_duplicate_bios', '__clone_and_map_simple_bio', 'queue_io']));
    expect(fresh(discard)).toEqual(expect.arrayContaining(['__send_discard', '__send_changing_extent_only', 'get_num_discard_bios', 'is_split_required_for_discard', 'bio_setup_sector']));
    expect(fresh(same)).toEqual(expect.arrayContaining(['__send_write_same', 'get_num_write_same_bios', 'bdev_write_same']));
    // raid1 of v3.15 handles REQ_FLUSH itself (make_request's do_flush_fua): md_flush_request is
    // for personalities that call it (raid0, raid10, raid5, linear, multipath), none of them here.
    expect(flush.has('md_flush_request')).toBe(false);
  });

  it.each([
    'cpus 2\nt0: flush md0; io md0 w 0+8 flush+fua; discard md0 0+64; writesame md0 0+8\nt1: io md0 w 8+16 fua; flush md0',
    'cpus 2\nt0: flush lin; io lin w 0+8 fua; discard lin 0+64; writesame lin 8+64\nt1: io origin w 0+16 flush+fua; flush snap; discard snap 0+8',
    // suspended devices: a task skips its own flush to what it holds, another's waits for the resume
    'cpus 2\nt0: suspend origin; flush origin; discard lin 0+16\nt1: flush origin; io origin w 0+16 fua; writesame lin 0+16',
  ])('runs %j to its end with nothing to report, faults of the plan included', (text) => {
    expect([...measureProgram(g, parseProgram(g, text), 3, 8).titles.keys()]).toEqual([]);
  });
});
