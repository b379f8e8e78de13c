import { App } from 'cdk8s';
import {
  BackupLocation, cellNameFromZone, CellsToWatch, DurabilityPolicy, Federation, GlobalEtcd, Lockserver, Partitioning, Password,
  TabletType, UpdateStrategyType,
} from '../lib';

/** The Kubernetes clusters (regions) and the zone each one's cell runs in. */
const REGIONS = [['useast1', 'us-east-1a'], ['uswest2', 'us-west-2a'], ['euwest1', 'eu-west-1a']] as const;

/**
 * Seed scenario §7: one Vitess cluster over three Kubernetes clusters. Every region's manifest
 * (`<region>.k8s.yaml`) lists only its own cell and pools and points at the shared external global etcd
 * `etcd-global-1..3`; each cell has its own etcd, advertised at an address the other regions reach.
 * Cross-region networking and load balancing come from elsewhere (facts §4). With the operator install added
 * (examples/main.ts), apply `0000-vitess-operator.k8s.yaml` in every region first, then that region's file.
 */
export function multiRegion(app: App, id = 'multi-region'): Federation {
  const federation = new Federation(app, id, {
    clusterName: 'commerce', namespace: 'vitess', cellsToWatch: CellsToWatch.ALL,
    globalLockserver: GlobalEtcd.external({ address: 'etcd-global-1:2379,etcd-global-2:2379,etcd-global-3:2379', rootPath: '/vitess/commerce/global' }),
    cluster: {
      updateStrategy: UpdateStrategyType.IMMEDIATE,
      backup: { locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'commerce-vitess-backups' })] },
    },
    auth: { users: [{ user: 'app', password: Password.fromEnv('COMMERCE_VTGATE_PASSWORD', { insecureDevDefault: 'commerce-dev-password' }) }] },
  });
  const keyspaces = [
    federation.addKeyspace('commerce', { durabilityPolicy: DurabilityPolicy.CROSS_CELL }),
    federation.addKeyspace('customer', { durabilityPolicy: DurabilityPolicy.CROSS_CELL, partitionings: [Partitioning.equal(2)] }),
  ];
  for (const [region, zone] of REGIONS) {
    const member = federation.addMember(region);
    const lockserver = Lockserver.managedEtcd({ cellInfoAddress: `etcd-${cellNameFromZone(zone)}.vitess.internal:2379` });
    const cell = member.addCell(cellNameFromZone(zone), { zone, lockserver });
    for (const ks of keyspaces) {
      member.keyspace(ks).addTabletPool('replica', { cell, type: TabletType.REPLICA, replicas: 2 });
      member.keyspace(ks).addTabletPool('rdonly', { cell, type: TabletType.RDONLY, replicas: 1 });
    }
  }
  return federation;
}
