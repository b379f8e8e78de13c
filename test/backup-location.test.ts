import { Chart, Testing } from 'cdk8s';
import { PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { AuthSecret, BackupLocation, BackupProps, Password, SecretKeyRef, TabletType, VitessCluster, VitessRelease, Warnings } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

function cluster(backup: BackupProps, release = VitessRelease.V24) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release, backup });
  const cell = vc.addCell('zone1');
  vc.addKeyspace('ks').addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 3 });
  return { chart, vc };
}

const locations = (chart: Chart) => vitessCluster(synth(chart)).spec.backup.locations;

describe('BackupLocation kinds', () => {
  it('renders each object store with its secret reference, and validates against the CRD', () => {
    const { chart } = cluster({
      locations: [
        BackupLocation.gcs({ bucket: 'g', keyPrefix: 'prod', authSecret: SecretKeyRef.fromSecret('gcp', 'key.json') }),
        BackupLocation.s3({ name: 'minio', region: 'us-east-1', bucket: 'b', endpoint: 'minio.storage:9000', forcePathStyle: true, authSecret: SecretKeyRef.fromSecret('aws', 'credentials') }),
        BackupLocation.azblob({ name: 'az', account: 'acct', container: 'c', authSecret: SecretKeyRef.fromVolume('azure', 'key') }),
        BackupLocation.ceph({ name: 'ceph', authSecret: SecretKeyRef.fromSecret('ceph', 'ceph.json') }),
      ],
    });
    expect(locations(chart)).toEqual([
      { gcs: { bucket: 'g', keyPrefix: 'prod', authSecret: { name: 'gcp', key: 'key.json' } } },
      { name: 'minio', s3: { region: 'us-east-1', bucket: 'b', endpoint: 'minio.storage:9000', forcePathStyle: true, authSecret: { name: 'aws', key: 'credentials' } } },
      { name: 'az', azblob: { account: 'acct', container: 'c', authSecret: { volumeName: 'azure', key: 'key' } } },
      { name: 'ceph', ceph: { authSecret: { name: 'ceph', key: 'ceph.json' } } },
    ]);
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('creates a ReadWriteMany claim for newVolumeClaim by default, in the cluster namespace', () => {
    const { chart } = cluster({ locations: [BackupLocation.newVolumeClaim({ claimName: 'vitess-backups', size: '100Gi', storageClassName: 'nfs', subPath: 'vt' })] });
    const objects = synth(chart);
    expect(objects.find((o) => o.kind === 'PersistentVolumeClaim')).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'vitess-backups', namespace: 'ns' },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'nfs' },
    });
    expect(locations(chart)).toEqual([{ volume: { persistentVolumeClaim: { claimName: 'vitess-backups' } }, volumeSubPath: 'vt' }]);
  });

  it('passes any other volume source through', () => {
    const { chart } = cluster({ locations: [BackupLocation.volume({ nfs: { server: 'nfs.local', path: '/backups' } }, { annotations: { a: 'b' } })] });
    expect(locations(chart)).toEqual([{ volume: { nfs: { server: 'nfs.local', path: '/backups' } }, annotations: { a: 'b' } }]);
  });
});

describe('BackupLocation checks', () => {
  it('refuses an S3 endpoint with a scheme or without a port, suggesting host:port', () => {
    const errors = synthErrors(cluster({ locations: [BackupLocation.s3({ region: 'r', bucket: 'b', endpoint: 'https://minio.local' })] }).chart);
    expect(errors).toContain("[t/vc/Backup] locations[0].s3.endpoint: endpoint 'https://minio.local' is not host:port; Vitess builds the URL itself and needs the port. Fix: write it like 'minio.local:9000'");
  });

  it('hints forcePathStyle for a non-AWS endpoint, and stays quiet for AWS or an explicit choice', () => {
    const hint = (opts: { endpoint: string; forcePathStyle?: boolean }) => Warnings.collect(cluster({ locations: [BackupLocation.s3({ region: 'r', bucket: 'b', ...opts })] }).chart).filter((w) => w.includes('forcePathStyle'));
    expect(hint({ endpoint: 'minio.local:9000' })).toEqual([expect.stringContaining("[t/vc/Backup] locations[0].s3.forcePathStyle: endpoint 'minio.local:9000' is not AWS")]);
    expect(hint({ endpoint: 's3.eu-west-1.amazonaws.com:443' })).toEqual([]);
    expect(hint({ endpoint: 'minio.local:9000', forcePathStyle: false })).toEqual([]);
  });

  it('refuses empty required fields and a too-small S3 part size', () => {
    const errors = synthErrors(cluster({ locations: [BackupLocation.s3({ region: '', bucket: 'b', minPartSize: 1024 })] }).chart);
    expect(errors).toContain('locations[0].s3.region: the s3 region is empty');
    expect(errors).toContain('locations[0].s3.minPartSize: 1024 bytes is not a whole number of at least 5 MiB');
  });

  it('refuses a multi-line or over-long key prefix', () => {
    expect(synthErrors(cluster({ locations: [BackupLocation.gcs({ bucket: 'b', keyPrefix: 'a\nb' })] }).chart)).toContain('locations[0].gcs.keyPrefix');
    expect(synthErrors(cluster({ locations: [BackupLocation.gcs({ bucket: 'b', keyPrefix: 'x'.repeat(257) })] }).chart)).toContain('longer than 256 characters');
  });

  it('refuses hostPath unless the backup is declared single-node', () => {
    const loc = BackupLocation.hostPath('/tmp/backups');
    expect(synthErrors(cluster({ locations: [loc] }).chart)).toContain('[t/vc/Backup] locations[0].volume.hostPath: a hostPath backup location only works on one node');
    expect(synthErrors(cluster({ locations: [loc], singleNode: true }).chart)).toBe('');
  });

  it('refuses ReadWriteOnce claims (new or existing) unless single-node is declared', () => {
    const rwo = BackupLocation.newVolumeClaim({ claimName: 'b', size: '1Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] });
    expect(synthErrors(cluster({ locations: [rwo] }).chart)).toContain("locations[0].volume.persistentVolumeClaim: claim 'b' is not ReadWriteMany");
    expect(synthErrors(cluster({ locations: [rwo], singleNode: true }).chart)).toBe('');
    const existing = BackupLocation.existingVolumeClaim({ claimName: 'shared', readWriteMany: false });
    expect(synthErrors(cluster({ locations: [existing] }).chart)).toContain("claim 'shared' is not ReadWriteMany");
    expect(synthErrors(cluster({ locations: [BackupLocation.existingVolumeClaim({ claimName: 'shared', readWriteMany: true })] }).chart)).toBe('');
  });

  it('refuses a bad claim size and a bad location name', () => {
    expect(synthErrors(cluster({ locations: [BackupLocation.newVolumeClaim({ claimName: 'b', size: 'lots' })] }).chart)).toContain("'lots' is not a storage quantity");
    expect(synthErrors(cluster({ locations: [BackupLocation.gcs({ name: 'bad name', bucket: 'b' })] }).chart)).toContain("locations[0].name: 'bad name' is not a valid backup location name");
  });

  it('refuses a secret reference without a key or name', () => {
    const errors = synthErrors(cluster({ locations: [BackupLocation.ceph({ authSecret: SecretKeyRef.fromSecret('', '') })] }).chart);
    expect(errors).toContain('locations[0].ceph.authSecret.name: the Secret name is empty');
    expect(errors).toContain("locations[0].ceph.authSecret.key: no key given for ''");
  });

  it('gates s3.minPartSize to operator 2.15', () => {
    expect(synthErrors(cluster({ locations: [BackupLocation.s3({ region: 'r', bucket: 'b', minPartSize: 8 * 2 ** 20 })] }, VitessRelease.V21).chart))
      .toContain('backup.locations[0].s3.minPartSize: this field needs operator 2.15 or later');
  });
});

describe('untyped (JavaScript) input', () => {
  it('reports azblob and ceph locations without credentials', () => {
    const errors = synthErrors(cluster({ locations: [BackupLocation.azblob({ account: 'a', container: 'c' } as any), BackupLocation.ceph({} as any)] }).chart);
    expect(errors).toContain('locations[0].azblob.authSecret: azblob locations need credentials (authSecret)');
    expect(errors).toContain('locations[1].ceph.authSecret: ceph locations need credentials (authSecret)');
  });
});
