// The table of commands. Each command lives in its own file and is loaded lazily so that a
// quick `inspect` does not pay for loading the whole kernel model.
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

function lazy(summary: string, load: () => Promise<{ run(argv: string[]): Promise<number> }>): Command {
  return { summary, run: async (argv) => (await load()).run(argv) };
}

export const commands: Record<string, Command> = {
  inspect: lazy('show what a mail or patch holds: inspect <file> [--json] [--model DIR] [--patches DIR]', () => import('./inspect.ts')),
  port: lazy('write a patch module from a mail, translated from the C: port <mail | commit --git DIR> [--patches DIR] [--force]', () => import('./port.ts')),
  scaffold: lazy('start a patch module from a mail: scaffold <mail | commit --git DIR> [--patches DIR] [--model DIR]', () => import('./scaffold.ts')),
  evaluate: lazy('evaluate a patch: evaluate <patch-dir | mail> [--schedules N] [--seed S] [--jobs J] [--out DIR] [--patches DIR] | --all', () => import('./evaluate.ts')),
  replay: lazy("replay a finding: replay <results.json> --finding <n> | replay --suite S --variant baseline|patched [--patch DIR] --plan '...' --decisions d1:... [--title T]", () => import('./replay.ts')),
  nightly: lazy('the nightly stress run: nightly [--budget N] [--out DIR] [--shard i/n] [--run-id ID] [--deadline 90m]', () => import('./nightly.ts')),
  merge: lazy('merge nightly shards: merge <shard run folder | shard output root>... [--run-id ID] [--out DIR]', () => import('./merge.ts')),
  intake: lazy('list patches in a public-inbox archive: intake <git dir> [--since DATE] [--json]', () => import('./intake.ts')),
  run: lazy('run one suite by hand: run <suite> [--seed S] [--first I] [--schedules N] [--patch DIR] [--strategy random|pct|portfolio] [--plan "<plan line>"]', () => import('./run-suite.ts')),
};
