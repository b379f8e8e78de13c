import { App, Chart } from 'cdk8s';
import { PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import {
  AuthSecret, BackupEngine, BackupLocation, BackupProps, Cell, ContainerResources, DurabilityPolicy, Keyspace, MysqlPreset,
  Partitioning, Password, TabletType, TurndownPolicy, UpdateStrategyType, VitessCluster, VitessImages, VitessRelease,
} from '../../lib';

/**
 * The building blocks every upstream operator example shares (test/endtoend/operator/*.yaml at v2.17.0):
 * cluster `example` in namespace `example`, cell zone1 with one vtgate, a read-only vtctld, keyspaces with
 * 3 semi-sync replicas, and xtrabackup to the `vitess-backups` volume claim. Each example file builds its
 * variant from these.
 */

export const small = (memory: string): ContainerResources => ({ requests: { cpu: '100m', memory }, limits: { memory } });

/** mysqld sizing of the examples; the buffer pool is left to MySQL, as upstream does. */
export function exampleMysql(version: '8.0' | '8.4' = '8.0', image?: string): MysqlPreset {
  const options = { resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1024Mi' } }, bufferPoolSize: 'none', image };
  return version === '8.4' ? MysqlPreset.mysql84(options) : MysqlPreset.mysql80(options);
}

/** xtrabackup to a volume claim on a one-node (minikube/kind) cluster, as every upstream example does. */
export function exampleBackup(claim: 'create' | 'existing', extra: Partial<BackupProps> = {}): BackupProps {
  const location = claim === 'create'
    ? BackupLocation.newVolumeClaim({ claimName: 'vitess-backups', size: '1Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] })
    : BackupLocation.existingVolumeClaim({ claimName: 'vitess-backups', readWriteMany: false });
  // ReadWriteOnce is only safe because every pod runs on the single node; the library insists it is declared.
  return { engine: BackupEngine.XTRABACKUP, singleNode: true, locations: [location], ...extra };
}

export interface ExampleClusterOptions {
  readonly release?: VitessRelease;
  readonly mysql?: MysqlPreset;
  readonly images?: VitessImages;
  readonly backup: BackupProps;
  /** Upstream spells this vtgate flag both ways across files. @default 'tablet-refresh-interval' */
  readonly refreshFlag?: 'tablet_refresh_interval' | 'tablet-refresh-interval';
}

/** The chart, auth Secret, cluster and cell zone1 of an upstream example. */
export function exampleCluster(app: App, id: string, o: ExampleClusterOptions): { chart: Chart; cluster: VitessCluster; zone1: Cell } {
  const chart = new Chart(app, id, { namespace: 'example' });
  const auth = new AuthSecret(chart, 'auth', {
    name: 'example-cluster-config',
    // Upstream leaves the password empty; the library refuses that, so the examples read one (dev default for local use).
    users: [{ user: 'user', password: Password.fromEnv('EXAMPLE_VTGATE_PASSWORD', { insecureDevDefault: 'example-dev-password' }) }],
  });
  const cluster = new VitessCluster(chart, 'cluster', {
    name: 'example',
    release: o.release ?? VitessRelease.V24,
    mysql: o.mysql ?? exampleMysql(),
    images: o.images,
    auth,
    backup: o.backup,
    updateStrategy: UpdateStrategyType.IMMEDIATE,
    dashboard: { cells: ['zone1'], replicas: 1, resources: small('128Mi') },
  });
  const zone1 = cluster.addCell('zone1', {
    gateway: { replicas: 1, resources: small('256Mi'), extraFlags: { [o.refreshFlag ?? 'tablet-refresh-interval']: '10s' } },
  });
  return { chart, cluster, zone1 };
}

/** A keyspace as upstream declares them: semi-sync, Immediate turndown, vtorc polling every 3s, 3 replicas per shard. */
export function exampleKeyspace(cluster: VitessCluster, name: string, zone1: Cell, o: { vttabletMemory?: string; partitionings?: Partitioning[] } = {}): Keyspace {
  const ks = cluster.addKeyspace(name, {
    durabilityPolicy: DurabilityPolicy.SEMI_SYNC,
    turndownPolicy: TurndownPolicy.IMMEDIATE,
    vtorc: { resources: small('128Mi'), extraFlags: { 'instance-poll-time': '3s' } },
    partitionings: o.partitionings,
  });
  ks.addTabletPool('replica', {
    cell: zone1, type: TabletType.REPLICA, replicas: 3,
    vttablet: { resources: small(o.vttabletMemory ?? '256Mi'), extraFlags: { db_charset: 'utf8mb4' } },
  });
  return ks;
}
