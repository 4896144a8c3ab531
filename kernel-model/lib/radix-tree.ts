// Radix trees (lib/radix-tree.c) as a map from index to item: the model needs their contract
// (lookup, insert that fails with -EEXIST, delete, preload) rather than their node layout.
// radix_tree_preload() can fail with -ENOMEM like the kernel's, by allocating a node.

import { EEXIST, ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';
import type { KGen } from '../sim/task.ts';
import { kmem_cache_create, slab } from '../mm/slab.ts';
import { struct_type } from './kstruct.ts';
import { preempt_disable, preempt_enable } from '../kernel/sched/core.ts';

export interface radix_tree_root {
  items: Map<number, unknown>;
  gfp_mask: number;
}

export function radix_tree_root_zeroed(): radix_tree_root {
  return { items: new Map(), gfp_mask: 0 };
}

/** INIT_RADIX_TREE(root, mask) */
export function INIT_RADIX_TREE(root: radix_tree_root, mask: number): void {
  root.items = new Map();
  root.gfp_mask = mask;
}

/** @port lib/radix-tree.c v3.2 simplified - a map */
export function radix_tree_lookup(root: radix_tree_root, index: number): unknown {
  return root.items.get(index) ?? null;
}

/** @port lib/radix-tree.c v3.2 simplified - a map; -EEXIST when the slot is taken */
export function radix_tree_insert(root: radix_tree_root, index: number, item: unknown): number {
  if (root.items.has(index)) return -EEXIST;
  root.items.set(index, item);
  return 0;
}

/** @port lib/radix-tree.c v3.2 simplified - a map */
export function radix_tree_delete(root: radix_tree_root, index: number): unknown {
  const item = root.items.get(index) ?? null;
  root.items.delete(index);
  return item;
}

/** radix_tree_node_cachep: the nodes a preload takes. */
const radix_tree_node_cachep = kmem_cache_create('radix_tree_node', struct_type('radix_tree_node', 560, () => ({})));

/**
 * radix_tree_preload(gfp): allocates a node up front, as the kernel does, so that the insert
 * under a spinlock cannot fail; returns with preemption disabled on success.
 * @port lib/radix-tree.c v3.2 simplified - one node, freed at once (the map needs none)
 */
export function* radix_tree_preload(gfp_mask: number): KGen<number> {
  const node = yield* slab.kmem_cache_alloc(radix_tree_node_cachep, gfp_mask);
  if (node === null) return -ENOMEM;
  slab.kmem_cache_free(radix_tree_node_cachep, node);
  preempt_disable();
  return 0;
}

/** radix_tree_preload_end() */
export function radix_tree_preload_end(): void {
  preempt_enable();
}

