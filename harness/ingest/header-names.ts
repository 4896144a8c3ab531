// Completes function names that diff cut short in hunk headers ("static struct throtl_grp
// *throtl_alloc_t"). The header is the start of a line of the OLD file, so the best witness is
// an old-side definition in the same file's hunks that begins with the very same text; next
// come the model's names with that prefix (for the same C file first), then any definition in
// the diff. A prefix shared by several candidates is reported as ambiguous, never guessed.
import type { Hunk, NameResolution } from './types.ts';

/** A definition seen in a diff, with the text of its first line. */
export interface DefinitionSite {
  name: string;
  text: string;
  /** Which file version shows it: context lines are in both. */
  side: 'old' | 'new' | 'both';
  /** Its line number in the old file, when it is on the old side. */
  oldLine: number | null;
}

/** A function the model ports, by kernel name and the C file its tag names. */
export interface ModelFunctionName {
  name: string;
  cFile: string;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unique(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

export interface HeaderNameQuery {
  file: string;
  hunk: number;
  hunkOldStart: number;
  headerText: string;
  /** The identifier the header ends with, possibly cut. */
  partial: string;
  definitions: readonly DefinitionSite[];
  model: readonly ModelFunctionName[];
}

export function resolveHeaderName(query: HeaderNameQuery): NameResolution {
  const { file, hunk, headerText, partial } = query;
  const result = (resolved: string | null, source: NameResolution['source'], candidates: string[]): NameResolution => ({
    file,
    hunk,
    headerText,
    truncated: partial,
    resolved,
    source,
    candidates,
  });

  // 1. Old-side definitions whose line starts with the header text; the nearest one above wins.
  const header = collapse(headerText);
  const witnesses = query.definitions.filter(
    (d) => d.side !== 'new' && d.name.startsWith(partial) && collapse(d.text).startsWith(header),
  );
  const above = witnesses
    .filter((d) => d.oldLine !== null && d.oldLine <= query.hunkOldStart)
    .sort((a, b) => (b.oldLine ?? 0) - (a.oldLine ?? 0));
  if (above[0] !== undefined) return result(above[0].name, 'hunk-definitions', unique(witnesses.map((d) => d.name)));
  const witnessNames = unique(witnesses.map((d) => d.name));
  if (witnessNames.length === 1) return result(witnessNames[0] ?? null, 'hunk-definitions', witnessNames);

  // 2. The model's names with the prefix: the same C file first, then anywhere.
  const sameFile = unique(query.model.filter((m) => m.cFile === file && m.name.startsWith(partial)).map((m) => m.name));
  const anywhere = unique(query.model.filter((m) => m.name.startsWith(partial)).map((m) => m.name));
  for (const candidates of [sameFile, anywhere]) {
    if (candidates.length === 1) return result(candidates[0] ?? null, 'model-index', candidates);
    if (candidates.length > 1) return result(null, 'ambiguous', candidates);
  }

  // 3. Any definition in the diff with the prefix.
  const inDiff = unique(query.definitions.filter((d) => d.name.startsWith(partial)).map((d) => d.name));
  if (inDiff.length === 1) return result(inDiff[0] ?? null, 'hunk-definitions', inDiff);
  if (inDiff.length > 1) return result(null, 'ambiguous', inDiff);
  return result(null, 'unresolved', []);
}

/** diff cuts the header at 40 characters (GNU diff -p) or 80 (git); a shorter one is whole. */
const SHORTEST_CUT_HEADER = 40;

/**
 * The function a hunk header names: as printed when a '(' or the header's length shows it is
 * whole, else completed by resolveHeaderName (null when that fails), with its record.
 */
export function headerFunctionName(
  file: string,
  hunk: Hunk,
  hunkNumber: number,
  header: { name: string; complete: boolean },
  definitions: readonly DefinitionSite[],
  model: readonly ModelFunctionName[],
): { name: string | null; resolution: NameResolution | null } {
  if (header.complete || hunk.headerText.trimEnd().length < SHORTEST_CUT_HEADER) return { name: header.name, resolution: null };
  const resolution = resolveHeaderName({
    file,
    hunk: hunkNumber,
    hunkOldStart: hunk.oldStart,
    headerText: hunk.headerText,
    partial: header.name,
    definitions,
    model,
  });
  return { name: resolution.resolved, resolution };
}
