import { Problem } from './problems';

/** Name rules the CRDs and Vitess impose (facts §2.3, §2.5, §2.8, §2.9, §3, §8 rules 1–2, 9), as data. */
interface NameRule {
  readonly what: string;
  readonly pattern: RegExp;
  readonly maxLength: number;
  readonly fix: string;
}

export const NAME_RULES = {
  cluster: {
    what: 'cluster name (a DNS label, and the value of the planetscale.com/cluster label on every child object)',
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    maxLength: 63,
    fix: 'use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (48 or fewer keeps Service names untruncated)',
  },
  cell: {
    what: 'cell name',
    pattern: /^[A-Za-z0-9]([_.A-Za-z0-9]*[A-Za-z0-9])?$/,
    maxLength: 63,
    fix: 'use at most 63 letters, digits, "_" and ".", starting and ending with a letter or digit; no "-": Vitess tablet aliases are <cell>-<uid>, so a "-" in a cell name breaks them (e.g. us-east-1a → useast1a, see cellNameFromZone)',
  },
  keyspace: {
    what: 'keyspace name',
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-_.]*[A-Za-z0-9])?$/,
    maxLength: 63,
    fix: 'use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters',
  },
  namespace: {
    what: 'namespace name',
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    maxLength: 63,
    fix: "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
  },
  backupLocation: {
    what: 'backup location name',
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-_.]*[A-Za-z0-9])?$/,
    maxLength: 63,
    fix: 'use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters',
  },
  backupSchedule: {
    what: 'schedule name',
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    maxLength: 63,
    fix: 'use letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
  },
  pool: {
    what: 'pool name',
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-_.]*[A-Za-z0-9])?$/,
    maxLength: 63,
    fix: 'use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters',
  },
} satisfies Record<string, NameRule>;

export function checkName(kind: keyof typeof NAME_RULES, field: string, name: string): Problem[] {
  const rule: NameRule = NAME_RULES[kind];
  if (name.length > 0 && name.length <= rule.maxLength && rule.pattern.test(name)) return [];
  return [{ field, message: `'${name}' is not a valid ${rule.what}`, fix: rule.fix }];
}

/** A valid cell name from a zone name: `us-east-1a` → `useast1a`. */
export function cellNameFromZone(zone: string): string {
  return zone.replace(/[^A-Za-z0-9_.]/g, '').replace(/^[_.]+|[_.]+$/g, '');
}

/** Problems for names used twice in one list. */
export function checkUnique(field: string, names: readonly string[], what: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  names.forEach((n, i) => {
    if (seen.has(n)) problems.push({ field: `${field}[${i}]`, message: `${what} '${n}' is defined twice`, fix: `give each ${what} a unique name` });
    seen.add(n);
  });
  return problems;
}

/** Problems for listed cells the cluster does not define (the operator ignores them with an event). */
export function checkCellRefs(field: string, cells: readonly string[] | undefined, defined: readonly string[]): Problem[] {
  return (cells ?? []).flatMap((c, i) => (defined.includes(c) ? [] : [{
    field: `${field}[${i}]`,
    message: `cell '${c}' is not defined; the operator would ignore it`,
    fix: `use one of: ${defined.join(', ')}`,
  }]));
}
