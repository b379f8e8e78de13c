import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/ops/manifests';
import { ClusterPlan, parseBudgets, planCluster } from '../../lib/ops/plan';
import { VitessRelease } from '../../lib/vitess-release';
import { readUpstreamYaml } from '../support/upstream';
import { asManifest, twoCellCluster } from './fixtures';

const count = (plan: ClusterPlan, component: string, cell?: string) => plan.pods.filter((p) => p.component === component && (cell === undefined || p.cell === cell)).length;

// Independent arithmetic for the test: only the two units the fixture uses, no library code.
const milli = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
const mib = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2)));

/** Per-cell requests straight from the fixture spec plus the exporter's documented 10m/32Mi (pains S3). */
function expectedCellRequests(spec: any, cell: string): { cpu: number; memMi: number; pods: number } {
  const req = (r: any) => ({ cpu: milli(r.requests.cpu), mem: mib(r.requests.memory) });
  const gw = spec.cells.find((c: any) => c.name === cell).gateway;
  const pools = spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools.filter((p: any) => p.cell === cell);
  const parts = [
    { n: spec.vitessDashboard.replicas, ...req(spec.vitessDashboard.resources) },
    { n: gw.replicas, ...req(gw.resources) },
    { n: pools.some((p: any) => p.type === 'replica') ? 1 : 0, ...req(spec.keyspaces[0].vitessOrchestrator.resources) },
    ...pools.map((p: any) => ({
      n: p.replicas,
      cpu: req(p.vttablet.resources).cpu + req(p.mysqld.resources).cpu + 10,
      mem: req(p.vttablet.resources).mem + req(p.mysqld.resources).mem + 32,
    })),
  ];
  return parts.reduce((a, x) => ({ cpu: a.cpu + x.n * x.cpu, memMi: a.memMi + x.n * x.mem, pods: a.pods + x.n }), { cpu: 0, memMi: 0, pods: 0 });
}

describe('plan of the seed two-cell cluster (seed §5)', () => {
  const spec = twoCellCluster();
  const plan = planCluster(asManifest(spec));

  it('has the pods the operator creates: 3 etcd, per cell 2 vtctld, 2 vtgate, 1 vtorc, 3 tablets', () => {
    expect(plan.total.pods).toBe(19);
    expect(count(plan, 'etcd')).toBe(3);
    for (const cell of ['az1', 'az2']) {
      expect([count(plan, 'vtctld', cell), count(plan, 'vtgate', cell), count(plan, 'vtorc', cell), count(plan, 'vttablet', cell)]).toEqual([2, 2, 1, 3]);
    }
    expect(plan.pods.filter((p) => p.cell === undefined).map((p) => p.component)).toEqual(['etcd', 'etcd', 'etcd']);
  });

  it('has per-cell CPU/memory requests that match an independent sum over the spec', () => {
    for (const cell of ['az1', 'az2']) {
      const want = expectedCellRequests(spec.spec, cell);
      const got = plan.cells.find((c) => c.cell === cell)!.totals;
      expect({ pods: got.pods, cpu: got.requests.cpu, memMi: got.requests.memory / 2 ** 20 }).toEqual(want);
    }
    expect(plan.total.requests.cpu).toBe(2 * 1130 + 3 * 100); // two cells + three etcd members at the operator default 100m
  });

  it('counts a PVC per tablet and per etcd member', () => {
    expect([plan.total.pvcs, plan.total.storage / 2 ** 30]).toEqual([9, 6 * 10 + 3 * 1]);
  });

  it('names tablet pods like the operator and shows 3/3 containers for local MySQL', () => {
    const tablets = plan.pods.filter((p) => p.component === 'vttablet');
    expect(new Set(tablets.map((p) => p.name)).size).toBe(6);
    for (const p of tablets) {
      expect(p.name).toMatch(/^adv-vitess-cluster-vttablet-az[12]-\d{10}-[0-9a-f]{8}$/);
      expect(p.containers.map((c) => c.name)).toEqual(['vttablet', 'mysqld', 'mysqld-exporter']);
      expect(p.initContainers.map((c) => c.name)).toEqual(['init-vt-root', 'init-mysql-socket']);
    }
    expect(plan.pods.filter((p) => p.component === 'etcd').map((p) => p.name)).toEqual([1, 2, 3].map((i) => `adv-vitess-cluster-etcd-07a83994-${i}`));
  });

});

describe('operator defaults and topology rules', () => {
  it('fills vtgate, vtctld and etcd defaults when the spec leaves them out', () => {
    const o = twoCellCluster();
    delete o.spec.cells[0].gateway;
    delete o.spec.vitessDashboard;
    const plan = planCluster(asManifest(o));
    const vtgate = plan.pods.find((p) => p.component === 'vtgate' && p.cell === 'az1')!;
    expect([count(plan, 'vtgate', 'az1'), vtgate.requests, vtgate.containers[0].source]).toEqual([2, { cpu: 500, memory: 2 ** 30 }, 'default']);
    expect(count(plan, 'vtctld', 'az1')).toBe(1);
    expect(plan.pods.find((p) => p.component === 'vtctld')!.limits).toEqual({ cpu: 0, memory: 128 * 2 ** 20 });
  });

  it('applies each default per empty map, and a limit without a request becomes the request (Kubernetes)', () => {
    const o = twoCellCluster();
    o.spec.cells[0].gateway.resources = { limits: { memory: '2Gi' } };
    const pool = o.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0];
    pool.mysqld.resources = { limits: { cpu: '1', memory: '4Gi' } };
    const plan = planCluster(asManifest(o));
    const gw = plan.pods.find((p) => p.component === 'vtgate')!.containers[0];
    expect([gw.requests, gw.limits]).toEqual([{ cpu: 500, memory: 2 ** 30 }, { memory: 2 * 2 ** 30 }]);
    const mysqld = plan.pods.find((p) => p.component === 'vttablet')!.containers[1];
    expect(mysqld.requests).toEqual({ cpu: 1000, memory: 4 * 2 ** 30 });
  });

  it('warns about BestEffort tablets when vttablet/mysqld resources are empty', () => {
    const o = twoCellCluster();
    const pool = o.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[1];
    pool.vttablet = {};
    pool.mysqld = {};
    const plan = planCluster(asManifest(o));
    expect(plan.warnings).toEqual(['ADV/- rdonly@az1: no resources for vttablet, mysqld; the operator sets none, so these tablets are BestEffort and evicted first']);
  });

  it('runs vtorc only in cells with a replica pool, and before operator 2.9 only when configured', () => {
    const o = twoCellCluster();
    const pools = o.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools;
    pools.splice(2, 1); // az2 keeps only its rdonly pool
    expect([count(planCluster(asManifest(o)), 'vtorc', 'az1'), count(planCluster(asManifest(o)), 'vtorc', 'az2')]).toEqual([1, 0]);
    delete o.spec.keyspaces[0].vitessOrchestrator;
    expect(count(planCluster(asManifest(o), { release: VitessRelease.of('2.8') }), 'vtorc')).toBe(0);
    expect(count(planCluster(asManifest(o), { release: VitessRelease.of('2.9') }), 'vtorc')).toBe(1);
  });

  it('has no etcd with an external global lockserver, and 3 members per cell-local etcd', () => {
    const o = twoCellCluster();
    o.spec.globalLockserver = { external: { implementation: 'etcd2', address: 'etcd:2379', rootPath: '/vitess/adv' } };
    o.spec.cells[1].lockserver = { etcd: { resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { memory: '512Mi' } } } };
    const plan = planCluster(asManifest(o));
    expect(plan.pods.filter((p) => p.component === 'etcd').map((p) => [p.cell, p.requests.cpu])).toEqual([['az2', 200], ['az2', 200], ['az2', 200]]);
  });

  it('adds a backup-storage subcontroller per backup location and vtadmin only with its image', () => {
    const o = twoCellCluster();
    o.spec.backup = { locations: [{ volume: { emptyDir: {} } }, { name: 'offsite', s3: { region: 'x', bucket: 'b' } }] };
    o.spec.vtadmin = { apiAddresses: ['http://localhost:14001'], cells: ['az1'] };
    let plan = planCluster(asManifest(o));
    expect(plan.pods.filter((p) => p.component === 'vbs-subcontroller').map((p) => p.name)).toEqual([
      expect.stringMatching(/^adv-vitess-cluster-[0-9a-f]{8}-vitessbackupstorage-subcontroller$/),
      expect.stringMatching(/^adv-vitess-cluster-offsite-[0-9a-f]{8}-vitessbackupstorage-subcontroller$/),
    ]);
    expect(count(plan, 'vtadmin')).toBe(0);
    expect(plan.warnings).toContain('vtadmin is set but images.vtadmin is empty: the operator deploys no vtadmin (there is no default image)');
    o.spec.images.vtadmin = 'vitess/vtadmin:v22.0.1';
    plan = planCluster(asManifest(o));
    expect(plan.pods.filter((p) => p.component === 'vtadmin').map((p) => [p.cell, p.containers.map((c) => c.name), p.requests.cpu])).toEqual([['az1', ['vtadmin-api', 'vtadmin-web'], 200]]);
  });

  it('plans the autoscaled vtgate at minReplicas and says so', () => {
    const o = twoCellCluster();
    o.spec.cells[0].gateway.autoscaler = { minReplicas: 3, maxReplicas: 6 };
    const plan = planCluster(asManifest(o));
    expect(count(plan, 'vtgate', 'az1')).toBe(3);
    expect(plan.warnings[0]).toContain('planned at minReplicas 3, the HPA may add up to maxReplicas 6');
  });

  it('names the file and field of a quantity it cannot read', () => {
    const o = twoCellCluster();
    o.spec.cells[1].gateway.resources.requests.cpu = 'lots';
    expect(() => planCluster(asManifest(o))).toThrow(InputError);
    expect(() => planCluster(asManifest(o))).toThrow("dist/0000-app.k8s.yaml: VitessCluster adv-vitess-cluster: cells[1].gateway.resources.requests.cpu: 'lots' is not a quantity");
  });
});

describe('node budget (seed §6)', () => {
  const spec = twoCellCluster();

  it('flags the cell whose pods do not fit', () => {
    const plan = planCluster(asManifest(spec), { budgets: parseBudgets(['4,16Gi', 'az2=1,4Gi']) });
    expect(plan.budget).toEqual([{ cell: 'az2', message: 'cell az2 requests 1130m CPU / 3296Mi but the budget is 1 / 4Gi: pods will stay Pending (short by 130m CPU)' }]);
  });

  it('flags cluster-wide pods (etcd) that fit in no cell once the cells are full', () => {
    const plan = planCluster(asManifest(spec), { budgets: parseBudgets(['1200m,3400Mi']) });
    expect(plan.budget.map((b) => b.cell)).toEqual([undefined]);
    expect(plan.budget[0].message).toContain('cluster-wide pods request 300m CPU / 768Mi but the cells have only 140m / 208Mi left');
  });

  it('passes when every cell has room', () => {
    expect(planCluster(asManifest(spec), { budgets: parseBudgets(['2,8Gi']) }).budget).toEqual([]);
  });

  it('accepts spaces around the CPU and memory of a budget', () => {
    expect(parseBudgets([' 4, 16Gi ', 'az2=1 ,4Gi'])).toEqual(parseBudgets(['4,16Gi', 'az2=1,4Gi']));
  });

  it('rejects malformed budgets', () => {
    expect(() => parseBudgets(['16Gi'])).toThrow("--node-budget '16Gi': expected <cpu>,<memory> or <cell>=<cpu>,<memory>");
    expect(() => parseBudgets(['az1=4,lots'])).toThrow(InputError);
  });
});

describe('plan of upstream examples', () => {
  it('plans the v2.17.0 101 example: 3 etcd, vtctld, vtgate, vtorc, 3 tablets and a backup subcontroller', () => {
    const o = readUpstreamYaml('examples', '101_initial_cluster.yaml').find((d) => d.kind === 'VitessCluster');
    const plan = planCluster({ name: o.metadata.name, namespace: o.metadata.namespace, file: '101', spec: o.spec });
    expect(plan.pods.map((p) => p.component).sort()).toEqual(['etcd', 'etcd', 'etcd', 'vbs-subcontroller', 'vtctld', 'vtgate', 'vtorc', 'vttablet', 'vttablet', 'vttablet']);
    expect(plan.pods.map((p) => p.name)).toContain('example-vttablet-zone1-2469782763-bfadd780');
  });
});
