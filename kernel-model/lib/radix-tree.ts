// Radix trees (lib/radix-tree.c) as a map from index to item: the model needs their contract
// (lookup, insert that fails with -EEXIST, delete, preload) rather than their node layout.
// radix_tree_preload() can fail with -ENOMEM like the kernel's, by allocating a node. What the
// layout decides is kept: whether an insert needs a new node (the tree holds one per level on
// the path to each item, at the height its largest index needs), and so whether
// radix_tree_node_alloc() runs, with the root's GFP flags: a sleeping mask allocates from the
// slab (with its might-sleep and lockdep checks, under whatever lock the inserter holds), an
// atomic one takes the node the caller preloaded.

import { EEXIST, ENOMEM } from '../include/uapi/asm-generic/errno-base.ts';
import type { KGen } from '../sim/task.ts';
import { kmem_cache_create, slab, slab_pre_alloc_hook } from '../mm/slab.ts';
import { struct_type } from './kstruct.ts';
import { preempt_disable, preempt_enable } from '../kernel/sched/core.ts';
import { __GFP_WAIT } from '../include/linux/gfp.ts';

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

/** RADIX_TREE_MAP_SHIFT: each node has 64 slots. */
const RADIX_TREE_MAP_SHIFT = 6;

/** The height a tree needs to hold `index` (0: the root holds index 0 itself, no node). */
function heightFor(index: number): number {
  let h = 0;
  while (index >= 2 ** (RADIX_TREE_MAP_SHIFT * h)) h++;
  return h;
}

/** How many nodes a tree of these indexes has: one per level on the path to each, at the height the largest needs. */
function nodeCount(indexes: Iterable<number>): number {
  const all = [...indexes];
  const height = Math.max(0, ...all.map(heightFor));
  const nodes = new Set<string>();
  for (const i of all) for (let level = 1; level <= height; level++) nodes.add(`${level}:${Math.floor(i / 2 ** (RADIX_TREE_MAP_SHIFT * level))}`);
  return nodes.size;
}

/**
 * radix_tree_insert(root, index, item): -EEXIST when the slot is taken. When the tree must grow
 * or the index's path lacks a node, radix_tree_node_alloc() runs with the root's mask: a mask
 * that may sleep allocates from the slab, whose entry checks run here (might_sleep, lockdep's
 * reclaim tracking); an atomic one takes the preloaded node.
 * @port lib/radix-tree.c v3.2 simplified - a map; the nodes are counted, not built, and a slab allocation here cannot fail
 */
export function radix_tree_insert(root: radix_tree_root, index: number, item: unknown): number {
  if (root.items.has(index)) return -EEXIST;
  const needsNode = nodeCount([...root.items.keys(), index]) > nodeCount(root.items.keys());
  if (needsNode && root.gfp_mask & __GFP_WAIT) slab_pre_alloc_hook(root.gfp_mask);
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

