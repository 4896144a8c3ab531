// The data that patch intake produces: what a mail says about itself (identity), what its diff
// changes (files, hunks, touched C functions and structs), and an account of every piece of
// archive damage that was repaired or could not be. Everything downstream (coverage, scaffold,
// evaluate, reports) reads these types and never the raw mail.

/** A piece of damage found in the input and what was done about it. */
export interface Repair {
  kind: RepairKind;
  file?: string;
  /** 1-based number of the hunk within its file. */
  hunk?: number;
  /** How many lines (or items) the record covers. */
  count?: number;
  detail: string;
}

export type RepairKind =
  /** A context line inside a hunk that lost its leading space (web archives strip indentation). */
  | 'context-missing-space'
  /** An empty line inside a hunk, read as an empty context line whose single space was stripped. */
  | 'empty-context-line'
  /** A hunk that ended (next file or hunk header, end of input) before its @@ counts were used up. */
  | 'hunk-ended-early'
  /** The whole text arrived on one line: every newline was lost. */
  | 'newlines-lost'
  /** Hunk bodies of a run-on text that cannot be split back into lines. */
  | 'hunk-lines-unrecoverable'
  /** Per-file added/removed counts derived from the diffstat and the hunk headers. */
  | 'counts-from-diffstat'
  /** Per-file added/removed counts that could not be recovered at all. */
  | 'counts-unrecoverable'
  /** A subject whose end had to be guessed because the line break after it was lost. */
  | 'subject-end-guessed'
  /** Text after the @@ header of a run-on hunk, whose end had to be guessed. */
  | 'hunk-header-text-guessed'
  /** An address the archive obfuscated (user@xxxxxxxx): the name is kept, the address dropped. */
  | 'address-redacted';

/** A fact in the input that disagrees with another fact in it (e.g. diffstat vs counted lines). */
export interface Discrepancy {
  kind: 'diffstat-mismatch' | 'hunk-count-mismatch' | 'diffstat-file-missing' | 'hunk-without-file';
  file?: string;
  hunk?: number;
  detail: string;
}

/** Who sent a patch and where it sits in its thread and series. */
export interface PatchIdentity {
  messageId: string | null;
  /** The subject without its [PATCH ...] prefix and without Re:/Fwd:. */
  subject: string;
  /** The subject exactly as the mail gives it. */
  rawSubject: string;
  /** The bracket prefix words, e.g. "RFT PATCH v2 3/7", or null when there is none. */
  prefix: string | null;
  author: string | null;
  /** ISO 8601 (UTC) when the date could be read, else the raw text; null when absent. */
  date: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Recipients of the mail with usable addresses ("Name <addr>"), for a reply in the thread. */
  to: string[];
  cc: string[];
  /** Series version: 1 unless the prefix says vN. */
  version: number;
  /** Position in the series, from "M/N"; null for a lone patch. */
  position: { index: number; total: number } | null;
  /** The `base-commit:` trailer (git format-patch --base), when given. */
  baseCommit: string | null;
  /** True for "Re:" subjects: a reply, never a patch to apply. */
  isReply: boolean;
}

export type HunkLineKind = 'context' | 'added' | 'removed' | 'no-newline-marker';

export interface HunkLine {
  kind: HunkLineKind;
  /** The line's text without its one-character prefix. */
  text: string;
  /** Set when the prefix was missing in the input and supplied by repair. */
  repaired?: true;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** The text after the second @@: the function context diff prints, truncated by the tool. */
  headerText: string;
  /** The hunk's lines; null when they cannot be recovered (a text whose newlines were lost). */
  lines: HunkLine[] | null;
  /** For a hunk without lines: the run-on text of its body, as found. */
  runOnBody?: string;
}

export interface FileDiff {
  /** The file the patch leaves behind (the old path for a deletion), without a/ b/ prefixes. */
  path: string;
  oldPath: string | null;
  newPath: string | null;
  /** Null when the count could not be recovered (run-on text without a diffstat entry). */
  added: number | null;
  removed: number | null;
  /** Where added/removed come from: counted lines, or the diffstat plus the hunk headers. */
  countsFrom: 'hunk-lines' | 'diffstat-and-hunk-headers' | 'unknown';
  binary: boolean;
  hunks: Hunk[];
}

export interface DiffstatEntry {
  path: string;
  /** The total the diffstat prints for the file (added + removed). */
  changed: number;
  /** The +/- bar; scaled by the tool when long, so only its proportions are exact. */
  plusMarks: number;
  minusMarks: number;
}

export interface Diffstat {
  entries: DiffstatEntry[];
  /** The summary line, when present. */
  totals: { files: number; insertions: number; deletions: number } | null;
}

/** What a touched name is, as far as the diff shows. */
export type DefinitionKind = 'function' | 'macro';

/** Why a function counts as touched. */
export type TouchEvidence =
  | 'changed-lines' // changed lines fall inside its body (or its leading comment)
  | 'added-definition' // a '+' line starts its definition
  | 'removed-definition' // a '-' line starts its definition
  | 'hunk-header'; // named by a hunk header of a text whose lines could not be recovered

export interface TouchedFunction {
  file: string;
  name: string;
  kind: DefinitionKind;
  /** added: defined only by '+' lines; removed: only by '-' lines; modified otherwise. */
  change: 'added' | 'removed' | 'modified';
  evidence: TouchEvidence[];
  /** 1-based hunk numbers (within the file) that touch it. */
  hunks: number[];
}

export interface TouchedStruct {
  file: string;
  name: string;
  hunks: number[];
}

/** A truncated hunk-header name and how it was completed (or why it could not be). */
export interface NameResolution {
  file: string;
  hunk: number;
  headerText: string;
  truncated: string;
  resolved: string | null;
  source: 'hunk-definitions' | 'model-index' | 'unresolved' | 'ambiguous';
  candidates: string[];
}

/** One patch: one mail (or one quilt/format-patch file) with its diff. */
export interface Patch {
  identity: PatchIdentity;
  /** Where the diff was found: "body", "forwarded message in the body", "attachment <name>". */
  foundIn: string;
  commitMessage: string;
  diffstat: Diffstat | null;
  files: FileDiff[];
  functions: TouchedFunction[];
  structs: TouchedStruct[];
  nameResolutions: NameResolution[];
  repairs: Repair[];
  discrepancies: Discrepancy[];
}

export type InputFormat = 'mbox' | 'mail' | 'web-archive' | 'bare-patch';

export interface IgnoredMessage {
  messageId: string | null;
  subject: string;
  reason: string;
}

/** A whole input: one patch or a series, with the messages that were set aside. */
export interface PatchSet {
  source: string;
  format: InputFormat;
  /** The identity of the set: the cover letter of a series, else its first patch. */
  identity: PatchIdentity;
  /** Present when the input is a numbered series. */
  series: {
    version: number;
    total: number;
    cover: PatchIdentity | null;
    /** Positions 1..total that the input does not contain. */
    missing: number[];
  } | null;
  /** In the order they apply. */
  patches: Patch[];
  ignored: IgnoredMessage[];
}
