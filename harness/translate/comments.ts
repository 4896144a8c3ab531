// C comments carried into the TypeScript: re-indented to where the code now sits, the block's
// leading stars lined up.

/** A C comment at `indent`, its continuation lines aligned under its first. */
export function reindentComment(comment: string, indent: string): string {
  const lines = comment.split('\n').map((l, i) => (i === 0 ? l.trim() : l.replace(/^\s*/, '')));
  return lines.map((l, i) => (i === 0 ? indent + l : `${indent}${l.startsWith('*') ? ' ' : '   '}${l}`)).join('\n');
}
