// What an evaluation produces: everything the reports show, as data. results.json is this
// object; the HTML, text and email reports render it and never run the model.
import type { FindingKind } from '../../kernel-model/sim/findings.ts';
import type { TraceEvent } from '../../kernel-model/sim/machine.ts';
import type { Reproducer } from '../explore/runner.ts';
import type { ShrinkStats } from '../explore/shrink.ts';
import type { Side, Verdict } from './verdicts.ts';

export interface PatchInfo {
  slug: string;
  subject: string;
  /** The subject as the mail gives it, with its [PATCH ...] prefix (the reply's Re: uses it). */
  rawSubject: string;
  author: string;
  date: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Addresses of the original mail, for the reply: To the author, Cc the rest. */
  to: string[];
  cc: string[];
  base: string;
  commit: string | null;
  adaptations: string | null;
  overrides: string[];
  notOverridden: Record<string, string>;
}

export interface InputInfo {
  /** Where the patch text came from (the shipped mail), or null when only its identity ships. */
  source: string | null;
  format: string | null;
  files: { path: string; added: number | null; removed: number | null }[];
  repairs: { kind: string; file?: string; hunk?: number; count?: number; detail: string }[];
  /** The diff as unified text (after repairs), for the report; empty when not recoverable. */
  diff: string;
}

export interface CoverageInfo {
  functions: { file: string; name: string; change: 'added' | 'removed' | 'modified'; modeled: boolean; overridden: boolean; note: string | null }[];
  verified: boolean;
  flags: string[];
}

export interface FindingResult {
  title: string;
  kind: FindingKind;
  report: string;
  verdict: Verdict;
  baseline: Side;
  patched: Side;
  pValue: number;
  significant: boolean;
  baselineUpper95: number;
  patchedUpper95: number;
  suites: string[];
  bySuite: { suite: string; baseline: Side; patched: Side }[];
  /** The minimal schedule that reproduces it (or the first run's, when not shrunk). */
  reproducer: Reproducer & { command: string };
  shrink: { before: ShrinkStats; after: ShrinkStats; replays: number; confirmed: boolean } | null;
  /** The shrunk run's events, for the per-task timeline. */
  timeline: TraceEvent[];
}

export interface EvaluationResult {
  schema: 'lkml-harness/results/v1';
  patch: PatchInfo;
  input: InputInfo;
  coverage: CoverageInfo;
  budget: { seed: number; schedulesPerSuite: number | null; strategy: string };
  suites: { name: string; summary: string; baselineRuns: number; patchedRuns: number }[];
  findings: FindingResult[];
  harnessErrors: { job: string; message: string }[];
}
