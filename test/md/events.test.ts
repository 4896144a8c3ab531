// dm's and md's events as their waiters see them: dmeventd's DM_DEV_STATUS and DM_DEV_WAIT on a
// device whose target raises an event and which is then removed (the removal's own event ends
// the last wait), and mdadm --monitor on /proc/mdstat woken by an array's stop.
import { describe, expect, it } from 'vitest';
import { runSeed, titles, type TestProgram } from '../helpers/sim.ts';
import { bootDevices, type Devices } from '../helpers/v315.ts';
import { ENXIO } from '../../kernel-model/include/uapi/asm-generic/errno-base.ts';
import { HZ, machine } from '../../kernel-model/sim/machine.ts';
import { timers } from '../../kernel-model/kernel/timer.ts';
import { ref } from '../../kernel-model/lib/c-pointers.ts';
import { dm_c } from '../../kernel-model/v3.15/drivers/md/dm.ts';
import { dm_table_c } from '../../kernel-model/v3.15/drivers/md/dm-table.ts';
import { dm_ioctl } from '../../kernel-model/v3.15/model/dm-ioctl.ts';
import { mdadm_monitor } from '../../kernel-model/v3.15/model/mdstat.ts';
import { mdadm_stop } from '../../kernel-model/v3.15/model/md-ioctl.ts';
import { sim_disk_ops } from '../../kernel-model/v3.15/model/sim-disk.ts';

const LINEAR = [{ start: 0, len: 64, type: 'linear', params: '/dev/sda 0' }];

describe('dm events', () => {
  it('DM_DEV_WAIT returns the counter a target event moved it to, then the removal ends the wait, then -ENXIO', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const seen: number[] = [];
      let dev: Devices | null = null;
      const p: TestProgram = {
        base: 'v3.15',
        before: (m) => void (dev = bootDevices(m, { sda: null }, [LINEAR])),
        tasks: {
          dmeventd: function* () {
            const hc = (dev as Devices).dm[0];
            let nr = yield* dm_ioctl.dev_status(hc);
            seen.push(nr);
            while (nr >= 0) seen.push((nr = yield* dm_ioctl.dev_wait(hc, nr)));
          },
          lvm: function* () {
            const hc = (dev as Devices).dm[0];
            // Virtual time moves only when every task sleeps: dmeventd waits by then.
            yield* timers.msleep(50);
            const idx = ref(0);
            const live = dm_c.dm_get_live_table(hc.md, idx);
            yield* dm_table_c.dm_table_event(live);
            dm_c.dm_put_live_table(hc.md, idx.v);
            yield* timers.msleep(50);
            expect(yield* dm_ioctl.dev_remove(hc, 0)).toBe(0);
          },
        },
        teardown: function* () {
          yield* sim_disk_ops.sim_disk_remove((dev as Devices).disks.sda);
        },
      };
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(seen).toEqual([0, 1, 2, -ENXIO]);
    }
  });
});

describe('md events', () => {
  it('mdadm --monitor is woken by the stop of the array it read active, long before its delay', () => {
    for (let seed = 1; seed <= 5; seed++) {
      let started = false;
      let exitedAt = -1;
      let dev: Devices | null = null;
      const p: TestProgram = {
        base: 'v3.15',
        before: (m) => void (dev = bootDevices(m, { sda: 4096, sdc: 4096 }, [], [{ level: 1, members: ['sda', 'sdc'] }])),
        tasks: {
          monitor: function* () {
            yield* mdadm_monitor(60 * HZ, () => void (started = true));
            exitedAt = machine().jiffies;
          },
          admin: function* () {
            while (!started) yield* timers.msleep(1);
            expect(yield* mdadm_stop(0)).toBe(0);
          },
        },
        teardown: function* () {
          for (const d of Object.values((dev as Devices).disks)) yield* sim_disk_ops.sim_disk_remove(d);
        },
      };
      const r = runSeed(p, seed);
      expect(titles(r), `seed ${seed}`).toEqual([]);
      expect(r.outcome).toBe('completed');
      expect(exitedAt).toBeGreaterThanOrEqual(0);
      expect(exitedAt).toBeLessThan(60 * HZ);
    }
  });
});
