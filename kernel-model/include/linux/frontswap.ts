// include/linux/frontswap.h: the model's kernels are built without CONFIG_FRONTSWAP (no zswap,
// no tmem backend), so every store falls through to the swap device.

/**
 * frontswap_store(page): 0 when a frontswap backend took the page, -1 when it did not.
 * @port include/linux/frontswap.h v3.15 ported - CONFIG_FRONTSWAP=n: frontswap_enabled is false
 */
export function frontswap_store(_page: object): number {
  return -1;
}
