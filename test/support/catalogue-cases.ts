import { App, Chart, Testing } from 'cdk8s';
import {
  AuthSecret, BackupConcurrencyPolicy, BackupEngine, BackupLocation, BackupMethod, BackupProps, BackupSchedule, BackupStrategy,
  Cell, CellProps, DurabilityPolicy, ExternalDatastore, ExternalTabletType, Federation, FederationMember, GatewayRolloutStrategy,
  GatewayServiceType, GlobalEtcd, Keyspace, KeyspaceProps, Lockserver, MysqlPreset, Partitioning, Password, ScheduledBackup, SecretKeyRef,
  TabletPool, TabletPoolProps, TabletType, TurndownPolicy, UpdateStrategyType, VitessCluster, VitessClusterProps,
  MysqlVersionId, VitessOperator, VitessRelease, VtAdminOptions, VtAdminRbac, VtgateUser, WatchScope,
} from '../../lib';

/**
 * The invalid-input catalogue: one small mutation of a valid base per entry, each with the exact problem
 * lines synth must report. Sources are the rule lists in ../shared/docs: vitess-operator-facts.md §8
 * ("facts §8.N") and vitess-user-pains.md §11 ("pains §11.N").
 */

/** The valid base, as built: one chart `t` with an AuthSecret, cluster `vc` (cell zone1, keyspace ks, pool replica). */
export interface Base {
  readonly app: App;
  readonly chart: Chart;
  readonly auth: AuthSecret;
  readonly cluster: VitessCluster;
  readonly zone1: Cell;
  readonly ks: Keyspace;
  readonly pool: TabletPool;
}

/** One change to the base: props replaced before construction, and/or constructs added afterwards. */
export interface Variant {
  readonly cluster?: Partial<VitessClusterProps>;
  readonly users?: readonly VtgateUser[];
  readonly zone1?: CellProps;
  readonly keyspace?: KeyspaceProps;
  readonly pool?: Partial<TabletPoolProps>;
  readonly then?: (b: Base) => void;
}

/**
 * A small valid cluster: Vitess 24, MySQL 8.0, one cell, one unsharded keyspace with 3 replica tablets and
 * a vtgate user. Every catalogue entry changes one thing of it.
 */
export function base(v: Variant = {}): App {
  const app = Testing.app();
  const chart = new Chart(app, 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: v.users ?? [{ user: 'app', password: Password.plainText('s3cret-pw') }] });
  const cluster = new VitessCluster(chart, 'vc', { name: 'demo', auth, ...v.cluster });
  const zone1 = cluster.addCell('zone1', v.zone1);
  const ks = cluster.addKeyspace('ks', v.keyspace);
  const pool = ks.addTabletPool('replica', { cell: zone1, type: TabletType.REPLICA, replicas: 3, ...v.pool });
  v.then?.({ app, chart, auth, cluster, zone1, ks, pool });
  return app;
}

/** A valid two-member federation (`east` with cell east1, `west` with cell west1), changed by `then`. */
export function federation(then?: (f: { app: App; fed: Federation; east: FederationMember; west: FederationMember }) => void,
  global: Lockserver = GlobalEtcd.external({ address: 'etcd-global.example.net:2379', rootPath: '/vitess/shop' }), bootstrapMember?: string): App {
  const app = Testing.app();
  const fed = new Federation(app, 'fed', {
    clusterName: 'shop', namespace: 'vitess', globalLockserver: global, bootstrapMember,
    auth: { users: [{ user: 'app', password: Password.plainText('s3cret-pw') }] },
  });
  const ks = fed.addKeyspace('commerce', { durabilityPolicy: DurabilityPolicy.SEMI_SYNC });
  const east = fed.addMember('east');
  const west = fed.addMember('west');
  for (const [m, cell] of [[east, 'east1'], [west, 'west1']] as const) {
    const c = m.addCell(cell, { lockserver: Lockserver.managedEtcd({ cellInfoAddress: `etcd-${cell}.example.net:2379` }) });
    m.keyspace(ks).addTabletPool('replica', { cell: c, replicas: 2 });
  }
  then?.({ app, fed, east, west });
  return app;
}

export interface CatalogueEntry {
  /** Rule list and item: 'facts §8.4' or 'pains §11.16'. */
  readonly source: string;
  readonly title: string;
  /** Builds the invalid input; returns the App to synthesize. */
  readonly build: () => App;
  /** Every problem line synth reports, in order: `[path] field: message. Fix: fix`. */
  readonly expected: readonly string[];
}

// Small inputs used by several entries.
const res = (cpu: string, memory: string, limitMemory = memory) => ({ requests: { cpu, memory }, limits: { memory: limitMemory } });
const s3 = (name?: string) => BackupLocation.s3({ name, region: 'eu-west-1', bucket: 'demo-backups' });
const withBackup = (b: BackupProps): Variant => ({ cluster: { backup: b } });
const nightly = (o: Partial<ScheduledBackup> = {}): ScheduledBackup => ({
  name: 'nightly', schedule: BackupSchedule.cron('0 3 * * *'), strategies: [BackupStrategy.shard('ks', '-')], resources: res('100m', '512Mi', '1Gi'), ...o,
});
const scheduled = (o: Partial<ScheduledBackup> = {}, release?: VitessRelease): Variant => ({
  cluster: { ...(release ? { release } : {}), backup: { locations: [s3()], schedules: [nightly(o)] } },
});
const mysqlDb: ExternalDatastore = { host: 'legacy-db.example.net', user: 'vt', database: 'legacy', credentialsSecret: SecretKeyRef.fromSecret('legacy-creds', 'creds.json') };
/** An external replica pool in zone1, fronting `mysqlDb`. */
const addExternal = (ks: Keyspace, id: string, p: Partial<TabletPoolProps> = {}) =>
  ks.addTabletPool(id, { cell: 'zone1', type: ExternalTabletType.REPLICA, replicas: 1, externalDatastore: mysqlDb, ...p });
/** Adds an external pool 'legacy' next to the base's replica pool. */
const externalPool = (p: Partial<TabletPoolProps>): Variant => ({ then: ({ ks }) => addExternal(ks, 'legacy', p) });
const vtadmin = (o: Partial<VtAdminOptions>): Variant => ({
  cluster: { vtadmin: { apiAddresses: ['http://localhost:14001'], rbac: VtAdminRbac.allowAll(), ...o } },
});
const secondCell = (then: (b: Base, zone2: Cell) => void): Variant => ({ then: (b) => then(b, b.cluster.addCell('zone2')) });
const peers = ['http://etcd-1.example.net:2380', 'http://etcd-2.example.net:2380', 'http://etcd-3.example.net:2380'];

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ---- facts §8.1: cluster name -------------------------------------------------------------------------
  {
    source: 'facts §8.1', title: 'cluster name with uppercase letters',
    build: () => base({ cluster: { name: 'Demo' } }),
    expected: [
      `[t/vc] name: 'Demo' is not a valid cluster name (a DNS label, and the value of the planetscale.com/cluster label on every child object). Fix: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (48 or fewer keeps Service names untruncated)`,
    ],
  },
  {
    source: 'facts §8.1', title: 'cluster name longer than 63 characters',
    build: () => base({ cluster: { name: 'd'.repeat(64) } }),
    expected: [
      `[t/vc] name: 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd' is not a valid cluster name (a DNS label, and the value of the planetscale.com/cluster label on every child object). Fix: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (48 or fewer keeps Service names untruncated)`,
    ],
  },
  {
    source: 'facts §8.1', title: 'cluster name ending with a hyphen',
    build: () => base({ cluster: { name: 'demo-' } }),
    expected: [
      `[t/vc] name: 'demo-' is not a valid cluster name (a DNS label, and the value of the planetscale.com/cluster label on every child object). Fix: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (48 or fewer keeps Service names untruncated)`,
    ],
  },
  {
    source: 'facts §8.1', title: 'cluster name with a dot',
    build: () => base({ cluster: { name: 'demo.prod' } }),
    expected: [
      `[t/vc] name: 'demo.prod' is not a valid cluster name (a DNS label, and the value of the planetscale.com/cluster label on every child object). Fix: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (48 or fewer keeps Service names untruncated)`,
    ],
  },

  // ---- facts §8.2: cell and keyspace names ---------------------------------------------------------------
  {
    source: 'facts §8.2', title: 'cell name ending with a dot',
    build: () => base({ zone1: { name: 'zone1.' }, pool: { cell: 'zone1.' } }),
    expected: [
      `[t/vc/zone1] name: 'zone1.' is not a valid cell name. Fix: use at most 63 letters, digits, "_" and ".", starting and ending with a letter or digit; no "-": Vitess tablet aliases are <cell>-<uid>, so a "-" in a cell name breaks them (e.g. us-east-1a → useast1a, see cellNameFromZone)`,
    ],
  },
  {
    source: 'facts §8.2', title: 'cell name longer than 63 characters',
    build: () => base({ zone1: { name: 'z'.repeat(64) }, pool: { cell: 'z'.repeat(64) } }),
    expected: [
      `[t/vc/zone1] name: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' is not a valid cell name. Fix: use at most 63 letters, digits, "_" and ".", starting and ending with a letter or digit; no "-": Vitess tablet aliases are <cell>-<uid>, so a "-" in a cell name breaks them (e.g. us-east-1a → useast1a, see cellNameFromZone)`,
    ],
  },
  {
    source: 'facts §8.2', title: 'two cells with the same name',
    build: () => base({ then: ({ cluster }) => cluster.addCell('zone1copy', { name: 'zone1' }) }),
    expected: [
      "[t/vc] cells[1]: cell 'zone1' is defined twice. Fix: give each cell a unique name",
    ],
  },
  {
    source: 'facts §8.2', title: 'keyspace name ending with a hyphen',
    build: () => base({ keyspace: { name: 'commerce-' } }),
    expected: [
      `[t/vc/ks] name: 'commerce-' is not a valid keyspace name. Fix: use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters`,
    ],
  },
  {
    source: 'facts §8.2', title: 'empty keyspace name',
    build: () => base({ keyspace: { name: '' } }),
    expected: [
      `[t/vc/ks] name: '' is not a valid keyspace name. Fix: use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters`,
    ],
  },
  {
    source: 'facts §8.2', title: 'two keyspaces with the same name',
    build: () => base({ then: ({ cluster }) => cluster.addKeyspace('ks2', { name: 'ks' }).addTabletPool('replica', { cell: 'zone1', replicas: 2 }) }),
    expected: [
      "[t/vc] keyspaces[1]: keyspace 'ks' is defined twice. Fix: give each keyspace a unique name",
    ],
  },

  // ---- facts §8.3: cell references -----------------------------------------------------------------------
  {
    source: 'facts §8.3', title: 'tablet pool in an undefined cell',
    build: () => base({ pool: { cell: 'zone2' } }),
    expected: [
      "[t/vc/ks/replica] cell: cell 'zone2' is not one of the cluster's cells (zone1); its tablets would never register. Fix: add the cell with cluster.addCell('zone2') or use one of the defined cells",
    ],
  },
  {
    source: 'facts §8.3', title: 'tablet pool in an undefined cell whose name is also invalid',
    build: () => base({ then: ({ ks }) => ks.addTabletPool('rdonly', { cell: 'us-east-1a', type: TabletType.RDONLY, replicas: 1 }) }),
    expected: [
      `[t/vc/ks/rdonly] cell: 'us-east-1a' is not a valid cell name. Fix: use at most 63 letters, digits, "_" and ".", starting and ending with a letter or digit; no "-": Vitess tablet aliases are <cell>-<uid>, so a "-" in a cell name breaks them (e.g. us-east-1a → useast1a, see cellNameFromZone)`,
      "[t/vc/ks/rdonly] cell: cell 'us-east-1a' is not one of the cluster's cells (zone1); its tablets would never register. Fix: add the cell with cluster.addCell('us-east-1a') or use one of the defined cells",
    ],
  },
  {
    source: 'facts §8.3', title: 'vtctld in an undefined cell',
    build: () => base({ cluster: { dashboard: { cells: ['zone1', 'zone9'] } } }),
    expected: [
      "[t/vc] dashboard.cells[1]: cell 'zone9' is not defined; the operator would ignore it. Fix: use one of: zone1",
    ],
  },
  {
    source: 'facts §8.3', title: 'vtadmin in an undefined cell',
    build: () => base(vtadmin({ cells: ['zone3'] })),
    expected: [
      "[t/vc/VtAdmin] cells[0]: cell 'zone3' is not defined; the operator would ignore it. Fix: use one of: zone1",
    ],
  },

  // ---- facts §8.4: partitionings -------------------------------------------------------------------------
  {
    source: 'facts §8.4', title: 'uppercase hex in custom key ranges',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-C0', 'C0-'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[0].keyRange.end: 'C0' is not lowercase hex with an even number of digits. Fix: write whole bytes in lowercase hex, e.g. '80' or '8000'",
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.start: 'C0' is not lowercase hex with an even number of digits. Fix: write whole bytes in lowercase hex, e.g. '80' or '8000'",
    ],
  },
  {
    source: 'facts §8.4', title: 'custom shards out of order',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['80-', '-80'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[0].keyRange.start: the first shard starts at '80', leaving keys below it unserved. Fix: start the first shard at '' (e.g. '-80')",
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.end: the last shard ends at '80', leaving keys above it unserved. Fix: end the last shard at '' (e.g. '80-')",
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.start: shard '-80' comes after shard '80-', which already runs to the end of the key space, so they overlap. Fix: sort the shards by key range, with the one ending at '' last, and list each range once",
    ],
  },
  {
    source: 'facts §8.4', title: 'a reversed custom shard',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-80', '80-40', '40-'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange: shard '80-40' is empty or reversed. Fix: make start lower than end",
    ],
  },
  {
    source: 'facts §8.4', title: 'custom partitioning without shards',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom([])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards: a custom partitioning has no shards. Fix: list shards covering the whole key space, e.g. ['-80', '80-']",
    ],
  },
  {
    source: 'facts §8.4', title: 'last custom shard does not reach the end',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-80', '80-c0'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.end: the last shard ends at 'c0', leaving keys above it unserved. Fix: end the last shard at '' (e.g. '80-')",
    ],
  },
  {
    source: 'facts §8.4', title: 'equal parts above 65536',
    build: () => base({ keyspace: { partitionings: [Partitioning.equal(65537)] } }),
    expected: [
      '[t/vc/ks] partitionings[0].equal.parts: 65537 parts is outside 1..65536. Fix: pick a whole number of shards between 1 and 65536',
    ],
  },
  {
    source: 'facts §8.4', title: 'fractional equal parts',
    build: () => base({ keyspace: { partitionings: [Partitioning.equal(2.5)] } }),
    expected: [
      '[t/vc/ks] partitionings[0].equal.parts: 2.5 parts is outside 1..65536. Fix: pick a whole number of shards between 1 and 65536',
    ],
  },
  {
    source: 'facts §8.4', title: 'hexWidth 2 for 257 parts',
    build: () => base({ keyspace: { partitionings: [Partitioning.equal(257, { hexWidth: 2 })] } }),
    expected: [
      '[t/vc/ks] partitionings[0].equal.hexWidth: hexWidth 2 gives only 256 distinct boundaries for 257 parts (the operator would panic). Fix: use hexWidth 4 or more, or leave it unset for automatic',
    ],
  },
  {
    source: 'facts §8.4', title: 'negative hexWidth',
    build: () => base({ keyspace: { partitionings: [Partitioning.equal(4, { hexWidth: -2 })] } }),
    expected: [
      '[t/vc/ks] partitionings[0].equal.hexWidth: hexWidth -2 is not a positive number of hex digits (key ranges are whole bytes). Fix: use 2, 4, 6… or leave hexWidth unset for automatic',
    ],
  },
  {
    source: 'facts §8.4', title: 'no partitioning at all',
    build: () => base({ keyspace: { partitionings: [] } }),
    expected: [
      '[t/vc/ks] partitionings: 0 partitionings given, but a keyspace has 1, or 2 while resharding (without one it has no shards). Fix: give one, or two while resharding (the current one first, the target last)',
    ],
  },
  {
    source: 'facts §8.4', title: 'equal and custom partitionings with the same shards',
    build: () => base({ keyspace: { partitionings: [Partitioning.equal(4), Partitioning.custom(['-40', '40-80', '80-c0', 'c0-'])] } }),
    expected: [
      '[t/vc/ks] partitionings[1]: both partitionings produce the same shards. Fix: a second partitioning is only for resharding: give it different key ranges, or remove it',
    ],
  },
  {
    source: 'facts §8.4', title: 'the whole key range listed twice',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-', '-'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.start: shard '-' comes after shard '-', which already runs to the end of the key space, so they overlap. Fix: sort the shards by key range, with the one ending at '' last, and list each range once",
    ],
  },
  {
    source: 'facts §8.4', title: 'a whole-range shard after a complete split',
    build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-80', '80-', '-'])] } }),
    expected: [
      "[t/vc/ks] partitionings[0].custom.shards[2].keyRange.start: shard '-' comes after shard '80-', which already runs to the end of the key space, so they overlap. Fix: sort the shards by key range, with the one ending at '' last, and list each range once",
    ],
  },

  // ---- facts §8.5: tablet pools --------------------------------------------------------------------------
  {
    source: 'facts §8.5', title: 'two replica pools in the same cell',
    build: () => base({ then: ({ ks }) => ks.addTabletPool('more', { cell: 'zone1', replicas: 2 }) }),
    expected: [
      "[t/vc/ks] tabletPools[1]: pool 'more' has the same type 'replica', cell 'zone1' and no name as pool 'replica'; the operator identifies pools by type, cell and name, so the API server rejects the VitessCluster. Fix: merge the two into one pool (replicas 3 + 2), or put this one in another cell or type",
    ],
  },
  {
    source: 'facts §8.5', title: 'two external pools with the same type, cell and name',
    build: () => base({ then: ({ ks }) => { addExternal(ks, 'legacy', { name: 'legacy' }); addExternal(ks, 'legacy2', { name: 'legacy' }); } }),
    expected: [
      "[t/vc/ks] tabletPools[2]: pool 'legacy2' has the same type 'externalreplica', cell 'zone1' and name 'legacy' as pool 'legacy'; the operator identifies pools by type, cell and name, so the API server rejects the VitessCluster. Fix: give each external pool of a cell and type its own name",
    ],
  },
  {
    source: 'facts §8.5', title: 'pool name on a pool with a local mysqld',
    build: () => base({ pool: { name: 'east' } }),
    expected: [
      "[t/vc/ks/replica] name: pool name 'east' is only allowed on external pools (it is mixed into their tablet identities). Fix: drop the name, or use an externalDatastore pool",
    ],
  },
  {
    source: 'facts §8.5', title: 'external type without an externalDatastore',
    build: () => base({ then: ({ ks }) => ks.addTabletPool('legacy', { cell: 'zone1', type: ExternalTabletType.REPLICA, replicas: 1 }) }),
    expected: [
      "[t/vc/ks/legacy] type: 'externalreplica' is not a tablet pool type with a local mysqld. Fix: give the pool an externalDatastore, or use TabletType.REPLICA / RDONLY",
    ],
  },
  {
    source: 'facts §8.5', title: 'external pool with mysqld settings',
    build: () => base(externalPool({ mysqld: { resources: res('100m', '1Gi') } })),
    expected: [
      '[t/vc/ks/legacy] mysqld: mysqld is set, but an external pool has no local mysqld or data volume. Fix: drop mysqld',
    ],
  },
  {
    source: 'facts §8.5', title: 'externalDatastore on an rdonly pool',
    build: () => base(externalPool({ type: TabletType.RDONLY })),
    expected: [
      "[t/vc/ks/legacy] type: 'rdonly' pools run their own mysqld, but this pool has an externalDatastore. Fix: use ExternalTabletType.MASTER, REPLICA or RDONLY",
    ],
  },
  {
    source: 'facts §8.5', title: 'fractional pool replicas',
    build: () => base({ pool: { replicas: 1.5 } }),
    expected: [
      '[t/vc/ks/replica] replicas: 1.5 is not a tablet count. Fix: use a whole number ≥ 0 (0 scales the pool away)',
    ],
  },
  {
    source: 'facts §8.5', title: 'data volume size that is not a quantity',
    build: () => base({ pool: { storage: { size: '10GB' } } }),
    expected: [
      "[t/vc/ks/replica] storage.size: '10GB' is not a storage quantity. Fix: write it like '10Gi'",
    ],
  },
  {
    source: 'facts §8.5', title: 'a second keyspace without any pool',
    build: () => base({ then: ({ cluster }) => cluster.addKeyspace('ks2') }),
    expected: [
      "[t/vc/ks2] tabletPools: keyspace 'ks2' has no replica pool, so no shard can elect a primary or serve. Fix: add one: keyspace.addTabletPool('replicas', { cell, type: TabletType.REPLICA, replicas: 3 })",
    ],
  },
  {
    source: 'facts §8.5', title: 'vttablet CPU request above its limit',
    build: () => base({ pool: { vttablet: { resources: { requests: { cpu: '2', memory: '256Mi' }, limits: { cpu: '1', memory: '256Mi' } } } } }),
    expected: [
      '[t/vc/ks/replica] vttablet.resources.requests.cpu: request 2 is above the limit 1; Kubernetes rejects such pods. Fix: lower the request or raise limits.cpu to at least 2',
    ],
  },

  // ---- facts §8.6: secret sources ------------------------------------------------------------------------
  {
    source: 'facts §8.6', title: 'backup credentials from an unnamed Secret',
    build: () => base(withBackup({ locations: [BackupLocation.s3({ region: 'eu-west-1', bucket: 'b', authSecret: SecretKeyRef.fromSecret('', 'credentials') })] })),
    expected: [
      '[t/vc/Backup] locations[0].s3.authSecret.name: the Secret name is empty, so the operator would treat the secret as unset. Fix: name the Secret (or volume) that holds the key',
    ],
  },
  {
    source: 'facts §8.6', title: 'vtgate TLS key without a key name',
    build: () => base({ zone1: { gateway: { secureTransport: { certSecret: SecretKeyRef.fromSecret('vtgate-tls', 'tls.crt'), keySecret: SecretKeyRef.fromSecret('vtgate-tls', '') } } } }),
    expected: [
      "[t/vc/zone1] gateway.secureTransport.tls.keySecret.key: no key given for 'vtgate-tls'. Fix: give the key (file name) inside the Secret, e.g. credentials.json",
    ],
  },
  {
    source: 'facts §8.6', title: 'external datastore credentials from an unnamed volume',
    build: () => base(externalPool({ externalDatastore: { ...mysqlDb, credentialsSecret: SecretKeyRef.fromVolume('', 'creds.json') } })),
    expected: [
      '[t/vc/ks/legacy] externalDatastore.credentialsSecret.volumeName: the volume name is empty, so the operator would treat the secret as unset. Fix: name the Secret (or volume) that holds the key',
    ],
  },
  {
    source: 'facts §8.6', title: 'vtadmin RBAC Secret without a key',
    build: () => base(vtadmin({ rbac: VtAdminRbac.fromSecret(SecretKeyRef.fromSecret('vtadmin-rbac', '')) })),
    expected: [
      "[t/vc/VtAdmin] rbac.key: no key given for 'vtadmin-rbac'. Fix: give the key (file name) inside the Secret, e.g. credentials.json",
    ],
  },

  // ---- facts §8.7: durability ----------------------------------------------------------------------------
  {
    source: 'facts §8.7', title: 'durability policy outside the enum',
    build: () => base({ keyspace: { durabilityPolicy: 'semisync' as DurabilityPolicy } }),
    expected: [
      "[t/vc/ks] durabilityPolicy: 'semisync' is not a Vitess durability policy. Fix: use one of none, semi_sync, semi_sync_with_rdonly_ack, cross_cell, cross_cell_with_rdonly_ack",
    ],
  },
  {
    source: 'facts §8.7', title: 'semi_sync with one replica and rdonly tablets that cannot acknowledge',
    build: () => base({ keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC }, pool: { replicas: 1 }, then: ({ ks }) => ks.addTabletPool('rdonly', { cell: 'zone1', type: TabletType.RDONLY, replicas: 2 }) }),
    expected: [
      "[t/vc/ks] durabilityPolicy: 'semi_sync' makes the primary wait for a replica to acknowledge every write, but each shard has 1 primary-eligible tablet(s) and no other tablet that can acknowledge: writes would block. Fix: give the replica pools at least 2 tablets per shard (3 recommended), or use DurabilityPolicy.NONE",
    ],
  },
  {
    source: 'facts §8.7', title: 'cross_cell_with_rdonly_ack on Vitess 17',
    build: () => base({ cluster: { release: VitessRelease.V17 }, keyspace: { durabilityPolicy: DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK } }),
    expected: [
      "[t/vc/ks] durabilityPolicy: 'cross_cell_with_rdonly_ack' needs Vitess 18+, but the cluster targets operator 2.10.4 (Vitess 17). Fix: use DurabilityPolicy.CROSS_CELL or target a newer release",
    ],
  },
  {
    source: 'facts §8.7', title: 'cross_cell whose second cell pool is scaled to 0',
    build: () => base({ keyspace: { durabilityPolicy: DurabilityPolicy.CROSS_CELL }, ...secondCell(({ ks }, zone2) => ks.addTabletPool('replica2', { cell: zone2, replicas: 0 })) }),
    expected: [
      "[t/vc/ks] durabilityPolicy: 'cross_cell' needs primary-eligible tablets in at least 2 cells, found 1 (zone1). Fix: add a replica pool in a second cell, or use DurabilityPolicy.SEMI_SYNC",
    ],
  },
  {
    source: 'facts §8.7', title: 'enforceSemiSync on operator 2.17',
    build: () => base({ keyspace: { enforceSemiSync: true } }),
    expected: [
      '[t/vc] keyspaces[0].partitionings[0].equal.shardTemplate.replication.enforceSemiSync: this field was removed in operator 2.9; operator 2.17.0 (Vitess 24) would prune it. Fix: use the keyspace durabilityPolicy (e.g. semi_sync) instead',
    ],
  },

  // ---- facts §8.8: images and vtadmin --------------------------------------------------------------------
  {
    source: 'facts §8.8', title: 'two vtadmin addresses without cells',
    build: () => base(vtadmin({ apiAddresses: ['http://a:14001', 'http://b:14001'] })),
    expected: [
      '[t/vc/VtAdmin] apiAddresses: 2 addresses given but no cells: the operator pairs address i with cell i of an explicit cells list. Fix: list the cells in the same order, or give a single address for all cells',
    ],
  },
  {
    source: 'facts §8.8', title: 'three vtadmin addresses for two cells',
    build: () => base({ ...vtadmin({ cells: ['zone1', 'zone2'], apiAddresses: ['http://a:14001', 'http://b:14001', 'http://c:14001'] }), ...secondCell(() => undefined) }),
    expected: [
      '[t/vc/VtAdmin] apiAddresses: 3 addresses for 2 cells; the operator would index past the list for some cell. Fix: give one address for all cells, or exactly one per listed cell',
    ],
  },
  {
    source: 'facts §8.8', title: 'no vtadmin address',
    build: () => base(vtadmin({ apiAddresses: [] })),
    expected: [
      "[t/vc/VtAdmin] apiAddresses: no vtadmin-api address given; the operator would index an empty list and crash its reconcile loop. Fix: give the URL browsers use to reach vtadmin-api, e.g. ['http://localhost:14001']",
    ],
  },
  {
    source: 'facts §8.8', title: 'vtadmin address without a scheme',
    build: () => base(vtadmin({ apiAddresses: ['localhost:14001'] })),
    expected: [
      "[t/vc/VtAdmin] apiAddresses[0]: 'localhost:14001' is not an http(s) URL; the web UI calls it from the browser. Fix: write it like 'https://vtadmin-api.example.com' or 'http://localhost:14001'",
    ],
  },
  {
    source: 'facts §8.8', title: 'floating vtadmin image',
    build: () => base({ ...vtadmin({}), cluster: { ...vtadmin({}).cluster, images: { vtadmin: 'vitess/vtadmin:latest' } } }),
    expected: [
      "[t/vc] images.vtadmin: image 'vitess/vtadmin:latest' uses the floating tag 'latest' (not a version), which drifts away from the operator and CRDs. Fix: pin a version tag or digest, e.g. 'vitess/vtadmin:v24.0.0'",
    ],
  },
  {
    source: 'facts §8.8', title: 'operator two Vitess majors behind the cluster',
    build: () => base({ then: ({ app }) => new VitessOperator(app, 'operator', { release: VitessRelease.V22, crds: false }) }),
    expected: [
      '[operator] release: VitessCluster ns/demo (t/vc/Resource) uses vitess/lite:v24.0.0-mysql80 (Vitess 24) but this chart installs operator 2.15.1 (Vitess 22). Fix: use the same VitessRelease for the operator and the cluster (Vitess 24 is VitessRelease.V24 (operator 2.17.0))',
    ],
  },

  // ---- facts §8.9: backup --------------------------------------------------------------------------------
  {
    source: 'facts §8.9', title: 'backup without a location',
    build: () => base(withBackup({ locations: [] })),
    expected: [
      "[t/vc/Backup] locations: backup is configured without a location (the CRD needs at least one). Fix: add one, e.g. BackupLocation.s3({ region, bucket }) or BackupLocation.newVolumeClaim({ claimName: 'vitess-backups', size: '100Gi' })",
      '[t/vc/ks/replica] backupLocationName: no backupLocationName, and the cluster has no unnamed (default) backup location, so these tablets have nowhere to back up to or restore from. Fix: add a backup location, e.g. BackupLocation.s3({ region, bucket })',
    ],
  },
  {
    source: 'facts §8.9', title: 'two unnamed backup locations',
    build: () => base(withBackup({ locations: [s3(), BackupLocation.gcs({ bucket: 'demo' })] })),
    expected: [
      '[t/vc/Backup] locations[1].name: this location has no name, like locations[0]; only one location may be the unnamed default. Fix: give it a name; tablet pools then choose it with backupLocationName',
    ],
  },
  {
    source: 'facts §8.9', title: 'backup location name with a space',
    build: () => base(withBackup({ locations: [s3(), s3('eu backups')] })),
    expected: [
      `[t/vc/Backup] locations[1].name: 'eu backups' is not a valid backup location name. Fix: use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters`,
    ],
  },
  {
    source: 'facts §8.9', title: 'pool names a backup location that does not exist',
    build: () => base({ ...withBackup({ locations: [s3(), s3('eu')] }), pool: { backupLocationName: 'us' } }),
    expected: [
      "[t/vc/ks/replica] backupLocationName: backup location 'us' is not defined. Fix: use one of 'eu', or add the location",
    ],
  },
  {
    source: 'facts §8.9', title: 'only named locations and a pool that names none',
    build: () => base(withBackup({ locations: [s3('eu')] })),
    expected: [
      "[t/vc/ks/replica] backupLocationName: no backupLocationName, and the cluster has no unnamed (default) backup location, so these tablets have nowhere to back up to or restore from. Fix: set backupLocationName to one of 'eu', or add a location without a name (the default)",
    ],
  },
  {
    source: 'facts §8.9', title: 'backup engine outside the enum',
    build: () => base(withBackup({ locations: [s3()], engine: 'xtrabackup8' as BackupEngine })),
    expected: [
      "[t/vc/Backup] engine: 'xtrabackup8' is not a backup engine. Fix: use BackupEngine.BUILTIN, XTRABACKUP or MYSQLSHELL",
    ],
  },
  {
    source: 'facts §8.9', title: 'two schedules with the same name',
    build: () => base(withBackup({ locations: [s3()], schedules: [nightly(), nightly({ strategies: [BackupStrategy.keyspace('ks')] })] })),
    expected: [
      "[t/vc/Backup] schedules[1]: backup schedule 'nightly' is defined twice. Fix: give each backup schedule a unique name",
    ],
  },
  {
    source: 'facts §8.9', title: 'schedule name with an underscore',
    build: () => base(scheduled({ name: 'nightly_full' })),
    expected: [
      `[t/vc/Backup] schedules[0].name: 'nightly_full' is not a valid schedule name. Fix: use letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`,
    ],
  },
  {
    source: 'facts §8.9', title: 'schedule without strategies',
    build: () => base(scheduled({ strategies: [] })),
    expected: [
      "[t/vc/Backup] schedules[0].strategies: the schedule has no strategies, so it backs up nothing. Fix: add one, e.g. BackupStrategy.shard('commerce', '-')",
    ],
  },
  {
    source: 'facts §8.9', title: 'strategy for an undefined keyspace',
    build: () => base(scheduled({ strategies: [BackupStrategy.keyspace('orders')] })),
    expected: [
      "[t/vc/Backup] schedules[0].strategies[0].keyspace: keyspace 'orders' is not defined in this cluster. Fix: use one of: ks",
    ],
  },
  {
    source: 'facts §8.9', title: 'strategy for a shard the keyspace does not have',
    build: () => base(scheduled({ strategies: [BackupStrategy.shard('ks', '-80')] })),
    expected: [
      "[t/vc/Backup] schedules[0].strategies[0].shard: keyspace 'ks' has no shard '-80'. Fix: use one of: -",
    ],
  },
  {
    source: 'facts §8.9', title: 'two strategies covering the same shard',
    build: () => base(scheduled({ strategies: [BackupStrategy.shard('ks', '-'), BackupStrategy.keyspace('ks')] })),
    expected: [
      '[t/vc/Backup] schedules[0].strategies[1]: shard ks/- is already covered by strategies[0]; the operator rejects schedules whose targets collide. Fix: cover each shard once per schedule',
    ],
  },
  {
    source: 'facts §8.9', title: 'cluster-scope strategy on operator 2.16',
    build: () => base(scheduled({ strategies: [BackupStrategy.cluster()] }, VitessRelease.V23)),
    expected: [
      '[t/vc] backup.schedules[0].strategies[0].scope: this field needs operator 2.17 or later; the operator 2.16.0 (Vitess 23) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V24 (operator 2.17) or later, or drop the field',
    ],
  },

  // ---- facts §8.10: enums, lockservers, gateway, external datastore --------------------------------------
  {
    source: 'facts §8.10', title: 'update strategy outside the enum',
    build: () => base({ cluster: { updateStrategy: 'Rolling' as UpdateStrategyType } }),
    expected: [
      "[t/vc] updateStrategy: 'Rolling' is not an update strategy. Fix: use UpdateStrategyType.EXTERNAL or UpdateStrategyType.IMMEDIATE",
    ],
  },
  {
    source: 'facts §8.10', title: 'turndown policy outside the enum',
    build: () => base({ keyspace: { turndownPolicy: 'Delete' as TurndownPolicy } }),
    expected: [
      "[t/vc/ks] turndownPolicy: 'Delete' is not a turndown policy. Fix: use TurndownPolicy.REQUIRE_IDLE or TurndownPolicy.IMMEDIATE",
    ],
  },
  {
    source: 'facts §8.10', title: 'backup concurrency policy Replace',
    build: () => base(scheduled({ concurrencyPolicy: 'Replace' as BackupConcurrencyPolicy })),
    expected: [
      "[t/vc/Backup] schedules[0].concurrencyPolicy: 'Replace' is not a concurrency policy (the operator docs mention Replace, but the CRD does not accept it). Fix: use BackupConcurrencyPolicy.ALLOW or FORBID",
    ],
  },
  {
    source: 'facts §8.10', title: 'etcd member index 0',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.managed({ localMemberIndex: 0, advertisePeerURLs: peers }) } }),
    expected: [
      '[t/vc] globalLockserver.etcd.localMemberIndex: member index 0 is not 1, 2 or 3. Fix: the operator runs exactly 3 members: pick 1, 2 or 3',
    ],
  },
  {
    source: 'facts §8.10', title: 'etcd member index without peer URLs',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.managed({ localMemberIndex: 2 }) } }),
    expected: [
      "[t/vc] globalLockserver.etcd.advertisePeerURLs: localMemberIndex is set, but members in other clusters cannot be found without peer URLs. Fix: list the 3 members' peer URLs (e.g. http://etcd-1.example.net:2380) in index order",
    ],
  },
  {
    source: 'facts §8.10', title: 'two etcd peer URLs',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: peers.slice(0, 2) }) } }),
    expected: [
      "[t/vc] globalLockserver.etcd.advertisePeerURLs: 2 peer URLs given, but the operator's etcd always has 3 members. Fix: list exactly 3 URLs, one per member index 1..3, in order",
    ],
  },
  {
    source: 'facts §8.10', title: 'external lockserver without address, root path and implementation',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.external({ implementation: '', address: '', rootPath: '' }) } }),
    expected: [
      "[t/vc] globalLockserver.external.address: '' is not host:port. Fix: give the client endpoint with its port, e.g. 'etcd-global-1:2379'",
      "[t/vc] globalLockserver.external.rootPath: root path '' is not absolute. Fix: start it with '/', e.g. '/vitess/global'",
      "[t/vc] globalLockserver.external.implementation: the topo implementation is empty. Fix: use 'etcd2' (what the operator uses) or another Vitess topo plugin",
    ],
  },
  {
    source: 'facts §8.10', title: 'external lockserver address from an unset environment variable',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.external({ address: process.env.CDK8S_VITESS_CATALOGUE_UNSET!, rootPath: '/vitess/demo' }) } }),
    expected: [
      "[t/vc] globalLockserver.external.address: '' is not host:port. Fix: give the client endpoint with its port, e.g. 'etcd-global-1:2379'",
    ],
  },
  {
    source: 'facts §8.10', title: 'managed etcd cell lockserver under a zk2 global lockserver',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.external({ implementation: 'zk2', address: 'zk.example.net:2181', rootPath: '/vitess/global' }) }, zone1: { lockserver: Lockserver.managedEtcd() } }),
    expected: [
      "[t/vc/zone1] lockserver.etcd: the cell lockserver is an operator-managed etcd ('etcd2') but the global one uses 'zk2'; the operator would skip registering the cell (TopoInvalid). Fix: use Lockserver.external({ implementation: 'zk2', ... }) for the cell, or drop the cell lockserver to keep the cell's data in the global one",
    ],
  },
  {
    source: 'facts §8.10', title: 'negative vtgate replicas',
    build: () => base({ zone1: { gateway: { replicas: -1 } } }),
    expected: [
      '[t/vc/zone1] gateway.replicas: -1 is not a replica count. Fix: use a whole number ≥ 0',
    ],
  },
  {
    source: 'facts §8.10', title: 'autoscaler with minReplicas 0',
    build: () => base({ zone1: { gateway: { autoscaler: { minReplicas: 0, maxReplicas: 4 } } } }),
    expected: [
      '[t/vc/zone1] gateway.autoscaler.minReplicas: 0 is not a replica count ≥ 1; the HorizontalPodAutoscaler rejects 0. Fix: use minReplicas ≥ 1',
    ],
  },
  {
    source: 'facts §8.10', title: 'external datastore port above 65535',
    build: () => base(externalPool({ externalDatastore: { ...mysqlDb, port: 70000 } })),
    expected: [
      '[t/vc/ks/legacy] externalDatastore.port: 70000 is not a port. Fix: use 1–65535',
    ],
  },
  {
    source: 'facts §8.10', title: 'external datastore host with a port',
    build: () => base(externalPool({ externalDatastore: { ...mysqlDb, host: 'legacy-db:3306' } })),
    expected: [
      "[t/vc/ks/legacy] externalDatastore.host: 'legacy-db:3306' is not a bare host name. Fix: give the host without scheme or port; the port goes in port",
    ],
  },

  // ---- pains §11.1–§11.4: images -------------------------------------------------------------------------
  {
    source: 'pains §11.1', title: 'untagged vttablet image',
    build: () => base({ cluster: { images: { vttablet: 'vitess/lite' } } }),
    expected: [
      "[t/vc] images.vttablet: image 'vitess/lite' has no tag, i.e. 'latest', which drifts away from the operator and CRDs. Fix: pin a version tag or digest, e.g. 'vitess/lite:v24.0.0-mysql80'",
    ],
  },
  {
    source: 'pains §11.1', title: 'vtorc image on a branch tag',
    build: () => base({ cluster: { images: { vtorc: 'vitess/lite:main' } } }),
    expected: [
      "[t/vc] images.vtorc: image 'vitess/lite:main' uses the floating tag 'main' (not a version), which drifts away from the operator and CRDs. Fix: pin a version tag or digest, e.g. 'vitess/lite:v24.0.0-mysql80'",
    ],
  },
  {
    source: 'pains §11.1', title: 'floating keyspace mysqld-exporter image',
    build: () => base({ keyspace: { images: { mysqldExporter: 'prom/mysqld-exporter:latest' } } }),
    expected: [
      "[t/vc/ks] images.mysqldExporter: image 'prom/mysqld-exporter:latest' uses the floating tag 'latest' (not a version), which drifts away from the operator and CRDs. Fix: pin a version tag or digest, e.g. 'prom/mysqld-exporter:v0.18.0'",
    ],
  },
  {
    source: 'pains §11.1', title: 'untagged mysqld image in the MySQL preset',
    build: () => base({ cluster: { mysql: MysqlPreset.mysql80({ image: 'mysql' }) } }),
    expected: [
      "[t/vc] mysql.image: image 'mysql' has no tag, i.e. 'latest', which drifts away from the operator and CRDs. Fix: pin a version tag or digest, e.g. 'vitess/lite:v24.0.0-mysql80'",
    ],
  },
  {
    source: 'pains §11.2', title: 'keyspace vttablet image three majors behind',
    build: () => base({ keyspace: { images: { vttablet: 'vitess/lite:v21.0.0' } } }),
    expected: [
      "[t/vc/ks] images.vttablet: 'vitess/lite:v21.0.0' is Vitess 21, but the cluster runs Vitess 24; Vitess only supports one major of skew between components. Fix: use Vitess 23–25 images, upgrading one major at a time",
    ],
  },
  {
    source: 'pains §11.2', title: 'keyspace mysqlVersion without a mysqld image',
    build: () => base({ keyspace: { images: { mysqlVersion: '8.4' } } }),
    expected: [
      '[t/vc/ks] images.mysqlVersion: mysqlVersion is set without a mysqld image. Fix: give the mysqld image it describes, or drop mysqlVersion',
    ],
  },
  {
    source: 'pains §11.3', title: 'keyspace mysqlVersion that is no MySQL version',
    build: () => base({ keyspace: { images: { mysqld: 'vitess/lite:v24.0.0-mysql84', mysqlVersion: '9.0' as MysqlVersionId } } }),
    expected: [
      "[t/vc/ks] images.mysqlVersion: '9.0' is not a MySQL version (the flavor key of the mysqld image depends on it). Fix: use '5.7', '8.0' or '8.4'",
    ],
  },
  {
    source: 'pains §11.3', title: 'MySQL 5.7 (mysql56Compatible) on Vitess 21',
    build: () => base({ cluster: { release: VitessRelease.V21, mysql: MysqlPreset.mysql57() } }),
    expected: [
      '[t/vc] mysql: Vitess 19 dropped support for MySQL 5.7 (vitessio/vitess#14663), so operator 2.14.0 (Vitess 21) cannot run it, whatever the image. Fix: use MySQL 8.0 (MysqlPreset.mysql80()); an existing 5.7 cluster upgrades MySQL to 8.0 on Vitess 18 (VitessRelease.V18) before it upgrades Vitess',
    ],
  },
  {
    source: 'pains §11.3', title: 'a keyspace on MySQL 5.7 in a Vitess 24 cluster',
    build: () => base({ keyspace: { images: { mysqld: 'percona/percona-server:5.7.44', mysqlVersion: '5.7' } } }),
    expected: [
      "[t/vc/ks] images.mysqlVersion: Vitess 19 dropped support for MySQL 5.7 (vitessio/vitess#14663), so operator 2.17.0 (Vitess 24) cannot run it, whatever the image. Fix: use MySQL 8.0 (mysqlVersion '8.0' with an 8.0 mysqld image); an existing 5.7 cluster upgrades MySQL to 8.0 on Vitess 18 (VitessRelease.V18) before it upgrades Vitess",
    ],
  },
  {
    source: 'pains §11.3', title: 'MySQL 5.7 from a custom image on Vitess 19',
    build: () => base({ cluster: { release: VitessRelease.V19, mysql: MysqlPreset.mysql57({ image: 'percona/percona-server:5.7.44' }) } }),
    expected: [
      '[t/vc] mysql: Vitess 19 dropped support for MySQL 5.7 (vitessio/vitess#14663), so operator 2.12.0 (Vitess 19) cannot run it, whatever the image. Fix: use MySQL 8.0 (MysqlPreset.mysql80()); an existing 5.7 cluster upgrades MySQL to 8.0 on Vitess 18 (VitessRelease.V18) before it upgrades Vitess',
    ],
  },
  {
    source: 'pains §11.4', title: 'xtrabackup with MySQL 8.4 and a -mysql80 vttablet image',
    build: () => base({ cluster: { mysql: MysqlPreset.mysql84(), images: { vttablet: 'vitess/lite:v24.0.0-mysql80' }, backup: { locations: [s3()], engine: BackupEngine.XTRABACKUP } } }),
    expected: [
      "[t/vc/Backup] engine: xtrabackup with MySQL 8.4 needs the -mysql84 vitess/lite image, but vttablet runs 'vitess/lite:v24.0.0-mysql80', whose xtrabackup refuses to back up 8.4. Fix: use vitess/lite:v24.0.0-mysql84 for vttablet, or BackupEngine.BUILTIN",
    ],
  },

  // ---- pains §11.7–§11.8: flags --------------------------------------------------------------------------
  {
    source: 'pains §11.7', title: 'the same vttablet flag in two spellings',
    build: () => base({ pool: { vttablet: { extraFlags: { 'queryserver-config-pool-size': '50', 'queryserver_config_pool_size': '60' } } } }),
    expected: [
      "[t/vc] keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].vttablet.extraFlags.queryserver_config_pool_size: 'queryserver_config_pool_size' and 'queryserver-config-pool-size' are the same flag spelled twice; both would be passed and one silently wins. Fix: keep one spelling",
    ],
  },
  {
    source: 'pains §11.7', title: 'vtgate flag spelled differently from the operator',
    build: () => base({ zone1: { gateway: { extraFlags: { 'mysql-server-version': '8.0.40-Vitess' } } } }),
    expected: [
      "[t/vc] cells[0].gateway.extraFlags.mysql-server-version: the operator passes 'mysql_server_version' to vtgate itself; 'mysql-server-version' would be passed as a second flag instead of replacing it. Fix: spell it 'mysql_server_version' so your value replaces the operator's",
    ],
  },
  {
    source: 'pains §11.7', title: 'vtorc flag with leading dashes',
    build: () => base({ keyspace: { vtorc: { extraFlags: { '--instance-poll-time': '3s' } } } }),
    expected: [
      "[t/vc] keyspaces[0].vitessOrchestrator.extraFlags.--instance-poll-time: flag names must not start with dashes (the operator adds them). Fix: write 'instance-poll-time'",
    ],
  },
  {
    source: 'pains §11.7', title: 'dashed flag set through a spec override',
    build: () => base({ then: ({ cluster }) => cluster.addSpecOverride('vitessDashboard.extraFlags', { '--security_policy': 'read-only' }) }),
    expected: [
      "[t/vc] vitessDashboard.extraFlags.--security_policy: flag names must not start with dashes (the operator adds them). Fix: write 'security_policy'",
    ],
  },
  {
    source: 'pains §11.8', title: 'vreplication_tablet_type on Vitess 20',
    build: () => base({ cluster: { release: VitessRelease.V20 }, pool: { vttablet: { extraFlags: { vreplication_tablet_type: 'replica' } } } }),
    expected: [
      "[t/vc] keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].vttablet.extraFlags.vreplication_tablet_type: Vitess 20 removed the flag 'vreplication_tablet_type' (planetscale/vitess-operator#575); Vitess 20 vttablet would exit with 'unknown flag'. Fix: pass --tablet-types to the MoveTables/Reshard command instead",
    ],
  },
  {
    source: 'pains §11.8', title: 'enable_semi_sync in extraVitessFlags',
    build: () => base({ cluster: { extraVitessFlags: { enable_semi_sync: 'true' } } }),
    expected: [
      "[t/vc] extraVitessFlags.enable_semi_sync: Vitess 15 removed the flag 'enable_semi_sync' (vitessio/website#1103); Vitess 24 vttablet would exit with 'unknown flag'. Fix: drop it: semi-sync follows the keyspace durabilityPolicy (e.g. DurabilityPolicy.SEMI_SYNC)",
    ],
  },

  // ---- pains §11.10–§11.14: resources --------------------------------------------------------------------
  {
    source: 'pains §11.10', title: 'mysqld-exporter memory request above its limit',
    build: () => base({ pool: { mysqldExporter: { resources: { requests: { memory: '256Mi' }, limits: { memory: '128Mi' } } } } }),
    expected: [
      '[t/vc/ks/replica] mysqldExporter.resources.requests.memory: request 256Mi is above the limit 128Mi; Kubernetes rejects such pods. Fix: lower the request or raise limits.memory to at least 256Mi',
    ],
  },
  {
    source: 'pains §11.10', title: 'mysqld memory quantity in the wrong unit',
    build: () => base({ pool: { mysqld: { resources: res('100m', '1Gi', '1gb') } } }),
    expected: [
      "[t/vc/ks/replica] mysqld.resources.limits.memory: '1gb' is not a memory quantity. Fix: write memory like '512Mi' or '1Gi'",
    ],
  },
  {
    source: 'pains §11.11', title: 'MySQL 5.7 mysqld limit below 256Mi',
    build: () => base({ cluster: { release: VitessRelease.V18, mysql: MysqlPreset.mysql57({ resources: res('100m', '128Mi') }) } }),
    expected: [
      "[t/vc/ks/replica] mysqld.resources.limits.memory: mysqld memory limit 128Mi is below the 256Mi MySQL 5.7 needs: InnoDB initialisation gets OOM-killed ('Killed' in the mysqld log) while the tablet shows 1/3 or 2/3 ready and vttablet logs blame the topology. Fix: set limits.memory to at least 256Mi",
    ],
  },
  {
    source: 'pains §11.11', title: 'MySQL 8.4 mysqld limit of 500Mi',
    build: () => base({ cluster: { mysql: MysqlPreset.mysql84() }, pool: { mysqld: { resources: res('100m', '500Mi') } } }),
    expected: [
      "[t/vc/ks/replica] mysqld.resources.limits.memory: mysqld memory limit 500Mi is below the 512Mi MySQL 8.4 needs: InnoDB initialisation gets OOM-killed ('Killed' in the mysqld log) while the tablet shows 1/3 or 2/3 ready and vttablet logs blame the topology. Fix: set limits.memory to at least 512Mi; 1Gi with requests.memory 512Mi is the tested minimum for MySQL 8",
    ],
  },
  {
    source: 'pains §11.14', title: 'backup schedule without resources',
    build: () => base(scheduled({ resources: {} })),
    expected: [
      "[t/vc/Backup] schedules[0].resources: the backup job has no resources, so it runs BestEffort and is the first pod evicted. Fix: give requests (and a memory limit); with vtbackup size it like a tablet's mysqld",
    ],
  },

  // ---- pains §11.16–§11.19: durability and topology ------------------------------------------------------
  {
    source: 'pains §11.16', title: 'cross_cell_with_rdonly_ack with only rdonly tablets in the second cell',
    build: () => base({ keyspace: { durabilityPolicy: DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK }, ...secondCell(({ ks }, zone2) => ks.addTabletPool('rdonly', { cell: zone2, type: TabletType.RDONLY, replicas: 2 })) }),
    expected: [
      "[t/vc/ks] durabilityPolicy: 'cross_cell_with_rdonly_ack' needs primary-eligible tablets in at least 2 cells, found 1 (zone1). Fix: add a replica pool in a second cell, or use DurabilityPolicy.SEMI_SYNC",
    ],
  },
  {
    source: 'pains §11.18', title: 'enforceSemiSync: false on operator 2.11',
    build: () => base({ cluster: { release: VitessRelease.V18 }, keyspace: { enforceSemiSync: false } }),
    expected: [
      '[t/vc] keyspaces[0].partitionings[0].equal.shardTemplate.replication.enforceSemiSync: this field was removed in operator 2.9; operator 2.11.1 (Vitess 18) would prune it. Fix: use the keyspace durabilityPolicy (e.g. semi_sync) instead',
    ],
  },
  {
    source: 'pains §11.19', title: 'cell named after its zone',
    build: () => base({ zone1: { name: 'eu-west-1a' }, pool: { cell: 'eu-west-1a' } }),
    expected: [
      `[t/vc/zone1] name: 'eu-west-1a' is not a valid cell name. Fix: use at most 63 letters, digits, "_" and ".", starting and ending with a letter or digit; no "-": Vitess tablet aliases are <cell>-<uid>, so a "-" in a cell name breaks them (e.g. us-east-1a → useast1a, see cellNameFromZone)`,
    ],
  },
  {
    source: 'pains §11.20', title: 'zone that is not a node label value',
    build: () => base({ zone1: { zone: 'eu west 1a' } }),
    expected: [
      "[t/vc/zone1] zone: 'eu west 1a' is not a node label value, so no node can match it. Fix: use the node's topology.kubernetes.io/zone label value as shown by 'kubectl get nodes -L topology.kubernetes.io/zone', e.g. 'us-east-1a'",
    ],
  },

  // ---- pains §11.22: federation --------------------------------------------------------------------------
  {
    source: 'pains §11.22', title: 'the same cell in two members',
    build: () => federation(({ west }) => west.addCell('east1', { lockserver: Lockserver.managedEtcd({ cellInfoAddress: 'etcd-x.example.net:2379' }) })),
    expected: [
      "[fed] members.west.cells.east1: cell 'east1' is also a cell of member 'east'; each cell must belong to exactly one Kubernetes cluster. Fix: rename one of them, e.g. after its zone with cellNameFromZone('us-east-1a') → 'useast1a'",
    ],
  },
  {
    source: 'pains §11.22', title: 'a pool in another member\'s cell',
    build: () => federation(({ west }) => west.keyspace('commerce').addTabletPool('stray', { cell: 'east1', type: TabletType.RDONLY, replicas: 1 })),
    expected: [
      "[fed] members.west.keyspaces.commerce.tabletPools.stray.cell: cell 'east1' belongs to member 'east', but the pool was added to member 'west', whose operator cannot run tablets in another Kubernetes cluster. Fix: add the pool to the member that owns the cell: east.keyspace('commerce').addTabletPool('stray', { cell: 'east1', ... })",
    ],
  },
  {
    source: 'pains §11.22', title: 'a cell etcd advertised under its in-cluster name',
    build: () => federation(({ west }) => west.addCell('west2', { lockserver: Lockserver.managedEtcd() })),
    expected: [
      "[fed] members.west.cells.west2.lockserver.cellInfoAddress: cell 'west2''s operator-managed etcd would be advertised in its CellInfo as 'shop-west2-etcd-cc2de53a-client.vitess.svc:2379', an in-cluster name that other Kubernetes clusters cannot resolve, so their vtgates and tablets cannot reach this cell. Fix: set Lockserver.managedEtcd({ cellInfoAddress: '<host>:2379' }) to an address every Kubernetes cluster reaches (e.g. an internal load balancer in front of that etcd's client Service)",
    ],
  },
  {
    source: 'pains §11.22', title: 'global lockserver at an in-cluster Service name',
    build: () => federation(undefined, GlobalEtcd.external({ address: 'etcd.vitess.svc:2379', rootPath: '/vitess/shop' })),
    expected: [
      "[fed] globalLockserver.external.address: 'etcd.vitess.svc' is an in-cluster Service name that only resolves inside one Kubernetes cluster, but every member reaches the global lockserver at this address. Fix: use a DNS name or IP reachable from every member (for an operator-managed etcd, set cellInfoAddress), or set meshServiceDns if a cluster mesh makes Service names global",
    ],
  },
  {
    source: 'pains §11.22', title: 'bootstrap member that does not exist',
    build: () => federation(undefined, undefined, 'north'),
    expected: [
      "[fed] bootstrapMember: 'north' is not a member (members: east, west). Fix: name the member whose operator should elect the first primaries",
      '[fed] keyspaces.commerce.replication.initializeMaster: initializeMaster is false in every member, so no operator elects the first primary of a new shard. Fix: set bootstrapMember to one of east, west',
      '[fed] keyspaces.commerce.replication.initializeBackup: initializeBackup is false in every member, so no operator takes the initial backup of a new shard. Fix: set bootstrapMember to one of east, west',
    ],
  },

  // ---- pains §11.24–§11.27: backups ----------------------------------------------------------------------
  {
    source: 'pains §11.24', title: 'backupLocationName without any backup',
    build: () => base({ pool: { backupLocationName: 'eu' } }),
    expected: [
      "[t/vc/ks/replica] backupLocationName: location 'eu' is named, but the cluster has no backup configured. Fix: configure backup locations in the VitessCluster backup prop, or drop backupLocationName",
    ],
  },
  {
    source: 'pains §11.25', title: 'S3 location with an empty region',
    build: () => base(withBackup({ locations: [BackupLocation.s3({ region: '', bucket: 'demo-backups' })] })),
    expected: [
      '[t/vc/Backup] locations[0].s3.region: the s3 region is empty. Fix: give the region',
    ],
  },
  {
    source: 'pains §11.25', title: 'S3 endpoint given as a URL',
    build: () => base(withBackup({ locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'b', endpoint: 'https://minio.example.net', forcePathStyle: true })] })),
    expected: [
      "[t/vc/Backup] locations[0].s3.endpoint: endpoint 'https://minio.example.net' is not host:port; Vitess builds the URL itself and needs the port. Fix: write it like 'minio.example.net:9000'",
    ],
  },
  {
    source: 'pains §11.25', title: 'key prefix with a line break',
    build: () => base(withBackup({ locations: [BackupLocation.gcs({ bucket: 'b', keyPrefix: 'prod\nvitess' })] })),
    expected: [
      '[t/vc/Backup] locations[0].gcs.keyPrefix: key prefix "prod\\nvitess" contains a line break. Fix: use a single-line prefix of at most 256 characters',
    ],
  },
  {
    source: 'pains §11.25', title: 'ceph location without credentials',
    build: () => base(withBackup({ locations: [BackupLocation.ceph({} as never)] })),
    expected: [
      "[t/vc/Backup] locations[0].ceph.authSecret: ceph locations need credentials (authSecret). Fix: give authSecret: SecretKeyRef.fromSecret('<secret>', '<key>')",
    ],
  },
  {
    source: 'pains §11.25', title: 'S3 part size below 5 MiB',
    build: () => base(withBackup({ locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'b', minPartSize: 1024 })] })),
    expected: [
      '[t/vc/Backup] locations[0].s3.minPartSize: 1024 bytes is not a whole number of at least 5 MiB; S3 rejects smaller multipart parts. Fix: use at least 5242880 (5 MiB)',
    ],
  },
  {
    source: 'pains §11.26', title: 'hostPath backups on a multi-node cluster',
    build: () => base(withBackup({ locations: [BackupLocation.hostPath('/var/backups')] })),
    expected: [
      '[t/vc/Backup] locations[0].volume.hostPath: a hostPath backup location only works on one node: every node would hold a different set of backups, and tablets elsewhere find none to restore. Fix: use an object store or a ReadWriteMany volume claim, or declare the backup singleNode: true for a one-node dev cluster',
    ],
  },
  {
    source: 'pains §11.26', title: 'existing backup claim that is not ReadWriteMany',
    build: () => base(withBackup({ locations: [BackupLocation.existingVolumeClaim({ claimName: 'backups', readWriteMany: false })] })),
    expected: [
      "[t/vc/Backup] locations[0].volume.persistentVolumeClaim: claim 'backups' is not ReadWriteMany, but every tablet and backup job mounts it, from any node. Fix: use accessModes [READ_WRITE_MANY] (with a StorageClass that supports it), or declare the backup singleNode: true for a one-node dev cluster",
    ],
  },
  {
    source: 'pains §11.27', title: 'frequency off the operator grid',
    build: () => base(scheduled({ schedule: BackupSchedule.frequency('7m') })),
    expected: [
      "[t/vc/Backup] schedules[0].frequency: frequency '7m' is not on the operator's grid, which only accepts intervals that divide an hour or a day evenly. Fix: use one of 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h, or BackupSchedule.cron(...) for anything else",
    ],
  },
  {
    source: 'pains §11.27', title: 'frequency on operator 2.16',
    build: () => base(scheduled({ schedule: BackupSchedule.frequency('24h') }, VitessRelease.V23)),
    expected: [
      '[t/vc] backup.schedules[0].frequency: this field needs operator 2.17 or later; the operator 2.16.0 (Vitess 23) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V24 (operator 2.17) or later, or drop the field',
    ],
  },
  {
    source: 'pains §11.27', title: 'cron expression with four fields',
    build: () => base(scheduled({ schedule: BackupSchedule.cron('0 3 * *') })),
    expected: [
      "[t/vc/Backup] schedules[0].schedule: '0 3 * *' is not a 5-field cron expression. Fix: write minute hour day-of-month month day-of-week, e.g. '0 3 * * *', or use '@daily'",
    ],
  },
  {
    source: 'pains §11.27', title: 'strategy extraFlags with the vtbackup method',
    build: () => base(scheduled({ strategies: [BackupStrategy.shard('ks', '-', { extraFlags: { 'allow-primary': 'true' } })] })),
    expected: [
      "[t/vc/Backup] schedules[0].strategies[0].extraFlags: strategy extraFlags are vtctldclient BackupShard flags, but this schedule backs up with vtbackup, which ignores them. Fix: set backupMethod: BackupMethod.VTCTLDCLIENT, or move the flags to the tablet pool's vttablet vtbackupExtraFlags",
    ],
  },
  {
    source: 'pains §11.27', title: 'negative job timeout',
    build: () => base(scheduled({ jobTimeoutMinute: -1 })),
    expected: [
      '[t/vc/Backup] schedules[0].jobTimeoutMinute: -1 is not a whole number ≥ 0. Fix: use a whole number ≥ 0',
    ],
  },
  {
    source: 'pains §11.27', title: 'backupMethod outside the enum',
    build: () => base(scheduled({ backupMethod: 'mysqldump' as BackupMethod })),
    expected: [
      "[t/vc/Backup] schedules[0].backupMethod: 'mysqldump' is not a backup method. Fix: use BackupMethod.VTBACKUP or VTCTLDCLIENT",
    ],
  },

  // ---- pains §11.34: passwords ---------------------------------------------------------------------------
  {
    source: 'pains §11.34', title: 'environment password with an empty dev default',
    build: () => base({ users: [{ user: 'app', password: Password.fromEnv('CDK8S_VITESS_CATALOGUE_UNSET', { insecureDevDefault: '' }) }] }),
    expected: [
      '[t/auth] users[0].password: environment variable CDK8S_VITESS_CATALOGUE_UNSET is empty; vtgate would accept this user without a password. Fix: export CDK8S_VITESS_CATALOGUE_UNSET=<password> before synth, or use AuthSecret.fromExistingSecret to keep users.json out of the manifests',
    ],
  },
  {
    source: 'pains §11.34', title: 'native hash in lowercase hex',
    build: () => base({ users: [{ user: 'app', password: Password.mysqlNativeHash(`*${'a'.repeat(40)}`) }] }),
    expected: [
      "[t/auth] users[0].password: '*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a MySQL native password hash. Fix: give '*' followed by 40 uppercase hex digits",
    ],
  },
  {
    source: 'pains §11.34', title: 'user with an empty name',
    build: () => base({ users: [{ user: '', password: Password.plainText('pw') }] }),
    expected: [
      '[t/auth] users[0].user: the user name is empty. Fix: give the user a name',
    ],
  },

  // ---- pains §11.36, §11.41: operator install and gateway Service ---------------------------------------
  {
    source: 'pains §11.36', title: 'operator that does not watch the cluster namespace',
    build: () => base({ then: ({ app }) => new VitessOperator(app, 'operator', { crds: false, watch: WatchScope.namespaces(['vitess']) }) }),
    expected: [
      "[operator] watch: VitessCluster ns/demo (t/vc/Resource) is in namespace 'ns', which the operator does not watch (vitess). Fix: add 'ns' to WatchScope.namespaces([...]), or use WatchScope.clusterNamespaces()",
    ],
  },
  {
    source: 'pains §11.41', title: 'exposed gateway for an undefined cell',
    build: () => base({ then: ({ cluster }) => cluster.exposeGateway({ cell: 'zone2' }) }),
    expected: [
      "[t/vc/GatewayService] cell: cell 'zone2' is not defined, so the Service would select no pods. Fix: use one of: zone1",
    ],
  },
  {
    source: 'pains §11.41', title: 'node port on a LoadBalancer Service',
    build: () => base({ then: ({ cluster }) => cluster.exposeGateway({ type: GatewayServiceType.LOAD_BALANCER, nodePort: 31306 }) }),
    expected: [
      '[t/vc/GatewayService] nodePort: nodePort is set but the Service type is LoadBalancer. Fix: use GatewayServiceType.NODE_PORT, or drop nodePort',
    ],
  },

  // ---- pains §11.42: gateway autoscaler ------------------------------------------------------------------
  {
    source: 'pains §11.42', title: 'autoscaler maxReplicas below minReplicas',
    build: () => base({ zone1: { gateway: { autoscaler: { minReplicas: 3, maxReplicas: 2 } } } }),
    expected: [
      '[t/vc/zone1] gateway.autoscaler.maxReplicas: maxReplicas 2 is below minReplicas 3. Fix: raise maxReplicas to at least 3',
    ],
  },
  {
    source: 'pains §11.42', title: 'CPU autoscaling without a CPU request',
    build: () => base({ zone1: { gateway: { resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }, autoscaler: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 70 } } } }),
    expected: [
      "[t/vc/zone1] gateway.autoscaler.metrics: the autoscaler scales on CPU utilisation, which is a percentage of the CPU request, but vtgate has resources without requests.cpu. Fix: set gateway.resources.requests.cpu (e.g. '500m')",
    ],
  },
  {
    source: 'pains §11.42', title: 'autoscaler on operator 2.14',
    build: () => base({ cluster: { release: VitessRelease.V21 }, zone1: { gateway: { autoscaler: { minReplicas: 2, maxReplicas: 4 } } } }),
    expected: [
      '[t/vc] cells[0].gateway.autoscaler: this field needs operator 2.15 or later; the operator 2.14.0 (Vitess 21) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V22 (operator 2.15) or later, or drop the field',
    ],
  },
  {
    source: 'pains §11.43', title: 'rollout that can never progress',
    build: () => base({ zone1: { gateway: { strategy: GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: '0%', maxSurge: 0 }) } } }),
    expected: [
      '[t/vc/zone1] gateway.strategy.rollingUpdate: maxUnavailable and maxSurge are both 0, so the rollout can never make progress. Fix: use maxUnavailable: 0 with maxSurge: 1',
    ],
  },
];

/**
 * Valid inputs next to the rules this catalogue added or fixed in lib/ (pool identity, partitionings after a
 * shard ending at '', '0%' rollouts, keyspace mysqlVersion, external lockserver defaults): they must keep
 * synthesizing, so the new checks cannot be satisfied by refusing everything near them.
 */
export const VALID_NEIGHBOURS: ReadonlyArray<{ readonly source: string; readonly title: string; readonly build: () => App }> = [
  { source: 'facts §8.5', title: 'a replica and an rdonly pool in the same cell', build: () => base({ then: ({ ks }) => ks.addTabletPool('rdonly', { cell: 'zone1', type: TabletType.RDONLY, replicas: 1 }) }) },
  { source: 'facts §8.5', title: 'replica pools of one keyspace in two cells', build: () => base(secondCell(({ ks }, zone2) => ks.addTabletPool('replica2', { cell: zone2, replicas: 2 }))) },
  {
    source: 'facts §8.5', title: 'two external pools of one type and cell with different names',
    build: () => base({ then: ({ ks }) => { addExternal(ks, 'legacy', { name: 'legacy' }); addExternal(ks, 'legacy2', { name: 'legacy2' }); } }),
  },
  { source: 'facts §8.4', title: 'custom shards ending with the one that runs to the end', build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-40', '40-80', '80-'])] } }) },
  { source: 'facts §8.4', title: 'an unsharded and a split partitioning while resharding', build: () => base({ keyspace: { partitionings: [Partitioning.custom(['-']), Partitioning.custom(['-80', '80-'])] } }) },
  { source: 'pains §11.43', title: "rollout with maxUnavailable '0%' and maxSurge 1", build: () => base({ zone1: { gateway: { strategy: GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: '0%', maxSurge: 1 }) } } }) },
  { source: 'pains §11.3', title: 'keyspace on MySQL 8.4 in a MySQL 8.0 cluster', build: () => base({ keyspace: { images: { mysqld: 'vitess/lite:v24.0.0-mysql84', mysqlVersion: '8.4' } } }) },
  {
    source: 'facts §8.10', title: 'external lockserver with implementation: undefined (etcd2)',
    build: () => base({ cluster: { globalLockserver: GlobalEtcd.external({ implementation: undefined, address: 'etcd-global.example.net:2379', rootPath: '/vitess/demo' }) } }),
  },
];
