// printk and the subsystem wrappers (pr_err, DMERR ...): the message goes to the run's event
// log, formatted as the kernel formats it (%d %u %lu %llu %s %p %x %c), so a report can show it.

import { machine } from '../sim/machine.ts';
import { format } from '../lib/string.ts';

/** printk(fmt, ...): logs the formatted message; returns its length, as printk does. */
export function printk(fmt: string, ...args: unknown[]): number {
  const text = format(fmt.replace(/^<\d>/, ''), args);
  const m = machine();
  if (m.tracing) m.log(`printk: ${text.trimEnd()}`);
  return text.length;
}
