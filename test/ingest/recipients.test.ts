import { describe, expect, it } from 'vitest';
import { readPatchSet } from '../../harness/ingest/patch-set.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('recipients, for replying in the thread', () => {
  it('reads To and Cc of a mail with usable addresses', async () => {
    const set = await readPatchSet(fixture('mail/attachment-x-patch.eml'));
    expect(set.identity.to.length + set.identity.cc.length).toBeGreaterThan(0);
    for (const a of [...set.identity.to, ...set.identity.cc]) expect(a).toMatch(/@/);
  });

  it('drops addresses a web archive obfuscated, and says so', async () => {
    const set = await readPatchSet(fixture('seeds/001_777a884a1886ac83.txt'));
    expect([...set.identity.to, ...set.identity.cc].filter((a) => a.includes('xxxx'))).toEqual([]);
    const repairs = set.patches.flatMap((p) => p.repairs).filter((r) => r.kind === 'address-redacted');
    expect(repairs.length).toBeGreaterThan(0);
  });
});
