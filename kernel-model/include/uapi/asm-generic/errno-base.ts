// Error numbers as in include/uapi/asm-generic/errno-base.h: ported code returns them negated.
export const ESRCH = 3;
export const EIO = 5;
export const ENOMEM = 12;
export const EBUSY = 16;
export const ENODEV = 19;
export const EINVAL = 22;
