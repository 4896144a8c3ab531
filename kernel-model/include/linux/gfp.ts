// GFP flags as in include/linux/gfp.h (v3.2-3.15): what an allocation may do to get memory.

export type gfp_t = number;

export const __GFP_WAIT = 0x10;
export const __GFP_HIGH = 0x20;
export const __GFP_IO = 0x40;
export const __GFP_FS = 0x80;
export const __GFP_NOWARN = 0x200;
export const __GFP_NORETRY = 0x1000;
export const __GFP_NOMEMALLOC = 0x10000;
export const __GFP_ZERO = 0x8000;

export const GFP_ATOMIC = __GFP_HIGH;
export const GFP_NOWAIT = GFP_ATOMIC & ~__GFP_HIGH;
export const GFP_NOIO = __GFP_WAIT;
export const GFP_NOFS = __GFP_WAIT | __GFP_IO;
export const GFP_KERNEL = __GFP_WAIT | __GFP_IO | __GFP_FS;
export const __GFP_DMA = 0x01;
export const GFP_DMA = __GFP_DMA;
