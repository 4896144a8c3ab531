// The v3.15 lists on which the world's modules register their objects, for the check that a
// module's exit took its own off (kernel/module.ts): dm's target types (dm_register_target()),
// dm-snapshot's exception store types (dm_exception_store_type_register()) and md's
// personalities (register_md_personality()) and block/elevator.c's I/O schedulers (elv_register():
// deadline is a module, noop built in, with no owner).

import { registerModuleRegistry } from '../../kernel/module.ts';
import { list_entries } from '../../include/linux/list.ts';
import { elevator_globals } from '../block/elevator.ts';
import { dm_exception_store_c_globals, type dm_exception_store_type } from '../drivers/md/dm-exception-store.ts';
import { dm_target_c_globals } from '../drivers/md/dm-target.ts';
import { md_c_globals, type md_personality } from '../drivers/md/md.ts';
import type { target_type } from '../include/linux/device-mapper.ts';
import type { elevator_type } from '../include/linux/elevator.ts';

registerModuleRegistry('v3.15', {
  name: '_targets (drivers/md/dm-target.c)',
  entries: () => list_entries<target_type>(dm_target_c_globals()._targets, 'list').map((t) => ({ owner: t.module, what: `target type "${t.name}"` })),
});
registerModuleRegistry('v3.15', {
  name: '_exception_store_types (drivers/md/dm-exception-store.c)',
  entries: () => list_entries<dm_exception_store_type>(dm_exception_store_c_globals()._exception_store_types, 'list').map((t) => ({ owner: t.module, what: `exception store type "${t.name}"` })),
});
registerModuleRegistry('v3.15', {
  name: 'pers_list (drivers/md/md.c)',
  entries: () => list_entries<md_personality>(md_c_globals().pers_list, 'list').map((p) => ({ owner: p.owner, what: `personality "${p.name.v}"` })),
});
registerModuleRegistry('v3.15', {
  name: 'elv_list (block/elevator.c)',
  entries: () => list_entries<elevator_type>(elevator_globals().elv_list, 'list').map((e) => ({ owner: e.elevator_owner, what: `I/O scheduler "${e.elevator_name.v}"` })),
});
