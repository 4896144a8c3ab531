// Branch probes: the translator opens every arm of a condition with one (an if without an else
// gets an else for it), the module's table says whose they are, and a run's hits say which arms
// ran. Proven on what a translated function computes, not on how it is spelled.
import { describe, expect, it } from 'vitest';
import { branch_probes, branchCounts, branchHits, clearBranchHits, freshProbes, maskSize, orMasks } from '../../kernel-model/sim/branches.ts';
import { runProbed, translate } from '../helpers/translate.ts';
import { GRAMMARS } from '../../harness/fuzz/grammars.ts';
import { parseProgram } from '../../harness/fuzz/program.ts';
import { measureProgram } from '../../harness/fuzz/coverage.ts';

const FILE = 'block/t.c';

describe('branch probes in translated code', () => {
  it('every arm of an if chain, a switch and a loop has one, and a call hits one arm per decision', async () => {
    const { module } = await translate(
      {
        [FILE]: `
int classify(int x)
{
	int r = 0;
	int i;
	if (x > 10)
		r = 1;
	else if (x > 5)
		r = 2;
	switch (x) {
	case 0:
		r = 7;
		break;
	case 1:
		r = 8;
		break;
	default:
		break;
	}
	for (i = 0; i < x; i++)
		r++;
	return r;
}
`,
      },
      FILE,
      ['classify'],
    );
    expect(module.problems).toEqual([]);
    // Arms: x > 10, x > 5, the else the C leaves out; case 0, case 1, default; the loop body.
    expect(module.text).toContain('"classify", 7,');
    const run = (x: number) => runProbed<number>(module, 'classify', x);
    expect(run(11).value).toBe(12);
    expect(run(0).value).toBe(7);
    // One arm of the if chain and one of the switch per call, plus the loop's body when it runs.
    expect(run(0).hits).toHaveLength(2);
    expect(run(11).hits).toHaveLength(3);
    // Different inputs take different arms, and together they take all seven.
    expect(run(0).hits).not.toEqual(run(11).hits);
    const all = new Set([0, 1, 7, 11].flatMap((x) => run(x).hits));
    expect([...all].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("a function without conditions has no probes and no entry in its module's table", async () => {
    const { module } = await translate({ [FILE]: 'int twice(int x) { return 2 * x; }\n' }, FILE, ['twice']);
    expect(module.problems).toEqual([]);
    expect(module.text).not.toContain('branch_probes');
    expect(runProbed<number>(module, 'twice', 4)).toEqual({ value: 8, hits: [] });
  });
});

describe('branch tables', () => {
  it('say which probes of which function were hit, as masks, until cleared', () => {
    const base = 'test-branches';
    const hits = branch_probes(base, ['f', 3, 'g', 70]);
    // A patch module's probes are its own: they never count as the world's.
    branch_probes(base, ['f', 3], true)[0] = 1;
    expect(branchCounts(base)).toEqual(new Map([['f', 3], ['g', 70]]));
    hits[1] = 1;
    hits[3 + 69] = 1;
    const masks = branchHits(base);
    expect(masks.get('f')).toBe('2');
    // A function may have more probes than a double has bits.
    expect(maskSize(masks.get('g') as string)).toBe(1);
    expect(BigInt(`0x${masks.get('g')}`)).toBe(1n << 69n);
    clearBranchHits(base);
    expect(branchHits(base).size).toBe(0);
  });

  it('masks combine: union, size, and the probes one has that another has not', () => {
    expect(orMasks(undefined, 'a')).toBe('a');
    expect(orMasks('a', '5')).toBe('f');
    expect(maskSize('f0')).toBe(4);
    expect(freshProbes('f', '5')).toBe(2);
    expect(freshProbes('5', 'f')).toBe(0);
    expect(freshProbes('3', undefined)).toBe(2);
  });
});

describe('branch coverage of a workload', () => {
  it('tells apart programs that call the same functions along different paths', () => {
    const g = GRAMMARS['v3.2'];
    if (g === undefined) throw new Error('no v3.2 grammar');
    const add = measureProgram(g, parseProgram(g, 'cpus 1\nt0: limit 0 read_bps_device 1048576'), 1, 1);
    const addThenDelete = measureProgram(g, parseProgram(g, 'cpus 1\nt0: limit 0 read_bps_device 1048576; limit 0 read_bps_device 0'), 1, 1);
    // Both write a rule through blkiocg_file_write; only the second deletes one.
    expect(add.functions.has('blkiocg_file_write')).toBe(true);
    const inWrite = (b: Set<string>) => [...b].filter((k) => k.startsWith('blkiocg_file_write#'));
    expect(inWrite(addThenDelete.branches).length).toBeGreaterThan(inWrite(add.branches).length);
    for (const k of add.branches) expect(addThenDelete.branches.has(k), k).toBe(true);
  });
});
