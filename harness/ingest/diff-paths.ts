// File names in diff headers, reduced to paths in the kernel tree. git writes a/ and b/
// prefixes; quilt writes "linux-3.15-rc5.orig/fs/bio.c" (-p1) or "block/blk-throttle.c.orig"
// (-p0); GNU diff appends a timestamp after a tab, which web archives turn into a space.

/** Top-level directories of the kernel tree: a path starting with one is already stripped. */
const KERNEL_TOP_DIRS = new Set([
  'arch', 'block', 'certs', 'crypto', 'Documentation', 'drivers', 'firmware', 'fs', 'include', 'init',
  'io_uring', 'ipc', 'kernel', 'lib', 'LICENSES', 'mm', 'net', 'rust', 'samples', 'scripts', 'security',
  'sound', 'tools', 'usr', 'virt',
]);

const TIMESTAMP = /[\t ]+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4}\s*$/;
const ASCTIME = /[\t ]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d{1,2} [\d:]+ \d{4}\s*$/;

/** Undoes git's C-style quoting of unusual names ("a/foo\tbar"). */
function unquote(name: string): string {
  if (!(name.startsWith('"') && name.endsWith('"'))) return name;
  return name.slice(1, -1).replace(/\\(["\\tn])/g, (_, c: string) => ({ t: '\t', n: '\n' })[c] ?? c);
}

/** The name in a "--- name" / "+++ name" line, without timestamp; null for /dev/null. */
export function nameFromMarkerLine(rest: string): string | null {
  let name = rest.includes('\t') ? rest.slice(0, rest.indexOf('\t')) : rest;
  name = name.replace(TIMESTAMP, '').replace(ASCTIME, '').trim();
  name = unquote(name);
  return name === '/dev/null' ? null : name;
}

/** Strips the leading component that diff tools add, keeping paths already rooted in the tree. */
export function treePath(name: string): string {
  let path = name.replace(/^\.\//, '');
  if (/^[ab]\//.test(path)) path = path.slice(2);
  else {
    const slash = path.indexOf('/');
    const first = slash < 0 ? '' : path.slice(0, slash);
    if (slash >= 0 && !KERNEL_TOP_DIRS.has(first)) path = path.slice(slash + 1);
  }
  // quilt -p0 names the old copy "file.orig".
  return path.replace(/\.orig$/, '');
}

/** The two names of "diff --git a/x b/x"; for unquoted names with spaces, split where a/ b/ meet. */
export function namesFromGitDiffLine(rest: string): { oldName: string; newName: string } | null {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted !== null) return { oldName: unquote(quoted[1] ?? ''), newName: unquote(quoted[2] ?? '') };
  const split = rest.indexOf(' b/');
  if (split < 0) return null;
  return { oldName: rest.slice(0, split), newName: rest.slice(split + 1) };
}
