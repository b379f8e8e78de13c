import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, GatewayServiceType, Password, TabletType, VitessCluster, Warnings } from '../lib';
import { synth, synthErrors } from './support/synth';

function cluster(withUsers = true) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: withUsers ? [{ user: 'app', password: Password.plainText('pw-123456') }] : [] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth });
  for (const c of ['zone1', 'zone2']) vc.addCell(c);
  vc.addKeyspace('ks').addTabletPool('p', { cell: 'zone1', type: TabletType.REPLICA, replicas: 2 });
  return { chart, vc };
}
const services = (chart: Chart) => synth(chart).filter((o) => o.kind === 'Service');

describe('exposeGateway', () => {
  it('emits a LoadBalancer Service selecting the cluster\'s vtgates on the mysql port', () => {
    const { chart, vc } = cluster();
    vc.exposeGateway({ name: 'demo-mysql', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, loadBalancerSourceRanges: ['10.0.0.0/8'], externalTrafficPolicy: 'Local' });
    expect(services(chart)).toEqual([{
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'demo-mysql', namespace: 'ns', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, labels: { 'planetscale.com/cluster': 'demo' } },
      spec: {
        type: 'LoadBalancer',
        selector: { 'planetscale.com/cluster': 'demo', 'planetscale.com/component': 'vtgate' },
        ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' }],
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        externalTrafficPolicy: 'Local',
      },
    }]);
  });

  it('emits a per-cell NodePort Service with a fixed node port and gRPC', () => {
    const { chart, vc } = cluster();
    vc.exposeGateway({ type: GatewayServiceType.NODE_PORT, cell: vc.cells[1], nodePort: 30306, grpc: true }, 'zone2-gateway');
    const [svc] = services(chart);
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.selector).toEqual({ 'planetscale.com/cluster': 'demo', 'planetscale.com/component': 'vtgate', 'planetscale.com/cell': 'zone2' });
    expect(svc.spec.ports).toEqual([{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP', nodePort: 30306 }, { name: 'grpc', port: 15999, targetPort: 'grpc', protocol: 'TCP' }]);
  });

  it('refuses options that do not fit the Service type, unknown cells and bad ports', () => {
    const { chart, vc } = cluster();
    vc.exposeGateway({ nodePort: 30306, cell: 'zone9' }, 'a');
    vc.exposeGateway({ type: GatewayServiceType.NODE_PORT, nodePort: 80, loadBalancerIP: '1.2.3.4', port: 70000 }, 'b');
    const errors = synthErrors(chart);
    expect(errors).toContain('[t/vc/a] nodePort: nodePort is set but the Service type is LoadBalancer');
    expect(errors).toContain("[t/vc/a] cell: cell 'zone9' is not defined, so the Service would select no pods");
    expect(errors).toContain('[t/vc/b] nodePort: 80 is outside the default node port range 30000–32767');
    expect(errors).toContain('[t/vc/b] loadBalancerIP: loadBalancerIP only applies to LoadBalancer Services, not NodePort');
    expect(errors).toContain('[t/vc/b] port: 70000 is not a port');
  });

  it('warns when vtgate accepts anyone', () => {
    const { chart, vc } = cluster(false);
    vc.exposeGateway();
    expect(Warnings.collect(chart)).toContainEqual(expect.stringContaining('[t/vc/GatewayService] type: vtgate is exposed outside the cluster while it accepts any user without a password'));
  });
});
