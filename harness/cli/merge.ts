// lkml-harness merge <shard>... [--run-id ID] [--out DIR]: one dashboard and digest from shards.
// A shard is its run folder (out/nightly/<run-id>/) or the output root it was written to.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { mergeShards, shardRunFolders } from '../nightly/merge.ts';

const USAGE = 'usage: lkml-harness merge <shard run folder | shard output root>... [--run-id ID] [--out DIR]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, 'run-id': { type: 'string' } } });
  if (positionals.length === 0) throw new HarnessError(USAGE);
  const root = join(resolve(values.out), 'nightly');
  const shards = shardRunFolders(positionals.map((p) => resolve(p)), values['run-id']);
  const { dir, summary } = mergeShards(shards, root, '../../');
  process.stdout.write(`merged ${shards.length} shards: ${summary.done}/${summary.planned} jobs${summary.complete ? '' : ' (incomplete)'}\ndashboard: ${join(dir, 'index.html')}\n`);
  return 0;
}
