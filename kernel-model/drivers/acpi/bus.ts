// ACPI early init (drivers/acpi/bus.c, v3.2) as far as the blkio deadlock goes: at boot it
// allocates per-cpu data, and pcpu_alloc() holds pcpu_alloc_mutex across its GFP_KERNEL
// allocations - the RECLAIM_FS-ON usage of pcpu_alloc_mutex in the Dec 2011 lockdep report.

import { kmemleak_not_leak } from '../../mm/kasan.ts';
import { percpu } from '../../mm/percpu.ts';
import { kernel_functions } from '../../sim/hooks.ts';
import type { KGen } from '../../sim/task.ts';

/**
 * Run at boot (machine.bootCall); what it allocates lives as long as the machine.
 * @port drivers/acpi/bus.c v3.2 model - acpi_early_init() reduced to two alloc_percpu() calls
 * (the ACPI tables' per-cpu state)
 */
function* acpi_early_init(): KGen {
  for (let i = 0; i < 2; i++) {
    const p = yield* percpu.__alloc_percpu(64, () => ({ acpi: 0 }));
    if (p !== null) kmemleak_not_leak(p);
  }
}

export const acpi_bus = kernel_functions('drivers/acpi/bus.c', { acpi_early_init });
