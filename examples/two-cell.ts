import { App, Chart } from 'cdk8s';
import { AuthSecret, DurabilityPolicy, Password, TabletType, UpdateStrategyType, VitessCluster } from '../lib';

/** Seed scenario §5: `adv-vitess-cluster` over cells az1 and az2, 2 vtgates and 2 vtctlds per cell, 2 replica + 1 rdonly tablets per cell. */
export function twoCell(app: App, id = 'two-cell'): Chart {
  const chart = new Chart(app, id, { namespace: 'vitess' });
  const auth = new AuthSecret(chart, 'auth', {
    users: [{ user: 'adv', password: Password.fromEnv('ADV_VTGATE_PASSWORD', { insecureDevDefault: 'adv-dev-password' }) }],
  });
  const cluster = new VitessCluster(chart, 'cluster', {
    name: 'adv-vitess-cluster', auth, dashboard: { replicas: 2 }, updateStrategy: UpdateStrategyType.IMMEDIATE,
  });
  const buffering = { enable_buffer: 'true', buffer_size: '1000', buffer_max_failover_duration: '10s', buffer_min_time_between_failovers: '20s' };
  const cells = ['az1', 'az2'].map((name) => cluster.addCell(name, { gateway: { replicas: 2, extraFlags: buffering } }));
  const adv = cluster.addKeyspace('adv', { durabilityPolicy: DurabilityPolicy.SEMI_SYNC });
  for (const cell of cells) {
    adv.addTabletPool(`${cell.name}-replica`, { cell, type: TabletType.REPLICA, replicas: 2 });
    adv.addTabletPool(`${cell.name}-rdonly`, { cell, type: TabletType.RDONLY, replicas: 1 });
  }
  return chart;
}
