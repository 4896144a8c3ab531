// The lkml-harness command line: one file per command, dispatched by name. Every command returns
// its exit code; user errors are thrown as UsageError/InputError and printed as one line.
import { HarnessError } from '../errors.ts';
import { commands } from './commands.ts';

const USAGE = `usage: lkml-harness <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`lkml-harness: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    // Every command answers --help with its usage, before it parses anything.
    process.stdout.write(`lkml-harness ${name}: ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof HarnessError) {
      process.stderr.write(`lkml-harness ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    // node:util parseArgs: an unknown option, a missing value.
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      process.stderr.write(`lkml-harness ${name}: ${(err as Error).message.split('.')[0]}; lkml-harness ${name} --help for its usage\n`);
      return 2;
    }
    throw err;
  }
}
