// Which C functions (and structs) a diff touches. A hunk header names the function the hunk
// STARTS in, but the change may lie further down, in a function whose definition the hunk shows
// as context, or in new functions the hunk adds. So each changed line is attributed to the
// function it sits in, on its own side of the diff (a removed line to the old file's function,
// an added line to the new file's), starting from the header's function and switching at every
// definition the hunk shows. Added and removed definitions count as touched by themselves.
// Blank lines change nothing and are not attributed; a changed comment right above a
// definition belongs to that definition.
import { readHunkHeader, recognizeConstruct, type Construct } from './c-definitions.ts';
import { enclosingFunctionAtBases } from './enclosing-function.ts';
import { headerFunctionName, type DefinitionSite, type ModelFunctionName } from './header-names.ts';
import { TouchLedger } from './touch-ledger.ts';
import type { FileDiff, Hunk, HunkLine, NameResolution, TouchEvidence, TouchedFunction, TouchedStruct } from './types.ts';

type Side = 'old' | 'new';

interface Owner {
  kind: 'function' | 'macro' | 'struct';
  name: string;
  /** A hunk-header name that was cut and could not be completed: changes in it go unrecorded. */
  unresolved?: true;
}

function sidesOf(line: HunkLine): Side[] {
  if (line.kind === 'context') return ['old', 'new'];
  if (line.kind === 'removed') return ['old'];
  if (line.kind === 'added') return ['new'];
  return [];
}

/** The texts of the lines after `index` that belong to `side` (a signature's continuation). */
function followingOnSide(lines: readonly HunkLine[], index: number, side: Side): string[] {
  const texts: string[] = [];
  for (let j = index + 1; j < lines.length && texts.length < 9; j++) {
    const line = lines[j];
    if (line !== undefined && sidesOf(line).includes(side)) texts.push(line.text);
  }
  return texts;
}

/** A hunk whose context lines lost their leading space lost their indentation with it. */
function indentationLost(hunk: Hunk): boolean {
  return (hunk.lines ?? []).some((line) => line.repaired === true && line.text !== '');
}

function isIndentationTrusted(line: HunkLine, hunkLostIndentation: boolean): boolean {
  return line.kind !== 'context' || !hunkLostIndentation;
}

/** Whether a line is (part of) a comment, given whether a block comment was open before it. */
function commentState(text: string, inComment: boolean): { isComment: boolean; inCommentAfter: boolean } {
  const trimmed = text.trim();
  if (inComment) return { isComment: true, inCommentAfter: !trimmed.includes('*/') };
  if (trimmed.startsWith('/*')) {
    const close = trimmed.indexOf('*/', 2);
    return { isComment: close < 0 || close + 2 === trimmed.length, inCommentAfter: close < 0 };
  }
  if (trimmed.startsWith('//')) return { isComment: true, inCommentAfter: false };
  // A hunk may start inside a block comment; " * text" lines show it. Not trusted to open state.
  if (/^\*(?:\s|\/|$)/.test(trimmed)) return { isComment: true, inCommentAfter: false };
  return { isComment: false, inCommentAfter: false };
}

function constructOf(lines: readonly HunkLine[], index: number, side: Side, trusted: boolean): Construct | null {
  const line = lines[index];
  if (line === undefined) return null;
  return recognizeConstruct(line.text, followingOnSide(lines, index, side), trusted);
}

/** Every definition the file's hunks show, for completing truncated header names. */
export function definitionSites(file: FileDiff): DefinitionSite[] {
  const sites: DefinitionSite[] = [];
  for (const hunk of file.hunks) {
    const lines = hunk.lines ?? [];
    const lostIndentation = indentationLost(hunk);
    let oldLine = hunk.oldStart;
    lines.forEach((line, index) => {
      const side: Side = line.kind === 'added' ? 'new' : 'old';
      const construct =
        line.kind === 'no-newline-marker' ? null : constructOf(lines, index, side, isIndentationTrusted(line, lostIndentation));
      if (construct?.kind === 'function' || (construct?.kind === 'macro' && construct.functionLike)) {
        sites.push({
          name: construct.name,
          text: line.text,
          side: line.kind === 'context' ? 'both' : side,
          oldLine: line.kind === 'added' ? null : oldLine,
        });
      }
      if (line.kind === 'context' || line.kind === 'removed') oldLine++;
    });
  }
  return sites;
}

interface SideState {
  owner: Owner | null;
  /** The function-like macro whose backslash-continued body is being read, if any. */
  macro: Owner | null;
  /** Whether an object-like macro's continued body is being read (it belongs to nothing). */
  inObjectMacro: boolean;
  inComment: boolean;
  /** Changed comment lines waiting to learn whether a definition follows them. */
  pendingComments: boolean;
}

/** The owner a hunk starts in, from its header, and how a cut name was completed. */
function headerOwner(
  file: FileDiff,
  hunk: Hunk,
  hunkNumber: number,
  sites: readonly DefinitionSite[],
  model: readonly ModelFunctionName[],
): { owner: Owner | null; resolution: NameResolution | null } {
  const meaning = readHunkHeader(hunk.headerText);
  if (meaning.kind === 'struct') return { owner: { kind: 'struct', name: meaning.name }, resolution: null };
  if (meaning.kind === 'unknown') {
    // No name in the header (bare '@@', or a label): the model's C says where the hunk starts.
    const name = enclosingFunctionAtBases(file.path, hunk);
    return { owner: name === null ? null : { kind: 'function', name }, resolution: null };
  }
  if (meaning.kind !== 'function') return { owner: null, resolution: null };
  const { name, resolution } = headerFunctionName(file.path, hunk, hunkNumber, meaning, sites, model);
  const owner: Owner = name === null ? { kind: 'function', name: meaning.name, unresolved: true } : { kind: 'function', name };
  return { owner, resolution };
}

export interface TouchedInFile {
  functions: TouchedFunction[];
  structs: TouchedStruct[];
  nameResolutions: NameResolution[];
}

/** Attributes a hunk's changed lines; returns whether any fell in the function it starts in. */
function attributeHunk(file: FileDiff, hunk: Hunk, hunkNumber: number, start: Owner | null, ledger: TouchLedger): boolean {
  const lines = hunk.lines ?? [];
  const lostIndentation = indentationLost(hunk);
  const state: Record<Side, SideState> = {
    old: { owner: start, macro: null, inObjectMacro: false, inComment: false, pendingComments: false },
    new: { owner: start, macro: null, inObjectMacro: false, inComment: false, pendingComments: false },
  };
  let startUsed = false;
  const touch = (owner: Owner | null, evidence: TouchEvidence): void => {
    if (owner === null) return;
    if (owner === start) startUsed = true;
    if (owner.unresolved === true) return;
    if (owner.kind === 'struct') ledger.touchStruct(file.path, owner.name, hunkNumber);
    else ledger.touchFunction(file.path, owner.name, owner.kind, evidence, hunkNumber);
  };
  const flushPending = (side: SideState, owner: Owner | null): void => {
    if (side.pendingComments) touch(owner, 'changed-lines');
    side.pendingComments = false;
  };

  lines.forEach((line, index) => {
    const changed = line.kind === 'added' || line.kind === 'removed';
    const trusted = isIndentationTrusted(line, lostIndentation);
    for (const sideName of sidesOf(line)) {
      const side = state[sideName];
      const continues = line.text.trimEnd().endsWith('\\');
      if (side.macro !== null || side.inObjectMacro) {
        if (changed) touch(side.macro, 'changed-lines');
        if (!continues) {
          side.macro = null;
          side.inObjectMacro = false;
        }
        continue;
      }
      const comment = commentState(line.text, side.inComment);
      side.inComment = comment.inCommentAfter;
      if (line.text.trim() === '') continue;
      if (comment.isComment) {
        if (changed) side.pendingComments = true;
        continue;
      }
      const construct = constructOf(lines, index, sideName, trusted);
      const definitionEvidence: TouchEvidence = line.kind === 'added' ? 'added-definition' : 'removed-definition';
      switch (construct?.kind) {
        case 'function':
        case 'struct': {
          side.owner = { kind: construct.kind, name: construct.name };
          flushPending(side, side.owner);
          if (construct.kind === 'function' && line.kind === 'context') ledger.sawContextDefinition(file.path, construct.name);
          if (changed) touch(side.owner, construct.kind === 'function' ? definitionEvidence : 'changed-lines');
          break;
        }
        case 'macro': {
          const macro: Owner | null = construct.functionLike ? { kind: 'macro', name: construct.name } : null;
          flushPending(side, macro ?? side.owner);
          if (changed) touch(macro, definitionEvidence);
          if (continues) {
            side.macro = macro;
            side.inObjectMacro = macro === null;
          }
          break;
        }
        case 'prototype':
        case 'top-level-statement':
          // Declarations and EXPORT_SYMBOL() live at file scope: whatever came before has ended.
          side.owner = null;
          side.pendingComments = false;
          break;
        default: {
          flushPending(side, side.owner);
          if (changed) touch(side.owner, 'changed-lines');
          // A closing brace in column 0 ends the function (only where indentation survived).
          if (trusted && /^\}\s*;?\s*$/.test(line.text)) side.owner = null;
        }
      }
    }
  });
  for (const side of Object.values(state)) flushPending(side, side.owner);
  return startUsed;
}

export function touchedInFile(file: FileDiff, model: readonly ModelFunctionName[], ledger: TouchLedger): NameResolution[] {
  const sites = definitionSites(file);
  const resolutions: NameResolution[] = [];
  file.hunks.forEach((hunk, index) => {
    const { owner, resolution } = headerOwner(file, hunk, index + 1, sites, model);
    const used = attributeHunk(file, hunk, index + 1, owner, ledger);
    // A completed (or uncompletable) name matters only where changes fell inside it.
    if (used && resolution !== null) resolutions.push(resolution);
  });
  return resolutions;
}

/** Touched functions and structs of line-based files (files whose hunks have lines). */
export function touchedFunctions(files: readonly FileDiff[], model: readonly ModelFunctionName[]): TouchedInFile {
  const ledger = new TouchLedger();
  const nameResolutions: NameResolution[] = [];
  for (const file of files) {
    if (file.hunks.some((h) => h.lines === null)) continue;
    nameResolutions.push(...touchedInFile(file, model, ledger));
  }
  return { ...ledger.result(), nameResolutions };
}
