import { App, Chart, Testing, Yaml } from 'cdk8s';
import fc from 'fast-check';
import { AuthSecret } from '../../lib/auth-secret';
import { BackupLocation } from '../../lib/backup-location';
import { BackupMethod, BackupSchedule, BackupStrategy } from '../../lib/backup-schedule';
import { GatewayRolloutStrategy } from '../../lib/gateway-scaling';
import { GlobalEtcd } from '../../lib/global-etcd';
import { Keyspace } from '../../lib/keyspace';
import { Lockserver } from '../../lib/lockserver';
import { MysqlPreset } from '../../lib/mysql';
import { equalKeyRanges, KeyRange, Partitioning } from '../../lib/partitioning';
import { Password } from '../../lib/password';
import { DurabilityPolicy, DURABILITY_RULES, TabletType, TurndownPolicy, UpdateStrategyType } from '../../lib/policies';
import { Warnings } from '../../lib/problems';
import { MysqlVersionId } from '../../lib/releases';
import { ContainerResources } from '../../lib/resources';
import { SecretKeyRef } from '../../lib/secret-ref';
import { VitessCluster } from '../../lib/vitess-cluster';
import { VitessRelease } from '../../lib/vitess-release';
import { VtAdminFetchCredentials, VtAdminRbac } from '../../lib/vtadmin';
import { ZonePlacement } from '../../lib/zone-placement';

/**
 * Plain-data topologies for property-based tests: fast-check generates a `ClusterSpec` (printable, shrinkable,
 * reproducible from the seed), and `build(spec)` turns it into constructs through the public API only.
 *
 * The generators produce VALID input: every choice respects the rules the library documents (names, key ranges,
 * durability vs pools, MySQL versions and field gates per release, memory floors, requests ≤ limits), so any
 * validation error on a generated spec is either a generator bug or a library bug.
 */

// ---------------------------------------------------------------------------------------------------------
// The spec: what a user writes, as data.
// ---------------------------------------------------------------------------------------------------------

export type PartitioningSpec =
  | { readonly kind: 'equal'; readonly parts: number; readonly hexWidth?: number }
  /** Shards by Vitess name (`'-80'`), or as KeyRange objects when `asRanges`. */
  | { readonly kind: 'custom'; readonly shards: readonly string[]; readonly asRanges?: boolean };

export interface PoolSpec {
  /** Cell NAME the pool runs in (passed as the Cell construct when `byConstruct` and the cell exists). */
  readonly cell: string;
  readonly byConstruct?: boolean;
  readonly type: string;
  readonly replicas: number;
  readonly mysqld?: ContainerResources;
  readonly configOverrides?: string;
  readonly vttablet?: ContainerResources;
  readonly exporter?: ContainerResources;
  readonly storageSize?: string;
  readonly storageClassName?: string;
  readonly backupLocationName?: string;
}

export interface KeyspaceSpec {
  readonly name: string;
  readonly durability: string;
  readonly turndown?: string;
  readonly partitionings: readonly PartitioningSpec[];
  readonly pools: readonly PoolSpec[];
  readonly databaseName?: string;
  readonly sidecarDbName?: string;
  readonly vtorc?: { readonly resources?: ContainerResources; readonly pollTime?: string };
  readonly enforceSemiSync?: boolean;
  readonly replication?: { readonly initializeMaster?: boolean; readonly initializeBackup?: boolean; readonly recoverRestartedMaster?: boolean };
  readonly annotations?: Readonly<Record<string, string>>;
}

export type StrategySpec = { readonly kind: 'recreate' } | { readonly kind: 'rolling'; readonly maxUnavailable?: number | string; readonly maxSurge?: number | string };

export interface GatewaySpec {
  readonly replicas?: number;
  readonly resources?: ContainerResources;
  readonly buffering?: boolean;
  readonly authentication?: boolean;
  readonly strategy?: StrategySpec;
  readonly autoscaler?: { readonly minReplicas: number; readonly maxReplicas: number; readonly targetCpuUtilization?: number };
  /** MySQL-protocol TLS from Secret `<tls>` (keys tls.crt, tls.key, optional ca.crt). */
  readonly tls?: { readonly secret: string; readonly clientCA?: boolean; readonly required?: boolean };
}

export interface CellSpec {
  readonly name: string;
  readonly zone?: string;
  readonly operatorZoneField?: boolean;
  readonly gateway?: GatewaySpec;
}

export type LockserverSpec =
  | { readonly kind: 'managed'; readonly resources?: ContainerResources; readonly storageSize?: string }
  | { readonly kind: 'external'; readonly address: string; readonly rootPath: string };

export interface ClusterSpec {
  /** Operator minor, e.g. `2.17` (resolved with VitessRelease.of). */
  readonly release: string;
  readonly name: string;
  readonly namespace: string;
  readonly mysql: MysqlVersionId;
  readonly mysqlResources?: ContainerResources;
  readonly mysqlImage?: string;
  readonly bufferPoolSize?: string;
  readonly users: ReadonlyArray<{ readonly user: string; readonly password: string }>;
  readonly cells: readonly CellSpec[];
  readonly keyspaces: readonly KeyspaceSpec[];
  readonly dashboard?: { readonly replicas?: number; readonly cells?: readonly string[]; readonly readOnly?: boolean; readonly resources?: ContainerResources };
  readonly updateStrategy?: string;
  readonly allowStorageChangesWithoutRelease?: boolean;
  readonly globalLockserver?: LockserverSpec;
  readonly images?: Readonly<Record<string, string>>;
  /** Backup location names ('' = the unnamed default location); pools may point at one. */
  readonly backupLocations?: readonly string[];
  readonly backupSchedule?: BackupScheduleSpec;
  readonly vtadmin?: VtAdminSpec;
}

export interface BackupScheduleSpec {
  readonly name: string;
  readonly cron?: string;
  readonly frequency?: string;
  readonly strategy: { readonly scope: 'cluster' } | { readonly scope: 'keyspace'; readonly keyspace: string } | { readonly scope: 'shard'; readonly keyspace: string; readonly shard: string };
  readonly resources: ContainerResources;
  readonly backupMethod?: string;
  readonly suspend?: boolean;
  readonly successfulJobsHistoryLimit?: number;
  readonly jobTimeoutMinute?: number;
}

export interface VtAdminSpec {
  /** One address for all cells, or one per listed cell. */
  readonly apiAddresses: readonly string[];
  readonly cells?: readonly string[];
  readonly replicas?: number;
  readonly readOnly?: boolean;
  readonly fetchCredentials?: string;
  readonly webResources?: ContainerResources;
  readonly rbac?: 'allowAll' | 'secret';
}

// ---------------------------------------------------------------------------------------------------------
// build: spec → constructs, through the public API only.
// ---------------------------------------------------------------------------------------------------------

export interface Built {
  readonly app: App;
  readonly chart: Chart;
  readonly cluster: VitessCluster;
  readonly release: VitessRelease;
  readonly keyspaces: Keyspace[];
}

export function buildPartitioning(p: PartitioningSpec): Partitioning {
  if (p.kind === 'equal') return Partitioning.equal(p.parts, p.hexWidth !== undefined ? { hexWidth: p.hexWidth } : {});
  return Partitioning.custom(p.asRanges ? p.shards.map(toKeyRange) : p.shards);
}

function toKeyRange(name: string): KeyRange {
  const i = name.indexOf('-');
  return i < 0 ? { start: name, end: '' } : { start: name.slice(0, i), end: name.slice(i + 1) };
}

function buildLockserver(l: LockserverSpec): Lockserver {
  return l.kind === 'managed'
    ? GlobalEtcd.managed({ ...(l.resources ? { resources: l.resources } : {}), ...(l.storageSize !== undefined ? { storageSize: l.storageSize } : {}) })
    : GlobalEtcd.external({ address: l.address, rootPath: l.rootPath });
}

/** Builds the spec into a fresh App (nothing is synthesized yet). */
export function build(spec: ClusterSpec): Built {
  const app = new App({ outdir: 'cdk8s.fuzz.unused' });
  const chart = new Chart(app, 'fuzz', { namespace: spec.namespace });
  const release = VitessRelease.of(spec.release);
  const auth = new AuthSecret(chart, 'auth', { users: spec.users.map((u) => ({ user: u.user, password: Password.plainText(u.password) })) });
  const presetOptions = {
    ...(spec.mysqlResources ? { resources: spec.mysqlResources } : {}),
    ...(spec.mysqlImage !== undefined ? { image: spec.mysqlImage } : {}),
    ...(spec.bufferPoolSize !== undefined ? { bufferPoolSize: spec.bufferPoolSize } : {}),
  };
  const mysql = spec.mysql === '5.7' ? MysqlPreset.mysql57(presetOptions) : spec.mysql === '8.4' ? MysqlPreset.mysql84(presetOptions) : MysqlPreset.mysql80(presetOptions);
  const d = spec.dashboard;
  const cluster = new VitessCluster(chart, 'cluster', {
    name: spec.name,
    release,
    mysql,
    auth,
    ...(d ? { dashboard: { ...(d.replicas !== undefined ? { replicas: d.replicas } : {}), ...(d.cells ? { cells: d.cells } : {}), ...(d.readOnly !== undefined ? { readOnly: d.readOnly } : {}), ...(d.resources ? { resources: d.resources } : {}) } } : {}),
    ...(spec.updateStrategy !== undefined ? { updateStrategy: spec.updateStrategy as UpdateStrategyType } : {}),
    ...(spec.allowStorageChangesWithoutRelease !== undefined ? { allowStorageChangesWithoutRelease: spec.allowStorageChangesWithoutRelease } : {}),
    ...(spec.globalLockserver ? { globalLockserver: buildLockserver(spec.globalLockserver) } : {}),
    ...(spec.images ? { images: spec.images } : {}),
    ...(spec.backupLocations ? {
      backup: {
        locations: spec.backupLocations.map((name, i) => (i % 2 === 0
          ? BackupLocation.gcs({ ...(name ? { name } : {}), bucket: `vitess-backups-${i}` })
          : BackupLocation.s3({ ...(name ? { name } : {}), region: 'eu-west-1', bucket: `vitess-backups-${i}` }))),
        ...(spec.backupSchedule ? { schedules: [buildSchedule(spec.backupSchedule)] } : {}),
      },
    } : {}),
    ...(spec.vtadmin ? { vtadmin: buildVtAdmin(spec.vtadmin) } : {}),
  });
  const cells = spec.cells.map((c, i) => cluster.addCell(`cell${i}`, {
    name: c.name,
    ...(c.zone !== undefined ? { zone: c.zone } : {}),
    ...(c.operatorZoneField ? { zonePlacement: ZonePlacement.operatorZoneField() } : {}),
    ...(c.gateway ? { gateway: buildGateway(c.gateway) } : {}),
  }));
  const keyspaces = spec.keyspaces.map((k, i) => {
    const ks = cluster.addKeyspace(`ks${i}`, {
      name: k.name,
      durabilityPolicy: k.durability as DurabilityPolicy,
      ...(k.turndown !== undefined ? { turndownPolicy: k.turndown as TurndownPolicy } : {}),
      partitionings: k.partitionings.slice(0, 1).map(buildPartitioning),
      ...(k.databaseName !== undefined ? { databaseName: k.databaseName } : {}),
      ...(k.sidecarDbName !== undefined ? { sidecarDbName: k.sidecarDbName } : {}),
      ...(k.vtorc ? { vtorc: { ...(k.vtorc.resources ? { resources: k.vtorc.resources } : {}), ...(k.vtorc.pollTime ? { extraFlags: { 'instance-poll-time': k.vtorc.pollTime } } : {}) } } : {}),
      ...(k.enforceSemiSync !== undefined ? { enforceSemiSync: k.enforceSemiSync } : {}),
      ...(k.replication ? { replication: k.replication } : {}),
      ...(k.annotations ? { annotations: k.annotations } : {}),
    });
    // The second partitioning (a reshard target) goes through addPartitioning, the way users add it later.
    for (const p of k.partitionings.slice(1)) ks.addPartitioning(buildPartitioning(p));
    k.pools.forEach((p, j) => {
      const cell = p.byConstruct ? cells.find((c) => c.name === p.cell) : undefined;
      ks.addTabletPool(`pool${j}`, {
        cell: cell ?? p.cell,
        type: p.type as TabletType,
        replicas: p.replicas,
        ...(p.mysqld || p.configOverrides !== undefined ? { mysqld: { ...(p.mysqld ? { resources: p.mysqld } : {}), ...(p.configOverrides !== undefined ? { configOverrides: p.configOverrides } : {}) } } : {}),
        ...(p.vttablet ? { vttablet: { resources: p.vttablet } } : {}),
        ...(p.exporter ? { mysqldExporter: { resources: p.exporter } } : {}),
        ...(p.storageSize !== undefined || p.storageClassName !== undefined
          ? { storage: { ...(p.storageSize !== undefined ? { size: p.storageSize } : {}), ...(p.storageClassName !== undefined ? { storageClassName: p.storageClassName } : {}) } }
          : {}),
        ...(p.backupLocationName !== undefined ? { backupLocationName: p.backupLocationName } : {}),
      });
    });
    return ks;
  });
  return { app, chart, cluster, release, keyspaces };
}

function buildSchedule(b: BackupScheduleSpec) {
  const st = b.strategy;
  return {
    name: b.name,
    schedule: b.frequency !== undefined ? BackupSchedule.frequency(b.frequency) : BackupSchedule.cron(b.cron ?? ''),
    strategies: [st.scope === 'cluster' ? BackupStrategy.cluster() : st.scope === 'keyspace' ? BackupStrategy.keyspace(st.keyspace) : BackupStrategy.shard(st.keyspace, st.shard)],
    resources: b.resources,
    ...(b.backupMethod !== undefined ? { backupMethod: b.backupMethod as BackupMethod } : {}),
    ...(b.suspend !== undefined ? { suspend: b.suspend } : {}),
    ...(b.successfulJobsHistoryLimit !== undefined ? { successfulJobsHistoryLimit: b.successfulJobsHistoryLimit } : {}),
    ...(b.jobTimeoutMinute !== undefined ? { jobTimeoutMinute: b.jobTimeoutMinute } : {}),
  };
}

function buildVtAdmin(v: VtAdminSpec) {
  return {
    apiAddresses: v.apiAddresses,
    ...(v.cells !== undefined ? { cells: v.cells } : {}),
    ...(v.replicas !== undefined ? { replicas: v.replicas } : {}),
    ...(v.readOnly !== undefined ? { readOnly: v.readOnly } : {}),
    ...(v.fetchCredentials !== undefined ? { fetchCredentials: v.fetchCredentials as VtAdminFetchCredentials } : {}),
    ...(v.webResources ? { webResources: v.webResources } : {}),
    ...(v.rbac ? { rbac: v.rbac === 'allowAll' ? VtAdminRbac.allowAll() : VtAdminRbac.fromSecret(SecretKeyRef.fromSecret('vtadmin-rbac', 'rbac.yaml')) } : {}),
  };
}

function buildGateway(g: GatewaySpec) {
  const s = g.strategy;
  return {
    ...(g.replicas !== undefined ? { replicas: g.replicas } : {}),
    ...(g.resources ? { resources: g.resources } : {}),
    ...(g.buffering ? { extraFlags: { enable_buffer: 'true', buffer_size: '1000', buffer_max_failover_duration: '10s' } } : {}),
    ...(g.authentication !== undefined ? { authentication: g.authentication } : {}),
    ...(s ? { strategy: s.kind === 'recreate' ? GatewayRolloutStrategy.recreate() : GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: s.maxUnavailable, maxSurge: s.maxSurge }) } : {}),
    ...(g.autoscaler ? { autoscaler: g.autoscaler } : {}),
    ...(g.tls ? {
      secureTransport: {
        certSecret: SecretKeyRef.fromSecret(g.tls.secret, 'tls.crt'),
        keySecret: SecretKeyRef.fromSecret(g.tls.secret, 'tls.key'),
        ...(g.tls.clientCA ? { clientCACertSecret: SecretKeyRef.fromSecret(g.tls.secret, 'ca.crt') } : {}),
        ...(g.tls.required !== undefined ? { required: g.tls.required } : {}),
      },
    } : {}),
  };
}

export interface Synthesized {
  readonly built: Built;
  readonly objects: any[];
  readonly warnings: string[];
  /** The chart's manifest as `cdk8s synth` writes it (computed on demand: YAML costs more than the synth). */
  yaml(): string;
}

/**
 * Builds and synthesizes a spec (throws what synth throws). Warnings are collected first, as `synthApp` does
 * before it synthesizes: they must not throw on input that validation is about to reject.
 */
export function synthSpec(spec: ClusterSpec): Synthesized {
  const built = build(spec);
  const warnings = Warnings.collect(built.app);
  const objects = Testing.synth(built.chart);
  return { built, objects, warnings, yaml: () => Yaml.stringify(...objects) };
}

// ---------------------------------------------------------------------------------------------------------
// Generators of valid specs.
// ---------------------------------------------------------------------------------------------------------

const MI_PER_GI = 1024;

/** `1536` → `1536Mi`, `2048` → `2Gi`. */
export function mem(mi: number): string {
  return mi % MI_PER_GI === 0 ? `${mi / MI_PER_GI}Gi` : `${mi}Mi`;
}

/** `250` → `250m`, `2000` → `2`. */
export function cpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Optional field: absent `absentWeight` times for each time it is present (1: half of the cases); shrinks to absent. */
function opt<T>(arb: fc.Arbitrary<T>, absentWeight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ withCrossShrink: true }, { weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/**
 * Arbitraries are built once per distinct key and reused: building them inside `chain` for every generated
 * value costs more than generating with them.
 */
const memo = new Map<string, fc.Arbitrary<any>>();
function memoized<T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let a = memo.get(key);
  if (!a) memo.set(key, (a = make()));
  return a;
}

/**
 * Container resources with requests ≤ limits. `minLimitMi` forces a memory limit of at least that much
 * (mysqld's OOM floor); `cpuRequest` forces a CPU request (the gateway autoscaler needs one).
 */
export function resourcesArb(o: { minLimitMi?: number; maxLimitMi?: number; cpuRequest?: boolean } = {}): fc.Arbitrary<ContainerResources> {
  return memoized(`resources ${JSON.stringify(o)}`, () => makeResourcesArb(o));
}

function makeResourcesArb(o: { minLimitMi?: number; maxLimitMi?: number; cpuRequest?: boolean }): fc.Arbitrary<ContainerResources> {
  const maxMi = o.maxLimitMi ?? 8192;
  const limitMi = o.minLimitMi !== undefined ? fc.integer({ min: o.minLimitMi, max: maxMi }) : opt(fc.integer({ min: 32, max: maxMi }));
  return fc.record({
    limitMi,
    limitCpu: opt(fc.integer({ min: 10, max: 8000 })),
    reqMiFraction: opt(fc.double({ min: 0.05, max: 1, noNaN: true })),
    reqCpuFraction: o.cpuRequest ? fc.double({ min: 0.05, max: 1, noNaN: true }) : opt(fc.double({ min: 0.05, max: 1, noNaN: true })),
    // Usually the canonical spelling (512Mi, 100m); sometimes another exact one (524288Ki, 536870912, 0.5Gi, 0.1).
    spelling: fc.nat({ max: 7 }),
  }).map(({ limitMi: lm, limitCpu, reqMiFraction, reqCpuFraction, spelling }) => {
    const reqMem = reqMiFraction === undefined ? undefined : Math.max(1, Math.floor((lm ?? maxMi) * reqMiFraction));
    const reqCpu = reqCpuFraction === undefined ? undefined : Math.max(1, Math.floor((limitCpu ?? 8000) * reqCpuFraction));
    const m = (mi: number) => memSpelled(mi, spelling);
    const c = (milli: number) => cpuSpelled(milli, spelling);
    const requests = { ...(reqCpu !== undefined ? { cpu: c(reqCpu) } : {}), ...(reqMem !== undefined ? { memory: m(reqMem) } : {}) };
    const limits = { ...(limitCpu !== undefined ? { cpu: c(limitCpu) } : {}), ...(lm !== undefined ? { memory: m(lm) } : {}) };
    return { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
  });
}

/** A memory quantity of exactly `mi` MiB, in one of several Kubernetes spellings. */
function memSpelled(mi: number, spelling: number): string {
  switch (spelling) {
    case 1: return `${mi * 1024}Ki`;
    case 2: return String(mi * 2 ** 20);
    case 3: return mi % 256 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
    default: return mem(mi);
  }
}

/** A CPU quantity of exactly `milli` millicores, in one of several Kubernetes spellings. */
function cpuSpelled(milli: number, spelling: number): string {
  return spelling === 3 && milli % 100 === 0 ? String(milli / 1000) : cpu(milli);
}

/** MySQL's memory floor per version (what MysqlPreset documents: 256Mi for 5.7, 512Mi for 8.x). */
export function mysqldFloorMi(version: MysqlVersionId): number {
  return version === '5.7' ? 256 : 512;
}


// fc.stringMatching costs milliseconds to build, so every pattern is built once here, never inside a chain.

/** DNS labels: cluster and namespace names, usually short, sometimes the full 63 characters. */
export const dnsLabelArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z]([-a-z0-9]{0,28}[a-z0-9])?$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/) },
);
const databaseNameArb = fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/);
const sidecarDbNameArb = fc.stringMatching(/^_vt[a-z0-9_]{0,20}$/);
const annotationsArb = fc.dictionary(fc.stringMatching(/^[a-z]([a-z0-9.-]{0,10}[a-z0-9])?$/), fc.string({ maxLength: 20 }), { maxKeys: 2 });
const userArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);

/** Vitess cell names: letters, digits, `_` and `.`, alphanumeric at both ends. */
export const cellNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('zone1', 'zone2', 'zone3', 'az1', 'az2', 'useast1a', 'euwest1b', 'dc.1', 'z_9') },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9]([_.A-Za-z0-9]{0,20}[A-Za-z0-9])?$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{61}[a-z0-9]$/) },
);

/** Keyspace names: letters, digits, `-`, `_`, `.`, alphanumeric at both ends. */
export const keyspaceNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('commerce', 'customer', 'lookup', 'main', 'adv', 'Orders', 'user-data', 'a') },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9]([-_.A-Za-z0-9]{0,30}[A-Za-z0-9])?$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9][-_.A-Za-z0-9]{61}[A-Za-z0-9]$/) },
);

const zoneArb = fc.oneof(fc.constantFrom('us-east-1a', 'us-east-1b', 'europe-west1-c', 'az1'), fc.stringMatching(/^[a-z0-9]([-a-z0-9_.]{0,20}[a-z0-9])?$/));

/** Custom shard names: cuts are distinct sorted whole bytes (one width per partitioning), never 0 (an empty `-00` shard). */
export function customShardsArb(maxShards = 16): fc.Arbitrary<string[]> {
  return fc.constantFrom(1, 2).chain((bytes) => {
    const max = 256 ** bytes - 1;
    return fc.uniqueArray(fc.integer({ min: 1, max }), { minLength: 0, maxLength: maxShards - 1 }).map((cuts) => {
      const hex = [...cuts].sort((a, b) => a - b).map((c) => c.toString(16).padStart(2 * bytes, '0'));
      const bounds = ['', ...hex, ''];
      return bounds.slice(0, -1).map((start, i) => `${start}-${bounds[i + 1]}`);
    });
  });
}

/** One partitioning valid for the release: hexWidth only from operator 2.16, always even and wide enough. */
export function partitioningArb(release: VitessRelease, maxShards = 16): fc.Arbitrary<PartitioningSpec> {
  return memoized(`partitioning ${release.operatorMinor} ${maxShards}`, () => makePartitioningArb(release, maxShards));
}

function makePartitioningArb(release: VitessRelease, maxShards: number): fc.Arbitrary<PartitioningSpec> {
  const parts = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: maxShards }) }, { weight: 1, arbitrary: fc.constantFrom(32, 100, 256, 257, 1000, 4096) });
  const equal = parts.chain((n) => {
    const widths = [2, 4, 6, 8, 16].filter((w) => 16 ** w >= n);
    const hexWidth = release.atLeast('2.16') ? opt(fc.constantFrom(...widths)) : fc.constant(undefined);
    return hexWidth.map((w): PartitioningSpec => ({ kind: 'equal', parts: n, ...(w !== undefined ? { hexWidth: w } : {}) }));
  });
  const custom = fc.record({ shards: customShardsArb(maxShards), asRanges: fc.boolean() }).map(({ shards, asRanges }): PartitioningSpec => ({ kind: 'custom', shards, ...(asRanges ? { asRanges } : {}) }));
  return fc.oneof({ weight: 3, arbitrary: equal }, { weight: 2, arbitrary: custom });
}

/** Shard names a partitioning spec produces (for picking two partitionings that differ). */
export function shardNamesOf(p: PartitioningSpec): string {
  if (p.kind === 'custom') return p.shards.join();
  return equalKeyRanges(p.parts, p.hexWidth ?? 0).map((r) => `${r.start}-${r.end}`).join();
}

/** One partitioning, or two that produce different shards (resharding). */
export function partitioningsArb(release: VitessRelease): fc.Arbitrary<PartitioningSpec[]> {
  return memoized(`partitionings ${release.operatorMinor}`, () => fc.oneof(
    { weight: 3, arbitrary: partitioningArb(release).map((p) => [p]) },
    { weight: 1, arbitrary: fc.tuple(partitioningArb(release), partitioningArb(release)).filter(([a, b]) => shardNamesOf(a) !== shardNamesOf(b)) },
  ));
}

/** Durability policies the pools of a keyspace support on this release (the rules the library documents). */
export function allowedDurability(pools: readonly PoolSpec[], release: VitessRelease): DurabilityPolicy[] {
  const eligible = pools.filter((p) => p.type === TabletType.REPLICA).reduce((n, p) => n + p.replicas, 0);
  const rdonly = pools.filter((p) => p.type === TabletType.RDONLY).reduce((n, p) => n + p.replicas, 0);
  const eligibleCells = new Set(pools.filter((p) => p.type === TabletType.REPLICA && p.replicas > 0).map((p) => p.cell)).size;
  return Object.values(DurabilityPolicy).filter((policy) => {
    const rule = DURABILITY_RULES[policy];
    if (release.vitessMajor < rule.minVitess) return false;
    if (!rule.semiSync) return true;
    const ackers = eligible - 1 + (rule.rdonlyAck ? rdonly : 0);
    return ackers >= 1 && (!rule.crossCell || eligibleCells >= 2);
  });
}

function poolArb(ctx: GenContext, type: TabletType, cell: string): fc.Arbitrary<PoolSpec> {
  const body = memoized(`pool ${ctx.release.operatorMinor} ${ctx.mysql} ${type} ${JSON.stringify(ctx.backupLocations)}`, () => poolBodyArb(ctx, type));
  return body.map((p) => dropUndefined({ cell, type, ...p }));
}

function poolBodyArb(ctx: GenContext, type: TabletType) {
  const floor = mysqldFloorMi(ctx.mysql);
  return fc.record({
    byConstruct: fc.boolean(),
    replicas: type === TabletType.REPLICA
      ? fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constant(0) })
      : fc.integer({ min: 0, max: 3 }),
    mysqld: opt(resourcesArb({ minLimitMi: floor })),
    configOverrides: opt(fc.constantFrom('lower_case_table_names = 1', '[mysqld]\nmax_connections = 500', 'innodb_buffer_pool_size = 128M', 'innodb_buffer_pool_size = 64G'), 3),
    vttablet: opt(resourcesArb(), 2),
    exporter: ctx.release.atLeast('2.12') ? opt(resourcesArb({ maxLimitMi: 256 }), 3) : fc.constant(undefined),
    storageSize: opt(fc.integer({ min: 1, max: 2000 }).map((n) => `${n}Gi`), 2),
    storageClassName: opt(fc.constantFrom('gp3', 'standard', 'premium-rwo'), 3),
    // Without an unnamed (default) location, every pool must name one.
    backupLocationName: ctx.backupLocations.length === 0 ? fc.constant(undefined)
      : ctx.backupLocations.includes('') ? opt(fc.constantFrom(...ctx.backupLocations)) : fc.constantFrom(...ctx.backupLocations),
  });
}

interface GenContext {
  readonly release: VitessRelease;
  readonly mysql: MysqlVersionId;
  readonly cells: readonly string[];
  readonly backupLocations: readonly string[];
}

function keyspaceArb(ctx: GenContext, name: string): fc.Arbitrary<KeyspaceSpec> {
  const r = ctx.release;
  // A replica pool first (every keyspace needs a primary-eligible one), then up to two more; the CRD keys pools
  // by (type, cell, name), so no two pools of a keyspace share a cell and type.
  const slots = fc.tuple(
    fc.constantFrom(...ctx.cells),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...ctx.cells), fc.constantFrom(TabletType.REPLICA, TabletType.RDONLY)), { maxLength: 2, selector: ([c, t]) => `${c}/${t}` }),
  ).map(([cell, rest]) => [[cell, TabletType.REPLICA] as const, ...rest.filter(([c, t]) => c !== cell || t !== TabletType.REPLICA)]);
  const pools = slots.chain((ss) => fc.tuple(...ss.map(([cell, type]) => poolArb(ctx, type, cell))));
  const rest = memoized(`keyspace ${r.operatorMinor}`, () => fc.record({
    turndown: opt(fc.constantFrom(TurndownPolicy.REQUIRE_IDLE, TurndownPolicy.IMMEDIATE)),
    partitionings: partitioningsArb(r),
    databaseName: opt(databaseNameArb, 3),
    sidecarDbName: r.atLeast('2.15') ? opt(sidecarDbNameArb, 3) : fc.constant(undefined),
    vtorc: r.atLeast('2.8') ? opt(fc.record({ resources: opt(resourcesArb()), pollTime: opt(fc.constantFrom('1s', '3s', '10s')) }), 3) : fc.constant(undefined),
    replication: opt(fc.record({ initializeMaster: fc.boolean(), initializeBackup: fc.boolean(), recoverRestartedMaster: fc.boolean() }), 3),
    annotations: opt(annotationsArb, 4),
  }));
  // Durability and enforceSemiSync follow the pools (enough primary-eligible tablets, cells, rdonly acks).
  return fc.tuple(pools, rest).chain(([ps, k]) => {
    const eligible = ps.filter((p) => p.type === TabletType.REPLICA).reduce((n, p) => n + p.replicas, 0);
    const enforceSemiSync = r.atLeast('2.9') ? fc.constant(undefined) : opt(eligible >= 3 ? fc.boolean() : fc.constant(false), 3);
    return fc.tuple(fc.constantFrom(...allowedDurability(ps, r)), enforceSemiSync)
      .map(([durability, enforce]) => dropUndefined({ name, pools: ps, durability, ...k, enforceSemiSync: enforce }) as KeyspaceSpec);
  });
}

function gatewayArb(release: VitessRelease): fc.Arbitrary<GatewaySpec> {
  return memoized(`gateway ${release.operatorMinor}`, () => makeGatewayArb(release));
}

function makeGatewayArb(release: VitessRelease): fc.Arbitrary<GatewaySpec> {
  const modern = release.atLeast('2.15');
  const autoscaler = fc.integer({ min: 1, max: 4 }).chain((min) => fc.record({
    minReplicas: fc.constant(min),
    maxReplicas: fc.integer({ min, max: min + 6 }),
    targetCpuUtilization: opt(fc.integer({ min: 1, max: 100 })),
  }));
  const strategy: fc.Arbitrary<StrategySpec> = fc.oneof(
    fc.constant({ kind: 'recreate' as const }),
    fc.record({
      kind: fc.constant('rolling' as const),
      maxUnavailable: opt(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`))),
      maxSurge: opt(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 }).map((n) => `${n}%`))),
    }),
  );
  return fc.record({
    replicas: opt(fc.integer({ min: 0, max: 4 })),
    buffering: opt(fc.boolean()),
    authentication: opt(fc.boolean(), 3),
    strategy: modern ? opt(strategy, 2) : fc.constant(undefined),
    autoscaler: modern ? opt(autoscaler, 3) : fc.constant(undefined),
    tls: opt(fc.record({ secret: fc.constantFrom('vtgate-tls', 'tls'), clientCA: opt(fc.boolean()), required: opt(fc.boolean()) }).map(dropUndefined), 3),
  }).chain((g) =>
    // The autoscaler scales on a percentage of the CPU request: with explicit resources, request CPU.
    opt(resourcesArb({ cpuRequest: g.autoscaler !== undefined }), 2).map((resources) => dropUndefined({ ...g, resources })));
}

function cellArb(release: VitessRelease, name: string): fc.Arbitrary<CellSpec> {
  return memoized(`cell ${release.operatorMinor}`, () => fc.record({
    zone: opt(zoneArb, 2),
    operatorZoneField: opt(fc.boolean(), 3),
    gateway: opt(gatewayArb(release), 2),
  })).map((c) => ({ name, ...dropUndefined(c) }));
}

export interface SpecOptions {
  /** Restrict the releases (operator minors), e.g. to make a release-gated mutation meaningful. */
  readonly releases?: readonly string[];
  /** Restrict MySQL versions (intersected with what the release ships). */
  readonly mysql?: readonly MysqlVersionId[];
  readonly minCells?: number;
  readonly maxCells?: number;
  readonly minKeyspaces?: number;
  readonly maxKeyspaces?: number;
}

/** A valid cluster spec. */
export function clusterSpecArb(o: SpecOptions = {}): fc.Arbitrary<ClusterSpec> {
  const minors = o.releases ?? VitessRelease.all().map((r) => r.operatorMinor);
  return fc.constantFrom(...minors).chain((minor) => {
    const release = VitessRelease.of(minor);
    const versions = release.mysqlVersions.filter((v) => !o.mysql || o.mysql.includes(v));
    const shape = memoized(`shape ${minor} ${JSON.stringify(o)}`, () => fc.record({
      mysql: fc.constantFrom(...versions),
      cells: fc.uniqueArray(cellNameArb, { minLength: o.minCells ?? 1, maxLength: o.maxCells ?? 3 }),
      keyspaceNames: fc.uniqueArray(keyspaceNameArb, { minLength: o.minKeyspaces ?? 1, maxLength: o.maxKeyspaces ?? 4 }),
      backupLocations: opt(fc.constantFrom([''], ['', 'archive'], ['primary'], ['primary', 'dr.copy'])),
    }));
    return shape.chain(({ mysql, cells, keyspaceNames, backupLocations }) => {
      const ctx: GenContext = { release, mysql, cells, backupLocations: backupLocations ?? [] };
      return fc.record({
        settings: clusterSettingsArb(release, mysql),
        cells: fc.tuple(...cells.map((c) => cellArb(release, c))),
        keyspaces: fc.tuple(...keyspaceNames.map((k) => keyspaceArb(ctx, k))),
        dashboard: opt(fc.record({
          replicas: opt(fc.integer({ min: 0, max: 3 })),
          cells: opt(fc.subarray(cells, { minLength: 1 })),
          readOnly: opt(fc.boolean()),
          resources: opt(resourcesArb(), 2),
        }).map(dropUndefined), 2),
        vtadmin: opt(vtadminArb(release, cells), 3),
      }).map(({ settings: { allowStorage, ...settings }, ...rest }): ClusterSpec => dropUndefined({
        release: minor,
        mysql,
        ...settings,
        ...rest,
        ...(backupLocations ? { backupLocations } : {}),
        // Only meaningful (and only allowed) with External updates.
        ...(allowStorage && (settings.updateStrategy ?? UpdateStrategyType.EXTERNAL) === UpdateStrategyType.EXTERNAL ? { allowStorageChangesWithoutRelease: true } : {}),
      }) as ClusterSpec).chain((spec) => (spec.backupLocations && release.atLeast('2.13')
        ? opt(backupScheduleArb(release, spec), 2).map((backupSchedule) => dropUndefined({ ...spec, backupSchedule }))
        : fc.constant(spec)));
    });
  });
}

/** vtadmin: one API address for all cells, or one per listed cell; fetchCredentials from operator 2.16. */
function vtadminArb(release: VitessRelease, cells: readonly string[]): fc.Arbitrary<VtAdminSpec> {
  const listed = fc.subarray([...cells], { minLength: 1 }).map((cs) => ({ cells: cs, apiAddresses: cs.map((c, i) => `https://vtadmin-${i}.example.com/${c}`) }));
  const single = opt(fc.subarray([...cells], { minLength: 1 })).map((cs) => dropUndefined({ cells: cs, apiAddresses: ['http://localhost:14001'] }));
  return fc.record({
    where: fc.oneof(single, listed),
    replicas: opt(fc.integer({ min: 0, max: 3 })),
    readOnly: opt(fc.boolean()),
    fetchCredentials: release.atLeast('2.16') ? opt(fc.constantFrom(...Object.values(VtAdminFetchCredentials))) : fc.constant(undefined),
    webResources: opt(resourcesArb(), 2),
    rbac: opt(fc.constantFrom('allowAll' as const, 'secret' as const), 1),
  }).map(({ where, ...v }) => dropUndefined({ ...where, ...v }));
}

/**
 * One scheduled backup (operator 2.13+): cron, or a frequency on the operator's grid (2.17+); a cluster or
 * keyspace strategy from 2.17 (the `scope` field), else one shard strategy, named BackupShard before 2.15.
 */
function backupScheduleArb(release: VitessRelease, spec: ClusterSpec): fc.Arbitrary<BackupScheduleSpec> {
  const ks = spec.keyspaces[0];
  const shards = shardNamesOf(ks.partitionings[0]).split(',');
  const shard = fc.constantFrom(...shards).map((sh) => ({ scope: 'shard' as const, keyspace: ks.name, shard: sh }));
  const strategy = release.atLeast('2.17')
    ? fc.oneof(fc.constant({ scope: 'cluster' as const }), fc.constant({ scope: 'keyspace' as const, keyspace: ks.name }), shard)
    : shard;
  const timing = release.atLeast('2.17')
    ? fc.oneof(fc.record({ cron: fc.constantFrom('0 3 * * *', '@daily', '*/30 * * * *') }), fc.record({ frequency: fc.constantFrom('15m', '1h', '6h', '24h') }))
    : fc.record({ cron: fc.constantFrom('0 3 * * *', '@daily', '*/30 * * * *') });
  return fc.record({
    name: fc.constantFrom('daily', 'every-6h', 'nightly2'),
    timing,
    strategy,
    resources: resourcesArb({ minLimitMi: 256, cpuRequest: true }),
    backupMethod: release.atLeast('2.17') ? opt(fc.constantFrom(...Object.values(BackupMethod))) : fc.constant(undefined),
    suspend: opt(fc.boolean()),
    successfulJobsHistoryLimit: opt(fc.integer({ min: 1, max: 5 })),
    jobTimeoutMinute: opt(fc.integer({ min: 5, max: 600 })),
  }).map(({ timing: t, ...b }) => dropUndefined({ ...t, ...b }) as BackupScheduleSpec);
}

/** Cluster-wide settings that depend only on the release and MySQL version. */
function clusterSettingsArb(release: VitessRelease, mysql: MysqlVersionId) {
  const lite = release.liteImage(mysql)!;
  return memoized(`settings ${release.operatorMinor} ${mysql}`, () => fc.record({
    name: dnsLabelArb,
    namespace: fc.oneof(fc.constantFrom('vitess', 'db', 'default'), dnsLabelArb),
    mysqlResources: opt(resourcesArb({ minLimitMi: mysqldFloorMi(mysql) }), 2),
    mysqlImage: opt(fc.constantFrom(lite, `registry.example.com/${lite}`), 4),
    bufferPoolSize: opt(fc.constantFrom('auto', 'none', '256M'), 3),
    users: fc.uniqueArray(fc.record({ user: userArb, password: fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }) }), { maxLength: 3, selector: (u) => u.user }),
    updateStrategy: opt(fc.constantFrom(UpdateStrategyType.EXTERNAL, UpdateStrategyType.IMMEDIATE)),
    allowStorage: fc.boolean(),
    globalLockserver: opt(fc.oneof(
      fc.record({ kind: fc.constant('managed' as const), resources: opt(resourcesArb()), storageSize: opt(fc.constantFrom('1Gi', '5Gi', '20Gi')) }),
      fc.record({ kind: fc.constant('external' as const), address: fc.constantFrom('etcd-global-client.vitess.svc:2379', '10.0.0.5:2379', 'etcd-1:2379,etcd-2:2379'), rootPath: fc.constantFrom('/vitess/global', '/vitess/prod/global') }),
    ).map((l) => dropUndefined(l) as LockserverSpec), 3),
    images: opt(fc.constantFrom<Readonly<Record<string, string>>>(
      { vtgate: `registry.example.com/${lite}` },
      { vtctld: lite, vtorc: lite },
      { mysqldExporter: release.mysqldExporterImage },
    ), 4),
  }));
}

/** Drops keys whose value is undefined, so printed counterexamples show only what was set. */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------------------
// Run settings.
// ---------------------------------------------------------------------------------------------------------

/**
 * A fixed seed keeps `npm test` reproducible; FUZZ_SEED and FUZZ_RUNS (runs per property, e.g. 5000) explore
 * further. `share` splits FUZZ_RUNS over that many properties (one per mutation).
 */
export function fuzzParams<T>(defaultRuns: number, label: string, share = 1): fc.Parameters<T> {
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
  const runs = process.env.FUZZ_RUNS !== undefined ? Math.max(1, Math.ceil(Number(process.env.FUZZ_RUNS) / share)) : defaultRuns;
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_SEED must be an integer and FUZZ_RUNS a positive one (got '${process.env.FUZZ_SEED}', '${process.env.FUZZ_RUNS}')`);
  return {
    seed,
    numRuns: runs,
    // A failure prints the seed, the replay path and the shrunk counterexample (a plain-data spec).
    reporter: (details) => {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`[${label}] ${fc.defaultReportMessage(details)}\nGot error: ${cause}\n(reproduce with FUZZ_SEED=${details.seed})`);
    },
  };
}

export const DEFAULT_SEED = 20240617;

