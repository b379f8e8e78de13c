import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, KeyspaceImages, MysqlPreset, Password, TabletType, VitessCluster, VitessRelease } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

function cluster(images: KeyspaceImages, release = VitessRelease.V24, mysql = MysqlPreset.mysql80()) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release, mysql });
  vc.addKeyspace('ks', { images, annotations: { owner: 'db' } }).addTabletPool('p', { cell: vc.addCell('zone1'), type: TabletType.REPLICA, replicas: 2 });
  return chart;
}
const ks = (chart: Chart) => vitessCluster(synth(chart)).spec.keyspaces[0];

describe('keyspace images', () => {
  it('renders overrides, the mysqld image under the flavor key of its MySQL version, and annotations', () => {
    const chart = cluster({ vttablet: 'vitess/lite:v23.0.3-mysql80', mysqld: 'vitess/lite:v24.0.0-mysql84', mysqlVersion: '8.4' });
    expect(ks(chart).images).toEqual({ vttablet: 'vitess/lite:v23.0.3-mysql80', mysqld: { mysql80Compatible: 'vitess/lite:v24.0.0-mysql84' } });
    expect(ks(chart).annotations).toEqual({ owner: 'db' });
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
    expect(ks(cluster({ mysqld: 'vitess/lite:v18.0.7-mysql57', mysqlVersion: '5.7' }, VitessRelease.V18)).images).toEqual({ mysqld: { mysql56Compatible: 'vitess/lite:v18.0.7-mysql57' } });
  });

  it('refuses images more than one Vitess major away from the cluster', () => {
    expect(synthErrors(cluster({ vttablet: 'vitess/lite:v22.0.1' })))
      .toContain("[t/vc/ks] images.vttablet: 'vitess/lite:v22.0.1' is Vitess 22, but the cluster runs Vitess 24; Vitess only supports one major of skew between components");
  });

  it('refuses floating tags and a MySQL version without an image', () => {
    const errors = synthErrors(cluster({ vtorc: 'vitess/lite:latest', mysqlVersion: '8.4' }));
    expect(errors).toContain("images.vtorc: image 'vitess/lite:latest' uses the floating tag 'latest'");
    expect(errors).toContain('images.mysqlVersion: mysqlVersion is set without a mysqld image');
  });

  it('is gated: mysqld since 2.12 (and 2.11.1), the others since 2.14 (and 2.11.1)', () => {
    expect(synthErrors(cluster({ mysqld: 'vitess/lite:v17.0.7' }, VitessRelease.V17, MysqlPreset.mysql80()))).toMatch(/keyspaces\[0\]\.images\.mysqld: this field needs operator .*Fix: target VitessRelease\.V18 \(operator 2\.11\) or later/);
    expect(synthErrors(cluster({ vttablet: 'vitess/lite:v19.0.0' }, VitessRelease.V19))).toContain('keyspaces[0].images.vttablet: this field needs operator 2.11 or 2.14 or later; the operator 2.12.0 (Vitess 19) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V21 (operator 2.14) or later');
    expect(synthErrors(cluster({ vttablet: 'vitess/lite:v18.0.7' }, VitessRelease.V18))).toBe('');
  });
});

describe('sidecarDbName', () => {
  it('is gated to 2.15 and must be a plain database name', () => {
    const build = (sidecarDbName: string, release = VitessRelease.V24) => {
      const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
      const vc = new VitessCluster(chart, 'vc', { name: 'demo', release });
      vc.addKeyspace('ks', { sidecarDbName }).addTabletPool('p', { cell: vc.addCell('zone1'), replicas: 2 });
      return chart;
    };
    expect(synthErrors(build('_vt_ext'))).toBe('');
    expect(synthErrors(build('bad-name'))).toContain("[t/vc/ks] sidecarDbName: 'bad-name' is not a plain MySQL database name");
    expect(synthErrors(build('_vt_ext', VitessRelease.V21))).toContain('keyspaces[0].sidecarDbName: this field needs operator 2.15 or later');
  });
});
