// md's safe mode as Documentation/md.txt (v3.15) states it: "When an md array has seen no write
// requests for a certain period of time, it will be marked as 'clean'. When another write
// request arrives, the array is marked as 'dirty' before the write commences." md counts the
// writes between md_write_start() and md_write_end() in mddev->writes_pending; when it drops to
// zero the safemode timer (safe_mode_delay, 200 ms) sets ->safemode and md_check_recovery()
// marks the array clean (->in_sync). Once a workload is done (nothing runnable, no timer left)
// every running array that safe mode applies to must therefore read clean. One still active has
// lost count of its writes: a write md_write_end() never ended (the array stays dirty for good,
// and every crash costs a full resync), or writes ended that never started (writes_pending goes
// below zero, never comes back to zero, and the next write that starts and ends brings it to zero
// while another is still in flight: the array is marked clean under that write).

import { list_entries } from '../../include/linux/list.ts';
import { machine } from '../../sim/machine.ts';
import { registerQuiescentCheck } from '../../sim/run.ts';
import { MD_RECOVERY_RUNNING, md_c_globals, md_h, type mddev } from '../drivers/md/md.ts';

/** recovery_cp when no resync is needed (MaxSector as the translation writes it). */
export const MaxSector = ~0 >>> 0;

/**
 * Whether safe mode would have marked the array clean by now: it runs read-write with internal
 * metadata (mdmon marks external arrays), has a thread to run md_check_recovery() (linear has
 * none), is not suspended (md_check_recovery() does nothing then), needs no resync and has no
 * sync thread running, and has a safe-mode delay.
 */
function safeModeApplies(md: mddev): boolean {
  return md.pers !== null && md.thread !== null && md.ro === 0 && !md.external && !md.suspended && md.safemode_delay > 0 && md.recovery_cp === MaxSector && (md.recovery & (1 << MD_RECOVERY_RUNNING)) === 0;
}

function mdLeftActive(md: mddev): string {
  const pending = md.writes_pending.counter;
  const why =
    pending > 0
      ? `${pending} write${pending === 1 ? '' : 's'} md_write_start() counted that md_write_end() never ended`
      : pending < 0
        ? `${-pending} more write${pending === -1 ? '' : 's'} ended by md_write_end() than md_write_start() counted`
        : 'no write pending, yet safe mode did not mark it clean';
  return `md: ${md_h.mdname(md).v} left active after its writes stopped (safe_mode_delay ${md.safemode_delay} jiffies passed): writes_pending is ${pending}: ${why}`;
}

registerQuiescentCheck('v3.15', (m) => {
  for (const md of list_entries<mddev>(md_c_globals().all_mddevs, 'all_mddevs')) {
    if (!safeModeApplies(md) || md.in_sync) continue;
    machine().report({
      kind: 'lost-io',
      title: 'md: array left active after its writes stopped',
      report: mdLeftActive(md),
      backtraces: [],
      step: m.steps,
      fatal: false,
    });
  }
});
