// Error numbers as in include/uapi/asm-generic/errno-base.h (v3.2-3.15; include/asm-generic/
// errno-base.h before uapi): ported code returns them negated.
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTBLK = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDOM = 33;
export const ERANGE = 34;
/** From include/asm-generic/errno.h. */
export const EOPNOTSUPP = 95;
export const EWOULDBLOCK = EAGAIN;
/** From include/asm-generic/errno.h, for the IO error messages of blk_update_request(). */
export const EBADE = 52;
export const ENOLINK = 67;
export const EREMOTEIO = 121;

// include/uapi/asm-generic/errno.h (the ones the v3.15 code returns)
export const ENODATA = 61;
export const EOVERFLOW = 75;
export const ENOTCONN = 107;
export const ETIMEDOUT = 110;

/** From include/linux/errno.h (never seen by user space): a sleep a signal broke off (dm's DM_DEV_WAIT). */
export const ERESTARTSYS = 512;
