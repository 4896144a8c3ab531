// Writes one patch's reports as a unit: into a temporary folder beside the target, then
// renamed into place, so a failure never leaves a half-written report behind.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirAtomically, writeFileAtomically } from '../harness/results/atomic-write.ts';
import { type EvaluationResult, EvaluationResultSchema } from '../harness/results/evaluation.ts';
import { readValidated } from '../harness/results/read.ts';
import { replyEml } from './email.ts';
import { patchPage } from './html/page.ts';
import { indexPage } from './html/index-page.ts';
import { reportText } from './text.ts';

export function writePatchReports(outDir: string, r: EvaluationResult): string {
  const dir = join(outDir, r.patch.slug);
  const text = reportText(r);
  writeDirAtomically(dir, {
    'results.json': `${JSON.stringify(r, null, 1)}\n`,
    'index.html': patchPage(r).html,
    'report.txt': text,
    'reply.eml': replyEml(r, text),
  });
  return dir;
}

/** out/index.html: every evaluated patch found under `outDir`, with its verdict summary. */
export function writeIndex(outDir: string): void {
  const results: EvaluationResult[] = [];
  for (const name of readdirSync(outDir).sort()) {
    const file = join(outDir, name, 'results.json');
    if (!existsSync(file)) continue;
    try {
      results.push(readValidated(file, EvaluationResultSchema, 'an lkml-harness results.json'));
    } catch {
      // A results.json we cannot read (or of another shape) is left out of the index rather
      // than breaking it.
    }
  }
  writeFileAtomically(join(outDir, 'index.html'), indexPage(results).html);
}
