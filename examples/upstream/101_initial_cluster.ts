import { App, Chart } from 'cdk8s';
import { VitessRelease } from '../../lib';
import { exampleBackup, exampleCluster, exampleKeyspace, exampleMysql } from './common';

/** The previous Vitess major's images: upstream's 101 is the starting point of its v23 → v24 upgrade test. */
const V23_LITE = 'vitess/lite:v23.0.3-mysql80';

/**
 * `101_initial_cluster.yaml`: the commerce keyspace on Vitess 23 images, run by operator 2.17, with
 * xtrabackup to a new `vitess-backups` claim.
 */
export function upstream101InitialCluster(app: App, release = VitessRelease.V24): Chart {
  const { chart, cluster, zone1 } = exampleCluster(app, '101-initial-cluster', {
    release,
    mysql: exampleMysql('8.0', V23_LITE),
    // Upstream keeps the exporter at 0.14.0 until the v24 → v25 upgrade.
    images: { vtctld: V23_LITE, vtgate: V23_LITE, vttablet: V23_LITE, vtorc: V23_LITE, vtbackup: V23_LITE, mysqldExporter: 'prom/mysqld-exporter:v0.14.0' },
    backup: exampleBackup('create'),
    refreshFlag: 'tablet_refresh_interval',
  });
  exampleKeyspace(cluster, 'commerce', zone1);
  return chart;
}
