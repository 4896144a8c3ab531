// The grammar of each world generated programs are written in.
import type { Grammar } from './program.ts';
import { v32Grammar } from './grammar-v3.2.ts';
import { v315Grammar } from './grammar-v3.15.ts';

export const GRAMMARS: Readonly<Record<string, Grammar<never>>> = {
  'v3.2': v32Grammar as unknown as Grammar<never>,
  'v3.15': v315Grammar as unknown as Grammar<never>,
};
