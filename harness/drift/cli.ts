// npm run drift [-- --json]: how much of the model is translated from the C, and where a
// function kept by hand departs from its C.
import { drift } from './drift.ts';

const r = await drift();
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  const pct = (n: number): string => `${((100 * n) / Math.max(r.functions, 1)).toFixed(1)}%`;
  const lines = [
    `${r.functions} functions in the translated worlds: ${r.translated} translated from the C (${pct(r.translated)}), ${r.agreeing} agreeing with it (${pct(r.agreeing)})`,
    ...r.kept.map((k) => `  kept by hand (${k.base}) ${k.function}: ${k.why}${k.agrees ? ' [agrees with its C]' : ''}`),
    ...r.disagreements.map((d) => `  DISAGREES (${d.base}) ${d.function}: ${d.what}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
