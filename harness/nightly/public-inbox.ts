// Intake from a public-inbox archive (v2 layout: a git repository where each commit adds one
// message as the blob "m"; v1 keeps it under a hashed path, which is also read). Picks the
// messages whose patches touch modeled code: those with a patch module queue for the nightly,
// the rest are listed as "touches modeled code, not yet ported", with their coverage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { HarnessError } from '../errors.ts';
import { computeCoverage } from '../ingest/coverage.ts';
import { indexModel } from '../ingest/model-index.ts';
import { findPatchModule } from '../ingest/module-lookup.ts';
import { listPatchModules } from '../ingest/patch-modules.ts';
import { readPatchSet } from '../ingest/patch-set.ts';
import { DEFAULT_MODEL_DIR } from '../ingest/project-paths.ts';

export interface IntakeEntry {
  commit: string;
  messageId: string | null;
  subject: string;
  author: string | null;
  date: string | null;
  status: 'queued' | 'not-yet-ported';
  module: string | null;
  touched: number;
  modeled: number;
  modeledFunctions: string[];
}

export interface IntakeReport {
  messages: number;
  withoutPatch: number;
  notModeled: number;
  entries: IntakeEntry[];
}

/** The message blob of a commit: "m" (v2), else the one file the commit added or changed (v1). */
async function messageOf(git: ReturnType<typeof simpleGit>, sha: string): Promise<string | null> {
  const files = (await git.raw(['diff-tree', '--no-commit-id', '--name-only', '-r', '--diff-filter=AM', '--root', sha])).split('\n').filter((f) => f !== '');
  const path = files.includes('m') ? 'm' : files.length === 1 ? files[0] : null;
  return path === null ? null : git.raw(['show', `${sha}:${path}`]);
}

export async function intakePublicInbox(gitDir: string, since: string | null, patchesDir: string, modelDir = DEFAULT_MODEL_DIR): Promise<IntakeReport> {
  const git = simpleGit({ baseDir: gitDir });
  let log: string;
  try {
    log = await git.raw(['log', '--reverse', '--format=%H', ...(since ? [`--since=${since}`] : []), 'HEAD']);
  } catch (err) {
    throw new HarnessError(`${gitDir}: not a public-inbox git archive (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const index = indexModel(modelDir);
  const names = index.functions.map((f) => ({ name: f.name, cFile: f.cFile }));
  const modules = listPatchModules(patchesDir);
  const tmp = mkdtempSync(join(tmpdir(), 'lkml-intake-'));
  const report: IntakeReport = { messages: 0, withoutPatch: 0, notModeled: 0, entries: [] };
  try {
    for (const sha of log.split('\n').filter((l) => l !== '')) {
      const text = await messageOf(git, sha);
      if (text === null) continue;
      report.messages++;
      const file = join(tmp, `${sha}.eml`);
      writeFileSync(file, text);
      let set;
      try {
        set = await readPatchSet(file, { model: names });
      } catch (err) {
        if (err instanceof HarnessError) {
          report.withoutPatch++;
          continue;
        }
        throw err;
      }
      const coverage = computeCoverage(set, index, null);
      const modeled = coverage.functions.filter((f) => f.modeled);
      if (modeled.length === 0) {
        report.notModeled++;
        continue;
      }
      const match = await findPatchModule(set, modules);
      report.entries.push({
        commit: sha,
        messageId: set.identity.messageId,
        subject: set.identity.subject,
        author: set.identity.author,
        date: set.identity.date,
        status: match === null ? 'not-yet-ported' : 'queued',
        module: match?.module.slug ?? null,
        touched: coverage.functions.length,
        modeled: modeled.length,
        modeledFunctions: modeled.map((f) => f.name),
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}
