import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DurabilityPolicy, Partitioning, TabletType, TurndownPolicy, VitessCluster, VitessRelease, Warnings } from '../lib';
import { synth, synthErrors, vitessCluster } from './support/synth';

function keyspace(props: ConstructorParameters<typeof VitessCluster>[2] = {}) {
  const chart = new Chart(Testing.app(), 't');
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', ...props });
  vc.addCell('zone1');
  return { chart, vc };
}

describe('Keyspace', () => {
  it('gives every partitioning the same shard template', () => {
    const { chart, vc } = keyspace();
    const ks = vc.addKeyspace('customer', { partitionings: [Partitioning.equal(1)], turndownPolicy: TurndownPolicy.IMMEDIATE, databaseName: 'customer' });
    ks.addTabletPool('p', { cell: 'zone1', type: TabletType.REPLICA, replicas: 3 });
    ks.addPartitioning(Partitioning.equal(2, { hexWidth: 4 }));
    const k = vitessCluster(synth(chart)).spec.keyspaces[0];
    expect(k).toMatchObject({ name: 'customer', databaseName: 'customer', turndownPolicy: 'Immediate', durabilityPolicy: 'none' });
    expect(k.partitionings).toHaveLength(2);
    expect(k.partitionings[1].equal.shardTemplate).toEqual(k.partitionings[0].equal.shardTemplate);
    expect(k.partitionings[1].equal.hexWidth).toBe(4);
  });

  it('renders vtorc settings, replication switches and (2.8) enforceSemiSync', () => {
    const { chart, vc } = keyspace({ release: VitessRelease.V15 });
    vc.addKeyspace('ks', {
      vtorc: { extraFlags: { 'instance-poll-time': '3s' }, resources: { requests: { cpu: '100m' } } },
      replication: { initializeBackup: false }, enforceSemiSync: false,
    }).addTabletPool('p', { cell: 'zone1', replicas: 3 });
    const k = vitessCluster(synth(chart)).spec.keyspaces[0];
    expect(k.vitessOrchestrator).toEqual({ extraFlags: { 'instance-poll-time': '3s' }, resources: { requests: { cpu: '100m' } } });
    expect(k.partitionings[0].equal.shardTemplate.replication).toEqual({ initializeBackup: false, enforceSemiSync: false });
  });

  it('renders custom key ranges per shard', () => {
    const { chart, vc } = keyspace();
    vc.addKeyspace('ks', { partitionings: [Partitioning.custom(['-80', '80-'])] }).addTabletPool('p', { cell: 'zone1', replicas: 3 });
    const shards = vitessCluster(synth(chart)).spec.keyspaces[0].partitionings[0].custom.shards;
    expect(shards.map((s: any) => s.keyRange)).toEqual([{ start: '', end: '80' }, { start: '80', end: '' }]);
    expect(shards[0].tabletPools).toHaveLength(1);
  });

  it('reports a huge hexWidth next to a second partitioning as a problem, not a RangeError (found by test/fuzz)', () => {
    const { chart, vc } = keyspace();
    vc.addKeyspace('ks', { partitionings: [Partitioning.equal(2), Partitioning.equal(4, { hexWidth: 1e21 })] }).addTabletPool('p', { cell: 'zone1', replicas: 3 });
    expect(synthErrors(chart)).toContain('[t/vc/ks] partitionings[1].equal.hexWidth: hexWidth 1e+21 is above the CRD maximum of 65536.');
  });

  it('warns that semi_sync with 2 replicas blocks writes while one is down', () => {
    const { chart, vc } = keyspace();
    vc.addKeyspace('ks', { durabilityPolicy: DurabilityPolicy.SEMI_SYNC }).addTabletPool('p', { cell: 'zone1', replicas: 2 });
    expect(Warnings.collect(chart).join('\n')).toContain("[t/vc/ks] durabilityPolicy: 'semi_sync' with 2 primary-eligible tablets per shard");
  });
});
