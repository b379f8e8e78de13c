import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, GatewayOptions, GatewayRolloutStrategy, Password, SecretKeyRef, TabletType, VitessCluster, VitessRelease, Warnings } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

function cluster(gateway: GatewayOptions, release = VitessRelease.V24) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release });
  const cell = vc.addCell('zone1', { gateway });
  vc.addKeyspace('ks').addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 2 });
  return chart;
}
const gateway = (chart: Chart) => vitessCluster(synth(chart)).spec.cells[0].gateway;
const cpu = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } };

describe('gateway autoscaler', () => {
  it('renders min/max and a CPU utilisation target as an autoscaling/v2 metric (upstream cluster_autoscale.yaml)', () => {
    const chart = cluster({ resources: cpu, autoscaler: { minReplicas: 2, maxReplicas: 3, targetCpuUtilization: 80 } });
    expect(gateway(chart).autoscaler).toEqual({ minReplicas: 2, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('passes typed metrics and behavior through', () => {
    const chart = cluster({ autoscaler: { minReplicas: 1, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 300 } }, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue' } } }] } });
    expect(gateway(chart).autoscaler).toEqual({ minReplicas: 1, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 300 } }, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue' } } }] });
  });

  it('refuses min 0, max below min, and a non-percentage target', () => {
    expect(synthErrors(cluster({ autoscaler: { minReplicas: 0, maxReplicas: 3 } }))).toContain('[t/vc/zone1] gateway.autoscaler.minReplicas: 0 is not a replica count ≥ 1; the HorizontalPodAutoscaler rejects 0');
    expect(synthErrors(cluster({ autoscaler: { minReplicas: 4, maxReplicas: 3 } }))).toContain('gateway.autoscaler.maxReplicas: maxReplicas 3 is below minReplicas 4');
    expect(synthErrors(cluster({ autoscaler: { minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 0.5 } }))).toContain('targetCpuUtilization: 0.5 is not a percentage');
  });

  it('needs a CPU request for CPU scaling when resources are given (the operator default requests 500m only when they are not)', () => {
    const noCpu = { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } };
    expect(synthErrors(cluster({ resources: noCpu, autoscaler: { minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 80 } })))
      .toContain('gateway.autoscaler.metrics: the autoscaler scales on CPU utilisation, which is a percentage of the CPU request, but vtgate has resources without requests.cpu');
    expect(synthErrors(cluster({ autoscaler: { minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 80 } }))).toBe('');
    expect(synthErrors(cluster({ resources: noCpu, autoscaler: { minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue' } } }] } }))).toBe('');
  });

  it('warns that replicas are ignored under an autoscaler', () => {
    expect(Warnings.collect(cluster({ replicas: 2, autoscaler: { minReplicas: 1, maxReplicas: 3 } }))).toContainEqual(expect.stringContaining('[t/vc/zone1] gateway.replicas: replicas 2 is ignored: the autoscaler sets the vtgate count (1–3)'));
  });

  it('is gated to operator 2.15', () => {
    expect(synthErrors(cluster({ autoscaler: { minReplicas: 1, maxReplicas: 3 } }, VitessRelease.V21))).toContain('cells[0].gateway.autoscaler: this field needs operator 2.15 or later');
  });
});

describe('gateway rollout strategy', () => {
  it('renders RollingUpdate with maxUnavailable 0 / maxSurge 1 (upstream cluster_upgrade.yaml) and Recreate', () => {
    expect(gateway(cluster({ strategy: GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 1 }) })).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(gateway(cluster({ strategy: GatewayRolloutStrategy.recreate() })).strategy).toEqual({ type: 'Recreate' });
  });

  it('refuses a rollout that cannot progress and malformed values', () => {
    expect(synthErrors(cluster({ strategy: GatewayRolloutStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: 0 }) }))).toContain('gateway.strategy.rollingUpdate: maxUnavailable and maxSurge are both 0');
    expect(synthErrors(cluster({ strategy: GatewayRolloutStrategy.rollingUpdate({ maxSurge: 'half' }) }))).toContain("gateway.strategy.rollingUpdate.maxSurge: 'half' is neither a pod count nor a percentage");
  });

  it('is gated to operator 2.15', () => {
    expect(synthErrors(cluster({ strategy: GatewayRolloutStrategy.recreate() }, VitessRelease.V22))).toBe('');
    expect(synthErrors(cluster({ strategy: GatewayRolloutStrategy.recreate() }, VitessRelease.V21))).toContain('cells[0].gateway.strategy: this field needs operator 2.15 or later');
  });
});

describe('gateway TLS', () => {
  it('renders required TLS with typed secret references, valid against the CRD of 2.7 and 2.17', () => {
    const tls = { certSecret: SecretKeyRef.fromSecret('vtgate-tls', 'tls.crt'), keySecret: SecretKeyRef.fromSecret('vtgate-tls', 'tls.key'), clientCACertSecret: SecretKeyRef.fromSecret('ca', 'ca.crt') };
    expect(gateway(cluster({ secureTransport: tls })).secureTransport).toEqual({
      required: true,
      tls: { certSecret: { name: 'vtgate-tls', key: 'tls.crt' }, keySecret: { name: 'vtgate-tls', key: 'tls.key' }, clientCACertSecret: { name: 'ca', key: 'ca.crt' } },
    });
    for (const r of [VitessRelease.V15, VitessRelease.V24]) expect(schemaErrors(synth(cluster({ secureTransport: tls }, r)), r)).toEqual([]);
  });

  it('refuses secret references without a key', () => {
    expect(synthErrors(cluster({ secureTransport: { certSecret: SecretKeyRef.fromSecret('t', ''), keySecret: SecretKeyRef.fromSecret('t', 'k') } })))
      .toContain("gateway.secureTransport.tls.certSecret.key: no key given for 't'");
  });
});
