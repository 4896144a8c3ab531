// What the model's simulated disks share as hardware: whether an IO fails (the fault plan's share
// of them, plan.ioErrorPercent) and when its completion interrupt comes (at once, at a point the
// decision stream picks, or after a delay of up to plan.ioDelay jiffies, drawn). The disks
// themselves (each world's model/sim-disk.ts, model/sim-rq-disk.ts) are drivers of that base.

import { mod_timer, setup_timer } from '../kernel/timer.ts';
import { machine } from '../sim/machine.ts';
import type { KGen } from '../sim/task.ts';

/** Whether the hardware fails the IO it is starting, drawn with the plan's share of failures. */
export function sim_io_fails(): boolean {
  const m = machine();
  return m.plan.ioErrorPercent > 0 && m.decide('fault', 100) < m.plan.ioErrorPercent;
}

/**
 * Raises device `dev`'s completion interrupt (`irq` runs in hard-irq context): now, or from a
 * timer after the delay the plan draws.
 */
export function sim_complete_later(dev: string, irq: () => KGen): void {
  const m = machine();
  const raise = (): void => m.raiseIrq('hardirq', dev, irq);
  const delay = m.plan.ioDelay > 0 ? m.decide('delay', m.plan.ioDelay + 1) : 0;
  if (delay === 0) {
    raise();
    return;
  }
  mod_timer(
    setup_timer(`${dev}-completion`, function* (): KGen {
      raise();
    }),
    m.jiffies + delay,
  );
}
