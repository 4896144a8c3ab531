// Backing devices (mm/backing-dev.c, mm/page-writeback.c) as far as a request queue sets one up:
// the model has no page cache to write back, so no flusher threads and no laptop mode.

/** bdi_init(bdi): the writeback structures the model does not have. @port mm/backing-dev.c v3.2 model - nothing to set up */
export function bdi_init(_bdi: object): number {
  return 0;
}

/** bdi_destroy(bdi) @port mm/backing-dev.c v3.2 model - nothing to tear down */
export function bdi_destroy(_bdi: object): void {}

/**
 * laptop_mode_timer_fn: armed only when laptop_mode is set, which it never is in the model.
 * @port mm/page-writeback.c v3.2 model - laptop mode is not modeled
 */
export function* laptop_mode_timer_fn(_data: number): Generator<void, void, void> {
  throw new Error('laptop_mode_timer_fn: laptop mode is not modeled (laptop_mode is 0)');
}

/** laptop_io_completion(bdi): called only in laptop mode. @port mm/page-writeback.c v3.2 model - laptop mode is not modeled */
export function laptop_io_completion(_bdi: object): void {
  throw new Error('laptop_io_completion: laptop mode is not modeled (laptop_mode is 0)');
}

/**
 * blk_queue_end_tag(q, rq) (block/blk-tag.c): only for a request a tagged queue started. The
 * model's queues are untagged (q->queue_tags is NULL), so blk_rq_tagged() is never true.
 * @port block/blk-tag.c v3.2 model - tagged command queueing is not modeled
 */
export function blk_queue_end_tag(_q: object, _rq: object): void {
  throw new Error('blk_queue_end_tag: tagged command queueing is not modeled');
}

const BDI_sync_congested = 1;
const BDI_async_congested = 2;

/** set_bdi_congested(bdi, sync) @port mm/backing-dev.c v3.2 ported - the state bit */
export function set_bdi_congested(bdi: { state: number }, sync: number): void {
  bdi.state |= 1 << (sync ? BDI_sync_congested : BDI_async_congested);
}

/**
 * clear_bdi_congested(bdi, sync)
 * @port mm/backing-dev.c v3.2 simplified - the state bit; nobody waits in congestion_wait() in the model
 */
export function clear_bdi_congested(bdi: { state: number }, sync: number): void {
  bdi.state &= ~(1 << (sync ? BDI_sync_congested : BDI_async_congested));
}

/**
 * __blk_queue_free_tags(q) (block/blk-tag.c): frees a queue's tag map; the model's queues have none.
 * @port block/blk-tag.c v3.2 model - tagged command queueing is not modeled
 */
export function __blk_queue_free_tags(q: { queue_tags: unknown }): void {
  if (q.queue_tags) throw new Error('__blk_queue_free_tags: tagged command queueing is not modeled');
}

/** bdi_congested(bdi, bdi_bits) @port include/linux/backing-dev.h v3.15 ported */
export function bdi_congested(bdi: { state: number }, bdi_bits: number): boolean {
  return (bdi.state & bdi_bits) !== 0;
}
