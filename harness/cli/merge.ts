// lkml-harness merge <shard run folder>... [--out DIR]: one dashboard and digest from shards.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeShards } from '../nightly/merge.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' } } });
  const root = join(resolve(values.out), 'nightly');
  const { dir, summary } = mergeShards(positionals.map((p) => resolve(p)), root, '../../');
  process.stdout.write(`merged ${positionals.length} shards: ${summary.done}/${summary.planned} jobs${summary.complete ? '' : ' (incomplete)'}\ndashboard: ${join(dir, 'index.html')}\n`);
  return 0;
}
