// A patch mail under test/fixtures/mail taken by `lkml-harness port` (no hand-written
// TypeScript) into a temporary patches folder, and loaded as the module evaluate would run.
import { join } from 'node:path';
import { loadPatch } from '../../harness/patches/load.ts';
import { portMail, writePortedModule } from '../../harness/port/port.ts';
import type { PatchModule } from '../../kernel-model/patch-api.ts';
import { REPO, tempPatchesDir } from './modules.ts';

export async function portFixtureMail(mail: string): Promise<PatchModule> {
  const file = join(REPO, 'test/fixtures/mail', mail);
  const ported = await portMail({ mailPath: file, patchesDir: tempPatchesDir() });
  if (!ported.ok) throw new Error(ported.problems.join('\n'));
  await writePortedModule(ported, file, false);
  return loadPatch(ported.dir);
}
