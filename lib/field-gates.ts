import { Problem } from './problems';
import { FIELD_GATES, FieldGate, gateOpen, RELEASES } from './releases';
import { VitessRelease } from './vitess-release';

const SHARD_LOCATIONS = ['partitionings[].equal.shardTemplate', 'partitionings[].custom.shards[]'];

/** Gates keyed by the generic path they match (`{shard}` expanded to both shard-template locations). */
const GATES_BY_PATH = new Map<string, FieldGate[]>();
for (const g of FIELD_GATES) {
  const paths = g.path.includes('{shard}') ? SHARD_LOCATIONS.map((s) => g.path.replace('{shard}', s)) : [g.path];
  for (const p of paths) GATES_BY_PATH.set(p, [...(GATES_BY_PATH.get(p) ?? []), g]);
}

/**
 * Fields of a rendered VitessCluster spec that the target release does not have. An older CRD would prune
 * them without a word, so they are errors (facts §2.14).
 */
export function checkFieldGates(spec: unknown, release: VitessRelease): Problem[] {
  const problems: Problem[] = [];
  walkSpec(spec, (concrete, generic, value) => {
    for (const gate of GATES_BY_PATH.get(generic) ?? []) {
      if (gate.value !== undefined && gate.value !== value) continue;
      if (gateOpen(gate, release.operatorMinor)) continue;
      problems.push(describe(gate, concrete, release));
    }
  });
  return problems;
}

function describe(gate: FieldGate, field: string, release: VitessRelease): Problem {
  const what = gate.value !== undefined ? `value '${gate.value}'` : 'field';
  if (gate.removedIn && release.atLeast(gate.removedIn)) {
    return {
      field,
      message: `this ${what} was removed in operator ${gate.removedIn}; ${release} would prune it`,
      fix: gate.hint ?? `drop it, or target a release before ${gate.removedIn}`,
    };
  }
  // Suggest the nearest newer release that has the field (the usual upgrade path), else the newest one that does.
  const having = RELEASES.filter((r) => gateOpen(gate, r.minor));
  const target = having.find((r) => release.vitessMajor < r.vitessMajor) ?? having[having.length - 1];
  return {
    field,
    message: `this ${what} needs operator ${describeMinors(having.map((r) => r.minor))}; the ${release} CRD does not know it and the API server would prune it`,
    fix: `target VitessRelease.V${target.vitessMajor} (operator ${target.minor})${inTail(having, target) ? ' or later' : ''}, or drop the ${what}`,
  };
}

/** Index where the releases having a field run on without a break to the newest release, or -1. */
function tailStart(minors: string[]): number {
  const all = RELEASES.map((r) => r.minor);
  return minors.findIndex((m, i) => minors.slice(i).join() === all.slice(all.indexOf(m)).join());
}

function inTail(having: readonly { minor: string }[], target: { minor: string }): boolean {
  const minors = having.map((r) => r.minor);
  const start = tailStart(minors);
  return start >= 0 && minors.indexOf(target.minor) >= start;
}

/** `['2.11', '2.14', '2.15', '2.16', '2.17']` → `2.11 or 2.14 or later`. */
function describeMinors(minors: string[]): string {
  const start = tailStart(minors);
  const head = start >= 0 ? minors.slice(0, start) : minors;
  return [...head, ...(start >= 0 ? [`${minors[start]} or later`] : [])].join(' or ');
}

/** Called for every node of a spec: its path (`cells[0].name`), its path without indexes (`cells[].name`), its value. */
export type SpecVisitor = (concrete: string, generic: string, value: unknown) => void;

/** Visits every node of a rendered spec, depth first. */
export function walkSpec(node: unknown, visit: SpecVisitor): void {
  walk(node, '', '', visit);
}

function walk(node: unknown, concrete: string, generic: string, visit: SpecVisitor): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${concrete}[${i}]`, `${generic}[]`, visit));
    return;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const c = concrete ? `${concrete}.${key}` : key;
      const g = generic ? `${generic}.${key}` : key;
      visit(c, g, value);
      walk(value, c, g, visit);
    }
  }
}
