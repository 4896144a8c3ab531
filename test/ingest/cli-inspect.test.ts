// `lkml-harness inspect` through the CLI's main(), and once as a real process: what it prints
// for good inputs, and one stderr line with exit 2 for every kind of bad input.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../harness/ingest/coverage.ts';
import { indexModel } from '../../harness/ingest/model-index.ts';
import { findPatchModuleIn } from '../../harness/ingest/module-lookup.ts';
import { readPatchSet, setFiles } from '../../harness/ingest/patch-set.ts';
import { FIXTURE_MODEL, FIXTURE_PATCHES, MAIL, REPO, SEED_000, SEED_001, lines, runCli } from './helpers.ts';

const FIXTURE_DIRS = ['--model', FIXTURE_MODEL, '--patches', FIXTURE_PATCHES];
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lkml-inspect-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('inspect --json', () => {
  it('prints the identity, files, functions and repairs that intake computes', async () => {
    const run = await runCli(['inspect', MAIL('format-patch-throttle.patch'), '--json', ...FIXTURE_DIRS]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    const index = indexModel(FIXTURE_MODEL);
    const set = await readPatchSet(MAIL('format-patch-throttle.patch'), { model: index.functions });
    const coverage = computeCoverage(set, index, await findPatchModuleIn(set, FIXTURE_PATCHES));
    expect(report).toMatchObject({
      messageId: set.identity.messageId,
      subject: set.identity.subject,
      author: set.identity.author,
      date: set.identity.date,
      repairs: [],
      baseCommit: '95c892d5dc4333c23fe33c8c2a95d2bc387e0e27',
    });
    expect(report.files).toEqual(setFiles(set).map((f) => expect.objectContaining({ path: f.path, added: f.added, removed: f.removed })));
    expect(report.functions).toEqual(
      coverage.functions.map((f) => expect.objectContaining({ file: f.file, name: f.name, modeled: f.modeled, overridden: f.overridden })),
    );
    expect(report.coverage).toMatchObject({ verified: true, module: { matchedBy: 'message-id' } });
  });

  it('lists every repair of seed 000 as a structured record', async () => {
    const run = await runCli(['inspect', SEED_000, '--json', ...FIXTURE_DIRS]);
    const report = JSON.parse(run.stdout) as { repairs: { kind: string; file?: string; hunk?: number; count?: number; detail: string }[]; totals: unknown };
    expect(report.totals).toEqual({ files: 4, added: 180, removed: 95, hunks: 30 });
    expect(report.repairs.length).toBeGreaterThan(0);
    for (const repair of report.repairs) {
      expect(Object.keys(repair).sort()).toEqual(['count', 'detail', 'file', 'hunk', 'kind']);
    }
  });
});

describe('inspect summary', () => {
  it('starts with the parsed line and the one-line totals for seed 000', async () => {
    const run = await runCli(['inspect', SEED_000, ...FIXTURE_DIRS]);
    expect(run.code).toBe(0);
    const [first, second] = lines(run.stdout);
    expect(first).toBe('parsed (no Message-ID) "[RFT PATCH] blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)"');
    expect(second).toMatch(/^ {2}4 files, \+180\/-95 in 30 hunks, 27 functions touched, \d+ modeled, no patch module/);
  });

  it('says "overrides verified" when the module handles every touched function', async () => {
    const run = await runCli(['inspect', MAIL('format-patch-throttle.patch'), ...FIXTURE_DIRS]);
    expect(lines(run.stdout)[1]).toBe('  1 file, +24/-48 in 3 hunks, 3 functions touched, 2 modeled, overrides verified');
  });

  it('exits 0 for a patch touching nothing modeled, and says so', async () => {
    const run = await runCli(['inspect', MAIL('not-modeled-dm-snap.eml'), ...FIXTURE_DIRS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 function touched, 0 modeled');
    expect(run.stdout).toContain('nothing this patch touches is in the model');
  });

  it('shows the counts of seed 001 as recovered from its diffstat', async () => {
    const run = await runCli(['inspect', SEED_001, ...FIXTURE_DIRS]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[1]).toMatch(/^ {2}3 files, \+37\/-61 in 7 hunks, /);
    expect(run.stdout).toContain('newlines-lost');
  });
});

describe('bad input: one line on stderr naming the input, exit 2', () => {
  async function expectRefusal(argv: string[], fragment: RegExp): Promise<void> {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(fragment);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }

  it.each([
    ['empty.txt', /empty\.txt: empty file/],
    ['not-a-patch.txt', /not-a-patch\.txt: not a mail or a patch: no diff found/],
    ['no-diff.eml', /no-diff\.eml: no patch found in mail ".*": no diff in its body or attachments/],
    ['reply-quoting-diff.eml', /reply-quoting-diff\.eml: no patch found: the mail is a reply/],
  ])('%s', async (name, fragment) => {
    await expectRefusal(['inspect', MAIL(name), ...FIXTURE_DIRS], fragment);
  });

  it('a binary file', async () => {
    const path = join(scratch, 'disk.img');
    await writeFile(path, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
    await expectRefusal(['inspect', path], /disk\.img: binary file/);
  });

  it('a 20 MB attachment, refused from its size before it is read', async () => {
    const path = join(scratch, 'huge-attachment.eml');
    const handle = await open(path, 'w');
    await handle.write('From: a@example.org\nSubject: [PATCH] big\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n');
    const line = `${'QUFBQUFBQUFB'.repeat(6)}\n`;
    const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
    for (let i = 0; i < 20; i++) await handle.write(chunk);
    await handle.write('--b--\n');
    await handle.close();
    await expectRefusal(['inspect', path], /huge-attachment\.eml: 20\.\d MB is over the 10\.0 MB input limit/);
  });

  it('a directory, a missing file, and bad usage', async () => {
    const dir = join(scratch, 'a-dir');
    await mkdir(dir, { recursive: true });
    await expectRefusal(['inspect', dir], /a-dir: is a directory/);
    await expectRefusal(['inspect', join(scratch, 'missing.eml')], /missing\.eml: cannot read: ENOENT/);
    await expectRefusal(['inspect'], /usage: lkml-harness inspect <file>/);
    await expectRefusal(['inspect', SEED_000, '--frobnicate'], /Unknown option '--frobnicate'/);
  });
});

describe('as a real process', () => {
  const run = promisify(execFile);
  const BIN = join(REPO, 'bin', 'lkml-harness.js');

  it('node bin/lkml-harness.js inspect prints the summary and exits 0', async () => {
    const { stdout } = await run('node', [BIN, 'inspect', SEED_000, ...FIXTURE_DIRS], { cwd: REPO });
    expect(lines(stdout)[0]).toBe('parsed (no Message-ID) "[RFT PATCH] blkio: alloc per cpu data from worker thread context(Re: kvm deadlock)"');
  });

  it('exits 2 with one stderr line for an empty file', async () => {
    const failure = await run('node', [BIN, 'inspect', MAIL('empty.txt')], { cwd: REPO }).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(lines(failure?.stderr ?? '')).toEqual([`lkml-harness inspect: ${MAIL('empty.txt')}: empty file`]);
  });
});
