// simple_strtoul() and its end pointer, as md's sysfs stores read it: `buf == e` when nothing was
// parsed, `*e` the character after the number.
import { describe, expect, it } from 'vitest';
import { simple_strtoul, simple_strtoull } from '../../kernel-model/lib/string.ts';
import { ref, type Ref } from '../../kernel-model/lib/c-pointers.ts';

describe('simple_strtoul', () => {
  it('parses the number at the start and points the end past it', () => {
    const e = ref<Ref<string> | null>(null);
    expect(simple_strtoull('1024\n', e, 10)).toBe(1024);
    expect(e.v?.v).toBe('\n');
    expect(simple_strtoull('64', e, 10)).toBe(64);
    expect(e.v?.v).toBe('');
  });

  it('leaves the end at the start when there is no number (the store then says EINVAL)', () => {
    const e = ref<Ref<string> | null>(null);
    expect(simple_strtoull('x12', e, 10)).toBe(0);
    expect(e.v?.v).toBe('x12');
    expect(simple_strtoull('12x', e, 10)).toBe(12);
    expect(e.v?.v).toBe('x');
  });

  it('takes a 0x prefix in base 0 or 16 and a leading 0 as octal in base 0', () => {
    expect(simple_strtoul('0x1f', null, 0)).toBe(31);
    expect(simple_strtoul('0x1f', null, 16)).toBe(31);
    expect(simple_strtoul('017', null, 0)).toBe(15);
    expect(simple_strtoul('019', null, 10)).toBe(19);
  });

  it('advances a char cell passed as its own end pointer (`p = simple_strtoul(p, &p, 10)`)', () => {
    const p = ref<Ref<string>>(ref('8 rest'));
    expect(simple_strtoul(p.v, p, 10)).toBe(8);
    expect(p.v.v).toBe(' rest');
  });
});
