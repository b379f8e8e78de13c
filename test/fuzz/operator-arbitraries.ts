import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import { ContainerResources, Cpu, k8s } from 'cdk8s-plus-27';
import fc from 'fast-check';
import { AuthSecret } from '../../lib/auth-secret';
import { MysqlPreset } from '../../lib/mysql';
import { VitessOperator, VitessOperatorProps } from '../../lib/operator/vitess-operator';
import { WatchScope } from '../../lib/operator/watch-scope';
import { TabletType } from '../../lib/policies';
import { Warnings } from '../../lib/problems';
import { VitessCluster } from '../../lib/vitess-cluster';
import { VitessRelease } from '../../lib/vitess-release';
import { dnsLabelArb, dropUndefined } from './arbitraries';

/**
 * Plain-data operator installs for property-based tests: a VitessOperator of one release with 0–2
 * VitessCluster charts of the same release around it, built through the public API only.
 */

export type WatchSpec = { readonly kind: 'clusterNamespaces' } | { readonly kind: 'all' } | { readonly kind: 'namespaces'; readonly names: readonly string[] };

/** Operator container resources in millicores and MiB; absent fields keep the chart's defaults (100m, 128Mi, limit 512Mi). */
export interface ResourcesSpec {
  readonly cpuRequest?: number;
  readonly cpuLimit?: number;
  readonly memoryRequest?: number;
  readonly memoryLimit?: number;
}

export interface ClusterChartSpec {
  /** The chart's namespace; absent: no namespace (counted as `default`, with a warning). */
  readonly namespace?: string;
  /** Operator minor of the cluster's release: the operator's own in valid specs. */
  readonly release: string;
  /** Created before the operator chart (the operator still comes first in the output). */
  readonly beforeOperator: boolean;
}

export interface OperatorSpec {
  readonly release: string;
  readonly namespace?: string;
  readonly createNamespaces?: boolean;
  readonly watch?: WatchSpec;
  readonly resources?: ResourcesSpec;
  readonly imageRegistry?: string;
  readonly imagePullSecrets?: readonly string[];
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly k8s.Toleration[];
  /** Cluster charts `c<i>` (VitessCluster `db<i>`). */
  readonly clusters: readonly ClusterChartSpec[];
  // Mutations only.
  readonly secondOperator?: boolean;
  /** A Namespace object of that name in another chart. */
  readonly namespaceElsewhere?: string;
}

/** The operator chart's construct id: its problems read `[operator] field: …`. */
export const OPERATOR_ID = 'operator';

export const DEFAULT_RESOURCES = { cpuRequest: 100, memoryRequest: 128, memoryLimit: 512 };

export function containerResources(r: ResourcesSpec): ContainerResources {
  return dropUndefined({
    cpu: r.cpuRequest !== undefined || r.cpuLimit !== undefined
      ? dropUndefined({ request: r.cpuRequest !== undefined ? Cpu.millis(r.cpuRequest) : undefined, limit: r.cpuLimit !== undefined ? Cpu.millis(r.cpuLimit) : undefined })
      : undefined,
    // Whole GiB given as gibibytes sometimes: the chart renders MiB either way.
    memory: r.memoryRequest !== undefined || r.memoryLimit !== undefined
      ? dropUndefined({ request: r.memoryRequest !== undefined ? mib(r.memoryRequest) : undefined, limit: r.memoryLimit !== undefined ? mib(r.memoryLimit) : undefined })
      : undefined,
  });
}

const mib = (n: number) => (n % 1024 === 0 ? Size.gibibytes(n / 1024) : Size.mebibytes(n));

export interface BuiltOperator {
  readonly app: App;
  readonly operator: VitessOperator;
  readonly release: VitessRelease;
}

function clusterChart(app: App, i: number, c: ClusterChartSpec): Chart {
  const chart = new Chart(app, `c${i}`, dropUndefined({ namespace: c.namespace }));
  const cluster = new VitessCluster(chart, 'cluster', { name: `db${i}`, release: VitessRelease.of(c.release), mysql: MysqlPreset.mysql80(), auth: new AuthSecret(chart, 'auth', {}) });
  const cell = cluster.addCell('zone1');
  cluster.addKeyspace('commerce').addTabletPool('replica', { cell, type: TabletType.REPLICA, replicas: 1 });
  return chart;
}

/** Builds the spec into a fresh App (throws what the constructors throw). */
export function buildOperator(spec: OperatorSpec): BuiltOperator {
  const app = new App({ outdir: 'cdk8s.fuzz.unused' });
  const release = VitessRelease.of(spec.release);
  spec.clusters.forEach((c, i) => { if (c.beforeOperator) clusterChart(app, i, c); });
  const w = spec.watch;
  const props: VitessOperatorProps = dropUndefined({
    release,
    namespace: spec.namespace,
    createNamespaces: spec.createNamespaces,
    watch: w === undefined ? undefined : w.kind === 'all' ? WatchScope.allNamespaces() : w.kind === 'namespaces' ? WatchScope.namespaces(w.names) : WatchScope.clusterNamespaces(),
    resources: spec.resources && containerResources(spec.resources),
    imageRegistry: spec.imageRegistry,
    imagePullSecrets: spec.imagePullSecrets,
    nodeSelector: spec.nodeSelector,
    tolerations: spec.tolerations,
  });
  const operator = new VitessOperator(app, OPERATOR_ID, props);
  spec.clusters.forEach((c, i) => { if (!c.beforeOperator) clusterChart(app, i, c); });
  if (spec.secondOperator) new VitessOperator(app, 'second-operator', { release, namespace: 'other-operator', crds: false });
  if (spec.namespaceElsewhere !== undefined) {
    new ApiObject(new Chart(app, 'namespaces'), 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: spec.namespaceElsewhere } });
  }
  return { app, operator, release };
}

export interface SynthesizedOperator {
  readonly built: BuiltOperator;
  readonly warnings: string[];
  /** The operator chart's objects (synthesizing it validates the whole app). */
  readonly objects: any[];
}

export function synthOperator(spec: OperatorSpec): SynthesizedOperator {
  const built = buildOperator(spec);
  const warnings = Warnings.collect(built.app);
  return { built, warnings, objects: Testing.synth(built.operator) };
}

// ---------------------------------------------------------------------------------------------------------
// Generators of valid installs.
// ---------------------------------------------------------------------------------------------------------

function opt<T>(arb: fc.Arbitrary<T>, absentWeight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ withCrossShrink: true }, { weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const namespaceArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('vitess', 'vitess-system', 'db', 'apps', 'tenant-a', 'default', 'kube-system') }, { weight: 1, arbitrary: dnsLabelArb });

/** Requests ≤ limits, the chart's defaults counted (a CPU limit below the default 100m request needs a lower request). */
export const resourcesArb: fc.Arbitrary<ResourcesSpec> = fc.record({
  // Limits above and below the default requests (100m, 128Mi) and the default memory limit (512Mi).
  cpuLimit: opt(fc.oneof(fc.integer({ min: 100, max: 4000 }), fc.integer({ min: 10, max: 99 }))),
  cpuFraction: opt(fc.double({ min: 0.01, max: 1, noNaN: true })),
  memoryLimit: opt(fc.oneof(fc.integer({ min: 512, max: 4096 }), fc.integer({ min: 32, max: 511 }), fc.constantFrom(1024, 2048))),
  memoryFraction: opt(fc.double({ min: 0.01, max: 1, noNaN: true })),
}).map(({ cpuLimit, cpuFraction, memoryLimit, memoryFraction }) => {
  const cpuCap = cpuLimit ?? 4000;
  const memCap = memoryLimit ?? DEFAULT_RESOURCES.memoryLimit;
  // Without an explicit request the default one stays: a limit below it needs a request.
  const cpuRequest = cpuFraction !== undefined || cpuCap < DEFAULT_RESOURCES.cpuRequest ? Math.max(1, Math.floor(cpuCap * (cpuFraction ?? 0.5))) : undefined;
  const memoryRequest = memoryFraction !== undefined || memCap < DEFAULT_RESOURCES.memoryRequest ? Math.max(1, Math.floor(memCap * (memoryFraction ?? 0.5))) : undefined;
  return dropUndefined({ cpuRequest, cpuLimit, memoryRequest, memoryLimit });
});

const registryArb = fc.constantFrom('registry.example.com', 'registry.example.com:5000/hub/', 'mirror.gcr.io', 'localhost:5000', 'r.example.com/a/b-c', '10.0.0.1:5000/mirror', 'Registry.Example.com/dockerhub');
const tolerationsArb = fc.subarray<k8s.Toleration>([
  { key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists' },
], { minLength: 1 });
const nodeSelectorArb = fc.subarray([['kubernetes.io/os', 'linux'], ['pool', 'system'], ['node.kubernetes.io/instance-type', 'm5.large']] as const, { minLength: 1 })
  .map((kv) => Object.fromEntries(kv));

export interface OperatorOptions {
  readonly releases?: readonly string[];
  readonly minClusters?: number;
  /** Leave the watch scope to the default or clusterNamespaces(), never an explicit list or all. */
  readonly watchFollowsClusters?: boolean;
}

/** A valid install: every cluster on the operator's release and watched. */
export function operatorSpecArb(o: OperatorOptions = {}): fc.Arbitrary<OperatorSpec> {
  const minors = o.releases ?? VitessRelease.all().map((r) => r.operatorMinor);
  return fc.record({
    release: fc.constantFrom(...minors),
    namespace: opt(namespaceArb, 1),
    createNamespaces: opt(fc.boolean(), 1),
    clusters: fc.array(fc.record({ namespace: opt(namespaceArb, 4), beforeOperator: fc.boolean() }), { minLength: o.minClusters ?? 0, maxLength: 2 }),
    watchKind: fc.constantFrom(...(o.watchFollowsClusters ? ['default', 'clusterNamespaces'] as const : ['default', 'clusterNamespaces', 'all', 'namespaces'] as const)),
    extraWatched: fc.uniqueArray(namespaceArb, { maxLength: 2 }),
    resources: opt(resourcesArb, 1),
    imageRegistry: opt(registryArb, 1),
    imagePullSecrets: opt(fc.uniqueArray(fc.constantFrom('regcred', 'dockerhub-pull', 'mirror-creds'), { maxLength: 2 }), 1),
    nodeSelector: opt(nodeSelectorArb, 2),
    tolerations: opt(tolerationsArb, 2),
  }).map(({ release, clusters, watchKind, extraWatched, ...rest }): OperatorSpec => {
    const cs = clusters.map((c) => dropUndefined({ ...c, release }));
    // An explicit list holds every cluster's namespace (unset: default), plus extras; never empty.
    const names = [...new Set([...cs.map((c) => c.namespace ?? 'default'), ...extraWatched])];
    const watch: WatchSpec | undefined = watchKind === 'default' ? undefined
      : watchKind === 'namespaces' ? { kind: 'namespaces', names: names.length ? names : [rest.namespace ?? 'default'] } : { kind: watchKind };
    return dropUndefined({ release, ...rest, watch, clusters: cs }) as OperatorSpec;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Mutations.
// ---------------------------------------------------------------------------------------------------------

export interface OperatorMutated {
  readonly spec: OperatorSpec;
  readonly path: string;
  readonly field: string;
}

export interface OperatorMutation {
  readonly name: string;
  readonly base?: OperatorOptions;
  readonly apply: (spec: OperatorSpec) => fc.Arbitrary<OperatorMutated>;
}

const BAD_NAMESPACES = ['Bad_NS', 'a.b', '-vitess', 'vitess-', 'x'.repeat(64), '', 'vitess system', 'vitess\n', 'VITESS', 'ä'];

export const OPERATOR_MUTATIONS: readonly OperatorMutation[] = [
  {
    name: 'operator namespace not a namespace name',
    apply: (spec) => fc.constantFrom(...BAD_NAMESPACES).map((namespace) => ({ spec: { ...spec, namespace }, path: OPERATOR_ID, field: 'namespace' })),
  },
  {
    name: 'cluster namespace not a namespace name',
    base: { minClusters: 1, watchFollowsClusters: true },
    apply: (spec) => fc.tuple(fc.nat({ max: spec.clusters.length - 1 }), fc.constantFrom(...BAD_NAMESPACES.filter((n) => n !== ''))).map(([i, namespace]) => ({
      spec: { ...spec, clusters: spec.clusters.map((c, j) => (j === i ? { ...c, namespace } : c)) }, path: `c${i}/cluster`, field: 'namespace',
    })),
  },
  {
    name: 'CPU or memory request above its limit (the defaults count)',
    apply: (spec) => fc.tuple(fc.constantFrom('cpu', 'memory'), fc.boolean(), fc.integer({ min: 2, max: 8 })).map(([kind, defaultRequest, factor]) => {
      const resources: ResourcesSpec = kind === 'cpu'
        ? (defaultRequest ? { cpuLimit: Math.floor(DEFAULT_RESOURCES.cpuRequest / factor) } : { cpuRequest: 250 * factor, cpuLimit: 250 })
        : (defaultRequest ? { memoryLimit: Math.floor(DEFAULT_RESOURCES.memoryRequest / factor) } : { memoryRequest: DEFAULT_RESOURCES.memoryLimit * factor });
      return { spec: { ...spec, resources }, path: OPERATOR_ID, field: `resources.${kind}` };
    }),
  },
  {
    name: 'a cluster on a Vitess major two or more away from the operator',
    base: { minClusters: 1, watchFollowsClusters: true },
    apply: (spec) => {
      const major = VitessRelease.of(spec.release).vitessMajor;
      const far = VitessRelease.all().filter((r) => Math.abs(r.vitessMajor - major) >= 2).map((r) => r.operatorMinor);
      return fc.tuple(fc.nat({ max: spec.clusters.length - 1 }), fc.constantFrom(...far)).map(([i, release]) => ({
        spec: { ...spec, clusters: spec.clusters.map((c, j) => (j === i ? { ...c, release } : c)) }, path: OPERATOR_ID, field: 'release',
      }));
    },
  },
  {
    name: 'malformed image registry',
    apply: (spec) => fc.constantFrom('https://registry.example.com', 'http://mirror/x', 'registry.example.com/hub:v1', 'registry.example.com/hub@sha256:abc', '', '/', ' ',
      'registry example.com', 'registry.example.com/Hub', 'registry.example.com//hub', '-registry.example.com', 'registry.example.com/hub\n')
      .map((imageRegistry) => ({ spec: { ...spec, imageRegistry }, path: OPERATOR_ID, field: 'imageRegistry' })),
  },
  {
    name: 'a cluster outside an explicit watch list',
    base: { minClusters: 1 },
    apply: (spec) => fc.constantFrom('elsewhere', 'not-watched').filter((n) => !spec.clusters.some((c) => (c.namespace ?? 'default') === n)).map((n) => ({
      spec: { ...spec, watch: { kind: 'namespaces', names: [n] } }, path: OPERATOR_ID, field: 'watch',
    })),
  },
  {
    name: 'a second VitessOperator in the app',
    apply: (spec) => fc.constant({ spec: { ...spec, secondOperator: true }, path: OPERATOR_ID, field: 'release' }),
  },
  {
    name: 'createNamespaces with a namespace defined in another chart',
    apply: (spec) => fc.constantFrom('vitess', 'vitess-system', 'ops').map((ns) => ({
      spec: { ...spec, namespace: ns, createNamespaces: true, namespaceElsewhere: ns }, path: OPERATOR_ID, field: 'createNamespaces',
    })),
  },
];
