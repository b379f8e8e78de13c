import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { clusterOf } from './cluster-context';
import { addProblemCheck, Problem, Warnings } from './problems';
import { OPERATOR_LABELS } from './topology';
import type { ICellRef } from './tablet-pool';

/** Service types that reach vtgate from outside the Kubernetes cluster. */
export enum GatewayServiceType {
  LOAD_BALANCER = 'LoadBalancer',
  NODE_PORT = 'NodePort',
}

export interface ExposeGatewayOptions {
  /** @default GatewayServiceType.LOAD_BALANCER */
  readonly type?: GatewayServiceType;
  /** Service name. @default - generated from the construct path */
  readonly name?: string;
  /** Only the vtgates of this cell. @default - vtgates of every cell */
  readonly cell?: ICellRef | string;
  /** Service annotations, e.g. for an internal cloud load balancer. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** MySQL port the Service listens on. @default 3306 */
  readonly port?: number;
  /** Fixed node port (NodePort only, 30000–32767). @default - assigned by Kubernetes */
  readonly nodePort?: number;
  /** Requested load balancer address (LoadBalancer only; not every provider honours it). @default - assigned */
  readonly loadBalancerIP?: string;
  /** Client CIDRs allowed through the load balancer. @default - provider default (usually everyone) */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** `Local` keeps client source IPs visible to vtgate. @default - Kubernetes default, Cluster */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /** Also expose vtgate's gRPC port 15999 (for gRPC clients and vtexplain). @default false */
  readonly grpc?: boolean;
}

/** The selector labels of vtgate pods (facts §6.4, §6.5). */
export function vtgateSelector(clusterName: string, cell?: string): Record<string, string> {
  return {
    [OPERATOR_LABELS.cluster]: clusterName,
    [OPERATOR_LABELS.component]: 'vtgate',
    ...(cell ? { [OPERATOR_LABELS.cell]: cell } : {}),
  };
}

/**
 * A LoadBalancer or NodePort Service in front of a cluster's vtgates. The operator's own vtgate Services
 * are ClusterIP and their overrides cannot change the type (pains O5), so this is a separate Service that
 * selects the vtgate pods by label. Create with `cluster.exposeGateway(...)`.
 */
export class GatewayExposure extends Construct {
  public readonly service: k8s.KubeService;

  public constructor(scope: Construct, id: string, private readonly options: ExposeGatewayOptions = {}) {
    super(scope, id);
    // The VitessCluster's own object carries the cluster name the operator puts into the pod labels.
    const clusterName = ApiObject.of(clusterOf(scope, 'GatewayExposure')).name;
    const o = options;
    const cell = typeof o.cell === 'string' ? o.cell : o.cell?.name;
    const type = o.type ?? GatewayServiceType.LOAD_BALANCER;
    const ports: k8s.ServicePort[] = [
      { name: 'mysql', port: o.port ?? 3306, targetPort: k8s.IntOrString.fromString('mysql'), protocol: 'TCP', ...(o.nodePort !== undefined ? { nodePort: o.nodePort } : {}) },
      ...(o.grpc ? [{ name: 'grpc', port: 15999, targetPort: k8s.IntOrString.fromString('grpc'), protocol: 'TCP' }] : []),
    ];
    this.service = new k8s.KubeService(this, 'Resource', {
      metadata: {
        ...(o.name ? { name: o.name } : {}),
        namespace: ApiObject.of(scope).metadata.namespace,
        ...(o.annotations ? { annotations: { ...o.annotations } } : {}),
        labels: { [OPERATOR_LABELS.cluster]: clusterName },
      },
      spec: {
        type,
        selector: vtgateSelector(clusterName, cell),
        ports,
        ...(o.loadBalancerIP ? { loadBalancerIp: o.loadBalancerIP } : {}),
        ...(o.loadBalancerSourceRanges ? { loadBalancerSourceRanges: [...o.loadBalancerSourceRanges] } : {}),
        ...(o.externalTrafficPolicy ? { externalTrafficPolicy: o.externalTrafficPolicy } : {}),
      },
    });
    addProblemCheck(this, () => this.check(cell, type));
    Warnings.add(this, () => this.warnings());
  }

  private check(cell: string | undefined, type: GatewayServiceType): Problem[] {
    const o = this.options;
    const problems: Problem[] = [];
    if (!Object.values(GatewayServiceType).includes(type)) {
      problems.push({ field: 'type', message: `'${type}' is not a Service type that reaches vtgate from outside`, fix: 'use GatewayServiceType.LOAD_BALANCER or NODE_PORT (the operator already makes a ClusterIP Service)' });
    }
    const cells = clusterOf(this, 'GatewayExposure').cellNames();
    if (cell !== undefined && !cells.includes(cell)) {
      problems.push({ field: 'cell', message: `cell '${cell}' is not defined, so the Service would select no pods`, fix: `use one of: ${cells.join(', ')}` });
    }
    if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535)) {
      problems.push({ field: 'port', message: `${o.port} is not a port`, fix: 'use 1–65535 (3306 is MySQL\'s)' });
    }
    if (o.nodePort !== undefined) {
      if (type !== GatewayServiceType.NODE_PORT) problems.push({ field: 'nodePort', message: `nodePort is set but the Service type is ${type}`, fix: 'use GatewayServiceType.NODE_PORT, or drop nodePort' });
      else if (!Number.isInteger(o.nodePort) || o.nodePort < 30000 || o.nodePort > 32767) problems.push({ field: 'nodePort', message: `${o.nodePort} is outside the default node port range 30000–32767`, fix: 'pick a port in 30000–32767, or leave it to Kubernetes' });
    }
    for (const k of ['loadBalancerIP', 'loadBalancerSourceRanges'] as const) {
      if (o[k] !== undefined && type !== GatewayServiceType.LOAD_BALANCER) problems.push({ field: k, message: `${k} only applies to LoadBalancer Services, not ${type}`, fix: `use GatewayServiceType.LOAD_BALANCER, or drop ${k}` });
    }
    return problems;
  }

  private warnings(): Problem[] {
    if (clusterOf(this, 'GatewayExposure').auth.usersSecret) return [];
    return [{ field: 'type', message: 'vtgate is exposed outside the cluster while it accepts any user without a password', fix: 'give the cluster an AuthSecret with users, or restrict loadBalancerSourceRanges' }];
  }
}
