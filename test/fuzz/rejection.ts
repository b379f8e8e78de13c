import { PROBLEM_LINE, validationErrorLines } from '../support/synth';
import { ClusterSpec, Synthesized, synthSpec } from './arbitraries';

export interface ErrorLine { readonly path: string; readonly field: string; readonly text: string }

/**
 * Runs `build` (building and synthesizing a cluster, a federation or an operator install): either it returns,
 * or it fails with well-formed validation error lines. Anything else (a raw TypeError, a RangeError, a stack
 * trace out of lib/, a malformed line) throws.
 */
export function outcomeOf<T>(build: () => T): { result: T } | { lines: ErrorLine[] } {
  try {
    return { result: build() };
  } catch (e) {
    const lines = validationErrorLines(e);
    if (!lines) throw new Error(`raw exception instead of validation errors: ${e instanceof Error ? e.stack : String(e)}`);
    return { lines: lines.map((text) => {
      if (!PROBLEM_LINE.test(text)) throw new Error(`malformed validation error line: ${JSON.stringify(text)}\nin:\n${(e as Error).message}`);
      const close = text.indexOf('] ');
      const rest = text.slice(close + 2);
      return { path: text.slice(1, close), field: rest.slice(0, rest.indexOf(': ')), text };
    }) };
  }
}

/** A single cluster spec: synthesized, or rejected with well-formed lines (see outcomeOf). */
export function synthOrReject(spec: ClusterSpec): { synthesized: Synthesized } | { lines: ErrorLine[] } {
  const outcome = outcomeOf(() => synthSpec(spec));
  return 'result' in outcome ? { synthesized: outcome.result } : outcome;
}
