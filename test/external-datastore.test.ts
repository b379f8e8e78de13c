import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, DurabilityPolicy, ExternalDatastore, ExternalTabletType, Password, SecretKeyRef, TabletPoolProps, TabletType, VitessCluster, VitessRelease } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

const ds: ExternalDatastore = { host: 'mysql.example', user: 'root', database: 'commerce', credentialsSecret: SecretKeyRef.fromSecret('example-cluster-config', 'external-credentials') };

function cluster(pool: Partial<TabletPoolProps>, release = VitessRelease.V24) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release });
  const cell = vc.addCell('zone1');
  vc.addKeyspace('commerce', { durabilityPolicy: DurabilityPolicy.NONE, sidecarDbName: '_vt_ext' })
    .addTabletPool('ext', { cell, type: ExternalTabletType.MASTER, replicas: 1, name: 'ext', externalDatastore: ds, ...pool });
  return chart;
}
const pool = (chart: Chart) => vitessCluster(synth(chart)).spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0];

describe('external datastores (unmanaged tablets)', () => {
  it('renders an externalmaster pool without mysqld or volume, like upstream 101_initial_cluster_unmanaged_tablet', () => {
    const chart = cluster({});
    expect(pool(chart)).toEqual({
      cell: 'zone1', type: 'externalmaster', name: 'ext', replicas: 1,
      vttablet: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } } },
      externalDatastore: { host: 'mysql.example', port: 3306, user: 'root', database: 'commerce', credentialsSecret: { name: 'example-cluster-config', key: 'external-credentials' } },
    });
    expect(vitessCluster(synth(chart)).spec.keyspaces[0].sidecarDbName).toBe('_vt_ext');
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('counts externalmaster as primary-eligible, so the keyspace needs no local replica pool', () => {
    expect(synthErrors(cluster({}))).toBe('');
  });

  it('refuses a local type with a datastore, and an external type without one', () => {
    expect(synthErrors(cluster({ type: TabletType.REPLICA }))).toContain("[t/vc/commerce/ext] type: 'replica' pools run their own mysqld, but this pool has an externalDatastore");
    expect(synthErrors(cluster({ externalDatastore: undefined, name: undefined }))).toContain("type: 'externalmaster' is not a tablet pool type with a local mysqld. Fix: give the pool an externalDatastore");
  });

  it('refuses mysqld or storage settings, bad hosts and ports, and credentials without a key', () => {
    const errors = synthErrors(cluster({ mysqld: { configOverrides: 'x=1' }, storage: { size: '1Gi' }, externalDatastore: { ...ds, host: 'mysql:3306', port: 0, credentialsSecret: SecretKeyRef.fromSecret('s', '') } }));
    expect(errors).toContain('mysqld: mysqld is set, but an external pool has no local mysqld');
    expect(errors).toContain('storage: storage is set');
    expect(errors).toContain("externalDatastore.host: 'mysql:3306' is not a bare host name");
    expect(errors).toContain('externalDatastore.port: 0 is not a port');
    expect(errors).toContain("externalDatastore.credentialsSecret.key: no key given for 's'");
  });

  it('allows a pool name only on external pools, gated to 2.12', () => {
    expect(synthErrors(cluster({ type: TabletType.REPLICA, externalDatastore: undefined, name: 'x', replicas: 2 })))
      .toContain("name: pool name 'x' is only allowed on external pools");
    expect(synthErrors(cluster({}, VitessRelease.V18))).toContain('tabletPools[0].name: this field needs operator 2.12 or later');
  });
});
