// The request flags of include/linux/blk_types.h (v3.2) that the request path, the elevator and
// throttling use, in bio->bi_rw and request->cmd_flags. Bit numbers follow enum rq_flag_bits.

export const REQ_WRITE = 1 << 0;
export const REQ_SYNC = 1 << 4;
export const REQ_NOIDLE = 1 << 9;
export const REQ_FUA = 1 << 10;
export const REQ_FLUSH = 1 << 11;
/** bio only: already went through blk_throtl_bio once, do not throttle it again. */
export const REQ_THROTTLED = 1 << 13;
/** request only: */
export const REQ_SORTED = 1 << 14;
export const REQ_SOFTBARRIER = 1 << 15;
export const REQ_NOMERGE = 1 << 16;
export const REQ_STARTED = 1 << 17;
export const REQ_ELVPRIV = 1 << 20;
export const REQ_ALLOCED = 1 << 24;

/** Requests carrying any of these are never merged with (RQ_NOMERGE_FLAGS). */
export const RQ_NOMERGE_FLAGS = REQ_NOMERGE | REQ_STARTED | REQ_SOFTBARRIER | REQ_FLUSH | REQ_FUA;

/** rw_is_sync(): reads, and writes marked REQ_SYNC, are synchronous. */
export function rw_is_sync(rw_flags: number): boolean {
  return !(rw_flags & REQ_WRITE) || (rw_flags & REQ_SYNC) !== 0;
}
