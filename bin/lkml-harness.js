#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
// Output piped into a reader that stops early (| head) ends the command quietly, as cat does.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
