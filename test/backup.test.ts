import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { AuthSecret, Backup, BackupEngine, BackupLocation, BackupProps, MysqlPreset, Password, TabletType, VitessCluster, VitessRelease, Warnings } from '../lib';
import { synth, synthErrors, vitessCluster } from './support/synth';

function cluster(backup: BackupProps | undefined, opts: { mysql?: MysqlPreset; release?: VitessRelease; pools?: Array<string | undefined> } = {}) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, backup, mysql: opts.mysql, release: opts.release });
  const cell = vc.addCell('zone1');
  const ks = vc.addKeyspace('ks');
  // Pools after the first are rdonly: two replica pools of one cell would be the same pool to the operator.
  (opts.pools ?? [undefined]).forEach((loc, i) => ks.addTabletPool(`p${i}`, { cell, type: i === 0 ? TabletType.REPLICA : TabletType.RDONLY, replicas: 2, backupLocationName: loc }));
  return { chart, vc };
}
const gcs = (name?: string) => BackupLocation.gcs({ name, bucket: 'b' });

describe('Backup', () => {
  it('emits nothing for a cluster without the backup prop', () => {
    expect(vitessCluster(synth(cluster(undefined).chart)).spec.backup).toBeUndefined();
  });

  it('renders engine, locations and the subcontroller service account; the default engine is not emitted', () => {
    const spec = vitessCluster(synth(cluster({ engine: BackupEngine.XTRABACKUP, locations: [gcs()], subcontrollerServiceAccountName: 'vitess-operator' }).chart)).spec;
    expect(spec.backup).toEqual({ engine: 'xtrabackup', locations: [{ gcs: { bucket: 'b' } }], subcontroller: { serviceAccountName: 'vitess-operator' } });
    expect(vitessCluster(synth(cluster({ locations: [gcs()] }).chart)).spec.backup).toEqual({ locations: [{ gcs: { bucket: 'b' } }] });
  });

  it('needs at least one location', () => {
    expect(synthErrors(cluster({}).chart)).toContain('[t/vc/Backup] locations: backup is configured without a location');
  });

  it('refuses duplicate location names, including two unnamed defaults', () => {
    const errors = synthErrors(cluster({ locations: [gcs(), gcs(), gcs('a'), gcs('a')] }).chart);
    expect(errors).toContain('[t/vc/Backup] locations[1].name: this location has no name, like locations[0]; only one location may be the unnamed default');
    expect(errors).toContain("locations[3]: backup location 'a' is defined twice");
  });

  it('resolves tablet pools\' backupLocationName against the locations', () => {
    expect(synthErrors(cluster({ locations: [gcs(), gcs('cold')] }, { pools: [undefined, 'cold'] }).chart)).toBe('');
    expect(synthErrors(cluster({ locations: [gcs(), gcs('cold')] }, { pools: ['warm'] }).chart))
      .toContain("[t/vc/ks/p0] backupLocationName: backup location 'warm' is not defined. Fix: use one of 'cold', or add the location");
    expect(synthErrors(cluster({ locations: [gcs('cold')] }).chart))
      .toContain('[t/vc/ks/p0] backupLocationName: no backupLocationName, and the cluster has no unnamed (default) backup location');
    expect(synthErrors(cluster(undefined, { pools: ['cold'] }).chart))
      .toContain("[t/vc/ks/p0] backupLocationName: location 'cold' is named, but the cluster has no backup configured");
  });

  it('emits backupLocationName on the pool', () => {
    const spec = vitessCluster(synth(cluster({ locations: [gcs('cold')] }, { pools: ['cold'] }).chart)).spec;
    expect(spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].backupLocationName).toBe('cold');
  });

  it('gates mysqlshell to operator 2.14 and warns that it is experimental', () => {
    expect(synthErrors(cluster({ engine: BackupEngine.MYSQLSHELL, locations: [gcs()] }, { release: VitessRelease.V20 }).chart))
      .toContain("backup.engine: this value 'mysqlshell' needs operator 2.14 or later");
    expect(Warnings.collect(cluster({ engine: BackupEngine.MYSQLSHELL, locations: [gcs()] }).chart))
      .toContainEqual(expect.stringContaining('[t/vc/Backup] engine: mysqlshell backups are experimental'));
  });

  it('refuses xtrabackup for MySQL 8.4 from a -mysql80 image, and accepts the -mysql84 default', () => {
    const x = { engine: BackupEngine.XTRABACKUP, locations: [gcs()] };
    expect(synthErrors(cluster(x, { mysql: MysqlPreset.mysql84() }).chart)).toBe('');
    const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
    const vc = new VitessCluster(chart, 'vc', { name: 'demo', mysql: MysqlPreset.mysql84(), backup: x, images: { vttablet: 'vitess/lite:v24.0.0-mysql80' } });
    vc.addKeyspace('ks').addTabletPool('p', { cell: vc.addCell('zone1'), replicas: 2 });
    expect(synthErrors(chart)).toContain("[t/vc/Backup] engine: xtrabackup with MySQL 8.4 needs the -mysql84 vitess/lite image, but vttablet runs 'vitess/lite:v24.0.0-mysql80'");
  });

  it('warns when mysqld runs the official MySQL image, which lacks mysqlbinlog', () => {
    const w = Warnings.collect(cluster({ locations: [gcs()] }, { mysql: MysqlPreset.mysql80({ image: 'mysql:8.0.40' }) }).chart);
    expect(w).toContainEqual(expect.stringContaining("the mysqld image 'mysql:8.0.40' is the official MySQL image"));
  });

  it('belongs directly to a cluster', () => {
    const { vc } = cluster(undefined);
    expect(() => new Backup(vc.keyspaces[0], 'b', {})).toThrow(/a Backup belongs directly to a VitessCluster/);
    expect(() => new Backup(new Construct(new Chart(Testing.app(), 'x'), 'c'), 'b', {})).toThrow(/must be created inside a VitessCluster/);
  });
});
