// The patch modules `port` wrote are what it writes today from their mails: the translator, the
// annotations and the C move together with them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATCHES_DIR, patchDirs } from '../../harness/patches/load.ts';
import { PORT_MARK, portMail } from '../../harness/port/port.ts';

const ported = patchDirs().filter((d) => readFileSync(join(d, 'patch.ts'), 'utf8').includes(PORT_MARK));

describe('ported patch modules', () => {
  it('there is at least the seed 000 module', () => {
    expect(ported.length).toBeGreaterThan(0);
  });

  it.each(ported.map((d) => [d.slice(PATCHES_DIR.length + 1), d]))('%s is what port writes from its message.txt', { timeout: 120_000 }, async (_slug, dir) => {
    const mail = join(dir, 'message.txt');
    expect(existsSync(mail)).toBe(true);
    const r = await portMail({ mailPath: mail, patchesDir: PATCHES_DIR });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.dir).toBe(dir);
    expect(r.module.patch).toBe(readFileSync(join(dir, 'patch.ts'), 'utf8'));
    expect(r.module.patched).toBe(readFileSync(join(dir, 'patched.ts'), 'utf8'));
  });
});
