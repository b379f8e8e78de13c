import { Problem } from './problems';

/**
 * The typed escape hatch: a value set at a path of the rendered VitessCluster spec, for operator fields the
 * library does not model (e.g. `gatewayService`, `imagePullSecrets`, `cells[0].gateway.tolerations`).
 *
 * Unlike `ApiObject.of(cluster).addJsonPatch(...)`, which is applied after validation, an override is part
 * of the spec the checks see: version gates, flag hygiene and the CRD tests apply to it.
 */
export interface SpecOverride {
  /** Dotted path below `spec`, with `[i]` for list items: `cells[0].gateway.tolerations`. */
  readonly path: string;
  /** The JSON value to set (objects are set as given, not merged); `undefined` deletes the field. */
  readonly value: unknown;
}

/** Splits `a.b[0].c` into `['a', 'b', 0, 'c']`. @throws on a malformed path */
export function parseSpecPath(path: string): Array<string | number> {
  if (!/^[A-Za-z_$][\w$-]*(\[\d+\])*(\.[A-Za-z_$][\w$-]*(\[\d+\])*)*$/.test(path)) {
    throw new Error(`'${path}' is not a spec path: write keys separated by '.', with [i] for list items, e.g. 'cells[0].gateway.tolerations'`);
  }
  return path.split('.').flatMap((part) => {
    const [key, ...indexes] = part.split('[');
    return [key, ...indexes.map((i) => Number(i.slice(0, -1)))];
  });
}

/**
 * Applies overrides in order to a rendered spec (in place). An override whose path runs into a missing
 * list item or a scalar is skipped and reported.
 */
export function applySpecOverrides(spec: Record<string, unknown>, overrides: readonly SpecOverride[]): Problem[] {
  const problems: Problem[] = [];
  for (const o of overrides) {
    const parts = parseSpecPath(o.path);
    let node: any = spec;
    let broken: string | undefined;
    for (let i = 0; i < parts.length - 1 && !broken; i++) {
      const part = parts[i];
      if (node[part] === undefined && typeof part === 'string') node[part] = typeof parts[i + 1] === 'number' ? [] : {};
      node = node[part];
      if (node === null || typeof node !== 'object') broken = `'${parts.slice(0, i + 1).join('.')}' is ${node === undefined ? 'missing' : 'not an object'}`;
    }
    if (broken) {
      problems.push({ field: `overrides.${o.path}`, message: `the override cannot be applied: ${broken} in the rendered spec`, fix: 'override an existing list item or object (add the cell, keyspace or pool first), or fix the path' });
      continue;
    }
    const last = parts[parts.length - 1];
    if (o.value === undefined) delete node[last];
    else node[last] = o.value;
  }
  return problems;
}
