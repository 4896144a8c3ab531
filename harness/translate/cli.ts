// npm run translate [-- <base> ...] [--check]: regenerates the translated worlds under
// kernel-model/<base>/ from the C, the idiom table and the annotations; with --check, changes
// nothing and exits 1 when a generated module is out of date or a function cannot be
// translated (CI keeps the model and the C in step).

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../results/atomic-write.ts';
import { dirname, join } from 'node:path';
import { MODEL_ROOT } from './paths.ts';
import { translateWorld } from './translate-world.ts';
import { MANIFEST } from '../../kernel-model/c/manifest.ts';

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const bases = argv.filter((a) => !a.startsWith('--'));
  let failed = false;
  for (const base of bases.length > 0 ? bases : Object.keys(MANIFEST)) {
    const t = await translateWorld(base);
    for (const p of t.problems) console.log(`${p.file}:${p.line}: ${p.construct}: ${p.what}`);
    for (const m of t.missing) console.log(`kernel-model/c/manifest.ts: ${base}: ${m}: not defined in the ${base} C`);
    if (t.problems.length > 0 || t.missing.length > 0) failed = true;
    let stale = 0;
    for (const m of t.modules) {
      const path = join(MODEL_ROOT, m.module);
      const old = existsSync(path) ? readFileSync(path, 'utf8') : null;
      if (old === m.text) continue;
      stale++;
      if (check) {
        console.log(`${m.module}: out of date (run npm run translate)`);
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomically(path, m.text);
    }
    const fns = t.modules.reduce((n, m) => n + m.functions.length, 0);
    const kept = t.modules.reduce((n, m) => n + m.functions.filter((f) => f.kept).length, 0);
    console.log(`${base}: ${t.modules.length} modules, ${fns} functions (${kept} kept by hand), ${t.problems.length} problems, ${stale} ${check ? 'out of date' : 'written'}`);
    if (check && stale > 0) failed = true;
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
