import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DurabilityPolicy, TabletType, TopologyReconciliationOptions, VitessCluster, VitessRelease, Warnings } from '../lib';
import { GatewayOptions } from '../lib/cell';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

interface Layout {
  /** Cells and their zones. */
  readonly cells: Record<string, string | undefined>;
  /** Tablets per cell: `replica` count and `rdonly` count. */
  readonly tablets: Record<string, { replica?: number; rdonly?: number }>;
  readonly durability?: DurabilityPolicy;
  readonly gateways?: Record<string, GatewayOptions>;
  readonly topology?: TopologyReconciliationOptions;
  readonly dashboardCells?: string[];
}

/** One Kubernetes cluster, several cells; keyspace `adv` with replica and rdonly pools per cell. */
function multiCell(l: Layout): Chart {
  const chart = new Chart(Testing.app(), 't', { namespace: 'vitess' });
  const vc = new VitessCluster(chart, 'vc', { name: 'adv-vitess-cluster', topologyReconciliation: l.topology, dashboard: { replicas: 2, cells: l.dashboardCells } });
  for (const [name, zone] of Object.entries(l.cells)) vc.addCell(name, { zone, gateway: { replicas: 2, ...l.gateways?.[name] } });
  const adv = vc.addKeyspace('adv', { durabilityPolicy: l.durability ?? DurabilityPolicy.SEMI_SYNC });
  for (const [cell, t] of Object.entries(l.tablets)) {
    if (t.replica !== undefined) adv.addTabletPool(`${cell}-replica`, { cell, type: TabletType.REPLICA, replicas: t.replica });
    if (t.rdonly !== undefined) adv.addTabletPool(`${cell}-rdonly`, { cell, type: TabletType.RDONLY, replicas: t.rdonly });
  }
  return chart;
}

const SEED = { cells: { az1: 'eu-west-1a', az2: 'eu-west-1b' }, tablets: { az1: { replica: 2, rdonly: 1 }, az2: { replica: 2, rdonly: 1 } } };

describe('multi-cell in one Kubernetes cluster (seed §5 layout)', () => {
  it('has one gateway per cell, vtctld in the listed cells, and zone-pinned replica and rdonly pools per cell', () => {
    const objects = synth(multiCell({ ...SEED, dashboardCells: ['az1', 'az2'] }));
    const spec = vitessCluster(objects).spec;
    expect(spec.cells.map((c: any) => [c.name, c.gateway.replicas, c.gateway.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]]))
      .toEqual([['az1', 2, 'eu-west-1a'], ['az2', 2, 'eu-west-1b']]);
    expect(spec.vitessDashboard).toMatchObject({ cells: ['az1', 'az2'], replicas: 2 });
    const pools = spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools;
    expect(pools.map((p: any) => `${p.cell}:${p.type}:${p.replicas}:${p.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]}`))
      .toEqual(['az1:replica:2:eu-west-1a', 'az1:rdonly:1:eu-west-1a', 'az2:replica:2:eu-west-1b', 'az2:rdonly:1:eu-west-1b']);
    expect(schemaErrors(objects, VitessRelease.V24)).toEqual([]);
  });

  it('leaves cells_to_watch to the operator (all cells of the cluster) and has no visibility warning', () => {
    const chart = multiCell(SEED);
    expect(vitessCluster(synth(chart)).spec.cells.every((c: any) => c.gateway.extraFlags.cells_to_watch === undefined)).toBe(true);
    expect(Warnings.collect(chart).filter((w) => w.includes('cannot see'))).toEqual([]);
  });
});

describe('cross_cell durability', () => {
  it('is accepted when replica tablets span two cells', () => {
    expect(synthErrors(multiCell({ ...SEED, durability: DurabilityPolicy.CROSS_CELL }))).toBe('');
  });

  it('fails when only one cell has replica tablets (rdonly tablets elsewhere do not count)', () => {
    const errors = synthErrors(multiCell({ ...SEED, durability: DurabilityPolicy.CROSS_CELL, tablets: { az1: { replica: 3 }, az2: { rdonly: 2 } } }));
    expect(errors).toContain("[t/vc/adv] durabilityPolicy: 'cross_cell' needs primary-eligible tablets in at least 2 cells, found 1 (az1). Fix: add a replica pool in a second cell, or use DurabilityPolicy.SEMI_SYNC");
  });

  it('fails when the second cell\'s replica pool is scaled to 0', () => {
    const errors = synthErrors(multiCell({ ...SEED, durability: DurabilityPolicy.CROSS_CELL, tablets: { az1: { replica: 2 }, az2: { replica: 0 } } }));
    expect(errors).toContain("durabilityPolicy: 'cross_cell' needs primary-eligible tablets in at least 2 cells, found 1 (az1)");
  });
});

describe('vtgate visibility warning (pains F4, rule 21)', () => {
  const threeCells = { cells: { az1: undefined, az2: undefined, az3: undefined }, tablets: { az1: { replica: 2 }, az2: { replica: 1 } } };

  it('warns when a cell with vtgates has no tablets of a keyspace', () => {
    expect(Warnings.collect(multiCell(threeCells))).toContain(
      "[t/vc] cells[2]: vtgates in cell 'az3' cannot see keyspace 'adv': it has no tablets there (only in az1, az2), and the operator prunes SrvKeyspace records of keyspaces without tablets in a cell (topologyReconciliation.pruneSrvKeyspaces). " +
      "Fix: add a tablet pool for 'adv' in cell 'az3' (an rdonly pool is enough), or set pruneSrvKeyspaces to false and include az1 in this cell's vtgate cells_to_watch (a Federation does both with CellsToWatch.ALL), or set this cell's gateway replicas to 0");
  });

  it('does not warn for a cell without vtgates, or once the cell has an rdonly pool', () => {
    expect(Warnings.collect(multiCell({ ...threeCells, gateways: { az3: { replicas: 0 } } })).filter((w) => w.includes('cannot see'))).toEqual([]);
    expect(Warnings.collect(multiCell({ ...threeCells, tablets: { ...threeCells.tablets, az3: { rdonly: 1 } } })).filter((w) => w.includes('cannot see'))).toEqual([]);
  });

  it('does not warn with pruneSrvKeyspaces off, as the default cells_to_watch covers every cell', () => {
    expect(Warnings.collect(multiCell({ ...threeCells, topology: { pruneSrvKeyspaces: false } })).filter((w) => w.includes('cannot see'))).toEqual([]);
  });

  it('warns with pruneSrvKeyspaces off when cells_to_watch leaves out every cell with tablets', () => {
    const chart = multiCell({ ...threeCells, topology: { pruneSrvKeyspaces: false }, gateways: { az3: { extraFlags: { cells_to_watch: 'az3' } } } });
    expect(Warnings.collect(chart).filter((w) => w.includes('cannot see'))).toEqual([
      expect.stringContaining("vtgates in cell 'az3' cannot see keyspace 'adv': it has no tablets there (only in az1, az2), and its vtgates watch only az3 (cells_to_watch), none of which has its tablets"),
    ]);
  });
});
