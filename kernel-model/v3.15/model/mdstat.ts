// /proc/mdstat as `mdadm --monitor` uses it: md.c (v3.15) counts every "interesting" event of
// every array in md_event_count and wakes md_event_waiters (md_new_event()); a reader of
// /proc/mdstat remembers the count it last showed (seq->poll_event) and poll() on the file
// reports POLLPRI once the count has moved past it (mdstat_poll()). mdadm --monitor sleeps in
// select() on the file with its --delay as the timeout and reads the file again whenever it
// returns. The read is md_seq_start/next/show/stop's walk: the personalities under pers_lock and
// the event count (the header), then each array under all_mddevs_lock (a reference taken) and
// shown under its reconfig_mutex. Not modeled: the text itself (the model returns which arrays
// are active, and of each the resync line's kind: running, DELAYED or PENDING), a personality's
// status line, resync progress figures, bitmaps, seq_file's buffer. `mdadm --wait` reads the
// file until an array shows no resync line, sleeping in select() between reads as --monitor does.
//
// What mdadm --monitor relies on is checked where it reads: an array it last read active and
// now reads stopped has had its stop counted (do_md_stop() ends with md_new_event(), under the
// same reconfig_mutex the read takes, so a read that sees the array stopped comes after the
// count moved); a count that has not moved since the read that showed it active is an event md
// lost, and the monitor would not have been woken for it.

import { atomic_read } from '../../include/linux/atomic.ts';
import { list_walk_at, list_walk_first, list_entry_is_head } from '../../include/linux/list.ts';
import { spinlock } from '../../kernel/locking/spinlock.ts';
import { wait_event_interruptible_timeout } from '../../kernel/sched/wait.ts';
import { NULL } from '../../lib/c-pointers.ts';
import { HZ, machine } from '../../sim/machine.ts';
import { MaxSector } from './md-safemode.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';
import { md_c, md_c_globals, md_h, type md_personality, type mddev } from '../drivers/md/md.ts';

/** The seq_file of an open /proc/mdstat: the event count it last showed. */
export interface mdstat_file {
  poll_event: number;
}

/**
 * open("/proc/mdstat"): the file starts from the count as it is now.
 * @port drivers/md/md.c v3.15 simplified - md_seq_open() without seq_open()'s buffer
 */
function md_seq_open(): mdstat_file {
  return { poll_event: atomic_read(md_c_globals().md_event_count) };
}

/**
 * The next array of the walk after `mddev` (NULL: the first), with a reference, or NULL at the
 * end; the reference on `mddev` is dropped.
 * @port drivers/md/md.c v3.15 simplified - md_seq_start() and md_seq_next() on the array instead of a position
 */
function* md_seq_next(mddev: mddev): KGen<mddev> {
  const g = md_c_globals();
  yield* spinlock.spin_lock(g.all_mddevs_lock);
  const tmp = mddev === NULL ? g.all_mddevs.next : mddev.all_mddevs.next;
  const next: mddev = tmp !== g.all_mddevs ? yield* md_c.mddev_get(list_walk_at<mddev>(tmp, g.all_mddevs, 'all_mddevs')) : NULL;
  yield* spinlock.spin_unlock(g.all_mddevs_lock);
  if (mddev !== NULL) yield* md_c.mddev_put(mddev);
  return next;
}

/** An active array as /proc/mdstat shows it: its name and its resync line, if it has one. */
export interface mdstat_entry {
  name: string;
  /** status_resync()'s progress line (a resync or recovery running), "DELAYED", "PENDING", or none. */
  resync: 'running' | 'DELAYED' | 'PENDING' | null;
}

/**
 * read("/proc/mdstat"): the header (the personalities, under pers_lock, and the event count the
 * file now shows), then each array under its lock. Returns the active arrays with their resync
 * lines.
 * @port drivers/md/md.c v3.15 simplified - md_seq_show()'s locking, what decides "active" and which resync line an array shows: no text, member list or other status lines
 */
function* md_seq_show(seq: mdstat_file): KGen<mdstat_entry[]> {
  const g = md_c_globals();
  const personalities: string[] = [];
  yield* spinlock.spin_lock(g.pers_lock);
  for (let pers = list_walk_first<md_personality>(g.pers_list, 'list'); !list_entry_is_head(pers, g.pers_list, 'list'); pers = list_walk_at<md_personality>(pers.list.next, g.pers_list, 'list')) personalities.push(pers.name.v);
  yield* spinlock.spin_unlock(g.pers_lock);
  seq.poll_event = atomic_read(g.md_event_count);
  const active: mdstat_entry[] = [];
  for (let mddev = yield* md_seq_c.md_seq_next(NULL); mddev !== NULL; mddev = yield* md_seq_c.md_seq_next(mddev)) {
    /* mddev_lock() is interruptible; the model sends no signals */
    yield* md_c.mddev_lock(mddev);
    if (mddev.pers) active.push({ name: md_h.mdname(mddev).v, resync: resync_line(mddev) });
    yield* md_c.mddev_unlock(mddev);
  }
  return active;
}

/** The resync line md_seq_show() prints for an array with a personality. */
function resync_line(mddev: mddev): mdstat_entry['resync'] {
  if (!mddev.pers.sync_request) return null;
  if (mddev.curr_resync > 2) return 'running';
  if (mddev.curr_resync >= 1) return 'DELAYED';
  if (mddev.recovery_cp < MaxSector) return 'PENDING';
  return null;
}

/**
 * select() on /proc/mdstat for an exceptional condition, with a timeout in jiffies: sleeps on
 * md_event_waiters (mdstat_poll()'s poll_wait) until the count moves past the file's or the time
 * runs out. Returns whether it moved (POLLPRI).
 * @port drivers/md/md.c v3.15 simplified - mdstat_poll() under do_select()'s sleep, as one wait_event_interruptible_timeout(); md_unloading is never set while an array is watched
 */
function* mdstat_poll(seq: mdstat_file, timeout: number): KGen<boolean> {
  const g = md_c_globals();
  yield* wait_event_interruptible_timeout(g.md_event_waiters, () => seq.poll_event !== atomic_read(g.md_event_count), timeout);
  return seq.poll_event !== atomic_read(g.md_event_count);
}

export const md_seq_c = kernel_functions('drivers/md/md.c', { md_seq_open, md_seq_next, md_seq_show, mdstat_poll }, 'v3.15');

/**
 * `mdadm --monitor --delay=SECONDS` over every array, from the moment it has read /proc/mdstat
 * once until it reads no active array (the model's monitor stops there: nothing is left to
 * watch). `started` is called after that first read. Each wake-up reads the file again; an
 * array stopped with no event since the read that showed it active is reported.
 */
export function* mdadm_monitor(delayJiffies: number, started: () => void = () => undefined): KGen {
  const seq = md_seq_c.md_seq_open();
  const names = function* (): KGen<string[]> {
    return (yield* md_seq_c.md_seq_show(seq)).map((e) => e.name);
  };
  let active = yield* names();
  let shownActive = seq.poll_event;
  started();
  while (active.length > 0) {
    yield* md_seq_c.mdstat_poll(seq, delayJiffies);
    const now = yield* names();
    const stopped = active.filter((name) => !now.includes(name));
    if (stopped.length > 0) {
      // The read above took each such array's lock after its stop dropped it, or found the array
      // gone (deleted at the last close, after the stop returned): either way the stop's event is counted by now.
      const count = atomic_read(md_c_globals().md_event_count);
      if (count === shownActive) lost_md_event(stopped, count);
    }
    active = now;
    shownActive = seq.poll_event;
  }
}

/** mdadm's select() timeout between reads of /proc/mdstat in Wait() (mdstat_wait(5)). */
const MDADM_WAIT_TIMEOUT = 5 * HZ;

/**
 * `mdadm --wait /dev/mdN`: reads /proc/mdstat until the array shows no resync line (a resync or
 * recovery running, DELAYED or PENDING) or is gone, sleeping in select() on the file for 5
 * seconds or the next md event between reads.
 * As mdadm's Monitor.c Wait(), without its exit status.
 */
export function* mdadm_wait(name: string): KGen {
  const seq = md_seq_c.md_seq_open();
  for (;;) {
    const e = (yield* md_seq_c.md_seq_show(seq)).find((x) => x.name === name);
    if (e === undefined || e.resync === null) return;
    yield* md_seq_c.mdstat_poll(seq, MDADM_WAIT_TIMEOUT);
  }
}

/** Reports an array stop that moved no event count: mdadm --monitor was never told. */
function lost_md_event(stopped: readonly string[], count: number): void {
  const m = machine();
  if (!m.debug) return;
  m.report({
    kind: 'lost-wakeup',
    title: 'lost md event: array stopped with md_event_count unchanged',
    report: [
      `md: ${stopped.join(', ')} stopped, but md_event_count is still ${count}, as when /proc/mdstat last showed ${stopped.length > 1 ? 'them' : 'it'} active:`,
      'poll() on /proc/mdstat never reports the change (POLLPRI), and mdadm --monitor learns of it only when its --delay runs out',
    ].join('\n'),
    backtraces: [],
    step: m.steps,
    fatal: false,
  });
}
