import { App, Chart } from 'cdk8s';
import { VitessRelease } from '../../lib';
import { upstream101InitialCluster } from './101_initial_cluster';
import { upstream101InitialClusterBackupSchedule } from './101_initial_cluster_backup_schedule';
import { upstream102KeyspaceTeardown } from './102_keyspace_teardown';
import { upstream103VtctldclientBackupSchedule } from './103_initial_cluster_vtctldclient_backup_schedule';
import { upstream201CustomerTablets } from './201_customer_tablets';
import { upstream302NewShards } from './302_new_shards';

/** Every rebuilt upstream example, by the upstream file it reproduces. */
export const UPSTREAM_EXAMPLES: Readonly<Record<string, (app: App, release?: VitessRelease) => Chart>> = {
  '101_initial_cluster.yaml': upstream101InitialCluster,
  '101_initial_cluster_backup_schedule.yaml': upstream101InitialClusterBackupSchedule,
  '102_keyspace_teardown.yaml': upstream102KeyspaceTeardown,
  '103_initial_cluster_vtctldclient_backup_schedule.yaml': upstream103VtctldclientBackupSchedule,
  '201_customer_tablets.yaml': upstream201CustomerTablets,
  '302_new_shards.yaml': upstream302NewShards,
};
