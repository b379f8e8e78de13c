import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, parseSpecPath, Password, SecretKeyRef, TabletType, UpdateStrategyType, VitessCluster, VitessClusterProps, VitessRelease } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

function cluster(props: Partial<VitessClusterProps> = {}) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, ...props });
  vc.addKeyspace('ks').addTabletPool('p', { cell: vc.addCell('zone1'), type: TabletType.REPLICA, replicas: 2 });
  return { chart, vc };
}

describe('addSpecOverride (the validated escape hatch)', () => {
  it('sets fields the typed API does not model, at top level and inside lists, valid against the CRD', () => {
    const { chart, vc } = cluster();
    vc.addSpecOverride('gatewayService', { annotations: { 'example.com/a': 'b' } });
    vc.addSpecOverride('imagePullSecrets', [{ name: 'registry' }]);
    vc.addSpecOverride('cells[0].gateway.tolerations', [{ key: 'vtgate', operator: 'Exists' }]);
    const spec = vitessCluster(synth(chart)).spec;
    expect(spec.gatewayService).toEqual({ annotations: { 'example.com/a': 'b' } });
    expect(spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(spec.cells[0].gateway.tolerations).toEqual([{ key: 'vtgate', operator: 'Exists' }]);
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('removes a field with undefined', () => {
    const { chart, vc } = cluster();
    vc.addSpecOverride('cells[0].gateway.extraFlags.mysql_server_version', undefined);
    expect(vitessCluster(synth(chart)).spec.cells[0].gateway.extraFlags).toEqual({});
  });

  it('is validated like the rest of the spec: version gates and flag rules apply', () => {
    const { chart, vc } = cluster({ release: VitessRelease.V21 });
    vc.addSpecOverride('cells[0].gateway.autoscaler', { minReplicas: 1, maxReplicas: 2 });
    vc.addSpecOverride('cells[0].gateway.extraFlags', { 'cells-to-watch': 'zone1' });
    const errors = synthErrors(chart);
    expect(errors).toContain('[t/vc] cells[0].gateway.autoscaler: this field needs operator 2.15 or later');
    expect(errors).toContain("cells[0].gateway.extraFlags.cells-to-watch: the operator passes 'cells_to_watch' to vtgate itself");
  });

  it('reports an override into a missing list item at synth, and a malformed path at once', () => {
    const { chart, vc } = cluster();
    vc.addSpecOverride('cells[3].gateway.replicas', 1);
    expect(synthErrors(chart)).toContain("[t/vc] overrides.cells[3].gateway.replicas: the override cannot be applied: 'cells.3' is missing in the rendered spec");
    expect(() => vc.addSpecOverride('cells..x', 1)).toThrow(/'cells\.\.x' is not a spec path/);
    expect(parseSpecPath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
  });
});

describe('update strategy', () => {
  it('lets storage changes through External updates when asked, and refuses that with Immediate', () => {
    expect(vitessCluster(synth(cluster({ allowStorageChangesWithoutRelease: true }).chart)).spec.updateStrategy).toEqual({ type: 'External', external: { allowResourceChanges: ['storage'] } });
    expect(synthErrors(cluster({ allowStorageChangesWithoutRelease: true, updateStrategy: UpdateStrategyType.IMMEDIATE }).chart))
      .toContain("[t/vc] allowStorageChangesWithoutRelease: only applies to External updates, but updateStrategy is 'Immediate'");
  });
});

describe('SecretKeyRef', () => {
  it('renders a Secret name or a pod volume, and checks both halves', () => {
    expect(SecretKeyRef.fromSecret('s', 'k').render()).toEqual({ name: 's', key: 'k' });
    expect(SecretKeyRef.fromVolume('v', 'k').render()).toEqual({ volumeName: 'v', key: 'k' });
    expect(SecretKeyRef.fromVolume('', 'k').check('x').map((p) => p.field)).toEqual(['x.volumeName']);
    expect(SecretKeyRef.fromSecret('s', 'k').check('x')).toEqual([]);
  });
});
