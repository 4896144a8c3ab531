// What translated C computes: C's integer semantics where JavaScript differs (unsigned bitwise
// results, 64-bit shifts, division), GCC case ranges, sizeof in arithmetic, macros with strings.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { functionText, runPure, translate } from '../helpers/translate.ts';
import { memset_zero_before } from '../../kernel-model/lib/c-pointers.ts';

const FILE = 'block/t.c';

describe('integer semantics', () => {
  it('an unsigned flag word keeps its top bit set (>= 0), as C\'s unsigned does', async () => {
    const { module } = await translate(
      {
        [FILE]: `
unsigned int set_top(unsigned int flags) { flags |= 1U << 31; return flags; }
unsigned int clear_bit3(unsigned int flags) { return flags & ~(1U << 3); }
unsigned int top_nibble(unsigned int flags) { return flags >> 28; }
`,
      },
      FILE,
      ['set_top', 'clear_bit3', 'top_nibble'],
    );
    expect(module.problems).toEqual([]);
    expect(runPure<number>(module, 'set_top', 5)).toBe(2 ** 31 + 5);
    expect(runPure<number>(module, 'clear_bit3', 0xffffffff)).toBe(0xfffffff7);
    expect(runPure<number>(module, 'top_nibble', 0xf0000000)).toBe(15);
  });

  it('a 64-bit shift and a division round as C does', async () => {
    const { module } = await translate(
      {
        [FILE]: `
unsigned long long sectors_to_bytes(unsigned long long s) { s <<= 9; return s; }
int quot(int a, int b) { return a / b; }
`,
      },
      FILE,
      ['sectors_to_bytes', 'quot'],
    );
    expect(runPure<number>(module, 'sectors_to_bytes', 2 ** 30)).toBe(2 ** 39);
    expect(runPure<number>(module, 'quot', -7, 2)).toBe(-3);
  });

  it('min() and max() of unsigned values rank a difference that went below zero above the rest, as C does (start_copy() of a chunk past the end of its origin)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
#define min(x, y) ((x) < (y) ? (x) : (y))
#define max(x, y) ((x) > (y) ? (x) : (y))
typedef unsigned long long sector_t;
sector_t copy_count(sector_t chunk, sector_t dev_size, sector_t sector) { return min(chunk, dev_size - sector); }
sector_t span(sector_t a, sector_t b) { return max(a - b, (sector_t)1); }
int smaller(int a, int b) { return min(a, b); }
#define min_t(type, x, y) ((type)(x) < (type)(y) ? (type)(x) : (type)(y))
int as_int(unsigned int a, unsigned int b) { return min_t(int, a - b, 1); }
`,
      },
      FILE,
      ['copy_count', 'span', 'smaller', 'as_int'],
    );
    expect(module.problems).toEqual([]);
    // Past the end (sector 1664 of a 1024-sector device) C copies the whole chunk; inside, the rest.
    expect([runPure(module, 'copy_count', 16, 1024, 1664), runPure(module, 'copy_count', 16, 1024, 1016)]).toEqual([16, 8]);
    expect(runPure(module, 'span', 2, 5)).toBeLessThan(0);
    expect(runPure(module, 'smaller', -3, 2)).toBe(-3);
    // min_t(int, ...) compares as int: a difference below zero is the smaller.
    expect(runPure(module, 'as_int', 2, 5)).toBe(-3);
  });

  it('a size_t sum stored in an unsigned int keeps its low 32 bits, as C converts it (dm_table_create()\'s dm_round_up() of a target count near 2^32)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
#define KEYS_PER_NODE (64 / sizeof(unsigned long long))
#define dm_div_up(n, sz) (((n) + (sz) - 1) / (sz))
#define dm_round_up(n, sz) (dm_div_up((n), (sz)) * (sz))
unsigned int round_targets(unsigned int num_targets) { num_targets = dm_round_up(num_targets, KEYS_PER_NODE); return num_targets; }
`,
      },
      FILE,
      ['round_targets'],
    );
    expect(module.problems).toEqual([]);
    expect(runPure(module, 'round_targets', 5)).toBe(8);
    // 0xffffffff + 7 in size_t, rounded to 2^32: its low 32 bits are 0 (dm_table_create()'s -ENOMEM).
    expect(runPure(module, 'round_targets', 0xffffffff)).toBe(0);
  });

  it('a constant beyond 2^53 is exported as the exact BigInt the C writes, and code computing with it is a problem (md.h\'s BB_OFFSET_MASK: kept by hand in BigInt)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
#define SMALL_MASK (0x00000000000001FFULL)
#define WIDE_MASK (0x7FFFFFFFFFFFFE00ULL)
#define WIDE_ALIAS WIDE_MASK
typedef unsigned long long u64;
u64 small(u64 x) { return x & SMALL_MASK; }
u64 wide(u64 x) { return x & WIDE_MASK; }
`,
      },
      FILE,
      ['small', 'wide'],
    );
    expect(module.text).toContain('export const SMALL_MASK = 511;');
    expect(module.text).toContain(`export const WIDE_MASK = ${0x7ffffffffffffe00n}n;`);
    expect(module.text).toContain(`export const WIDE_ALIAS = ${0x7ffffffffffffe00n}n;`);
    // small() translates; wide() does not.
    expect(module.problems.map((p) => p.construct)).toEqual(['WIDE_MASK']);
    expect(module.problems[0].line).toBe(7);
  });
});

describe('comparisons', () => {
  it('an int compared with a comparison\'s result compares as ints, as C does (bio_data_dir(bio) != rq_data_dir(rq) of v3.15)', async () => {
    const { module } = await translate(
      { [FILE]: '#define DIR_A(rw) ((rw) & 1)\n#define DIR_B(f) (((f) & 1) != 0)\nint dirs_differ(unsigned long rw, unsigned int f) { if (DIR_A(rw) != DIR_B(f)) return 1; return 0; }\n' },
      FILE,
      ['dirs_differ'],
    );
    expect(module.problems).toEqual([]);
    expect([runPure(module, 'dirs_differ', 1, 1), runPure(module, 'dirs_differ', 0, 0), runPure(module, 'dirs_differ', 1, 0), runPure(module, 'dirs_differ', 0, 3)]).toEqual([0, 0, 1, 1]);
  });
});

describe('hash tables (include/linux/hashtable.h)', () => {
  it('DECLARE_HASHTABLE is an array of 1 << bits buckets; hash_add and hash_for_each_possible_safe go through the key\'s bucket', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct item { struct hlist_node hash; unsigned long long key; };
struct table { DECLARE_HASHTABLE(hash, 6); };
void put(struct table *t, struct item *it) { hash_add(t->hash, &it->hash, it->key); }
struct item *find(struct table *t, unsigned long long key) {
	struct item *it;
	struct hlist_node *next;
	hash_for_each_possible_safe(t->hash, it, next, hash, key) {
		if (it->key == key)
			return it;
	}
	return NULL;
}
`,
      },
      FILE,
      ['put', 'find'],
    );
    expect(module.problems).toEqual([]);
    expect(module.text).toMatch(/hash: hlist_head\[\]/);
    expect(functionText(module, 'put')).toContain('hash_add(t.hash, it.hash, it.key)');
    expect(functionText(module, 'find')).toContain('hash_bucket(t.hash, key).first');
  });
});

describe('constants converted to unsigned', () => {
  it('-1 in a branch of ?: assigned to a u64 is the largest u64, as a plain -1 is (blkio_update_blkg_policy)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
unsigned long long limit_or_none(unsigned long long v) { unsigned long long bps; bps = v ? v : -1; return bps; }
unsigned int iops_or_none(unsigned int v) { unsigned int iops; iops = v ? v : -1; return iops; }
unsigned long long plain_none(void) { unsigned long long bps = -1; return bps; }
`,
      },
      FILE,
      ['limit_or_none', 'iops_or_none', 'plain_none'],
    );
    expect(module.problems).toEqual([]);
    // The u64 constant is the runtime's U64_MAX, in the branch as in the plain assignment.
    expect(functionText(module, 'plain_none')).toContain('= U64_MAX');
    expect(functionText(module, 'limit_or_none')).toMatch(/v \? v : U64_MAX/);
    expect(runPure<number>(module, 'iops_or_none', 7)).toBe(7);
    expect(runPure<number>(module, 'iops_or_none', 0)).toBe(0xffffffff);
  });
});

describe('statements', () => {
  it('a switch with GCC case ranges picks the range its value is in, falling through as C does', async () => {
    const { module } = await translate(
      {
        [FILE]: `
int pool(int nr)
{
	int idx;
	switch (nr) {
	case 1: idx = 0; break;
	case 2 ... 4: idx = 1; break;
	case 5 ... 16:
	case 17: idx = 2; break;
	default: return -1;
	}
	return idx;
}
`,
      },
      FILE,
      ['pool'],
    );
    expect(module.problems).toEqual([]);
    expect([1, 2, 4, 5, 16, 17, 18, 0].map((n) => runPure<number>(module, 'pool', n))).toEqual([0, 1, 1, 2, 2, 2, -1, -1]);
  });

  it('a goto forward to a shared exit runs the exit code once', async () => {
    const { module } = await translate(
      {
        [FILE]: `
int first_negative(int a, int b)
{
	int r = 0;
	if (a < 0) { r = 1; goto out; }
	if (b < 0) { r = 2; goto out; }
	r = 3;
out:
	return r * 10;
}
`,
      },
      FILE,
      ['first_negative'],
    );
    expect(module.problems).toEqual([]);
    expect([runPure(module, 'first_negative', -1, -1), runPure(module, 'first_negative', 1, -1), runPure(module, 'first_negative', 1, 1)]).toEqual([10, 20, 30]);
  });

  it('a goto back to a label inside a loop keeps the bare break and continue between them the loop\'s own (md_do_sync()\'s `repeat:`)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
int sync_steps(int n, int stop_at, int skip_at)
{
	int i = 0, steps = 0, retries = 0;
	while (i < n) {
		i++;
	repeat:
		steps++;
		if (i == stop_at)
			break;
		switch (i) {
		case 2:
			continue;
		default:
			break;
		}
		if (i == skip_at)
			continue;
		if (retries < 2 && i == 3) {
			retries++;
			goto repeat;
		}
		steps += 100;
	}
	return steps;
}
`,
      },
      FILE,
      ['sync_steps'],
    );
    expect(module.problems).toEqual([]);
    // i = 1: 101; i = 2: 1 (continue in the switch); i = 3: 1 + 1 + 1 + 100 (two retries); i = 4: 101.
    expect(runPure(module, 'sync_steps', 4, 0, 0)).toBe(101 + 1 + 103 + 101);
    // break at i = 3 leaves the while loop, not the retry loop: 101 + 1 + 1.
    expect(runPure(module, 'sync_steps', 4, 3, 0)).toBe(103);
    // continue at i = 4 goes on with the while loop (which ends): 101 + 1 + 103 + 1.
    expect(runPure(module, 'sync_steps', 4, 0, 4)).toBe(206);
  });
});

describe('declarations', () => {
  it('a function-local static becomes a per-machine global of its file, named after the function', async () => {
    const { module } = await translate({ [FILE]: 'int counter(void) { static int calls; return ++calls; }\n' }, FILE, ['counter']);
    expect(module.problems).toEqual([]);
    expect(module.text).toMatch(/counter__calls: number;/);
    expect(functionText(module, 'counter')).toContain('t_globals().counter__calls');
  });

  it('sizeof(struct x) in arithmetic is the struct\'s size', async () => {
    const { module } = await translate({ [FILE]: 'struct pair { long a; long b; };\nunsigned long room(int n) { return sizeof(struct pair) * n + 8; }\n' }, FILE, ['room']);
    expect(module.problems).toEqual([]);
    expect(functionText(module, 'room')).toContain('sizeof(pair_type).size');
  });

  it('a string macro argument is joined with its neighbouring literal', async () => {
    const { module } = await translate(
      { [FILE]: '#define NAME(x) "biovec-"__stringify(x)\nconst char *name16(void) { return NAME(16); }\n' },
      FILE,
      ['name16'],
    );
    expect(module.problems).toEqual([]);
    expect(runPure<string>(module, 'name16')).toBe('biovec-16');
  });
});

describe('kernel macros kept as idioms', () => {
  it('part_stat_read(part, field) sums the field over every possible CPU\'s statistics (md.c\'s is_mddev_idle)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct disk_stats { unsigned long sectors[2]; };
struct hd_struct { struct disk_stats *dkstats; };
#define part_stat_read(part, field) ({ typeof((part)->dkstats->field) res = 0; res; })
unsigned long both_directions(struct hd_struct *part) { return part_stat_read(part, sectors[0]) + part_stat_read(part, sectors[1]); }
`,
      },
      FILE,
      ['both_directions'],
    );
    expect(module.problems).toEqual([]);
    // Run it over two CPUs' statistics, with the runtime's per_cpu_ptr and nr_cpu_ids as stand-ins.
    const text = functionText(module, 'both_directions');
    const js = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
    const stats = [{ sectors: [8, 16] }, { sectors: [100, 1] }];
    const fn = new Function('per_cpu_ptr', 'nr_cpu_ids', 'loop_tick', `${js}\nreturn both_directions;`)((p: typeof stats, cpu: number) => p[cpu], () => 2, () => {});
    expect(fn({ dkstats: stats })).toBe(8 + 16 + 100 + 1);
  });

  it('memset(p, 0, offsetof(T, m)) clears the members before m and keeps the rest (bio_reset\'s BIO_RESET_BYTES)', () => {
    const b = { bi_next: { x: 1 }, bi_flags: 7, bi_vcnt: 3, bi_max_vecs: 4, bi_cnt: 1, bi_io_vec: [{ bv_len: 512 }] };
    const io_vec = b.bi_io_vec;
    memset_zero_before(b, 'bi_max_vecs');
    expect(b).toEqual({ bi_next: null, bi_flags: 0, bi_vcnt: 0, bi_max_vecs: 4, bi_cnt: 1, bi_io_vec: [{ bv_len: 512 }] });
    expect(b.bi_io_vec).toBe(io_vec);
    expect(() => memset_zero_before(b, 'bi_pool')).toThrow('no member bi_pool');
  });
});

describe('pointer comparison', () => {
  it('two pointers into one array compare by their positions in it: a walk back to the array\'s start stops there (bio_alloc_pages()\'s unwind)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct item { int v; };
struct holder { int n; struct item *items; };
int first(struct holder *h) { return h->items[0].v; }
int fill_then_unwind(struct holder *h, int fail_at)
{
	struct item *p;
	int i, undone = 0;
	for (i = 0, p = h->items; i < h->n; i++, p++) {
		if (i == fail_at) {
			while (--p >= h->items)
				undone += p->v;
			return undone;
		}
		p->v = i + 1;
	}
	return -1;
}
`,
      },
      FILE,
      ['first', 'fill_then_unwind'],
    );
    expect(module.problems).toEqual([]);
    expect(functionText(module, 'fill_then_unwind')).toContain('array_offset(');
    const holder = () => ({ n: 4, items: [{ v: 0 }, { v: 0 }, { v: 0 }, { v: 0 }] });
    // Items 1, 2 and 3 filled before the fourth fails: all three undone, and the walk stops.
    expect(runPure<number>(module, 'fill_then_unwind', holder(), 3)).toBe(6);
    expect(runPure<number>(module, 'fill_then_unwind', holder(), 0)).toBe(0);
  });

  it('two pointers to objects of their own order as addresses do: one is below the other, whichever way asked (md_do_sync()\'s `mddev < mddev2`)', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct array { int n; };
int yields(struct array *a, struct array *b) { return a < b; }
int waits(struct array *a, struct array *b) { return a > b; }
int not_above(struct array *a, struct array *b) { return a <= b; }
`,
      },
      FILE,
      ['yields', 'waits', 'not_above'],
    );
    expect(module.problems).toEqual([]);
    expect(functionText(module, 'yields')).toContain('ptr_address(');
    const a = { n: 0 };
    const b = { n: 1 };
    // Exactly one of the two is below the other, the same each time it is asked (JavaScript's
    // own < on two objects is false both ways).
    const ask = (fn: string, x: object, y: object): boolean => Boolean(runPure<number>(module, fn, x, y));
    const ab = ask('yields', a, b);
    expect(ask('yields', b, a)).toBe(!ab);
    expect(ask('waits', a, b)).toBe(!ab);
    expect(ask('yields', a, b)).toBe(ab);
    expect(ask('not_above', a, a)).toBe(true);
    expect(ask('yields', a, a)).toBe(false);
  });

  it('stepping a pointer to one object is a problem to annotate, not a number', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct item { int v; };
int step(struct item *p) { p++; return p->v; }
int jump(struct item *p, int n) { p += n; return p->v; }
`,
      },
      FILE,
      ['step', 'jump'],
    );
    expect(module.problems.map((p) => p.construct)).toEqual(['pointer arithmetic', 'pointer arithmetic']);
  });
});
