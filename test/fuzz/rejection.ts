import { ClusterSpec, Synthesized, synthSpec } from './arbitraries';

export const HEADER = 'Validation failed with the following errors:';
/** `[construct/path] field: message. Fix: fix`, one problem per line. */
export const LINE = /^\[[^\]]+\] \S.*: .+\. Fix: .+/;

export interface ErrorLine { readonly path: string; readonly field: string; readonly text: string }

/**
 * Synthesizes a spec: either it synthesizes, or it is rejected with well-formed validation error lines.
 * Anything else (a raw TypeError, a RangeError, a stack trace out of lib/, a malformed line) throws.
 */
export function synthOrReject(spec: ClusterSpec): { synthesized: Synthesized } | { lines: ErrorLine[] } {
  try {
    return { synthesized: synthSpec(spec) };
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith(HEADER)) {
      throw new Error(`raw exception instead of validation errors: ${e instanceof Error ? e.stack : String(e)}`);
    }
    const lines = e.message.slice(HEADER.length).split('\n').slice(1);
    return { lines: lines.map((l) => {
      const text = l.startsWith('  ') ? l.slice(2) : l;
      if (!l.startsWith('  ') || !LINE.test(text)) throw new Error(`malformed validation error line: ${JSON.stringify(l)}\nin:\n${e.message}`);
      const close = text.indexOf('] ');
      const rest = text.slice(close + 2);
      return { path: text.slice(1, close), field: rest.slice(0, rest.indexOf(': ')), text };
    }) };
  }
}
