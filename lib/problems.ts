import { IConstruct } from 'constructs';

/**
 * A validation finding: which field, what is wrong, how to fix it.
 *
 * Rendered as `<field>: <what>. Fix: <fix>`; cdk8s prefixes the construct path, so every synth error reads
 * `[chart/cluster/keyspace] partitionings[0].equal.hexWidth: ... Fix: ...`.
 */
export interface Problem {
  /** Spec path or prop name, e.g. `cells[0].name` or `mysqld.resources.limits.memory`. */
  readonly field: string;
  /** What is wrong, including the offending value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Line breaks and other control characters, which a user's value (a name, a quantity) may carry into a message. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One problem, always on one line: control characters are written as escapes (`'a\nb'`). */
export function formatProblem(p: Problem): string {
  return `${p.field}: ${p.message}. Fix: ${p.fix}`.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A required prop that a JavaScript caller, or a cast, left out. The types forbid it, but it must still end
 * as a problem naming the field rather than a TypeError from deep inside synth.
 */
export function missingProp(field: string, fix: string): Problem {
  return { field, message: 'is required but was not given', fix };
}

/** A count of pods, tablets or jobs: a whole number ≥ 0; undefined leaves the default. */
export function checkCount(field: string, value: number | undefined, what = 'replica count', note?: string): Problem[] {
  if (value === undefined || (Number.isInteger(value) && value >= 0)) return [];
  return [{ field, message: `${value} is not a ${what}`, fix: `use a whole number ≥ 0${note ? ` (${note})` : ''}` }];
}

/** A rule returns its problems; an empty list means the input is fine. */
export type Rule<T> = (input: T) => Problem[];

/** Attaches a lazily evaluated check to a construct, so problems surface at synth with the construct path. */
export function addProblemCheck(scope: IConstruct, check: () => Problem[]): void {
  scope.node.addValidation({ validate: () => check().map(formatProblem) });
}

const WARNING_KEY = 'cdk8s-vitess:warning';

/**
 * Non-fatal findings, kept as construct metadata so they carry the construct path. A warning may be a
 * function, evaluated when collected, for findings that need the finished tree.
 * `synthApp` prints them; tests read them with {@link Warnings.collect}.
 */
export class Warnings {
  public static add(scope: IConstruct, warning: Problem | (() => Problem[])): void {
    scope.node.addMetadata(WARNING_KEY, warning);
  }

  /** All warnings under a construct, as `[path] text` lines, in tree order. */
  public static collect(root: IConstruct): string[] {
    return root.node.findAll().flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === WARNING_KEY)
        .flatMap((m) => (typeof m.data === 'function' ? (m.data as () => Problem[])() : [m.data as Problem]))
        .map((p) => `[${c.node.path}] ${formatProblem(p)}`));
  }

  private constructor() {}
}
