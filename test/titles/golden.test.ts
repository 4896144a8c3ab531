// The title table over real kernel output of the era (test/fixtures/kernel-reports, sources in
// its README): each report gets the title written in its file. A golden file that is missing
// fails; an unlisted one fails too, so the list and the folder stay the same.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { titleOf } from '../../harness/titles/table.ts';

const DIR = new URL('../fixtures/kernel-reports/', import.meta.url).pathname;

const GOLDENS = [
  'lockdep-inconsistent-pcpu_alloc',
  'lockdep-inconsistent-xfs_ilock',
  'lockdep-circular-ksm',
  'hung-task-shrink_page_list',
  'might-sleep-vmevent_sample',
  'kmemleak-register_shrinker',
  'list-add-corruption-buffer_queue',
  'kasan-uaf-page_cache_async_readahead',
  'kcsan-data-race-blk_stat',
];

interface Golden {
  headers: Map<string, string>;
  text: string;
}

function readGolden(name: string): Golden {
  const raw = readFileSync(`${DIR}${name}.txt`, 'utf8');
  const blank = raw.indexOf('\n\n');
  const headers = new Map(
    raw
      .slice(0, blank)
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]),
  );
  return { headers, text: raw.slice(blank + 2) };
}

describe('golden kernel reports', () => {
  it('every file in the folder is listed (and so tested)', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();
    expect(files).toEqual([...GOLDENS].sort());
  });

  it.each(GOLDENS)('%s: the table gives the title in the file', (name) => {
    const g = readGolden(name);
    const expected = g.headers.get('TITLE');
    expect(expected, 'the golden file names its title').toBeTruthy();
    expect(titleOf(g.text)?.title).toBe(expected);
  });

  it('no title names a scheduler, locking or allocator helper', () => {
    for (const name of GOLDENS) {
      const title = titleOf(readGolden(name).text)?.title ?? '';
      expect(title).not.toMatch(/ in (?:__schedule|schedule|schedule_timeout|msleep|mutex_lock\w*|__might_sleep|kmalloc|__kmalloc|kmemleak_alloc|__list_add|warn_slowpath\w*)$/);
    }
  });
});
