// What the model's simulated disks share as hardware: whether an IO fails (the fault plan's share
// of them, plan.ioErrorPercent) and on which segment, whether a command is lost (plan.ioLostPercent, for disks whose
// driver has a command timeout: the device answers it only as its timeout fires, or never) and
// when its completion interrupt comes (at once, at a point the decision stream picks, after a
// delay of up to plan.ioDelay jiffies, drawn, or at a given jiffy). The disks
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
 * Where a command the hardware failed went wrong: null when it failed whole (a lost link), or
 * the index of its one bad segment (a media error; the others are read or written with their
 * data), half and half, drawn; a command of no segments fails whole. `segments` is called only
 * for a failed command.
 */
export function sim_bad_segment(segments: () => number): number | null {
  const m = machine();
  const n = segments();
  return n === 0 || m.decide('fault', 2) === 0 ? null : m.decide('fault', n);
}

/**
 * What becomes of a command the hardware is starting: answered ('answered', the normal case), or
 * lost, with the plan's share of lost commands; a lost command is answered only late, after as
 * long as its timeout ('late'), or never ('never'), half and half (drawn). Nothing is drawn when
 * the plan loses no commands.
 */
export function sim_io_lost(): 'answered' | 'late' | 'never' {
  const m = machine();
  if (m.plan.ioLostPercent === 0 || m.decide('fault', 100) >= m.plan.ioLostPercent) return 'answered';
  return m.decide('fault', 2) === 0 ? 'late' : 'never';
}

/**
 * Raises device `dev`'s completion interrupt (`irq` runs in hard-irq context): now, or from a
 * timer after the delay the plan draws.
 */
export function sim_complete_later(dev: string, irq: () => KGen): void {
  const m = machine();
  const delay = m.plan.ioDelay > 0 ? m.decide('delay', m.plan.ioDelay + 1) : 0;
  if (delay === 0) {
    m.raiseIrq('hardirq', dev, irq);
    return;
  }
  sim_complete_at(dev, m.jiffies + delay, irq);
}

/** Raises device `dev`'s completion interrupt from a timer at jiffy `when`. */
export function sim_complete_at(dev: string, when: number, irq: () => KGen): void {
  const m = machine();
  mod_timer(
    setup_timer(`${dev}-completion`, function* (): KGen {
      m.raiseIrq('hardirq', dev, irq);
    }),
    when,
  );
}
