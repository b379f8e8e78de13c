import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { VitessOperator } from '../../lib/operator/vitess-operator';
import { VitessRelease } from '../../lib/vitess-release';
import { readUpstreamYaml, upstreamDir } from '../support/upstream';

// Default props read the CRDs from $VITESS_OPERATOR_DATA, the same folder the upstream fixtures come from.
process.env.VITESS_OPERATOR_DATA ??= upstreamDir();

/** Where the operator runs (the default) and where the app's VitessCluster lives. */
const OPERATOR_NS = 'default';
const CLUSTER_NS = 'example';

/**
 * The ONLY ways the synthesized install may differ from upstream's `deploy/` of the same tag. Everything
 * else (every CRD, every RBAC rule, ServiceAccount, PriorityClass and the rest of the Deployment) must be equal.
 */
const ALLOWED = {
  /** Upstream's deploy/operator.yaml says `v2.7.3`, `v2.8.2` or `latest`; we pin the tag itself. */
  image: (tag: string) => `planetscale/vitess-operator:${tag}`,
  /**
   * Upstream leaves the operator's namespace to kubectl (and hard-codes `default` in the 2.15+
   * ClusterRoleBinding) and puts the per-cluster objects in `example`; we template both, explicitly.
   */
  namespace: (ns: string | undefined) => (ns === undefined || ns === 'default' ? OPERATOR_NS : ns === 'example' ? CLUSTER_NS : ns),
  /** Upstream's 128Mi limit OOMs; like upstream's e2e install we default to 512Mi. */
  memoryLimit: '512Mi',
  /**
   * WATCH_NAMESPACE: upstream's downward-API value (the operator's own namespace) would never reconcile a
   * cluster in `example`; ours lists the namespaces of the app's VitessClusters (like upstream's e2e
   * `default,example`). When the cluster shares the operator's namespace it is upstream's value unchanged.
   */
  watchNamespace: { value: `${OPERATOR_NS},${CLUSTER_NS}` },
};

/** Upstream's install of a tag: the files its deploy/kustomization.yaml lists, CRDs from the tag's deploy/crds. */
function upstreamInstall(tag: string): any[] {
  const [kustomization] = readUpstreamYaml(tag, 'deploy', 'kustomization.yaml');
  return (kustomization.resources as string[]).flatMap((f) => (f.startsWith('crds/') ? readUpstreamYaml(tag, f.slice(5)) : readUpstreamYaml(tag, 'deploy', f)));
}

/** Applies the allowed differences to a copy of an upstream object. */
function expectedFrom(upstream: any, tag: string, clusterElsewhere: boolean): any {
  const o = structuredClone(upstream);
  if (o.kind === 'CustomResourceDefinition' || o.kind === 'PriorityClass' || o.kind === 'ClusterRole') return o;
  if (o.kind !== 'ClusterRoleBinding') o.metadata.namespace = ALLOWED.namespace(o.metadata.namespace);
  for (const s of o.subjects ?? []) s.namespace = ALLOWED.namespace(s.namespace);
  if (o.kind === 'Deployment') {
    const c = o.spec.template.spec.containers[0];
    c.image = ALLOWED.image(tag);
    c.resources.limits.memory = ALLOWED.memoryLimit;
    if (clusterElsewhere) c.env[0] = { name: 'WATCH_NAMESPACE', ...ALLOWED.watchNamespace };
  }
  return o;
}

const key = (o: any) => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`;

describe("VitessOperator equals upstream's deploy/ install of each release", () => {
  it.each(VitessRelease.all().map((r) => [r.operatorTag, r] as const))('%s', (tag, release) => {
    // Each layout's own topology, read from upstream's files rather than from our release table: ≤ 2.14
    // upstream assumes the cluster in the operator's namespace, 2.15+ ships objects for a cluster namespace
    // (`example`) apart from the operator's.
    const upstream = upstreamInstall(tag);
    const clusterElsewhere = upstream.some((o) => o.metadata.namespace === CLUSTER_NS);
    expect(release.row.rbac).toBe(upstream.some((o) => o.kind === 'ClusterRole') ? 'cluster-role' : 'namespaced-role');
    const app = Testing.app();
    new VitessOperator(app, 'operator', { release });
    const clusters = new Chart(app, 'cluster', { namespace: clusterElsewhere ? CLUSTER_NS : OPERATOR_NS });
    new ApiObject(clusters, 'vt', { apiVersion: 'planetscale.com/v2', kind: 'VitessCluster', metadata: { name: 'example' }, spec: {} });
    app.synth();

    // What is compared is the file in dist/, parsed back: the real artifact, not an in-memory object.
    const files = readdirSync(app.outdir).sort();
    expect(files).toEqual(['0000-operator.k8s.yaml', '0001-cluster.k8s.yaml']);
    const ours = parseAllDocuments(readFileSync(join(app.outdir, files[0]), 'utf8')).map((d) => d.toJS());
    const theirs = upstream.map((o) => expectedFrom(o, tag, clusterElsewhere));

    expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
    const byKey = new Map(ours.map((o) => [key(o), o]));
    for (const expected of theirs) expect(byKey.get(key(expected)), key(expected)).toStrictEqual(expected);
    expect(ours.filter((o) => o.kind === 'CustomResourceDefinition')).toHaveLength(release.crdFiles.length);
  });
});
