// merge takes a shard as its run folder or as the output root it was written to; an output root
// with several runs needs --run-id, and anything else is named in one clear error.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/errors.ts';
import { shardRunFolders } from '../../harness/nightly/merge.ts';

/** An output root holding nightly runs with the given ids (a plan.json each). */
function outputRoot(...runIds: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'lkml-shard-root-'));
  for (const id of runIds) {
    mkdirSync(join(root, 'nightly', id), { recursive: true });
    writeFileSync(join(root, 'nightly', id, 'plan.json'), '{}');
  }
  return root;
}

describe('merge inputs', () => {
  it('take a run folder as it is and an output root by its only run', () => {
    const a = outputRoot('n1');
    const b = outputRoot('n1');
    expect(shardRunFolders([join(a, 'nightly/n1'), b], undefined)).toEqual([join(a, 'nightly/n1'), join(b, 'nightly/n1')]);
  });

  it('pick the named run from an output root that holds several', () => {
    const a = outputRoot('n1', 'n2');
    expect(shardRunFolders([a], 'n2')).toEqual([join(a, 'nightly/n2')]);
    expect(() => shardRunFolders([a], undefined)).toThrow(/holds several nightly runs \(n1, n2\); name one with --run-id/);
    expect(() => shardRunFolders([a], 'n3')).toThrow(/no nightly run n3 in it \(runs: n1, n2\)/);
  });

  it('refuse a folder that is neither', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lkml-not-a-shard-'));
    expect(() => shardRunFolders([empty], undefined)).toThrow(HarnessError);
    expect(() => shardRunFolders([empty], undefined)).toThrow(/neither a nightly run folder \(no plan.json\) nor an output root/);
  });
});
