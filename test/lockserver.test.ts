import { describe, expect, it } from 'vitest';
import { GlobalEtcd } from '../lib/global-etcd';
import { Lockserver } from '../lib/lockserver';

describe('Lockserver and GlobalEtcd', () => {
  it('renders an operator-managed etcd with only what is set', () => {
    expect(GlobalEtcd.managed().render()).toEqual({ etcd: {} });
    expect(GlobalEtcd.managed({
      resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { memory: '512Mi' } },
      storageSize: '5Gi', storageClassName: 'fast', localMemberIndex: 1,
      advertisePeerURLs: ['http://e1:2380', 'http://e2:2380', 'http://e3:2380'], cellInfoAddress: 'etcd.example.net:2379',
    }).render()).toEqual({
      etcd: {
        resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { memory: '512Mi' } },
        dataVolumeClaimTemplate: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'fast' },
        localMemberIndex: 1,
        advertisePeerURLs: ['http://e1:2380', 'http://e2:2380', 'http://e3:2380'],
      },
      cellInfoAddress: 'etcd.example.net:2379',
    });
  });

  it('renders an external lockserver with etcd2 by default', () => {
    const l = GlobalEtcd.external({ address: 'etcd-global-1:2379,etcd-global-2:2379', rootPath: '/vitess/global' });
    expect(l.isExternal).toBe(true);
    expect(l.render()).toEqual({ external: { implementation: 'etcd2', address: 'etcd-global-1:2379,etcd-global-2:2379', rootPath: '/vitess/global' } });
    expect(l.check('g')).toEqual([]);
    expect(Lockserver.external({ implementation: 'zk2', address: 'zk:2181', rootPath: '/v' }).implementation).toBe('zk2');
  });

  it('refuses an etcd volume size that is not a quantity (found by test/fuzz: it reached the manifest unchecked)', () => {
    for (const storageSize of ['ten', '5 Gi', '', '1Gi ']) {
      expect(GlobalEtcd.managed({ storageSize }).check('g')).toEqual([expect.objectContaining({ field: 'g.etcd.storageSize', message: `'${storageSize}' is not a storage quantity` })]);
    }
    expect(GlobalEtcd.managed({ storageSize: '5Gi' }).check('g')).toEqual([]);
  });

  it('asks for peer URLs when only one member runs here', () => {
    expect(GlobalEtcd.managed({ localMemberIndex: 2 }).check('g')).toEqual([expect.objectContaining({ field: 'g.etcd.advertisePeerURLs' })]);
  });
});
