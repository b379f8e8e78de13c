import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, Lockserver, MysqlPreset, Password, TabletType, VitessCluster, VitessRelease } from '../lib';
import { Cell, CellProps } from '../lib/cell';
import { synth, synthErrors, vitessCluster } from './support/synth';

function cell(props: CellProps = {}, release = VitessRelease.V24, mysql = MysqlPreset.mysql80()) {
  const chart = new Chart(Testing.app(), 't');
  const auth = new AuthSecret(chart, 'auth', { name: 'creds', users: [{ user: 'u', password: Password.plainText('p') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release, mysql });
  const c = vc.addCell('zone1', props);
  vc.addKeyspace('ks').addTabletPool('p', { cell: c, type: TabletType.REPLICA, replicas: 3 });
  return chart;
}
const gateway = (chart: Chart) => vitessCluster(synth(chart)).spec.cells[0].gateway;

describe('Cell', () => {
  it('sets vtgate static auth and the advertised MySQL version', () => {
    expect(gateway(cell())).toEqual({
      authentication: { static: { secret: { name: 'creds', key: 'users.json' } } },
      extraFlags: { mysql_server_version: '8.0.40-Vitess' },
    });
    expect(gateway(cell({}, VitessRelease.V24, MysqlPreset.mysql84())).extraFlags.mysql_server_version).toMatch(/^8\.4\.\d+-Vitess$/);
  });

  it('lets user flags override library flags, and auth be turned off explicitly', () => {
    const g = gateway(cell({ gateway: { authentication: false, replicas: 3, extraFlags: { mysql_server_version: '8.0.31-Vitess', cells_to_watch: 'zone1' } } }));
    expect(g).toEqual({ extraFlags: { mysql_server_version: '8.0.31-Vitess', cells_to_watch: 'zone1' }, replicas: 3 });
  });

  it('renders a cell-local lockserver', () => {
    const spec = vitessCluster(synth(cell({ lockserver: Lockserver.managedEtcd({ cellInfoAddress: 'zone1-etcd.example.net:2379' }) }))).spec;
    expect(spec.cells[0].lockserver).toEqual({ etcd: {}, cellInfoAddress: 'zone1-etcd.example.net:2379' });
  });

  it('rejects negative vtgate replicas and bad resources', () => {
    const errors = synthErrors(cell({ gateway: { replicas: -1, resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } } }));
    expect(errors).toContain('[t/vc/zone1] gateway.replicas: -1 is not a replica count');
    expect(errors).toContain('[t/vc/zone1] gateway.resources.requests.memory: request 2Gi is above the limit 1Gi');
  });

  it('can only be created inside a cluster', () => {
    const chart = new Chart(Testing.app(), 't');
    expect(() => new Cell(chart, 'zone1')).toThrow('t: a Cell must be created inside a VitessCluster; use cluster.addCell(...)');
  });
});
