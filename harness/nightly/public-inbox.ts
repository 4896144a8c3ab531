// Intake from a public-inbox archive (v2 layout: a git repository where each commit adds one
// message as the blob "m"; v1 keeps it under a hashed path, which is also read). Picks the
// messages whose patches touch modeled code: those with a patch module queue for the nightly;
// the others are ported (lkml-harness port) and queue too when that works, or are listed with
// what kept them from porting.
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
import { portMail, writePortedModule } from '../port/port.ts';

export interface IntakeEntry {
  commit: string;
  messageId: string | null;
  subject: string;
  author: string | null;
  date: string | null;
  /** queued: a module exists; ported: intake wrote one now (lkml-harness port); else why not. */
  status: 'queued' | 'ported' | 'does-not-port';
  module: string | null;
  /** What kept `port` from writing a module, one line each. */
  problems: string[];
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
      // A patch without a module is ported now: it joins the next nightly with no hand work.
      let status: IntakeEntry['status'] = 'queued';
      let module = match?.module.slug ?? null;
      let problems: string[] = [];
      if (match === null) {
        const ported = await portMail({ mailPath: file, patchesDir });
        if (ported.ok) {
          await writePortedModule(ported, file, false);
          status = 'ported';
          module = ported.slug;
        } else {
          status = 'does-not-port';
          problems = ported.problems;
        }
      }
      report.entries.push({
        commit: sha,
        messageId: set.identity.messageId,
        subject: set.identity.subject,
        author: set.identity.author,
        date: set.identity.date,
        status,
        module,
        problems,
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
