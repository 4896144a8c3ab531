// Every stress suite, by name. Suites register here in a fixed order.
import type { Suite } from './suite.ts';

const suites: Suite[] = [];

export function allSuites(): readonly Suite[] {
  return suites;
}

export function findSuite(name: string): Suite | undefined {
  return suites.find((s) => s.name === name);
}

/** The suites that exercise any of the given kernel functions. */
export function suitesFor(functions: readonly string[]): Suite[] {
  const wanted = new Set(functions);
  return suites.filter((s) => s.exercises.some((f) => wanted.has(f)));
}
