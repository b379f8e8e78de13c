import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { initialCluster } from '../../examples/initial-cluster';
import { addOperator } from '../../examples/operator';
import { seedMysql8 } from '../../examples/seed-mysql8';
import { CrdSchema, validateCustomResources } from '../../lib/crd-schema';
import { VitessRelease } from '../../lib/vitess-release';
import { crdSchemas, upstreamDir } from '../support/upstream';

process.env.VITESS_OPERATOR_DATA ??= upstreamDir();
beforeEach(() => { for (const v of ['ADV_VTGATE_PASSWORD', 'EXAMPLE_VTGATE_PASSWORD']) delete process.env[v]; });

describe('example app with the operator', () => {
  it.each([
    ['initial-cluster (latest)', VitessRelease.V24, 'v2.17.0', (app: App) => initialCluster(app)],
    ['seed-mysql8 on Vitess 21', VitessRelease.V21, 'v2.14.0', (app: App) => seedMysql8(app, 'seed-mysql8', { release: VitessRelease.V21 })],
  ])('%s: dist/ holds the operator first, and the CRs validate against the same release\'s CRDs', (_name, release, tag, build) => {
    const app = Testing.app();
    const cluster = build(app);
    const op = addOperator(app);
    expect(op.release).toBe(release);
    app.synth();

    const files = readdirSync(app.outdir).sort();
    expect(files).toEqual(['0000-vitess-operator.k8s.yaml', `0001-${cluster.node.id}.k8s.yaml`]);
    const [operatorYaml, clusterYaml] = files.map((f) => readFileSync(join(app.outdir, f), 'utf8'));
    const crs = parseAllDocuments(clusterYaml).map((d) => d.toJS()).filter((o) => o.apiVersion?.startsWith('planetscale.com/'));
    expect(crs.map((o) => o.kind)).toEqual(['VitessCluster']);
    // The CRDs this very install applies, and upstream's own files of the tag, must both accept the CRs.
    expect(validateCustomResources(CrdSchema.fromYaml(operatorYaml), crs)).toEqual([]);
    expect(validateCustomResources(crdSchemas(release.operatorTag), crs)).toEqual([]);
    const deployment = parseAllDocuments(operatorYaml).map((d) => d.toJS()).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].image).toBe(release.operatorImage);
    expect(deployment.spec.template.spec.containers[0].image).toBe(`planetscale/vitess-operator:${tag}`);
  });

  it('follows the clusters\' release even when props spell out release: undefined', () => {
    const app = Testing.app();
    seedMysql8(app, 'seed', { release: VitessRelease.V21 });
    expect(addOperator(app, { release: undefined, crds: false }).release).toBe(VitessRelease.V21);
  });

  it('refuses to guess between clusters of different releases', () => {
    const app = Testing.app();
    initialCluster(app);
    seedMysql8(app, 'seed', { release: VitessRelease.V21 });
    expect(() => addOperator(app)).toThrow(/several releases .*pass props.release/);
  });
});
