import { Chart, Testing } from 'cdk8s';
import {
  AuthSecret, BackupEngine, BackupLocation, BackupMethod, BackupSchedule, BackupStrategy, ExternalTabletType, GatewayRolloutStrategy,
  MysqlPreset, Partitioning, Password, SecretKeyRef, TabletType, VitessCluster, VitessRelease, VtAdminFetchCredentials, VtAdminRbac,
} from '../../lib';

const small = (memory: string) => ({ requests: { cpu: '100m', memory }, limits: { memory } });

/**
 * A cluster that uses every part of the typed surface at once (for operator 2.17): used to prove that every
 * field the library can emit either exists in all releases or is gated.
 */
export function kitchenSink(release = VitessRelease.V24): { chart: Chart; cluster: VitessCluster } {
  const chart = new Chart(Testing.app(), 'ks', { namespace: 'db' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const cluster = new VitessCluster(chart, 'vc', {
    name: 'sink', release, auth, mysql: MysqlPreset.mysql80(),
    images: { vtadmin: `vitess/vtadmin:v${release.vitessVersion}` },
    backup: {
      engine: BackupEngine.MYSQLSHELL,
      subcontrollerServiceAccountName: 'vitess-backup',
      locations: [
        BackupLocation.s3({ region: 'us-east-1', bucket: 'b', keyPrefix: 'p', authSecret: SecretKeyRef.fromSecret('aws', 'credentials'), minPartSize: 16 * 2 ** 20, annotations: { a: 'b' } }),
        BackupLocation.gcs({ name: 'gcs', bucket: 'g' }),
        BackupLocation.newVolumeClaim({ name: 'nfs', claimName: 'backups', size: '100Gi', subPath: 'vitess' }),
      ],
      schedules: [{
        name: 'daily', schedule: BackupSchedule.frequency('24h'), resources: small('1Gi'), backupMethod: BackupMethod.VTCTLDCLIENT,
        strategies: [BackupStrategy.cluster({ extraFlags: { 'allow-primary': 'true' } })],
        tolerations: [{ key: 'backup', operator: 'Exists' }], successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1,
        jobTimeoutMinute: 60, suspend: false, startingDeadlineSeconds: 60, allowedMissedRun: 3, annotations: { x: 'y' },
      }],
    },
    vtadmin: { apiAddresses: ['https://vtadmin.example.com'], rbac: VtAdminRbac.allowAll(), cells: ['zone1'], replicas: 1, readOnly: true, fetchCredentials: VtAdminFetchCredentials.INCLUDE, webResources: small('128Mi'), apiResources: small('128Mi') },
  });
  const zone1 = cluster.addCell('zone1', {
    gateway: {
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } },
      autoscaler: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 80 },
      strategy: GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 1 }),
      secureTransport: { certSecret: SecretKeyRef.fromSecret('tls', 'tls.crt'), keySecret: SecretKeyRef.fromSecret('tls', 'tls.key'), clientCACertSecret: SecretKeyRef.fromSecret('tls', 'ca.crt') },
    },
  });
  const ks = cluster.addKeyspace('main', {
    sidecarDbName: '_vt_main', annotations: { team: 'db' },
    images: { vttablet: release.liteImage('8.0'), vtorc: release.liteImage('8.0'), vtbackup: release.liteImage('8.0'), mysqldExporter: release.mysqldExporterImage, mysqld: release.liteImage('8.0') },
    partitionings: [Partitioning.unsharded(), Partitioning.equal(2, { hexWidth: 4 })],
  });
  ks.addTabletPool('replica', {
    cell: zone1, type: TabletType.REPLICA, replicas: 3, backupLocationName: '',
    vttablet: { resources: small('256Mi'), vtbackupExtraFlags: { 'backup-storage-compress': 'true' } },
    mysqldExporter: { resources: small('64Mi'), extraFlags: { 'collect.info_schema.tables': 'false' } },
  });
  const legacy = cluster.addKeyspace('legacy');
  legacy.addTabletPool('ext', {
    cell: zone1, type: ExternalTabletType.MASTER, replicas: 1, name: 'rds', backupLocationName: 'gcs',
    externalDatastore: { host: 'mysql.legacy.svc', user: 'vitess', database: 'legacy', credentialsSecret: SecretKeyRef.fromSecret('legacy-db', 'credentials.json') },
  });
  return { chart, cluster };
}
