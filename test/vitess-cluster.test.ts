import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, BackupLocation, GlobalEtcd, MysqlPreset, Password, TabletType, UpdateStrategyType, VitessCluster, VitessRelease, Warnings } from '../lib';
import { synth, synthErrors, testChart, vitessCluster } from './support/synth';

function cluster(props: ConstructorParameters<typeof VitessCluster>[2] = {}) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'prod' });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', ...props });
  const cell = vc.addCell('zone1');
  vc.addKeyspace('ks').addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 3 });
  return { chart, vc };
}

describe('VitessCluster', () => {
  it('emits safe defaults: External updates, read-only dashboard, RequireIdle turndown, explicit durability', () => {
    const spec = vitessCluster(synth(cluster().chart)).spec;
    expect(spec.updateStrategy).toEqual({ type: 'External' });
    expect(spec.vitessDashboard).toEqual({ extraFlags: { security_policy: 'read-only' }, replicas: 1 });
    expect(spec.keyspaces[0]).toMatchObject({ turndownPolicy: 'RequireIdle', durabilityPolicy: 'none' });
    expect(spec.globalLockserver).toBeUndefined();
  });

  it('takes its name and namespace from props or chart', () => {
    const vc = vitessCluster(synth(cluster().chart));
    expect(vc.metadata).toEqual({ name: 'demo', namespace: 'prod' });
    expect(vc.apiVersion).toBe('planetscale.com/v2');
  });

  it('fails synth for a namespace (from props or chart) that is not a namespace name', () => {
    expect(synthErrors(cluster({ namespace: 'Bad_NS' }).chart)).toContain("[t/vc] namespace: 'Bad_NS' is not a valid namespace name. Fix: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    const chart = new Chart(Testing.app(), 't', { namespace: 'vitess.prod' });
    new VitessCluster(chart, 'vc');
    expect(synthErrors(chart)).toContain("[t/vc] namespace: 'vitess.prod' is not a valid namespace name.");
  });

  it('pins every image from one release', () => {
    const spec = vitessCluster(synth(cluster({ release: VitessRelease.V22 }).chart)).spec;
    expect(spec.images).toEqual({
      vtctld: 'vitess/lite:v22.0.1', vtgate: 'vitess/lite:v22.0.1', vttablet: 'vitess/lite:v22.0.1', vtorc: 'vitess/lite:v22.0.1', vtbackup: 'vitess/lite:v22.0.1',
      mysqld: { mysql80Compatible: 'vitess/lite:v22.0.1' }, mysqldExporter: 'prom/mysqld-exporter:v0.14.0',
    });
  });

  it('lets pinned overrides replace single images', () => {
    const spec = vitessCluster(synth(cluster({ images: { vtgate: 'my.registry/vitess/lite:v24.0.1-mysql80' }, mysql: MysqlPreset.mysql80({ image: 'mysql:8.0.40' }) }).chart)).spec;
    expect(spec.images.vtgate).toBe('my.registry/vitess/lite:v24.0.1-mysql80');
    expect(spec.images.mysqld).toEqual({ mysql80Compatible: 'mysql:8.0.40' });
  });

  it('renders cells, keyspaces, an external global lockserver and flags', () => {
    const spec = vitessCluster(synth(cluster({
      updateStrategy: UpdateStrategyType.IMMEDIATE,
      globalLockserver: GlobalEtcd.external({ address: 'etcd-global-1:2379', rootPath: '/vitess/demo' }),
      extraVitessFlags: { grpc_keepalive_time: '10s' },
      topologyReconciliation: { pruneKeyspaces: false },
      dashboard: { readOnly: false, replicas: 2 },
    }).chart)).spec;
    expect(spec.globalLockserver).toEqual({ external: { implementation: 'etcd2', address: 'etcd-global-1:2379', rootPath: '/vitess/demo' } });
    expect(spec.updateStrategy.type).toBe('Immediate');
    expect(spec.extraVitessFlags).toEqual({ grpc_keepalive_time: '10s' });
    expect(spec.topologyReconciliation).toEqual({ pruneKeyspaces: false });
    expect(spec.vitessDashboard).toEqual({ replicas: 2 });
  });

  it('picks up cells and keyspaces added after construction (lazy rendering)', () => {
    const { chart, vc } = cluster();
    vc.addCell('zone2');
    expect(vitessCluster(synth(chart)).spec.cells.map((c: any) => c.name)).toEqual(['zone1', 'zone2']);
  });

  it('supports ApiObject.of(...).addJsonPatch as the escape hatch', () => {
    const { chart, vc } = cluster();
    ApiObject.of(vc).addJsonPatch(JsonPatch.add('/spec/gatewayService', { annotations: { a: 'b' } }));
    expect(vitessCluster(synth(chart)).spec.gatewayService).toEqual({ annotations: { a: 'b' } });
  });

  it('refuses dashboard replicas that are not a count (found by test/fuzz: 1.5 or -1 reached the manifest)', () => {
    for (const replicas of [1.5, -1, NaN, Infinity]) {
      expect(synthErrors(cluster({ dashboard: { replicas } }).chart)).toContain(`[t/vc] dashboard.replicas: ${replicas} is not a replica count. Fix: use a whole number ≥ 0`);
    }
    expect(vitessCluster(synth(cluster({ dashboard: { replicas: 0 } }).chart)).spec.vitessDashboard.replicas).toBe(0);
  });

  it('warns when vtgate would accept anyone', () => {
    const { chart } = cluster();
    expect(Warnings.collect(chart)).toEqual([expect.stringContaining('[t/vc] backup: no backup location'), expect.stringContaining('[t/vc] auth: no vtgate users are defined')]);
  });

  it('warns that shards with more than one tablet need a backup location to seed new tablets, unless a shard has one tablet', () => {
    const { chart } = cluster();
    expect(Warnings.collect(chart)).toContain("[t/vc] backup: no backup location, but keyspace ks runs more than one tablet per shard: Vitess seeds a tablet that joins a shard already holding data (a replacement, a scale-up, a rescheduled pod with a new volume) from a backup, so without one that tablet has nothing to restore. Fix: add backup: { locations: [BackupLocation.s3({ region, bucket })] } (or gcs/azblob/ceph/newVolumeClaim); initializeBackup then takes the first backup of each new shard");
    const single = testChart().chart;
    const vc = new VitessCluster(single, 'vc', { auth: new AuthSecret(single, 'auth', { users: [{ user: 'u', password: Password.plainText('pw-123456') }] }) });
    vc.addCell('zone1');
    vc.addKeyspace('ks').addTabletPool('p', { cell: 'zone1', type: TabletType.REPLICA, replicas: 1 });
    expect(Warnings.collect(single)).toEqual([]);
    const backedUp = testChart().chart;
    const vb = new VitessCluster(backedUp, 'vc', { backup: { locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'b' })] } });
    vb.addCell('zone1');
    vb.addKeyspace('ks').addTabletPool('p', { cell: 'zone1', type: TabletType.REPLICA, replicas: 3 });
    expect(Warnings.collect(backedUp).filter((w) => w.includes('backup:'))).toEqual([]);
  });
});
