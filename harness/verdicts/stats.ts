// The statistics a verdict rests on: exact (Clopper-Pearson) bounds on a hit rate and Fisher's
// exact test for a change in rate between baseline and patched.

/** ln(n!) by summing logs, cached: counts here are at most a few hundred thousand. */
const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
  return logFactorials[n];
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * The upper bound of the 95% confidence interval of a rate seen `hits` times in `runs`, exact
 * (Clopper-Pearson, one-sided 95%). For zero hits this is 1 - 0.05^(1/n), about 3/n.
 */
export function upperBound95(hits: number, runs: number): number {
  if (runs === 0) return 1;
  if (hits >= runs) return 1;
  if (hits === 0) return 1 - Math.pow(0.05, 1 / runs);
  // Bisection on the binomial CDF: the largest p with P(X <= hits | p) >= 0.05.
  let lo = hits / runs;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const p = (lo + hi) / 2;
    let cdf = 0;
    for (let k = 0; k <= hits; k++) cdf += Math.exp(logChoose(runs, k) + k * Math.log(p) + (runs - k) * Math.log1p(-p));
    if (cdf >= 0.05) lo = p;
    else hi = p;
  }
  return lo;
}

/** Two-sided p-value of Fisher's exact test on the 2x2 table [[a, b], [c, d]]. */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const row1 = a + b;
  const col1 = a + c;
  const logP = (x: number): number =>
    logChoose(row1, x) + logChoose(n - row1, col1 - x) - logChoose(n, col1);
  const observed = logP(a);
  let p = 0;
  const lo = Math.max(0, col1 - (n - row1));
  const hi = Math.min(row1, col1);
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-9) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
