import type { FederationMember } from './federation';
import { Problem } from './problems';
import { partitioningShards } from './topology';

/*
 * What every member of a Federation must render identically (facts §4, "should be identical"): the cluster
 * name, global lockserver, images, backup locations and each keyspace's definition and shards. Read from the
 * rendered VitessClusters, so changes made through `member.cluster` are seen too.
 */

export interface RenderedCluster {
  readonly metadata?: { readonly name?: string };
  readonly spec?: Record<string, any>;
}

/** A member's VitessCluster as it will be written; empty if rendering fails (the member's own checks report why). */
export function rendered(m: FederationMember): RenderedCluster {
  try {
    return m.cluster.resource.toJson() as RenderedCluster;
  } catch {
    return {};
  }
}

export function shardTemplates(vc: RenderedCluster, keyspace: string): Array<Record<string, any>> {
  const ks = (vc.spec?.keyspaces ?? []).find((k: any) => k.name === keyspace);
  return (ks?.partitionings ?? []).flatMap((p: any) => partitioningShards(p).map((shard) => shard.template));
}

/** What must be identical in every member: name, global lockserver, images, backup locations, keyspaces and their shards. */
function sharedView(vc: RenderedCluster): Record<string, unknown> {
  const s = vc.spec ?? {};
  const global = s.globalLockserver ? structuredClone(s.globalLockserver) : undefined;
  if (global?.etcd) delete global.etcd.localMemberIndex;
  return {
    name: vc.metadata?.name,
    globalLockserver: global,
    images: s.images,
    backup: s.backup && { engine: s.backup.engine, locations: s.backup.locations },
    keyspaces: Object.fromEntries((s.keyspaces ?? []).map((k: any) => [k.name, {
      databaseName: k.databaseName,
      durabilityPolicy: k.durabilityPolicy,
      sidecarDbName: k.sidecarDbName,
      images: k.images,
      partitionings: (k.partitionings ?? []).map((p: any) => (p.equal
        ? { equal: { parts: p.equal.parts, hexWidth: p.equal.hexWidth } }
        : { custom: (p.custom?.shards ?? []).map((x: any) => x.keyRange) })),
    }])),
  };
}

export function checkSharedSpecs(members: FederationMember[], specs: Map<FederationMember, RenderedCluster>): Problem[] {
  const [first, ...rest] = members;
  const base = sharedView(specs.get(first)!);
  return rest.flatMap((m) => {
    const d = firstDifference(base, sharedView(specs.get(m)!), '');
    if (!d) return [];
    const ks = /^keyspaces\.([^.]+)$/.exec(d.path);
    const message = ks && (d.a === undefined || d.b === undefined)
      ? `keyspace '${ks[1]}' exists in member '${d.a === undefined ? m.node.id : first.node.id}' only, so the operators disagree about which keyspaces exist`
      : `member '${m.node.id}' differs from member '${first.node.id}' in ${d.path}: ${show(d.b)} instead of ${show(d.a)}`;
    return [{ field: `members.${m.node.id}`, message, fix: 'declare shared things once on the Federation (its props and federation.addKeyspace) and leave them alone in member.cluster' }];
  });
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } | undefined {
  if (canonical(a) === canonical(b)) return undefined;
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (bothObjects && (!Array.isArray(a) || (a as unknown[]).length === (b as unknown[]).length)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as any)[k], (b as any)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return { path: path || '(spec)', a, b };
}

/** JSON with sorted keys, so key order never counts as a difference. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q))) : x)) ?? 'undefined';
}

function show(v: unknown): string {
  if (v === undefined) return '(not set)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
