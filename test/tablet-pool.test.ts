import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { MysqlPreset, TabletType, VitessCluster, Warnings } from '../lib';
import { TabletPoolProps } from '../lib/tablet-pool';
import { synth, synthErrors, vitessCluster } from './support/synth';

function pool(props: Partial<TabletPoolProps> = {}, mysql = MysqlPreset.mysql80()) {
  const chart = new Chart(Testing.app(), 't');
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', mysql });
  vc.addCell('zone1');
  vc.addKeyspace('ks').addTabletPool('p', { cell: 'zone1', type: TabletType.REPLICA, replicas: 3, ...props });
  return chart;
}
const rendered = (chart: Chart) => vitessCluster(synth(chart)).spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0];

describe('TabletPool', () => {
  it('renders explicit vttablet and mysqld resources (no BestEffort tablets) and a data volume', () => {
    expect(rendered(pool())).toEqual({
      cell: 'zone1', type: 'replica', replicas: 3,
      vttablet: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } } },
      mysqld: { resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } }, configOverrides: '[mysqld]\ninnodb_buffer_pool_size = 512M\n' },
      dataVolumeClaimTemplate: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    });
  });

  it('sizes the buffer pool from its own mysqld limit and keeps user overrides after it', () => {
    const p = rendered(pool({ mysqld: { resources: { requests: { memory: '4Gi' }, limits: { memory: '4Gi' } }, configOverrides: '[mysqld]\nmax_connections = 500' } }));
    expect(p.mysqld.configOverrides).toBe('[mysqld]\ninnodb_buffer_pool_size = 2432M\nmax_connections = 500\n');
  });

  it('takes storage class and size', () => {
    const p = rendered(pool({ storage: { size: '100Gi', storageClassName: 'fast-retain' } }));
    expect(p.dataVolumeClaimTemplate).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'fast-retain' });
  });

  it('rejects a storage size that is not a quantity', () => {
    expect(synthErrors(pool({ storage: { size: 'big' } }))).toContain("[t/vc/ks/p] storage.size: 'big' is not a storage quantity");
    expect(synthErrors(pool({ storage: { size: '10Gi ' } }))).toContain("[t/vc/ks/p] storage.size: '10Gi ' is not a storage quantity");
  });

  it('warns when an explicit buffer pool crowds the memory limit', () => {
    const chart = pool({ mysqld: { configOverrides: 'innodb_buffer_pool_size = 900M' } });
    expect(Warnings.collect(chart).join('\n')).toContain('[t/vc/ks/p] mysqld.configOverrides: innodb_buffer_pool_size is more than 60% of the 1Gi memory limit');
    expect(Warnings.collect(pool({ mysqld: { configOverrides: 'innodb_buffer_pool_size = 256M' } }))).toEqual([expect.stringContaining('backup'), expect.stringContaining('auth')]);
  });
});
