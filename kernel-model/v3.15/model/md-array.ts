// placeholder
import type { KGen } from '../../sim/task.ts';
export type md_array_t = { unit: number };
function* md_build(_unit: number, _devs: string[], _sectors: number): KGen<md_array_t> { throw new Error('md_build: not yet'); }
function* md_stop(_a: md_array_t): KGen { throw new Error('md_stop: not yet'); }
export const md_array = { md_build, md_stop };
