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

/** One translated file's globals in a machine's data section, and the loadable module whose they are (null: built in). */
export interface DataSet {
  value: object;
  module: string | null;
}

/** The global variables of translated C made so far in each machine: its data section. */
const dataSections = new WeakMap<Machine, DataSet[]>();

/**
 * The per-machine set of a translated file's global variables (module-emit's accessor): like
 * lazyPerMachine, and the set is part of the machine's data section, which kmemleak scans (a
 * pointer a static variable holds is a reference). `module` is the loadable module the file is
 * linked into: its data goes with it when it is unloaded.
 */
export function perMachineData<T extends object>(init: (m: Machine) => T, module: string | null = null): () => T {
  const accessor: () => T = lazyPerMachine((m) => {
    const value = init(m);
    let section = dataSections.get(m);
    if (section === undefined) dataSections.set(m, (section = []));
    section.push({ value, module });
    for (const hook of dataMadeHooks) hook(accessor, value, m);
    return value;
  });
  return accessor;
}

/** Told when a machine makes a file's global set: its accessor, the set, the machine. */
type DataMadeHook = (accessor: () => object, value: object, m: Machine) => void;
const dataMadeHooks: DataMadeHook[] = [];

/**
 * Lets a checker watch a file's globals as structs are watched (onStructMade): KCSAN's rules
 * about a global list and the static lock that protects it.
 */
export function onDataMade(hook: DataMadeHook): void {
  dataMadeHooks.push(hook);
}

/** The global sets of translated C that `m` has made, with their modules. */
export function dataSection(m: Machine): readonly DataSet[] {
  return dataSections.get(m) ?? [];
}
