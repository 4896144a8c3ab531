// Throttle rules deleted and the cgroup's rules used again: two tasks, each in a blkio cgroup of
// its own, write a rule and delete it (echo "MAJ:MIN 0"-style removal through
// blkiocg_file_write(), which unlinks the policy node and frees it under blkcg->lock), then do
// IO from the cgroup (throtl_get_tg() looks its rules up: blkio_policy_search_node()), write
// another rule, read the rule file back, and remove the cgroup. A deleted rule left on the
// cgroup's policy list is read after its free by the next lookup, write or read of the list,
// which no other suite's runs did (measured: a list_del() dropped from blkio_policy_delete_node()
// survived them all). Its baseline reports the v3.2 tree's race on the throttle's delayed work in
// every run (a rule written without the queue lock schedules it: throttle-limits reports the
// same). The suite is one named program of the generated grammar, so its text is the whole
// workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const blkioRuleDelete = namedProgramSuite(v32Grammar, {
  name: 'blkio-rule-delete',
  summary: 'throttle rules written and deleted in two cgroups, then the cgroups\' rules looked up by IO, rewritten and read back',
  scenario: 'for throttle rules deleted and the cgroup\'s rules used again',
  defaultSchedules: 60,
  expectedSteps: 400,
  text: `cpus 2
t0: mkdir 1; attach 1; limit 1 read_bps_device 1048576 drop; io r 4096+8 wait; limit 1 write_bps_device 2097152; io w 64+8 wait; read 1 blkio.throttle.write_bps_device; attach 0; rmdir 1
t1: mkdir 2; attach 2; limit 2 write_iops_device 100 drop; io w 4496+8 wait; limit 2 read_iops_device 200; read 2 blkio.throttle.read_iops_device; attach 0; rmdir 2`,
  // Memory plentiful, completions and timers sometimes late: the rule files are the point.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
