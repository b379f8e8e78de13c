import { describe, expect, it } from 'vitest';
import { CrdSchema, validateCustomResources } from '../lib/crd-schema';
import { crdSchemas, readUpstreamYaml } from './support/upstream';

describe('CrdSchema', () => {
  const v217 = crdSchemas('v2.17.0');
  const example = readUpstreamYaml('examples', '101_initial_cluster.yaml').find((d) => d.kind === 'VitessCluster');

  it('accepts the upstream 101 example against the v2.17.0 CRD', () => {
    expect(validateCustomResources(v217, [example])).toEqual([]);
  });

  it('reports an unknown field, which the API server would prune', () => {
    const bad = structuredClone(example);
    bad.spec.cells[0].gateway.replicaCount = 3;
    expect(validateCustomResources(v217, [bad])).toEqual([
      "VitessCluster/example: /spec/cells/0/gateway: unknown field 'replicaCount' (the API server would prune it)",
    ]);
  });

  it('reports schema violations such as a cell name with a hyphen', () => {
    const bad = structuredClone(example);
    bad.spec.cells[0].name = 'us-east-1a';
    expect(validateCustomResources(v217, [bad]).join('\n')).toMatch(/\/spec\/cells\/0\/name: must match pattern/);
  });

  it('knows fields by release: hexWidth is unknown to v2.7.5', () => {
    const withHex = structuredClone(example);
    withHex.spec.keyspaces[0].partitionings[0].equal.hexWidth = 2;
    expect(validateCustomResources(v217, [withHex])).toEqual([]);
    expect(validateCustomResources(crdSchemas('v2.7.5'), [withHex]).join('\n')).toMatch(/unknown field 'hexWidth'/);
  });

  it('skips objects of kinds it does not define', () => {
    const [crd] = CrdSchema.fromYaml(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: x.io
  names: {kind: Thing}
  versions: [{name: v1, storage: true, schema: {openAPIV3Schema: {type: object, properties: {apiVersion: {type: string}, kind: {type: string}, spec: {type: object, properties: {a: {type: string}}}}}}}]
`);
    expect(validateCustomResources([crd], [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual([]);
    expect(crd.validate({ apiVersion: 'x.io/v1', kind: 'Thing', spec: { a: 1 } })).toEqual(['/spec/a: must be string']);
  });
});
