// The files of a blkio cgroup and of the disk's CFQ scheduler written and read by several tasks
// at once while a task of that cgroup does IO: throttle rules added, rewritten, deleted and read
// back (blkio.throttle.*_device), per-device weights, and CFQ's tunables under
// /sys/block/<disk>/queue/iosched/ stored and shown (harness/fuzz/workload-v3.2.ts). What it
// drives that the generated programs seldom do: two tasks on the same file, so that the locks
// around a rule's value (blkcg->lock) and around a tunable (the elevator's sysfs_lock) have
// something to serialize. It reports a race of the base tree in most runs (KCSAN: a rule
// rewritten after blkiocg_file_write() drops blkcg->lock, blk-cgroup.c:1107-1110).
// The suite is one named program of the generated grammar, so its text is the whole workload.

import { v32Grammar } from '../fuzz/grammar-v3.2.ts';
import { namedProgramSuite } from './named-program.ts';

export const blkioFiles = namedProgramSuite(v32Grammar, {
  name: 'blkio-files',
  summary: 'throttle rules, weights and CFQ tunables written and read by several tasks at once while a task of the cgroup does IO',
  scenario: 'for cgroup rule files and scheduler tunables written and read concurrently',
  defaultSchedules: 60,
  expectedSteps: 400,
  text: `cpus 2
t0: mkdir 1; limit 1 read_bps_device 4194304; tunable slice_idle 0; weight_device 1 300; limit 1 read_bps_device 1048576; tunable quantum 8; read 1 blkio.weight_device; tunable low_latency 0
t1: read 1 blkio.throttle.read_bps_device; tunable slice_idle; tunable quantum 2; limit 1 write_iops_device 200; tunable slice_idle 8; weight_device 1 500; read 1 blkio.throttle.write_iops_device
t2: attach 1; io r 4096+8 wait; io w 4200+8 wait; tunable low_latency; io r 4160+8 wait; limit 1 write_iops_device 50; read 1 blkio.throttle.read_bps_device; attach 0`,
  // Memory plentiful, completions and timers sometimes late: the files are the point.
  plan: { memory: ['none'], ioDelay: { chance: 2, max: 2 }, wqDelay: { chance: 3, max: 1 } },
});
