// A writer killed between writing its temporary file and renaming it leaves `<file>.tmp-<pid>`
// behind; a resumed nightly clears those of dead processes and leaves a live writer's alone.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaries } from '../../harness/results/atomic-write.ts';

describe('removeStaleTemporaries', () => {
  it("removes a dead writer's temporary file and keeps a live writer's and finished files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lkml-atomic-'));
    const child = execa('node', ['-e', '']);
    const deadPid = child.pid;
    await child;
    expect(deadPid).toBeDefined();
    const stale = join(dir, `a.json.tmp-${deadPid}`);
    const live = join(dir, `b.json.tmp-${process.pid}`);
    const done = join(dir, 'c.json');
    for (const f of [stale, live, done]) writeFileSync(f, '{}');
    removeStaleTemporaries(dir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(done)).toBe(true);
  });
});
