// struct writeback_control (include/linux/writeback.h): what a ->writepage is asked to do. The
// model's reclaim asks for asynchronous writeout of one page, as pageout() does.

/** enum writeback_sync_modes */
export const WB_SYNC_NONE = 0;
export const WB_SYNC_ALL = 1;

export interface writeback_control {
  sync_mode: number;
  nr_to_write: number;
  for_reclaim: number;
}

/** The control pageout() passes to ->writepage (mm/vmscan.c v3.2). */
export function reclaim_writeback_control(): writeback_control {
  return { sync_mode: WB_SYNC_NONE, nr_to_write: 32, for_reclaim: 1 };
}
