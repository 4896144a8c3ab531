// A v3.15 program over bare disks and nothing else at boot: its tasks build what they use (md
// arrays, dm devices) while they run. At the end the disks are removed and the modules
// unloaded, so that whatever a task's creation or teardown left behind is a leak or a module
// still in use.

import { delete_modules } from '../../kernel-model/kernel/module.ts';
import '../../kernel-model/v3.15/world.ts';
import type { Machine } from '../../kernel-model/sim/machine.ts';
import type { Program } from '../../kernel-model/sim/run.ts';
import type { KGen } from '../../kernel-model/sim/task.ts';
import { sim_disk_ops, type sim_disk } from '../../kernel-model/v3.15/model/sim-disk.ts';
import { simDisk } from './workload-io.ts';

/** A disk made at boot: /dev/NAME, its minor, and its size in sectors (simDisk's default when absent). */
export interface BootDisk {
  name: string;
  minor: number;
  sectors?: number;
}

/** The program: `disks` made at boot, then `spawn` starts the tasks over them. */
export function bareDisksProgram(disks: readonly BootDisk[], spawn: (m: Machine, made: sim_disk[]) => void): Program {
  let made: sim_disk[] = [];
  return {
    cpus: 2,
    base: 'v3.15',
    setup(m) {
      made = m.bootCall(
        (function* (): KGen<sim_disk[]> {
          const out: sim_disk[] = [];
          for (const d of disks) out.push(yield* simDisk(d.name, d.minor, d.sectors));
          return out;
        })(),
      );
      spawn(m, made);
    },
    *teardown() {
      for (const d of made) yield* sim_disk_ops.sim_disk_remove(d);
      /* rmmod dm_snapshot dm_mod raid1 linear md_mod */
      yield* delete_modules('v3.15');
    },
  };
}
