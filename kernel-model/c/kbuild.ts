// Which of a base's C files are linked into a loadable module, as the Kbuild lines of that base's
// Makefiles say, and which modules each one uses (the symbols it calls: modpost's dependency).
// The world's configuration builds md, raid1, linear, dm and dm-snapshot as modules
// (CONFIG_BLK_DEV_MD=m, CONFIG_MD_RAID1=m, CONFIG_MD_LINEAR=m, CONFIG_BLK_DEV_DM=m,
// CONFIG_DM_SNAPSHOT=m, as distributions ship them) and v3.15's deadline I/O scheduler as one
// (CONFIG_IOSCHED_DEADLINE=m, a tristate: its elevator_type then names its module as
// elevator_owner, and every queue using it holds a reference to it), the block layer and noop
// built in. In a file of
// a module THIS_MODULE is that module; built in, it is NULL (include/linux/export.h), and
// try_module_get(NULL) always succeeds.

export interface KbuildModule {
  /** KBUILD_MODNAME: the module's name with '-' written '_' (md-mod.o is md_mod). */
  name: string;
  /** The C files of its objects. */
  objects: readonly string[];
  /** The modules whose symbols it uses: they cannot be unloaded while it is loaded. */
  uses: readonly string[];
  /**
   * Not loaded at boot: the first request_module() of it loads it (elevator_get()'s
   * request_module("deadline-iosched") when a queue is switched to deadline). The others boot
   * loaded with the machine, as mdadm's and dmsetup's first use would have loaded them.
   */
  onDemand?: true;
}

export const KBUILD_MODULES: Readonly<Record<string, readonly KbuildModule[]>> = {
  // v3.2's world is the block layer and its I/O schedulers, built in (CONFIG_IOSCHED_CFQ=y,
  // CONFIG_BLK_CGROUP=y): no module of it is ever unloaded.
  'v3.2': [],
  'v3.15': [
    // drivers/md/Makefile: md-mod-y += md.o bitmap.o; obj-$(CONFIG_BLK_DEV_MD) += md-mod.o
    { name: 'md_mod', objects: ['drivers/md/md.c', 'drivers/md/bitmap.c'], uses: [] },
    // obj-$(CONFIG_MD_RAID1) += raid1.o; obj-$(CONFIG_MD_LINEAR) += linear.o
    { name: 'raid1', objects: ['drivers/md/raid1.c'], uses: ['md_mod'] },
    { name: 'linear', objects: ['drivers/md/linear.c'], uses: ['md_mod'] },
    // block/Makefile: obj-$(CONFIG_IOSCHED_DEADLINE) += deadline-iosched.o
    { name: 'deadline_iosched', objects: ['block/deadline-iosched.c'], uses: [], onDemand: true },
    // dm-mod-y += dm.o dm-table.o dm-target.o dm-linear.o dm-stripe.o dm-ioctl.o dm-io.o
    //             dm-kcopyd.o dm-sysfs.o dm-stats.o; obj-$(CONFIG_BLK_DEV_DM) += dm-mod.o
    {
      name: 'dm_mod',
      objects: ['dm.c', 'dm-table.c', 'dm-target.c', 'dm-linear.c', 'dm-stripe.c', 'dm-ioctl.c', 'dm-io.c', 'dm-kcopyd.c', 'dm-sysfs.c', 'dm-stats.c'].map((o) => `drivers/md/${o}`),
      uses: [],
    },
    // dm-snapshot-y += dm-snap.o dm-exception-store.o dm-snap-transient.o dm-snap-persistent.o
    {
      name: 'dm_snapshot',
      objects: ['dm-snap.c', 'dm-exception-store.c', 'dm-snap-transient.c', 'dm-snap-persistent.c'].map((o) => `drivers/md/${o}`),
      uses: ['dm_mod'],
    },
  ],
};

/** The module a C file of `base` is linked into, or null when it is built in. */
export function kbuildModuleOf(base: string, file: string): KbuildModule | null {
  return KBUILD_MODULES[base]?.find((m) => m.objects.includes(file)) ?? null;
}
