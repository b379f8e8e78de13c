import fc from 'fast-check';
import { ErrorLine } from './rejection';

/** Helpers of the federation and operator fuzz tests. */

/** An error line a mutation must cause: at this construct path, for this field (exactly, or matching). */
export interface ExpectedLine {
  readonly path: string;
  readonly field: string | RegExp;
}

/** Throws unless every expected line is among the rejection's lines (or if there was no rejection). */
export function expectRejected(outcome: { lines: ErrorLine[] } | { result: unknown }, expected: readonly ExpectedLine[]): void {
  if (!('lines' in outcome)) throw new Error('the mutated input synthesized without errors');
  const missing = expected.filter((x) => !outcome.lines.some((l) => l.path === x.path && (typeof x.field === 'string' ? l.field === x.field : x.field.test(l.field))));
  if (missing.length) {
    throw new Error(`expected an error at ${missing.map((x) => `[${x.path}] ${x.field}`).join(' and ')}, got:\n${outcome.lines.map((l) => l.text).join('\n')}`);
  }
}

/** JSON with sorted keys at every level: manifests order keys their own way. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

/**
 * Properties run once per release (so that consecutive runs share that release's parsed CRDs) get different
 * specs from the same seed this way: the n-th release skips n random values first. FUZZ_SEED still reproduces.
 */
export function offsetBy<T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(fc.array(fc.nat(), { minLength: n, maxLength: n }), arb).map(([, v]) => v);
}
