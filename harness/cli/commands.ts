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
  run: lazy('run one suite by hand: run <suite> [--seed S] [--schedules N] [--patch DIR]', () => import('./run-suite.ts')),
};
