import { App, Chart } from 'cdk8s';
import { AuthSecret, MysqlPreset, Password, TabletType, VitessCluster, VitessRelease } from '../lib';

export interface SeedMysql8Options {
  /** @default VitessRelease.LATEST */
  readonly release?: VitessRelease;
  /** @default MysqlPreset.mysql80() with the seed's working mysqld sizing */
  readonly mysql?: MysqlPreset;
  /** Only for demonstrating the OOM guard. @default '1Gi' */
  readonly mysqldMemoryLimit?: string;
}

/**
 * Seed scenario §3: the single-cell MySQL 8 cluster that was OOM-killed at 256Mi and worked at
 * mysqld requests 100m/512Mi, limit 1Gi. Keyspace `ADV`, one unsharded shard, one tablet in zone1.
 */
export function seedMysql8(app: App, id = 'seed-mysql8', options: SeedMysql8Options = {}): Chart {
  const chart = new Chart(app, id, { namespace: 'vitess' });
  const auth = new AuthSecret(chart, 'auth', {
    users: [{ user: 'adv', password: Password.fromEnv('ADV_VTGATE_PASSWORD', { insecureDevDefault: 'adv-dev-password' }) }],
  });
  const mysql = options.mysql ?? MysqlPreset.mysql80({
    resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: options.mysqldMemoryLimit ?? '1Gi' } },
  });
  const cluster = new VitessCluster(chart, 'cluster', {
    name: 'adv', release: options.release, mysql, auth,
    dashboard: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } },
  });
  const zone1 = cluster.addCell('zone1', {
    gateway: { replicas: 1, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } } },
  });
  cluster.addKeyspace('ADV').addTabletPool('replica', {
    cell: zone1, type: TabletType.REPLICA, replicas: 1,
    vttablet: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } } },
    mysqld: { configOverrides: 'lower_case_table_names = 1' },
    storage: { size: '1Gi' },
  });
  return chart;
}
