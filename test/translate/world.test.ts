// What the translator infers across a file: pointers that point into arrays (they are indexed,
// or copied from or to one that is), which functions sleep (they yield), and globals whose
// initializers name each other.
import { describe, expect, it } from 'vitest';
import { functionText, translate } from '../helpers/translate.ts';

const FILE = 'block/t.c';

describe('array pointers', () => {
  it('a pointer copied from an array member, or from one that is indexed, is an array', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct vec { int len; };
struct holder { struct vec inline_vecs[4]; struct vec *io_vec; };
static int first_len(struct holder *h)
{
	struct vec *v = h->inline_vecs;
	h->io_vec = v;
	return h->io_vec[0].len;
}
static int plain(struct vec *one) { return one->len; }
int both(struct holder *h, struct vec *x) { return first_len(h) + plain(x); }
`,
      },
      FILE,
      ['both'],
    );
    expect(module.problems).toEqual([]);
    expect(module.text).toMatch(/io_vec: vec\[\];/);
    expect(functionText(module, 'first_len')).toContain('const v: vec[] = h.inline_vecs;');
    // A pointer never indexed nor copied from an array stays a pointer to one struct.
    expect(functionText(module, 'plain')).toMatch(/^function plain\(one: vec\)/);
  });

  it('same-named members of different structs are told apart', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct a { int *slots; };
struct b { int *slots; };
int get(struct a *x, struct b *y) { return x->slots[1] + *y->slots; }
`,
      },
      FILE,
      ['get'],
    );
    expect(module.text).toMatch(/interface a \{\n\s+slots: number\[\];/);
    expect(module.text).toMatch(/interface b \{\n\s+slots: Ref<number>;/);
  });
});

describe('sleeping functions', () => {
  it('a function that takes a mutex, or calls one that does, is a generator; the others are not', async () => {
    const { world } = await translate(
      {
        [FILE]: `
#include <linux/mutex.h>
static DEFINE_MUTEX(m);
static void locked(void) { mutex_lock(&m); mutex_unlock(&m); }
static int caller(void) { locked(); return 1; }
static int leaf(int x) { return x + 1; }
int top(void) { return caller() + leaf(1); }
`,
      },
      FILE,
      ['top'],
    );
    expect([...world.generators].sort()).toEqual(['caller', 'locked', 'top']);
  });
});

describe('globals', () => {
  it('an initializer that names another global of the file reads it from the set being built', async () => {
    const { module } = await translate(
      {
        [FILE]: `
struct attr { const char *name; };
struct type { struct attr *attrs; };
static struct attr my_attrs[] = { { .name = "quantum" }, { .name = 0 } };
static struct type my_type = { .attrs = my_attrs };
const char *first(void) { return my_type.attrs[0].name; }
`,
      },
      FILE,
      ['first'],
    );
    expect(module.problems).toEqual([]);
    expect(module.text).toContain('g.my_type = struct_init(type_type.make(), { attrs: g.my_attrs });');
    expect(module.text.indexOf('g.my_attrs =')).toBeLessThan(module.text.indexOf('g.my_type ='));
  });
});

describe('function-local statics', () => {
  it('one the function writes lives per machine; one it only reads is a constant', async () => {
    const { module } = await translate(
      {
        [FILE]: `
int next_unit(void)
{
	static int next_minor = 512;
	static int base = 7;
	return base + next_minor++;
}
`,
      },
      FILE,
      ['next_unit'],
    );
    expect(module.problems).toEqual([]);
    expect(module.text).toContain('next_unit__next_minor: number;');
    expect(module.text).toContain('export const next_unit__base = 7;');
    expect(functionText(module, 'next_unit')).toContain('next_unit__next_minor++');
  });
});

describe('allocations', () => {
  it('sizeof(struct x) times a product of counts is an array of that many zeroed structs', async () => {
    const { module } = await translate(
      {
        [FILE]: `
#include <linux/slab.h>
struct info { int rdev; };
struct conf { struct info *mirrors; };
int setup(struct conf *c, int raid_disks)
{
	c->mirrors = kzalloc(sizeof(struct info) * raid_disks * 2, GFP_KERNEL);
	return c->mirrors[1].rdev;
}
`,
      },
      FILE,
      ['setup'],
    );
    expect(module.problems).toEqual([]);
    expect(functionText(module, 'setup')).toContain('slab.kmalloc_array(raid_disks * 2, sizeof(info_type), GFP_KERNEL)');
  });
});
