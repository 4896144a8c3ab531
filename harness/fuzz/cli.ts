// npm run fuzz [-- --world v3.2] [--seed N] [--iterations N] [--schedules N] [--write] [--json]
// Builds a corpus of generated programs by coverage, prints what it reached beyond the fixed
// suites and every title its runs reported with the program shrunk to what still reports it;
// --write keeps the corpus in corpus-<world>.ts, where evaluate and the reach table find it.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import '../../kernel-model/index.ts';
import { branchCounts } from '../../kernel-model/sim/branches.ts';
import { registeredFunctions } from '../../kernel-model/sim/hooks.ts';
import { allSuites, reachOf } from '../suites/index.ts';
import { worldOf } from '../suites/reach.ts';
import { buildCorpus } from './build-corpus.ts';
import { isGenerated } from './corpus-suites.ts';
import { corpusFileText } from './corpus-file.ts';
import { measureProgram } from './coverage.ts';
import { GRAMMARS } from './grammars.ts';
import { formatProgram, parseProgram } from './program.ts';
import { shrinkProgram } from './shrink-program.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    world: { type: 'string', default: 'v3.2' },
    seed: { type: 'string', default: '1' },
    iterations: { type: 'string', default: '400' },
    schedules: { type: 'string', default: '4' },
    write: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const g = GRAMMARS[values.world];
if (g === undefined) {
  process.stderr.write(`lkml-harness fuzz: no grammar for ${values.world} (have ${Object.keys(GRAMMARS).join(', ')})\n`);
  process.exit(1);
}
const seed = Number(values.seed);
const options = { seed, iterations: Number(values.iterations), schedules: Number(values.schedules), shrinkAttempts: 40 };
const corpus = buildCorpus(g, {
  ...options,
  onProgress: (i, entries, reached, branches) => {
    if (!values.json && i % 50 === 0) process.stderr.write(`[${i}/${options.iterations}] corpus ${entries}, ${reached} functions, ${branches} branches\n`);
  },
});

const population = registeredFunctions().filter((f) => f.overridable && f.base === g.world && !f.stub).map((f) => f.name);
const inWorld = new Set(population);
const fixed = new Set(allSuites().filter((s) => worldOf(s) === g.world && !isGenerated(s)).flatMap((s) => reachOf(s)).filter((f) => inWorld.has(f)));
const generated = corpus.reached.filter((f) => inWorld.has(f));
const beyond = generated.filter((f) => !fixed.has(f));
const union = new Set([...fixed, ...generated]);

// Each title, with the first program that reported it shrunk to what still does.
const titles = corpus.titles.map((t) => {
  const p = parseProgram(g, t.program);
  const small = shrinkProgram(g, p, (q) => measureProgram(g, q, t.seed, t.run + 1).titles.has(t.title), 60).program;
  return { title: t.title, program: formatProgram(g, small), seed: t.seed, runs: t.run + 1 };
});

if (values.write) writeFileSync(new URL(`./corpus-${g.world}.ts`, import.meta.url), corpusFileText(g.world, options, corpus.entries));

const summary = {
  world: g.world,
  ...options,
  programs: corpus.entries.length,
  functions: { total: population.length, generated: generated.length, fixedSuites: fixed.size, together: union.size },
  branches: { total: [...branchCounts(g.world).values()].reduce((a, b) => a + b, 0), generated: corpus.branches },
  beyondFixedSuites: beyond,
  unreached: population.filter((f) => !union.has(f)).sort(),
  titles,
};
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  const lines = [
    `${g.world}: ${corpus.entries.length} programs from ${options.iterations} candidates (seed ${seed}, ${options.schedules} schedules each)`,
    `functions: ${generated.length} of ${population.length} reached by the corpus, ${fixed.size} by the fixed suites, ${union.size} together`,
    `branches: ${summary.branches.generated} of ${summary.branches.total} taken by the corpus`,
    `reached only by the corpus (${beyond.length}): ${beyond.join(' ')}`,
    `unreached (${summary.unreached.length}): ${summary.unreached.join(' ')}`,
  ];
  for (const t of titles) lines.push('', `${t.title} (seed ${t.seed}, ${t.runs} runs):`, ...t.program.split('\n').map((l) => `  ${l}`));
  if (values.write) lines.push('', `wrote harness/fuzz/corpus-${g.world}.ts`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
