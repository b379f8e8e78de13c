import { Problem } from './problems';
import { parseCpu, parseMemory } from './quantity';

/** CPU and memory of one side (requests or limits) of a container's resources. */
export interface ResourceQuantities {
  /** CPU, e.g. `100m` or `1`. @default - none */
  readonly cpu?: string;
  /** Memory, e.g. `512Mi` or `1Gi`. @default - none */
  readonly memory?: string;
}

/** Requests and limits of one container, as in a Kubernetes pod spec. */
export interface ContainerResources {
  /** @default - none */
  readonly requests?: ResourceQuantities;
  /** @default - none */
  readonly limits?: ResourceQuantities;
}

/** The Kubernetes JSON for resources, or undefined when nothing is set. */
export function renderResources(r: ContainerResources | undefined): Record<string, Record<string, string>> | undefined {
  if (!r) return undefined;
  const side = (q?: ResourceQuantities) => {
    const out: Record<string, string> = {};
    if (q?.cpu !== undefined) out.cpu = q.cpu;
    if (q?.memory !== undefined) out.memory = q.memory;
    return Object.keys(out).length ? out : undefined;
  };
  const out: Record<string, Record<string, string>> = {};
  const requests = side(r.requests);
  const limits = side(r.limits);
  if (limits) out.limits = limits;
  if (requests) out.requests = requests;
  return out;
}

/** Unparseable quantities, and requests above their limits (which the API server rejects). */
export function checkResources(field: string, r: ContainerResources | undefined): Problem[] {
  if (!r) return [];
  const problems: Problem[] = [];
  const parsers = { cpu: parseCpu, memory: parseMemory } as const;
  for (const kind of ['cpu', 'memory'] as const) {
    const parse = parsers[kind];
    for (const side of ['requests', 'limits'] as const) {
      const v = r[side]?.[kind];
      if (v !== undefined && parse(v) === undefined) {
        problems.push({ field: `${field}.${side}.${kind}`, message: `'${v}' is not a ${kind} quantity`, fix: kind === 'cpu' ? "write CPU like '100m' or '1'" : "write memory like '512Mi' or '1Gi'" });
      }
    }
    const req = r.requests?.[kind] !== undefined ? parse(r.requests[kind]!) : undefined;
    const lim = r.limits?.[kind] !== undefined ? parse(r.limits[kind]!) : undefined;
    if (req !== undefined && lim !== undefined && req > lim) {
      problems.push({
        field: `${field}.requests.${kind}`,
        message: `request ${r.requests![kind]} is above the limit ${r.limits![kind]}; Kubernetes rejects such pods`,
        fix: `lower the request or raise limits.${kind} to at least ${r.requests![kind]}`,
      });
    }
  }
  return problems;
}
