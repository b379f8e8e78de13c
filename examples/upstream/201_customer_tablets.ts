import { App, Chart } from 'cdk8s';
import { VitessRelease } from '../../lib';
import { exampleBackup, exampleCluster, exampleKeyspace } from './common';

/** `201_customer_tablets.yaml`: adds the unsharded `customer` keyspace, the target of MoveTables. */
export function upstream201CustomerTablets(app: App, release = VitessRelease.V24): Chart {
  const { chart, cluster, zone1 } = exampleCluster(app, '201-customer-tablets', { release, backup: exampleBackup('existing') });
  exampleKeyspace(cluster, 'commerce', zone1);
  exampleKeyspace(cluster, 'customer', zone1);
  return chart;
}
