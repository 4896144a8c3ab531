// The translated worlds in the tree are what the translator makes of the C today: every base
// translates without a problem, and no generated module differs from its regeneration (the C,
// the annotations and the translator move together).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_ROOT } from '../../harness/translate/paths.ts';
import { translateWorld } from '../../harness/translate/translate-world.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';

describe.each(Object.keys(MANIFEST))('the %s world', (base) => {
  it('translates without problems and matches the generated modules in the tree', { timeout: 120_000 }, async () => {
    const t = await translateWorld(base);
    expect(t.problems.map((p) => `${p.file}:${p.line}: ${p.construct}: ${p.what}`)).toEqual([]);
    expect(t.missing).toEqual([]);
    const stale = t.modules.filter((m) => {
      const path = join(MODEL_ROOT, m.module);
      return !existsSync(path) || readFileSync(path, 'utf8') !== m.text;
    });
    expect(stale.map((m) => m.module), 'run npm run translate').toEqual([]);
  });
});
