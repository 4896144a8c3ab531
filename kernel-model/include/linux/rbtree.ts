// Red-black trees (include/linux/rbtree.h, lib/rbtree.c, v3.2): the caller walks the tree to
// find where a node goes, links it with rb_link_node() and rebalances with rb_insert_color().
// The kernel packs the parent pointer and the colour into rb_parent_color; the model keeps them
// as two fields, rb_parent and rb_color, behind the same macros (rb_parent(), rb_color(),
// RB_EMPTY_NODE(), RB_CLEAR_NODE()).

import { type Ref, container_of } from '../../lib/c-pointers.ts';
import { soft_lockup_guard } from '../../kernel/watchdog.ts';

export const RB_RED = 0;
export const RB_BLACK = 1;

export interface rb_node {
  rb_parent: rb_node | null;
  rb_color: number;
  rb_right: rb_node;
  rb_left: rb_node;
}

export interface rb_root {
  rb_node: rb_node;
}

/** A zeroed rb_node (kzalloc): parent NULL, red, no children. */
export function rb_node_zeroed(): rb_node {
  return { rb_parent: null, rb_color: RB_RED, rb_right: null as never, rb_left: null as never };
}

/** A zeroed rb_root: RB_ROOT. */
export function rb_root_zeroed(): rb_root {
  return { rb_node: null as never };
}

/** RB_ROOT */
export function RB_ROOT(): rb_root {
  return rb_root_zeroed();
}

export function rb_parent(r: rb_node): rb_node {
  return r.rb_parent as rb_node;
}

export function rb_color(r: rb_node): number {
  return r.rb_color;
}

function rb_is_red(r: rb_node): boolean {
  return r.rb_color === RB_RED;
}

function rb_is_black(r: rb_node): boolean {
  return r.rb_color === RB_BLACK;
}

function rb_set_parent(rb: rb_node, p: rb_node | null): void {
  rb.rb_parent = p;
}

/** RB_EMPTY_ROOT(root) */
export function RB_EMPTY_ROOT(root: rb_root): boolean {
  return root.rb_node === null;
}

/** RB_EMPTY_NODE(node): not in a tree (its parent is itself). */
export function RB_EMPTY_NODE(node: rb_node): boolean {
  return node.rb_parent === node;
}

/** RB_CLEAR_NODE(node) */
export function RB_CLEAR_NODE(node: rb_node): void {
  rb_set_parent(node, node);
}

/** rb_entry(ptr, type, member) */
export function rb_entry<T>(ptr: rb_node, member: string): T {
  return container_of<T>(ptr, member);
}

/** @port include/linux/rbtree.h v3.2 ported - `*rb_link = node` through the Ref */
export function rb_link_node(node: rb_node, parent: rb_node | null, rb_link: Ref<rb_node>): void {
  node.rb_parent = parent;
  node.rb_color = RB_RED;
  node.rb_left = null as never;
  node.rb_right = null as never;
  rb_link.v = node;
}

/** @port lib/rbtree.c v3.2 ported */
function __rb_rotate_left(node: rb_node, root: rb_root): void {
  const right = node.rb_right;
  const parent = rb_parent(node);
  if ((node.rb_right = right.rb_left)) rb_set_parent(right.rb_left, node);
  right.rb_left = node;
  rb_set_parent(right, parent);
  if (parent) {
    if (node === parent.rb_left) parent.rb_left = right;
    else parent.rb_right = right;
  } else root.rb_node = right;
  rb_set_parent(node, right);
}

/** @port lib/rbtree.c v3.2 ported */
function __rb_rotate_right(node: rb_node, root: rb_root): void {
  const left = node.rb_left;
  const parent = rb_parent(node);
  if ((node.rb_left = left.rb_right)) rb_set_parent(left.rb_right, node);
  left.rb_right = node;
  rb_set_parent(left, parent);
  if (parent) {
    if (node === parent.rb_right) parent.rb_right = left;
    else parent.rb_left = left;
  } else root.rb_node = left;
  rb_set_parent(node, left);
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_insert_color(node: rb_node, root: rb_root): void {
  let parent: rb_node;
  while ((parent = rb_parent(node)) && rb_is_red(parent)) {
    soft_lockup_guard();
    const gparent = rb_parent(parent);
    if (parent === gparent.rb_left) {
      const uncle = gparent.rb_right;
      if (uncle && rb_is_red(uncle)) {
        uncle.rb_color = RB_BLACK;
        parent.rb_color = RB_BLACK;
        gparent.rb_color = RB_RED;
        node = gparent;
        continue;
      }
      if (parent.rb_right === node) {
        __rb_rotate_left(parent, root);
        const tmp = parent;
        parent = node;
        node = tmp;
      }
      parent.rb_color = RB_BLACK;
      gparent.rb_color = RB_RED;
      __rb_rotate_right(gparent, root);
    } else {
      const uncle = gparent.rb_left;
      if (uncle && rb_is_red(uncle)) {
        uncle.rb_color = RB_BLACK;
        parent.rb_color = RB_BLACK;
        gparent.rb_color = RB_RED;
        node = gparent;
        continue;
      }
      if (parent.rb_left === node) {
        __rb_rotate_right(parent, root);
        const tmp = parent;
        parent = node;
        node = tmp;
      }
      parent.rb_color = RB_BLACK;
      gparent.rb_color = RB_RED;
      __rb_rotate_left(gparent, root);
    }
  }
  root.rb_node.rb_color = RB_BLACK;
}

/** @port lib/rbtree.c v3.2 ported */
function __rb_erase_color(node: rb_node | null, parent: rb_node, root: rb_root): void {
  let other: rb_node;
  while ((!node || rb_is_black(node)) && node !== root.rb_node) {
    soft_lockup_guard();
    if (parent.rb_left === node) {
      other = parent.rb_right;
      if (rb_is_red(other)) {
        other.rb_color = RB_BLACK;
        parent.rb_color = RB_RED;
        __rb_rotate_left(parent, root);
        other = parent.rb_right;
      }
      if ((!other.rb_left || rb_is_black(other.rb_left)) && (!other.rb_right || rb_is_black(other.rb_right))) {
        other.rb_color = RB_RED;
        node = parent;
        parent = rb_parent(node);
      } else {
        if (!other.rb_right || rb_is_black(other.rb_right)) {
          other.rb_left.rb_color = RB_BLACK;
          other.rb_color = RB_RED;
          __rb_rotate_right(other, root);
          other = parent.rb_right;
        }
        other.rb_color = parent.rb_color;
        parent.rb_color = RB_BLACK;
        other.rb_right.rb_color = RB_BLACK;
        __rb_rotate_left(parent, root);
        node = root.rb_node;
        break;
      }
    } else {
      other = parent.rb_left;
      if (rb_is_red(other)) {
        other.rb_color = RB_BLACK;
        parent.rb_color = RB_RED;
        __rb_rotate_right(parent, root);
        other = parent.rb_left;
      }
      if ((!other.rb_left || rb_is_black(other.rb_left)) && (!other.rb_right || rb_is_black(other.rb_right))) {
        other.rb_color = RB_RED;
        node = parent;
        parent = rb_parent(node);
      } else {
        if (!other.rb_left || rb_is_black(other.rb_left)) {
          other.rb_right.rb_color = RB_BLACK;
          other.rb_color = RB_RED;
          __rb_rotate_left(other, root);
          other = parent.rb_left;
        }
        other.rb_color = parent.rb_color;
        parent.rb_color = RB_BLACK;
        other.rb_left.rb_color = RB_BLACK;
        __rb_rotate_right(parent, root);
        node = root.rb_node;
        break;
      }
    }
  }
  if (node) node.rb_color = RB_BLACK;
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_erase(node: rb_node, root: rb_root): void {
  let child: rb_node;
  let parent: rb_node;
  let color: number;
  if (!node.rb_left) child = node.rb_right;
  else if (!node.rb_right) child = node.rb_left;
  else {
    const old = node;
    let left: rb_node;
    node = node.rb_right;
    while ((left = node.rb_left) !== null) {
      soft_lockup_guard();
      node = left;
    }
    if (rb_parent(old)) {
      if (rb_parent(old).rb_left === old) rb_parent(old).rb_left = node;
      else rb_parent(old).rb_right = node;
    } else root.rb_node = node;
    child = node.rb_right;
    parent = rb_parent(node);
    color = rb_color(node);
    if (parent === old) {
      parent = node;
    } else {
      if (child) rb_set_parent(child, parent);
      parent.rb_left = child;
      node.rb_right = old.rb_right;
      rb_set_parent(old.rb_right, node);
    }
    node.rb_parent = old.rb_parent;
    node.rb_color = old.rb_color;
    node.rb_left = old.rb_left;
    rb_set_parent(old.rb_left, node);
    if (color === RB_BLACK) __rb_erase_color(child, parent, root);
    return;
  }
  parent = rb_parent(node);
  color = rb_color(node);
  if (child) rb_set_parent(child, parent);
  if (parent) {
    if (parent.rb_left === node) parent.rb_left = child;
    else parent.rb_right = child;
  } else root.rb_node = child;
  if (color === RB_BLACK) __rb_erase_color(child, parent, root);
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_first(root: rb_root): rb_node {
  let n = root.rb_node;
  if (!n) return null as never;
  while (n.rb_left) {
    soft_lockup_guard();
    n = n.rb_left;
  }
  return n;
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_last(root: rb_root): rb_node {
  let n = root.rb_node;
  if (!n) return null as never;
  while (n.rb_right) {
    soft_lockup_guard();
    n = n.rb_right;
  }
  return n;
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_next(node: rb_node): rb_node {
  soft_lockup_guard();
  if (rb_parent(node) === node) return null as never;
  if (node.rb_right) {
    node = node.rb_right;
    while (node.rb_left) {
      soft_lockup_guard();
      node = node.rb_left;
    }
    return node;
  }
  let parent: rb_node;
  while ((parent = rb_parent(node)) && node === parent.rb_right) {
    soft_lockup_guard();
    node = parent;
  }
  return parent;
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_prev(node: rb_node): rb_node {
  soft_lockup_guard();
  if (rb_parent(node) === node) return null as never;
  if (node.rb_left) {
    node = node.rb_left;
    while (node.rb_right) {
      soft_lockup_guard();
      node = node.rb_right;
    }
    return node;
  }
  let parent: rb_node;
  while ((parent = rb_parent(node)) && node === parent.rb_left) {
    soft_lockup_guard();
    node = parent;
  }
  return parent;
}

/** @port lib/rbtree.c v3.2 ported */
export function rb_replace_node(victim: rb_node, n: rb_node, root: rb_root): void {
  const parent = rb_parent(victim);
  if (parent) {
    if (victim === parent.rb_left) parent.rb_left = n;
    else parent.rb_right = n;
  } else root.rb_node = n;
  if (victim.rb_left) rb_set_parent(victim.rb_left, n);
  if (victim.rb_right) rb_set_parent(victim.rb_right, n);
  n.rb_parent = victim.rb_parent;
  n.rb_color = victim.rb_color;
  n.rb_left = victim.rb_left;
  n.rb_right = victim.rb_right;
}
