import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Partitioning, TabletType, VitessCluster, VitessRelease, Warnings, ZonePlacement } from '../lib';
import { CellProps } from '../lib/cell';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

/** Cluster `shop` (construct id `vc`, so the label value must come from the name) with one zoned cell. */
function zoned(cell: CellProps) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const vc = new VitessCluster(chart, 'vc', { name: 'shop' });
  const az = vc.addCell('az1', cell);
  const ks = vc.addKeyspace('Commerce', { partitionings: [Partitioning.equal(2)] });
  ks.addTabletPool('replica', { cell: az, type: TabletType.REPLICA, replicas: 2 });
  ks.addTabletPool('rdonly', { cell: az, type: TabletType.RDONLY, replicas: 1 });
  return { chart, vc };
}
const spec = (chart: Chart) => vitessCluster(synth(chart)).spec;
const pools = (s: any) => s.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools;

/**
 * The operator's default tablet affinity (operator pkg/operator/vttablet/pod.go and spec.go, facts §6.4,
 * pains O3), written out independently: weight 2 keeps a shard's tablets off one node, weight 1 a pool's.
 * The shard is the one label a shared shard template cannot spell out, hence matchLabelKeys.
 */
function expectedTabletAffinity(zone: string, type: string) {
  const shard = { 'planetscale.com/component': 'vttablet', 'planetscale.com/cluster': 'shop', 'planetscale.com/keyspace': 'Commerce' };
  const pool = { ...shard, 'planetscale.com/cell': 'az1', 'planetscale.com/tablet-type': type };
  const term = (weight: number, matchLabels: object) => ({
    weight, podAffinityTerm: { labelSelector: { matchLabels }, matchLabelKeys: ['planetscale.com/shard'], topologyKey: 'kubernetes.io/hostname' },
  });
  return {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term(2, shard), term(1, pool)] },
  };
}

describe('zone placement (default: topology.kubernetes.io/zone)', () => {
  it('leaves the CRD zone field out, so the operator never selects on the deprecated label', () => {
    const s = spec(zoned({ zone: 'us-east-1a' }).chart);
    expect(s.cells[0]).not.toHaveProperty('zone');
    expect(JSON.stringify(s)).not.toContain('failure-domain.beta.kubernetes.io/zone');
  });

  it('pins every tablet pool to the zone and keeps the operator default anti-affinity, per pool type', () => {
    const [replica, rdonly] = pools(spec(zoned({ zone: 'us-east-1a' }).chart));
    expect(replica.affinity).toEqual(expectedTabletAffinity('us-east-1a', 'replica'));
    expect(rdonly.affinity).toEqual(expectedTabletAffinity('us-east-1a', 'rdonly'));
  });

  it('pins vtgates with a node affinity only (the operator gives them no anti-affinity either)', () => {
    expect(spec(zoned({ zone: 'us-east-1a' }).chart).cells[0].gateway.affinity).toEqual({
      nodeAffinity: expectedTabletAffinity('us-east-1a', 'replica').nodeAffinity,
    });
  });

  it('uses a custom node label when asked', () => {
    const s = spec(zoned({ zone: 'rack-7', zonePlacement: ZonePlacement.nodeLabel('example.com/rack') }).chart);
    expect(s.cells[0].gateway.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'example.com/rack', operator: 'In', values: ['rack-7'] }]);
  });

  it('adds nothing to a cell without a zone', () => {
    const s = spec(zoned({}).chart);
    expect(s.cells[0]).not.toHaveProperty('zone');
    expect(s.cells[0].gateway).not.toHaveProperty('affinity');
    expect(pools(s)[0]).not.toHaveProperty('affinity');
  });

  it('is valid against the v2.17.0 CRD schema with zero unknown fields', () => {
    expect(schemaErrors(synth(zoned({ zone: 'us-east-1a' }).chart), VitessRelease.V24)).toEqual([]);
  });

  it('has no warning', () => {
    const { chart } = zoned({ zone: 'us-east-1a' });
    expect(Warnings.collect(chart).filter((w) => w.includes('zone'))).toEqual([]);
  });

  it('fails on a zone that is not a label value, naming the kubectl command that shows the right one', () => {
    expect(synthErrors(zoned({ zone: 'us east 1a' }).chart)).toContain(
      "[t/vc/az1] zone: 'us east 1a' is not a node label value, so no node can match it. Fix: use the node's topology.kubernetes.io/zone label value as shown by 'kubectl get nodes -L topology.kubernetes.io/zone', e.g. 'us-east-1a'");
  });

  it('fails on a custom label key that is not a label key', () => {
    expect(synthErrors(zoned({ zone: 'a', zonePlacement: ZonePlacement.nodeLabel('not a key') }).chart)).toContain("[t/vc/az1] zonePlacement: 'not a key' is not a label key");
  });
});

describe('zone placement with the operator zone field (opt-in)', () => {
  it('emits zone and no affinity, leaving the operator defaults in place', () => {
    const s = spec(zoned({ zone: 'us-east-1a', zonePlacement: ZonePlacement.operatorZoneField() }).chart);
    expect(s.cells[0].zone).toBe('us-east-1a');
    expect(s.cells[0].gateway).not.toHaveProperty('affinity');
    expect(pools(s)[0]).not.toHaveProperty('affinity');
  });

  it('warns that the operator selects on the deprecated label (rule 20)', () => {
    const { chart } = zoned({ zone: 'us-east-1a', zonePlacement: ZonePlacement.operatorZoneField() });
    expect(Warnings.collect(chart)).toContain(
      "[t/vc/az1] zone: the operator pins this cell's pods to zone 'us-east-1a' with the node label failure-domain.beta.kubernetes.io/zone, deprecated since Kubernetes 1.17; " +
      'on nodes that only have topology.kubernetes.io/zone they stay Pending. Fix: drop zonePlacement (the default, ZonePlacement.nodeLabel(), selects on topology.kubernetes.io/zone), unless your nodes still carry the old label');
  });
});
