// File mode bits (include/linux/stat.h), for the mode of sysfs attributes the C declares.
export const S_IRUSR = 0o400;
export const S_IWUSR = 0o200;
export const S_IRGRP = 0o040;
export const S_IROTH = 0o004;
export const S_IRUGO = S_IRUSR | S_IRGRP | S_IROTH;
