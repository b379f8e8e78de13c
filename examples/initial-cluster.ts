import { App, Chart } from 'cdk8s';
import { PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import { AuthSecret, BackupEngine, BackupLocation, DurabilityPolicy, Password, TabletType, TurndownPolicy, UpdateStrategyType, VitessCluster } from '../lib';

const small = (memory: string) => ({ requests: { cpu: '100m', memory }, limits: { memory } });

/**
 * The equivalent of upstream's `101_initial_cluster.yaml`: cluster `example`, cell zone1, keyspace
 * `commerce` unsharded with 3 semi-sync replicas, xtrabackup to the `vitess-backups` claim (1Gi,
 * ReadWriteOnce: fine on upstream's one-node minikube, which is why the backup is declared singleNode;
 * a multi-node cluster needs a ReadWriteMany claim or an object store). Differences by design: the release's own images instead
 * of the previous major, a password for the vtgate user, and the library's safe defaults elsewhere.
 */
export function initialCluster(app: App, id = 'initial-cluster'): Chart {
  const chart = new Chart(app, id, { namespace: 'example' });
  const auth = new AuthSecret(chart, 'auth', {
    name: 'example-cluster-config',
    users: [{ user: 'user', password: Password.fromEnv('EXAMPLE_VTGATE_PASSWORD', { insecureDevDefault: 'example-dev-password' }) }],
  });
  const cluster = new VitessCluster(chart, 'cluster', {
    name: 'example', auth, updateStrategy: UpdateStrategyType.IMMEDIATE,
    dashboard: { cells: ['zone1'], replicas: 1, resources: small('128Mi') },
    backup: {
      engine: BackupEngine.XTRABACKUP,
      singleNode: true,
      locations: [BackupLocation.newVolumeClaim({ claimName: 'vitess-backups', size: '1Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] })],
    },
  });
  const zone1 = cluster.addCell('zone1', {
    gateway: { replicas: 1, resources: small('256Mi'), extraFlags: { tablet_refresh_interval: '10s' } },
  });
  const commerce = cluster.addKeyspace('commerce', {
    durabilityPolicy: DurabilityPolicy.SEMI_SYNC,
    turndownPolicy: TurndownPolicy.IMMEDIATE,
    vtorc: { resources: small('128Mi'), extraFlags: { 'instance-poll-time': '3s' } },
  });
  commerce.addTabletPool('replica', {
    cell: zone1, type: TabletType.REPLICA, replicas: 3,
    vttablet: { resources: small('256Mi'), extraFlags: { db_charset: 'utf8mb4' } },
  });
  return chart;
}
