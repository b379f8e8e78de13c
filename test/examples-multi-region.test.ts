import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { synthApp, VitessRelease, Warnings } from '../lib';
import { multiRegion } from '../examples/multi-region';
import { schemaErrors } from './support/synth';

const REGIONS = { useast1: 'useast1a', uswest2: 'uswest2a', euwest1: 'euwest1a' };

beforeEach(() => {
  // The golden file is made with the dev default password.
  delete process.env.COMMERCE_VTGATE_PASSWORD;
});

/** Synthesizes the example in its own App and folder, without the operator chart examples/all.ts adds, and reads every file back. */
function synthToDisk(): Record<string, any[]> {
  const outdir = join(mkdtempSync(join(tmpdir(), 'multi-region-')), 'multi-region');
  const app = new App({ outdir });
  multiRegion(app);
  const errors: string[] = [];
  synthApp(app, { error: (s) => errors.push(s), exit: (code) => { throw new Error(`exit ${code}: ${errors.join('\n')}`); } });
  expect(errors).toEqual([]);
  return Object.fromEntries(readdirSync(outdir).map((f) => [f, parseAllDocuments(readFileSync(join(outdir, f), 'utf8')).map((d) => d.toJS())]));
}

describe('example: the seed multi-region federation (seed §7)', () => {
  it('writes one manifest per region, without errors or warnings', () => {
    expect(Object.keys(synthToDisk()).sort()).toEqual(['euwest1.k8s.yaml', 'useast1.k8s.yaml', 'uswest2.k8s.yaml']);
  });

  it('has VitessClusters valid against the v2.17.0 CRD schema with zero unknown fields', () => {
    for (const objects of Object.values(synthToDisk())) {
      expect(objects.filter((o) => o.kind === 'VitessCluster')).toHaveLength(1);
      expect(schemaErrors(objects, VitessRelease.V24)).toEqual([]);
    }
  });

  it('points every region at the external global etcd etcd-global-1..3 and lists only its own cell and pools', () => {
    const files = synthToDisk();
    for (const [region, cell] of Object.entries(REGIONS)) {
      const vc = files[`${region}.k8s.yaml`].find((o) => o.kind === 'VitessCluster');
      expect(vc.metadata).toEqual({ name: 'commerce', namespace: 'vitess' });
      expect(vc.spec.globalLockserver.external.address).toBe('etcd-global-1:2379,etcd-global-2:2379,etcd-global-3:2379');
      expect(vc.spec.cells.map((c: any) => c.name)).toEqual([cell]);
      expect(vc.spec.cells[0].lockserver.cellInfoAddress).toBe(`etcd-${cell}.vitess.internal:2379`);
      expect(vc.spec.cells[0].gateway.extraFlags.cells_to_watch).toBe('useast1a,uswest2a,euwest1a');
      const cellsOfPools = vc.spec.keyspaces.flatMap((k: any) => k.partitionings[0].equal.shardTemplate.tabletPools.map((p: any) => p.cell));
      expect(new Set(cellsOfPools)).toEqual(new Set([cell]));
    }
  });

  it('initializes shards in useast1 only', () => {
    const files = synthToDisk();
    const init = (region: string) => files[`${region}.k8s.yaml`].find((o) => o.kind === 'VitessCluster').spec.keyspaces
      .map((k: any) => k.partitionings[0].equal.shardTemplate.replication.initializeMaster);
    expect([init('useast1'), init('uswest2'), init('euwest1')]).toEqual([[true, true], [false, false], [false, false]]);
  });

  it('matches its golden YAML and synthesizes byte-identically twice', async () => {
    const once = () => { const app = Testing.app(); multiRegion(app); return app.synthYaml(); };
    const yaml = once();
    expect(once()).toBe(yaml);
    await expect(yaml).toMatchFileSnapshot(join('__golden__', 'multi-region.k8s.yaml'));
  });

  it('has no warnings (every cell has its own reachable lockserver and sees every keyspace)', () => {
    const app = Testing.app();
    multiRegion(app);
    expect(Warnings.collect(app)).toEqual([]);
  });
});
