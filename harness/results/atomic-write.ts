// Writing so that a reader (or a killed run) never sees half a file or half a report folder:
// everything goes to a temporary name beside its target first, then is renamed into place.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a file so that it is either absent (or its old self) or complete. */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Writes `files` into `dir` as a unit, replacing an older copy of the folder. */
export function writeDirAtomically(dir: string, files: Record<string, string>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Whether process `pid` still runs (signal 0 probes it; EPERM means it runs as someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what a writer killed between its write and its rename left in `dir`: the `.tmp-<pid>`
 * files and folders of processes no longer running (a live writer's are left alone).
 */
export function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /\.tmp-(\d+)$/.exec(name);
    if (m !== null && !alive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
