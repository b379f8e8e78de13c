import { App, Chart } from 'cdk8s';
import { Partitioning, VitessRelease } from '../../lib';
import { exampleBackup, exampleCluster, exampleKeyspace } from './common';

/**
 * `302_new_shards.yaml`: the reshard target for `customer`, a second partitioning of 2 shards with 4-digit
 * boundaries (`-8000`, `8000-`; hexWidth needs operator 2.16+), after the current unsharded one.
 */
export function upstream302NewShards(app: App, release = VitessRelease.V24): Chart {
  const { chart, cluster, zone1 } = exampleCluster(app, '302-new-shards', { release, backup: exampleBackup('existing') });
  exampleKeyspace(cluster, 'commerce', zone1);
  exampleKeyspace(cluster, 'customer', zone1, { partitionings: [Partitioning.unsharded(), Partitioning.equal(2, { hexWidth: 4 })] });
  return chart;
}
