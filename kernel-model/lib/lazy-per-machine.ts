// Per-machine state made on first use in each machine, instead of by a boot hook. The block
// layer's files import each other in cycles (blk-core <-> blk-throttle <-> blk-cgroup ...), so
// the order their boot hooks would run in - their evaluation order - depends on which file a
// program imports first. State made on first use does not depend on it.

import { type Machine, machine } from '../sim/machine.ts';

/** Returns the accessor of a state that `init` makes once per machine, when first asked. */
export function lazyPerMachine<T>(init: (m: Machine) => T): () => T {
  let owner: Machine | null = null;
  let value: T | undefined;
  return () => {
    const m = machine();
    if (owner !== m) {
      owner = m;
      value = init(m);
    }
    return value as T;
  };
}
