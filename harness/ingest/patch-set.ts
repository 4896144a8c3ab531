// Intake's entry point: a file in, a PatchSet out (identity, series, files, hunks, touched
// functions, repairs), or one HarnessError line saying why the file holds no patch.
import { HarnessError } from '../errors.ts';
import type { ModelFunctionName } from './header-names.ts';
import { buildIdentity } from './identity.ts';
import { readSourceMessages } from './input-format.ts';
import { extractPatch, type ExtractedPatch } from './patch-extract.ts';
import { MAX_INPUT_BYTES, readInputFile } from './read-input.ts';
import { runOnTouched } from './run-on-functions.ts';
import { chooseSeries, type SeriesCandidate } from './series.ts';
import { touchedFunctions } from './touched-functions.ts';
import type { FileDiff, Patch, PatchSet, Repair } from './types.ts';

export interface ReadPatchSetOptions {
  /**
   * Names the model ports, for completing hunk-header names that diff cut short. A function
   * is called only once a patch was found, so bad input fails before the model is indexed.
   */
  model?: readonly ModelFunctionName[] | (() => readonly ModelFunctionName[]);
  maxBytes?: number;
}

function noPatchMessage(path: string, format: PatchSet['format'], candidates: readonly SeriesCandidate<unknown>[]): string {
  if (candidates.length === 0) return `${path}: no messages found in the mbox`;
  const replies = candidates.filter((c) => c.identity.isReply).length;
  if (replies === candidates.length) {
    return `${path}: no patch found: ${replies === 1 ? 'the mail is a reply' : `all ${replies} messages are replies`} (a diff in a reply is discussion, not a patch)`;
  }
  if (format === 'bare-patch') return `${path}: not a mail or a patch: no diff found`;
  const first = candidates[0]?.identity;
  if (candidates.length === 1 && first !== undefined) {
    return `${path}: no patch found in mail "${first.rawSubject || '(no subject)'}": no diff in its body or attachments`;
  }
  return `${path}: no patch found in ${candidates.length} messages: none carries a diff outside replies and cover letters`;
}

interface Extracted {
  extracted: ExtractedPatch;
  repairs: Repair[];
}

export async function readPatchSet(path: string, options: ReadPatchSetOptions = {}): Promise<PatchSet> {
  const input = await readInputFile(path, options.maxBytes ?? MAX_INPUT_BYTES);
  const { format, messages } = await readSourceMessages(input);

  const candidates: SeriesCandidate<Extracted>[] = messages.map((message) => {
    const extracted = extractPatch(message);
    const repairs: Repair[] = [...(extracted?.repairs ?? [])];
    const identity = buildIdentity(extracted?.headers ?? message.headers, extracted?.baseCommit ?? null, repairs);
    return { identity, patch: extracted === null ? null : { extracted, repairs } };
  });
  const series = chooseSeries(candidates);
  if (series.chosen.length === 0) throw new HarnessError(noPatchMessage(path, format, candidates));

  const model = typeof options.model === 'function' ? options.model() : (options.model ?? []);
  const patches: Patch[] = series.chosen.flatMap(({ identity, patch }) => {
    if (patch === null) return [];
    const { extracted, repairs } = patch;
    const touched = extracted.runOn ? runOnTouched(extracted.files, model) : touchedFunctions(extracted.files, model);
    return [
      {
        identity,
        foundIn: extracted.foundIn,
        commitMessage: extracted.commitMessage,
        diffstat: extracted.diffstat,
        files: extracted.files,
        functions: touched.functions,
        structs: touched.structs,
        nameResolutions: touched.nameResolutions,
        repairs,
        discrepancies: extracted.discrepancies,
      },
    ];
  });
  const first = patches[0];
  if (first === undefined) throw new HarnessError(noPatchMessage(path, format, candidates));
  return {
    source: path,
    format,
    identity: series.cover ?? first.identity,
    series: series.numbered ? { version: series.version, total: series.total, cover: series.cover, missing: series.missing } : null,
    patches,
    ignored: series.ignored,
  };
}

/** The files of the whole set, per path, in the order they first appear; counts add up. */
export function setFiles(set: PatchSet): FileDiff[] {
  const byPath = new Map<string, FileDiff>();
  for (const patch of set.patches) {
    for (const file of patch.files) {
      const seen = byPath.get(file.path);
      if (seen === undefined) {
        byPath.set(file.path, { ...file, hunks: [...file.hunks] });
        continue;
      }
      seen.added = seen.added === null || file.added === null ? null : seen.added + file.added;
      seen.removed = seen.removed === null || file.removed === null ? null : seen.removed + file.removed;
      seen.hunks.push(...file.hunks);
      seen.binary ||= file.binary;
      if (file.countsFrom !== 'hunk-lines') seen.countsFrom = file.countsFrom;
    }
  }
  return [...byPath.values()];
}

/** Every repair of the set, each tagged with the 1-based patch it belongs to when there are several. */
export function setRepairs(set: PatchSet): (Repair & { patch?: number })[] {
  return set.patches.flatMap((patch, index) => patch.repairs.map((r) => (set.patches.length > 1 ? { ...r, patch: index + 1 } : r)));
}
