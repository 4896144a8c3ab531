// The ids and enums of block/blk-cgroup.h (v3.2): policies, cgroup files, statistics. A file
// of its own that imports nothing, so that the policies' files can use them while registering
// at load, whatever order the block layer's import cycles load files in.

export const blkio_subsys_id = 0;

export const BLKIO_WEIGHT_DEFAULT = 500;

/** enum blkio_policy_id */
export const BLKIO_POLICY_PROP = 0;
export const BLKIO_POLICY_THROTL = 1;

/** enum blkcg_file_name_prop */
export const BLKIO_PROP_weight_device = 0;
/** enum blkcg_file_name_throtl */
export const BLKIO_THROTL_read_bps_device = 0;
export const BLKIO_THROTL_write_bps_device = 1;
export const BLKIO_THROTL_read_iops_device = 2;
export const BLKIO_THROTL_write_iops_device = 3;

/** enum stat_sub_type */
export const BLKIO_STAT_READ = 0;
export const BLKIO_STAT_WRITE = 1;
export const BLKIO_STAT_SYNC = 2;
export const BLKIO_STAT_ASYNC = 3;
export const BLKIO_STAT_TOTAL = 4;

/** enum stat_type (the ones the model keeps) */
export const BLKIO_STAT_SERVICE_TIME = 0;
export const BLKIO_STAT_WAIT_TIME = 1;
export const BLKIO_STAT_QUEUED = 2;

/** enum stat_type_cpu */
export const BLKIO_STAT_CPU_SECTORS = 0;
export const BLKIO_STAT_CPU_SERVICE_BYTES = 1;
export const BLKIO_STAT_CPU_SERVICED = 2;
export const BLKIO_STAT_CPU_MERGED = 3;
export const BLKIO_STAT_CPU_NR = 4;
