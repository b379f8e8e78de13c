import { App, Chart } from 'cdk8s';
import { AuthSecret, DurabilityPolicy, Partitioning, Password, TabletType, VitessCluster } from '../../lib';

/** Custom key ranges splitting the keyspace into `count` (a power of two ≤ 65536) equal shards. */
export function customShards(count: number): string[] {
  const width = Math.max(2, Math.ceil(Math.log2(count) / 8) * 2);
  const bound = (i: number) => (i === 0 || i === count ? '' : Math.round((i * 16 ** width) / count).toString(16).padStart(width, '0'));
  return Array.from({ length: count }, (_, i) => `${bound(i)}-${bound(i + 1)}`);
}

/**
 * The benchmark's big topology: 3 cells, 40 keyspaces with 3 tablet pools each (a semi-sync replica pool
 * per cell), and keyspace `big` with `shards` custom shards; the other 39 are unsharded.
 */
export function bigTopology(app: App, shards: number): Chart {
  const chart = new Chart(app, 'big', { namespace: 'vitess' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('bench-password') }] });
  const cluster = new VitessCluster(chart, 'cluster', { name: 'big', auth });
  const cells = ['az1', 'az2', 'az3'].map((name) => cluster.addCell(name));
  for (let i = 0; i < 40; i++) {
    const keyspace = cluster.addKeyspace(i === 0 ? 'big' : `ks${String(i).padStart(2, '0')}`, {
      durabilityPolicy: DurabilityPolicy.SEMI_SYNC,
      partitionings: i === 0 ? [Partitioning.custom(customShards(shards))] : undefined,
    });
    for (const cell of cells) keyspace.addTabletPool(`${cell.name}-replica`, { cell, type: TabletType.REPLICA, replicas: 2 });
  }
  return chart;
}
