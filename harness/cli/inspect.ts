// `lkml-harness inspect <file> [--json] [--model DIR] [--patches DIR]`: what a mail, mbox,
// format-patch, quilt patch or archive copy holds - identity, files, touched functions, how
// much of it the model covers, whether a patch module handles it, and every repair made to
// damaged archive text. Exit 0 when a patch was found; otherwise one line on stderr, exit 2.
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { type BaseFit, baseFit } from '../port/fit.ts';
import { computeCoverage, type Coverage } from '../ingest/coverage.ts';
import { indexModel, type ModelIndex } from '../ingest/model-index.ts';
import { findPatchModuleIn } from '../ingest/module-lookup.ts';
import { readPatchSet, setFiles, setRepairs } from '../ingest/patch-set.ts';
import { DEFAULT_MODEL_DIR, DEFAULT_PATCHES_DIR } from '../ingest/project-paths.ts';
import type { FileDiff, PatchSet, Repair, RepairKind } from '../ingest/types.ts';

const USAGE = 'usage: lkml-harness inspect <file> [--json] [--model DIR] [--patches DIR]';

function sum(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((n, v) => n + (v ?? 0), 0);
}

function signed(sign: '+' | '-', value: number | null): string {
  return `${sign}${value === null ? '?' : value}`;
}

/** The JSON report: the keys the spec names first, then the extras. */
export function inspectReport(set: PatchSet, coverage: Coverage, fit: BaseFit, suites: string[]): Record<string, unknown> {
  const files = setFiles(set);
  return {
    messageId: set.identity.messageId,
    subject: set.identity.subject,
    author: set.identity.author,
    date: set.identity.date,
    files: files.map((f) => ({ path: f.path, added: f.added, removed: f.removed, hunks: f.hunks.length, countsFrom: f.countsFrom, binary: f.binary })),
    functions: coverage.functions.map((f) => ({
      file: f.file,
      name: f.name,
      modeled: f.modeled,
      overridden: f.overridden,
      kind: f.kind,
      change: f.change,
      evidence: f.evidence,
      match: f.match,
      model: f.model,
      notOverriddenBecause: f.notOverriddenBecause,
      ...(set.patches.length > 1 ? { patches: f.patches } : {}),
    })),
    repairs: setRepairs(set),
    format: set.format,
    rawSubject: set.identity.rawSubject,
    version: set.identity.version,
    inReplyTo: set.identity.inReplyTo,
    references: set.identity.references,
    baseCommit: set.patches.find((p) => p.identity.baseCommit !== null)?.identity.baseCommit ?? null,
    series: set.series,
    patches: set.patches.map((p) => ({
      messageId: p.identity.messageId,
      subject: p.identity.subject,
      position: p.identity.position,
      author: p.identity.author,
      date: p.identity.date,
      foundIn: p.foundIn,
      files: p.files.map((f) => f.path),
    })),
    totals: {
      files: files.length,
      added: sum(files.map((f) => f.added)),
      removed: sum(files.map((f) => f.removed)),
      hunks: files.reduce((n, f) => n + f.hunks.length, 0),
    },
    structs: coverage.structs.map((s) => ({ file: s.file, name: s.name })),
    nameResolutions: set.patches.flatMap((p) => p.nameResolutions),
    discrepancies: set.patches.flatMap((p) => p.discrepancies),
    coverage: {
      touched: coverage.functions.length,
      modeled: coverage.functions.filter((f) => f.modeled).length,
      module: coverage.module,
      verified: coverage.verified,
      flags: coverage.flags,
    },
    ignored: set.ignored,
    base: fit,
    suites,
  };
}

function verificationText(coverage: Coverage, source: string): string {
  if (coverage.module === null) return `no patch module (create one: lkml-harness scaffold ${source})`;
  if (coverage.verified) return 'overrides verified';
  const problems = coverage.flags.filter((f) => f.kind !== 'modeled-in-other-file').length;
  return `module ${coverage.module.slug}: ${problems} problem${problems === 1 ? '' : 's'} with its overrides`;
}

function fileLine(file: FileDiff): string {
  const binary = file.binary ? ', binary' : '';
  return `    ${file.path}  ${signed('+', file.added)}/${signed('-', file.removed)}  ${file.hunks.length} hunk${file.hunks.length === 1 ? '' : 's'}${binary}`;
}

/** What a kind of repair means, and what its `count` counts, for a group's summary line. */
const REPAIR_MEANING: Record<RepairKind, { meaning: string; counts: string }> = {
  'context-missing-space': { meaning: 'context lines that had lost their leading space, restored from the hunk counts (their indentation is lost)', counts: 'lines' },
  'empty-context-line': { meaning: 'empty lines inside hunks, read as empty context lines', counts: 'lines' },
  'hunk-ended-early': { meaning: 'hunks that ended before their @@ counts were used up', counts: 'missing lines' },
  'newlines-lost': { meaning: 'the text lost its line breaks', counts: 'characters' },
  'hunk-lines-unrecoverable': { meaning: 'hunk bodies that cannot be split into lines', counts: 'hunks' },
  'counts-from-diffstat': { meaning: 'per-file counts taken from the diffstat and the hunk headers', counts: 'files' },
  'counts-unrecoverable': { meaning: 'per-file counts that could not be recovered', counts: 'files' },
  'subject-end-guessed': { meaning: 'a subject whose end was guessed', counts: 'subjects' },
  'hunk-header-text-guessed': { meaning: 'hunk-header function text whose end was guessed', counts: 'hunks' },
  'address-redacted': { meaning: 'an address the archive obfuscated', counts: 'addresses' },
};

/** One line per record, or per kind when a kind has several records (one per hunk or file). */
function repairLines(repairs: readonly Repair[]): string[] {
  const byKind = new Map<RepairKind, Repair[]>();
  for (const r of repairs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  return [...byKind.entries()].map(([kind, group]) => {
    const only = group[0];
    if (group.length === 1 && only !== undefined) {
      const where = [only.file, only.hunk === undefined ? undefined : `hunk ${only.hunk}`].filter((w) => w !== undefined).join(' ');
      return `    ${kind}${where === '' ? '' : ` ${where}`}: ${only.detail}`;
    }
    const files = new Set(group.map((r) => r.file).filter((f) => f !== undefined));
    const total = group.reduce((n, r) => n + (r.count ?? 0), 0);
    const { meaning, counts } = REPAIR_MEANING[kind];
    const where = group.every((r) => r.hunk !== undefined) ? `${group.length} hunks of ${files.size} files` : `${files.size} files`;
    return `    ${kind}: ${total > 0 ? `${total} ${counts} in ` : ''}${where}: ${meaning}`;
  });
}

export function inspectSummary(set: PatchSet, coverage: Coverage, fit: BaseFit, suites: string[]): string {
  const files = setFiles(set);
  const modeled = coverage.functions.filter((f) => f.modeled).length;
  const hunks = files.reduce((n, f) => n + f.hunks.length, 0);
  const out: string[] = [];
  const id = set.identity;
  out.push(`parsed ${id.messageId ?? '(no Message-ID)'} "${id.rawSubject}"`);
  out.push(
    `  ${files.length} file${files.length === 1 ? '' : 's'}, ${signed('+', sum(files.map((f) => f.added)))}/${signed('-', sum(files.map((f) => f.removed)))} in ${hunks} hunk${hunks === 1 ? '' : 's'}, ` +
      `${coverage.functions.length} function${coverage.functions.length === 1 ? "" : "s"} touched, ${modeled} modeled, ${verificationText(coverage, set.source)}`,
  );
  if (modeled === 0) out.push('  nothing this patch touches is in the model: it cannot be evaluated until the model ports some of it');
  out.push(`  author: ${id.author ?? '(unknown)'}   date: ${id.date ?? '(unknown)'}   read as: ${set.format}`);
  if (set.series !== null) {
    const cover = set.series.cover === null ? 'no cover letter' : `cover "${set.series.cover.subject}"`;
    const missing = set.series.missing.length > 0 ? `, missing ${set.series.missing.map((m) => `${m}/${set.series?.total}`).join(' ')}` : '';
    out.push(`  series: v${set.series.version}, ${set.patches.length} of ${set.series.total} patches, ${cover}${missing}`);
    set.patches.forEach((p) => out.push(`    ${p.identity.position?.index ?? '?'}/${p.identity.position?.total ?? '?'} ${p.identity.subject}`));
  }
  const baseCommit = set.patches.find((p) => p.identity.baseCommit !== null)?.identity.baseCommit;
  if (baseCommit !== undefined) out.push(`  base-commit: ${baseCommit}`);
  out.push('  files:', ...files.map(fileLine));
  if (fit.base !== null) {
    const moved = fit.offsets.map((o) => `${o.file} hunk ${o.hunk} at ${o.offset > 0 ? '+' : ''}${o.offset}`);
    out.push(`  base: applies to the model's ${fit.base} C${moved.length > 0 ? ` (${moved.join(', ')})` : ''}; lkml-harness port can write its module`);
  } else {
    out.push('  base mismatch: the hunks are not all in a modeled base\'s C:');
    for (const m of fit.mismatches) out.push(`    ${m.file}${m.hunk > 0 ? ` hunk ${m.hunk}` : ''}: ${m.what}${m.base === null ? '' : ` (closest: ${m.base})`}`);
  }
  out.push(`  suites: ${suites.length > 0 ? suites.join(', ') : "(none: no suite's runs reach what it touches)"}`);
  if (coverage.functions.length > 0) {
    out.push('  functions:');
    for (const f of coverage.functions) {
      const model = f.model === null ? 'not modeled' : `modeled (${f.model.fidelity} ${f.model.version}, ${f.model.modelFile}:${f.model.line})`;
      const handled = f.overridden ? 'overridden' : f.notOverriddenBecause !== null ? `not overridden: ${f.notOverriddenBecause}` : '';
      out.push(`    ${f.file}  ${f.name}${f.kind === 'macro' ? ' (macro)' : ''}  ${f.change}  ${model}${handled === '' ? '' : `  ${handled}`}`);
    }
  }
  if (coverage.structs.length > 0) out.push('  structs:', ...coverage.structs.map((s) => `    ${s.file}  struct ${s.name}`));
  const resolutions = set.patches.flatMap((p) => p.nameResolutions);
  if (resolutions.length > 0) {
    out.push('  hunk-header names cut by diff:');
    for (const r of resolutions) {
      const outcome = r.resolved !== null ? `-> ${r.resolved} (${r.source})` : `${r.source}${r.candidates.length > 0 ? `: ${r.candidates.join(', ')}` : ''}`;
      out.push(`    ${r.file} hunk ${r.hunk}: "${r.headerText}" ${outcome}`);
    }
  }
  const repairs = setRepairs(set);
  if (repairs.length > 0) out.push(`  repairs (${repairs.length} records; --json lists each):`, ...repairLines(repairs));
  const discrepancies = set.patches.flatMap((p) => p.discrepancies);
  if (discrepancies.length > 0) out.push('  discrepancies:', ...discrepancies.map((d) => `    ${d.kind}${d.file === undefined ? '' : ` ${d.file}`}: ${d.detail}`));
  if (coverage.flags.length > 0) out.push('  flags:', ...coverage.flags.map((f) => `    ${f.kind} ${f.name}: ${f.detail}`));
  if (set.ignored.length > 0) out.push('  set aside:', ...set.ignored.map((m) => `    "${m.subject}" ${m.messageId ?? ''}: ${m.reason}`));
  return `${out.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, model: { type: 'string' }, patches: { type: 'string' } },
    });
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new HarnessError(USAGE);

  // The model is indexed only once the input holds a patch: bad input fails at once.
  let index: ModelIndex | undefined;
  const modelIndex = (): ModelIndex => (index ??= indexModel(parsed.values.model ?? DEFAULT_MODEL_DIR));
  const set = await readPatchSet(file, { model: () => modelIndex().functions });
  const match = await findPatchModuleIn(set, parsed.values.patches ?? DEFAULT_PATCHES_DIR);
  const coverage = computeCoverage(set, modelIndex(), match);
  const fit = baseFit(set);
  const { suitesFor } = await import('../suites/index.ts');
  const suites = suitesFor(coverage.functions.map((f) => f.name), fit.base).map((s) => s.name);
  process.stdout.write(parsed.values.json === true ? `${JSON.stringify(inspectReport(set, coverage, fit, suites), null, 2)}\n` : inspectSummary(set, coverage, fit, suites));
  return 0;
}
