import { App, Testing, Yaml } from 'cdk8s';
import fc from 'fast-check';
import { AuthSecretProps } from '../../lib/auth-secret';
import { BackupLocation } from '../../lib/backup-location';
import { Cell } from '../../lib/cell';
import { CellsToWatch, FederatedKeyspace, Federation, FederationMember } from '../../lib/federation';
import { GlobalEtcd } from '../../lib/global-etcd';
import { Lockserver } from '../../lib/lockserver';
import { MysqlPreset } from '../../lib/mysql';
import { Password } from '../../lib/password';
import { DurabilityPolicy, TabletType, TurndownPolicy, UpdateStrategyType } from '../../lib/policies';
import { Warnings } from '../../lib/problems';
import { MysqlVersionId } from '../../lib/releases';
import { VitessRelease } from '../../lib/vitess-release';
import { allowedDurability, buildPartitioning, cellNameArb, dnsLabelArb, dropUndefined, keyspaceNameArb, partitioningArb, PartitioningSpec, PoolSpec, shardNamesOf } from './arbitraries';

/**
 * Plain-data federations (one Vitess cluster over 2–3 Kubernetes clusters) for property-based tests, built
 * through the public Federation API only: `federationSpecArb()` generates VALID specs (the rules the library
 * documents for federations), `buildFederation(spec)` turns one into constructs in a fresh App.
 */

// ---------------------------------------------------------------------------------------------------------
// The spec.
// ---------------------------------------------------------------------------------------------------------

export type CellLockserverSpec =
  | { readonly kind: 'managed'; readonly cellInfoAddress?: string; readonly storageSize?: string }
  | { readonly kind: 'external'; readonly address: string; readonly rootPath: string };

export type GlobalLockserverSpec =
  | { readonly kind: 'external'; readonly address: string; readonly rootPath: string }
  /** One operator-managed etcd whose 3 members run one per member (`etcdMemberIndex`). */
  | { readonly kind: 'managed'; readonly advertisePeerURLs: readonly string[] };

export interface FedCellSpec {
  readonly name: string;
  readonly zone?: string;
  /** Absent only in mutations (the federation then warns); valid specs give every cell its own lockserver. */
  readonly lockserver?: CellLockserverSpec;
  readonly gatewayReplicas?: number;
}

/** A pool of a shared keyspace in one member; `cell` may name a cell of another member only in mutations. */
export type FedPoolSpec = Pick<PoolSpec, 'cell' | 'type' | 'replicas' | 'byConstruct'>;

export interface FedMemberSpec {
  /** Construct id, chart and output file name (`<id>.k8s.yaml`). */
  readonly id: string;
  readonly namespace?: string;
  readonly etcdMemberIndex?: number;
  readonly cellsToWatch?: CellsToWatch;
  readonly cells: readonly FedCellSpec[];
  /** `pools[k]`: this member's pools of shared keyspace k (pool construct ids `pool<j>`). */
  readonly pools: ReadonlyArray<readonly FedPoolSpec[]>;
}

export interface FedKeyspaceSpec {
  readonly name: string;
  readonly durability: string;
  readonly partitionings: readonly PartitioningSpec[];
  readonly turndown?: string;
  readonly databaseName?: string;
}

/** A keyspace added to one member's VitessCluster directly (the `member.cluster` escape hatch): mutations only. */
export interface LocalKeyspaceSpec {
  readonly member: number;
  readonly name: string;
  readonly pools: readonly FedPoolSpec[];
}

export interface FederationSpec {
  /** Operator minor (VitessRelease.of). */
  readonly release: string;
  readonly mysql: MysqlVersionId;
  /** VitessCluster name of every member. @default the federation's construct id, `fed` */
  readonly clusterName?: string;
  readonly namespace?: string;
  readonly globalLockserver: GlobalLockserverSpec;
  readonly bootstrapMember?: string;
  readonly cellsToWatch?: CellsToWatch;
  readonly users: ReadonlyArray<{ readonly user: string; readonly password: string }>;
  readonly backup?: boolean;
  readonly updateStrategy?: string;
  readonly dashboardReplicas?: number;
  /** Keyspaces declared (federation.addKeyspace) before the members are added, or after (both are supported). */
  readonly keyspacesFirst: boolean;
  readonly keyspaces: readonly FedKeyspaceSpec[];
  readonly members: readonly FedMemberSpec[];
  // Escape-hatch edits, used by mutations only.
  readonly localKeyspaces?: readonly LocalKeyspaceSpec[];
  /** `member.keyspace(k).addPartitioning(...)` in one member only. */
  readonly extraPartitioning?: { readonly member: number; readonly keyspace: number; readonly partitioning: PartitioningSpec };
}

/** The federation's construct id; its problems read `[fed] members.<id>...`. */
export const FED_ID = 'fed';

// ---------------------------------------------------------------------------------------------------------
// build: spec → constructs (public API only).
// ---------------------------------------------------------------------------------------------------------

export interface BuiltFederation {
  readonly app: App;
  readonly federation: Federation;
  readonly members: FederationMember[];
  readonly release: VitessRelease;
}

function mysqlPreset(v: MysqlVersionId) {
  return v === '5.7' ? MysqlPreset.mysql57() : v === '8.4' ? MysqlPreset.mysql84() : MysqlPreset.mysql80();
}

function cellLockserver(l: CellLockserverSpec): Lockserver {
  return l.kind === 'managed'
    ? Lockserver.managedEtcd(dropUndefined({ cellInfoAddress: l.cellInfoAddress, storageSize: l.storageSize }))
    : Lockserver.external({ address: l.address, rootPath: l.rootPath });
}

export function buildFederation(spec: FederationSpec): BuiltFederation {
  const app = new App({ outdir: 'cdk8s.fuzz.unused' });
  const release = VitessRelease.of(spec.release);
  const g = spec.globalLockserver;
  const auth: AuthSecretProps | undefined = spec.users.length ? { users: spec.users.map((u) => ({ user: u.user, password: Password.plainText(u.password) })) } : undefined;
  const federation = new Federation(app, FED_ID, dropUndefined({
    clusterName: spec.clusterName,
    namespace: spec.namespace,
    globalLockserver: g.kind === 'external' ? GlobalEtcd.external({ address: g.address, rootPath: g.rootPath }) : GlobalEtcd.managed({ advertisePeerURLs: g.advertisePeerURLs }),
    bootstrapMember: spec.bootstrapMember,
    cellsToWatch: spec.cellsToWatch,
    auth,
    cluster: dropUndefined({
      release,
      mysql: mysqlPreset(spec.mysql),
      backup: spec.backup ? { locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'fuzz-federation-backups' })] } : undefined,
      updateStrategy: spec.updateStrategy as UpdateStrategyType | undefined,
      dashboard: spec.dashboardReplicas !== undefined ? { replicas: spec.dashboardReplicas } : undefined,
    }),
  }));
  const declare = () => spec.keyspaces.map((k, i) => federation.addKeyspace(`ks${i}`, dropUndefined({
    name: k.name,
    durabilityPolicy: k.durability as DurabilityPolicy,
    partitionings: k.partitionings.map(buildPartitioning),
    turndownPolicy: k.turndown as TurndownPolicy | undefined,
    databaseName: k.databaseName,
  })));
  let handles: FederatedKeyspace[] = spec.keyspacesFirst ? declare() : [];
  const members = spec.members.map((m) => {
    const member = federation.addMember(m.id, dropUndefined({ namespace: m.namespace, etcdMemberIndex: m.etcdMemberIndex, cellsToWatch: m.cellsToWatch }));
    const cells = m.cells.map((c, j) => member.addCell(`cell${j}`, dropUndefined({
      name: c.name,
      zone: c.zone,
      lockserver: c.lockserver && cellLockserver(c.lockserver),
      gateway: c.gatewayReplicas !== undefined ? { replicas: c.gatewayReplicas } : undefined,
    })));
    return { member, cells };
  });
  if (!spec.keyspacesFirst) handles = declare();
  const pool = (cells: Cell[], p: FedPoolSpec) => ({
    // A Cell construct when asked and the member has that cell; the name otherwise (also for another member's cell).
    cell: (p.byConstruct ? cells.find((c) => c.name === p.cell) : undefined) ?? p.cell,
    type: p.type as TabletType,
    replicas: p.replicas,
  });
  spec.members.forEach((m, i) => m.pools.forEach((pools, k) => pools.forEach((p, j) => {
    members[i].member.keyspace(handles[k]).addTabletPool(`pool${j}`, pool(members[i].cells, p));
  })));
  (spec.localKeyspaces ?? []).forEach((l, i) => {
    const { member, cells } = members[l.member];
    const ks = member.cluster.addKeyspace(`local${i}`, { name: l.name });
    l.pools.forEach((p, j) => ks.addTabletPool(`pool${j}`, pool(cells, p)));
  });
  const x = spec.extraPartitioning;
  if (x) members[x.member].member.keyspace(handles[x.keyspace]).addPartitioning(buildPartitioning(x.partitioning));
  return { app, federation, members: members.map((m) => m.member), release };
}

export interface SynthesizedFederation {
  readonly built: BuiltFederation;
  readonly warnings: string[];
  /** Every member chart, in member order: its objects and (on demand) its YAML as `cdk8s synth` writes it. */
  readonly charts: ReadonlyArray<{ readonly id: string; readonly objects: any[]; yaml(): string }>;
}

/** Builds and synthesizes every member chart (throws what synth throws); warnings are collected first, as synthApp does. */
export function synthFederation(spec: FederationSpec): SynthesizedFederation {
  const built = buildFederation(spec);
  const warnings = Warnings.collect(built.app);
  const charts = built.members.map((m) => {
    const objects = Testing.synth(m);
    return { id: m.node.id, objects, yaml: () => Yaml.stringify(...objects) };
  });
  return { built, warnings, charts };
}

// ---------------------------------------------------------------------------------------------------------
// Generators of valid federations.
// ---------------------------------------------------------------------------------------------------------

function opt<T>(arb: fc.Arbitrary<T>, absentWeight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ withCrossShrink: true }, { weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** Member ids: chart ids and file names, siblings of the federation in the App (so never its id). */
const memberIdArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('useast1', 'uswest2', 'euwest1', 'apsouth1', 'dc1', 'dc-2') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/) },
).filter((id) => id !== FED_ID);

/** Hosts every Kubernetes cluster resolves: DNS names outside the cluster domain, or IPs. */
const externalHostArb = fc.oneof(
  fc.constantFrom('etcd-global-1.example.net', 'topo.internal.example.com', '10.20.0.5', 'etcd.prod.vitess.example.org', 'svc.example.net'),
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.constantFrom('example.net', 'corp.example.com', 'internal')).map(([h, d]) => `${h}.${d}`),
);
const portArb = fc.constantFrom(2379, 2379, 12379, 443);

// fc.stringMatching costs milliseconds to build: every pattern is built once, here, never inside a chain.
const userArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const databaseNameArb = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
const zoneArb = fc.constantFrom('us-east-1a', 'us-west-2b', 'europe-west1-c', 'az1');

/** A cell lockserver other Kubernetes clusters reach: a managed etcd advertised at an external address, or an external one. */
function cellLockserverArb(cellIndex: number): fc.Arbitrary<CellLockserverSpec> {
  const host = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('example.net', 'vitess.corp.example.com', 'internal', 'svc.example.org').map((d) => `etcd-c${cellIndex}.${d}`) },
    { weight: 1, arbitrary: fc.constant(`10.${cellIndex}.0.5`) },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ host, port: portArb, storageSize: opt(fc.constantFrom('1Gi', '5Gi'), 2) })
      .map(({ host: h, port, storageSize }) => dropUndefined({ kind: 'managed' as const, cellInfoAddress: `${h}:${port}`, storageSize })) },
    { weight: 1, arbitrary: fc.tuple(host, fc.constantFrom('/vitess/cells', '/topo')).map(([h, root]) => ({ kind: 'external' as const, address: `${h}:2379`, rootPath: `${root}/c${cellIndex}` })) },
  );
}

function cellArb(name: string, index: number): fc.Arbitrary<FedCellSpec> {
  return fc.record({
    zone: opt(zoneArb, 2),
    lockserver: cellLockserverArb(index),
    gatewayReplicas: opt(fc.integer({ min: 1, max: 3 }), 2),
  }).map((c) => dropUndefined({ name, ...c }));
}

/**
 * The pools of one member for one keyspace: up to 2 in its own cells, unique by (cell, type). The bootstrap
 * member gets a replica pool with tablets first, since its operator elects the first primary among them.
 */
function memberPoolsArb(cells: readonly string[], bootstrap: boolean): fc.Arbitrary<FedPoolSpec[]> {
  const slot = fc.tuple(fc.constantFrom(...cells), fc.constantFrom(TabletType.REPLICA, TabletType.RDONLY));
  const rest = fc.uniqueArray(slot, { maxLength: 2, selector: ([c, t]) => `${c}/${t}` });
  const first = bootstrap ? fc.constantFrom(...cells).map((c) => [[c, TabletType.REPLICA] as const]) : fc.constant([] as Array<readonly [string, TabletType]>);
  return fc.tuple(first, rest).chain(([f, r]) => {
    const slots = [...f, ...r.filter(([c, t]) => !f.some(([fcell, ftype]) => fcell === c && ftype === t))].slice(0, 2);
    return fc.tuple(...slots.map(([cell, type], i) => fc.record({
      replicas: bootstrap && i === 0 ? fc.integer({ min: 1, max: 3 }) : fc.integer({ min: 0, max: 3 }),
      byConstruct: fc.boolean(),
    }).map(({ replicas, byConstruct }): FedPoolSpec => ({ cell, type, replicas, ...(byConstruct ? { byConstruct } : {}) }))));
  });
}

/**
 * One partitioning of up to 6 shards, or two different ones (resharding): what federations add is members, not
 * shard layouts, which the single-cluster properties cover up to 16 shards (and every shard repeats the
 * pools in the YAML each run compares). Built once per release.
 */
const partitionings = new Map<string, fc.Arbitrary<PartitioningSpec[]>>();
function partitioningsArb(release: VitessRelease): fc.Arbitrary<PartitioningSpec[]> {
  let a = partitionings.get(release.operatorMinor);
  if (!a) {
    const one = partitioningArb(release, 6);
    a = fc.oneof(
      { weight: 3, arbitrary: one.map((p) => [p]) },
      { weight: 1, arbitrary: fc.tuple(one, one).filter(([x, y]) => shardNamesOf(x) !== shardNamesOf(y)) },
    );
    partitionings.set(release.operatorMinor, a);
  }
  return a;
}

export interface FederationOptions {
  readonly releases?: readonly string[];
  readonly minMembers?: number;
  readonly maxMembers?: number;
  /** Force the global lockserver kind (a managed one needs exactly 3 members). */
  readonly global?: 'external' | 'managed';
}

/** A valid federation spec. */
export function federationSpecArb(o: FederationOptions = {}): fc.Arbitrary<FederationSpec> {
  const minors = o.releases ?? VitessRelease.all().map((r) => r.operatorMinor);
  const minMembers = o.global === 'managed' ? 3 : o.minMembers ?? 2;
  const maxMembers = o.global === 'managed' ? 3 : o.maxMembers ?? 3;
  const shape = fc.record({
    minor: fc.constantFrom(...minors),
    memberIds: fc.uniqueArray(memberIdArb, { minLength: minMembers, maxLength: maxMembers }),
    cellsPerMember: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 3 }),
    // Cell names are global in Vitess topology: unique over the whole federation.
    cellNames: fc.uniqueArray(cellNameArb, { minLength: 6, maxLength: 6 }),
    keyspaceNames: fc.uniqueArray(keyspaceNameArb, { minLength: 1, maxLength: 3 }),
    bootstrapIndex: opt(fc.nat({ max: 2 })),
  });
  return shape.chain(({ minor, memberIds, cellsPerMember, cellNames, keyspaceNames, bootstrapIndex }) => {
    const release = VitessRelease.of(minor);
    const n = memberIds.length;
    const boot = bootstrapIndex === undefined ? 0 : bootstrapIndex % n;
    let next = 0;
    const memberCells = memberIds.map((_, i) => cellNames.slice(next, (next += cellsPerMember[i])));
    const kinds = o.global ? [o.global] : n === 3 ? ['external', 'managed'] as const : ['external'] as const;
    const global = fc.constantFrom(...kinds).chain((kind): fc.Arbitrary<GlobalLockserverSpec> => (kind === 'external'
      ? fc.record({ hosts: fc.uniqueArray(externalHostArb, { minLength: 1, maxLength: 3 }), root: fc.constantFrom('/vitess/global', '/vitess/prod/global') })
        .map(({ hosts, root }) => ({ kind, address: hosts.map((h) => `${h}:2379`).join(','), rootPath: root }))
      : fc.constantFrom('etcd.example.net', 'topo.corp.example.com', 'internal').map((d) => ({ kind, advertisePeerURLs: [1, 2, 3].map((i) => `http://etcd-${i}.${d}:2380`) }))));
    const members = fc.tuple(...memberIds.map((id, i) => fc.record({
      namespace: opt(fc.constantFrom('vitess', 'db', 'vitess-east'), 3),
      cellsToWatch: opt(fc.constantFrom(CellsToWatch.LOCAL, CellsToWatch.ALL), 3),
      cells: fc.tuple(...memberCells[i].map((c) => cellArb(c, cellNames.indexOf(c)))),
      pools: fc.tuple(...keyspaceNames.map(() => memberPoolsArb(memberCells[i], i === boot))),
    }).map((m) => dropUndefined({ id, ...m }))));
    return fc.record({
      global,
      etcdOrder: fc.shuffledSubarray([1, 2, 3], { minLength: 3, maxLength: 3 }),
      members,
      partitionings: fc.tuple(...keyspaceNames.map(() => partitioningsArb(release))),
      keyspaceExtras: fc.tuple(...keyspaceNames.map(() => fc.record({
        turndown: opt(fc.constantFrom(TurndownPolicy.REQUIRE_IDLE, TurndownPolicy.IMMEDIATE), 2),
        databaseName: opt(databaseNameArb, 3),
      }))),
      durabilityPick: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      settings: fc.record({
        mysql: fc.constantFrom(...release.mysqlVersions),
        clusterName: opt(dnsLabelArb, 1),
        namespace: opt(fc.constantFrom('vitess', 'db', 'default'), 1),
        cellsToWatch: opt(fc.constantFrom(CellsToWatch.LOCAL, CellsToWatch.ALL), 2),
        users: fc.uniqueArray(fc.record({ user: userArb, password: fc.string({ minLength: 1, maxLength: 16 }) }), { maxLength: 2, selector: (u) => u.user }),
        backup: opt(fc.constant(true), 1),
        updateStrategy: opt(fc.constantFrom(UpdateStrategyType.EXTERNAL, UpdateStrategyType.IMMEDIATE), 2),
        dashboardReplicas: opt(fc.integer({ min: 1, max: 2 }), 3),
        keyspacesFirst: fc.boolean(),
      }),
    }).map(({ global: g, etcdOrder, members: ms, partitionings, keyspaceExtras, durabilityPick, settings }): FederationSpec => {
      const withIndexes = ms.map((m, i) => (g.kind === 'managed' ? { ...m, etcdMemberIndex: etcdOrder[i] } : m)) as FedMemberSpec[];
      // Durability follows the pools of every member together (the federation counts them all).
      const keyspaces = keyspaceNames.map((name, k) => {
        const pools = withIndexes.flatMap((m) => m.pools[k]) as PoolSpec[];
        const allowed = allowedDurability(pools, release);
        return dropUndefined({ name, durability: allowed[durabilityPick[k] % allowed.length], partitionings: partitionings[k], ...keyspaceExtras[k] }) as FedKeyspaceSpec;
      });
      return dropUndefined({
        release: minor,
        ...settings,
        // Named explicitly or left to the default (the first member), both ways.
        bootstrapMember: bootstrapIndex === undefined ? undefined : memberIds[boot],
        globalLockserver: g,
        keyspaces,
        members: withIndexes,
      }) as FederationSpec;
    });
  });
}

/** The member that initializes shards. */
export function bootstrapOf(spec: FederationSpec): FedMemberSpec {
  return spec.members.find((m) => m.id === spec.bootstrapMember) ?? spec.members[0];
}
