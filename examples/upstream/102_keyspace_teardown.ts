import { App, Chart } from 'cdk8s';
import { VitessRelease } from '../../lib';
import { exampleBackup, exampleCluster, exampleMysql } from './common';

/**
 * `102_keyspace_teardown.yaml`: the cluster with every keyspace removed (they were Immediate, so they are
 * torn down), before a restore test. mysqld runs the official MySQL image here.
 */
export function upstream102KeyspaceTeardown(app: App, release = VitessRelease.V24): Chart {
  const { chart } = exampleCluster(app, '102-keyspace-teardown', {
    release,
    mysql: exampleMysql('8.0', 'mysql:8.0.40'),
    backup: exampleBackup('existing'),
  });
  return chart;
}
