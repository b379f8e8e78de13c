import { describe, expect, it } from 'vitest';
import { parseBudgets, planCluster } from '../../lib/ops/plan';
import { formatPlan } from '../../lib/ops/plan-report';
import { cpu, mem } from '../../lib/ops/table';
import { asManifest, twoCellCluster } from './fixtures';


describe('formatPlan', () => {
  const text = formatPlan(planCluster(asManifest(twoCellCluster())));

  it('lists components per cell with containers, marking operator defaults with *', () => {
    expect(text).toContain('VitessCluster adv-vitess-cluster (namespace vitess) from dist/0000-app.k8s.yaml\n19 pods, 9 PVCs');
    expect(text).toMatch(/^-\s+etcd\s+global lockserver\s+3\s+etcd\s+100m\*\s+256Mi\*\s+-\s+256Mi\*\s+1Gi$/m);
    expect(text).toMatch(/^az1\s+vtctld\s+2\s+vtctld\s+100m\s+128Mi\s+-\s+128Mi\s+-$/m);
    expect(text).toMatch(/^\s+mysqld-exporter\s+10m\*\s+32Mi\*\s+100m\*\s+128Mi\*$/m);
  });

  it('prints totals per cell, cluster-wide and overall', () => {
    expect(text).toMatch(/^\(cluster-wide\)\s+3\s+300m\s+768Mi\s+-\s+768Mi\s+3\s+3Gi$/m);
    expect(text).toMatch(/^az1\s+8\s+1130m\s+3296Mi\s+300m\s+5Gi\s+3\s+30Gi$/m);
    expect(text).toMatch(/^total\s+19\s+2560m\s+7360Mi/m);
  });

  it('shows the healthy kubectl get pods list, sorted by name', () => {
    expect(text).toContain("A healthy 'kubectl get pods -n vitess -l planetscale.com/cluster=adv-vitess-cluster'");
    expect(text).toMatch(/^adv-vitess-cluster-vttablet-az1-\d{10}-[0-9a-f]{8}\s+3\/3\s+Running$/m);
    expect(text).toMatch(/^adv-vitess-cluster-az2-vtgate-[0-9a-f]{8}-\*\s+1\/1\s+Running$/m);
    const names = text.split('NAME')[1].split('\n').slice(1).filter((l) => l.startsWith('adv-')).map((l) => l.split(/\s+/)[0]);
    expect(names).toHaveLength(19);
    expect(names).toEqual([...names].sort());
    expect(text).not.toContain('Warnings:');
  });

  it('ends with warnings and budget findings when there are any', () => {
    const o = twoCellCluster();
    o.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].vttablet = {};
    const out = formatPlan(planCluster(asManifest(o), { budgets: parseBudgets(['500m,2Gi']) }));
    expect(out).toContain('\nWarnings:\n- ADV/- replica@az1: no resources for vttablet');
    expect(out).toMatch(/\nNode budget exceeded:\n- cell az1 requests .* but the budget is 500m \/ 2Gi/);
  });
});

describe('quantities in tables', () => {
  it('writes CPU as whole cores or millicores, memory in the largest binary unit, - for none', () => {
    expect([cpu(undefined), cpu(0), cpu(2000), cpu(1250)]).toEqual(['-', '0', '2', '1250m']);
    expect([mem(undefined), mem(0), mem(2 ** 30), mem(1536 * 2 ** 20), mem(1000)]).toEqual(['-', '0', '1Gi', '1536Mi', '1000']);
  });
});
