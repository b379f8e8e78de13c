import { k8s } from 'cdk8s-plus-27';
import { Problem } from './problems';
import { ContainerResources } from './resources';
import { SecretKeyRef } from './secret-ref';

/**
 * How a cell's vtgates scale, roll out and speak TLS: the typed `cells[].gateway.autoscaler`, `strategy`
 * and `secureTransport` (facts §2.3; pains O6, X3, rules 35, 42, 43).
 */

export interface GatewayAutoscalerOptions {
  /** At least 1: the HPA rejects 0 even though the CRD allows it. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /**
   * Scale to keep the average vtgate CPU at this percentage of its CPU request. Needs CPU requests.
   * @default - none; with no metrics at all Kubernetes uses 80% CPU utilisation
   */
  readonly targetCpuUtilization?: number;
  /** Further autoscaling/v2 metrics, passed through. @default - none */
  readonly metrics?: readonly k8s.MetricSpecV2[];
  /** Scale-up/down behaviour. @default - Kubernetes defaults */
  readonly behavior?: k8s.HorizontalPodAutoscalerBehaviorV2;
}

/** The vtgate Deployment's rollout (operator 2.15+). */
export class GatewayRolloutStrategy {
  /**
   * Replace pods gradually. `maxUnavailable: 0, maxSurge: 1` keeps full capacity during a rollout
   * (what upstream's upgrade example and production setups use).
   */
  public static rollingUpdate(options: { readonly maxUnavailable?: number | string; readonly maxSurge?: number | string } = {}): GatewayRolloutStrategy {
    return new GatewayRolloutStrategy('RollingUpdate', options.maxUnavailable, options.maxSurge);
  }

  /** Stop every vtgate of the cell, then start the new ones (downtime). */
  public static recreate(): GatewayRolloutStrategy {
    return new GatewayRolloutStrategy('Recreate', undefined, undefined);
  }

  private constructor(public readonly type: 'RollingUpdate' | 'Recreate', private readonly maxUnavailable?: number | string, private readonly maxSurge?: number | string) {}

  public render(): Record<string, unknown> {
    const rolling = { ...(this.maxUnavailable !== undefined ? { maxUnavailable: this.maxUnavailable } : {}), ...(this.maxSurge !== undefined ? { maxSurge: this.maxSurge } : {}) };
    return { type: this.type, ...(Object.keys(rolling).length ? { rollingUpdate: rolling } : {}) };
  }

  public check(field: string): Problem[] {
    const problems: Problem[] = [];
    for (const [k, v] of Object.entries({ maxUnavailable: this.maxUnavailable, maxSurge: this.maxSurge })) {
      if (v === undefined) continue;
      const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^\d+%$/.test(v);
      if (!ok) problems.push({ field: `${field}.rollingUpdate.${k}`, message: `'${v}' is neither a pod count nor a percentage`, fix: "use a whole number ≥ 0 or a percentage like '25%'" });
    }
    if (isZero(this.maxUnavailable) && isZero(this.maxSurge)) {
      problems.push({ field: `${field}.rollingUpdate`, message: 'maxUnavailable and maxSurge are both 0, so the rollout can never make progress', fix: 'use maxUnavailable: 0 with maxSurge: 1' });
    }
    return problems;
  }
}

/** A rollout bound of no pods: `0` or `'0%'` (undefined is Kubernetes' 25%). */
function isZero(v: number | string | undefined): boolean {
  return typeof v === 'number' ? v === 0 : v !== undefined && /^0+%$/.test(v);
}

/** MySQL-protocol TLS on vtgate. */
export interface GatewayTlsOptions {
  /** vtgate's certificate (PEM). */
  readonly certSecret: SecretKeyRef;
  /** Its private key (PEM). */
  readonly keySecret: SecretKeyRef;
  /** CA to verify client certificates with. @default - clients are not asked for certificates */
  readonly clientCACertSecret?: SecretKeyRef;
  /**
   * Refuse clients that do not use TLS. Only affects MySQL-protocol clients.
   * @default true
   */
  readonly required?: boolean;
}

export function renderAutoscaler(a: GatewayAutoscalerOptions): Record<string, unknown> {
  const metrics = [
    ...(a.targetCpuUtilization !== undefined ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.targetCpuUtilization } } }] : []),
    ...(a.metrics ?? []).map((m) => k8s.toJson_MetricSpecV2(m)),
  ];
  return {
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    ...(metrics.length ? { metrics } : {}),
    ...(a.behavior ? { behavior: k8s.toJson_HorizontalPodAutoscalerBehaviorV2(a.behavior) } : {}),
  };
}

export function renderSecureTransport(t: GatewayTlsOptions): Record<string, unknown> {
  return {
    required: t.required ?? true,
    tls: {
      certSecret: t.certSecret?.render(),
      keySecret: t.keySecret?.render(),
      ...(t.clientCACertSecret ? { clientCACertSecret: t.clientCACertSecret.render() } : {}),
    },
  };
}

/** Problems of an autoscaler, given the gateway's resources (`undefined` = operator defaults, which request 500m CPU). */
export function checkAutoscaler(field: string, a: GatewayAutoscalerOptions, resources: ContainerResources | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1) {
    problems.push({ field: `${field}.minReplicas`, message: `${a.minReplicas} is not a replica count ≥ 1; the HorizontalPodAutoscaler rejects 0`, fix: 'use minReplicas ≥ 1' });
  }
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < 1) {
    problems.push({ field: `${field}.maxReplicas`, message: `${a.maxReplicas} is not a replica count ≥ 1`, fix: 'use maxReplicas ≥ 1' });
  } else if (a.maxReplicas < a.minReplicas) {
    problems.push({ field: `${field}.maxReplicas`, message: `maxReplicas ${a.maxReplicas} is below minReplicas ${a.minReplicas}`, fix: `raise maxReplicas to at least ${a.minReplicas}` });
  }
  const t = a.targetCpuUtilization;
  if (t !== undefined && (!Number.isInteger(t) || t < 1)) {
    problems.push({ field: `${field}.targetCpuUtilization`, message: `${t} is not a percentage ≥ 1`, fix: 'use a whole percentage of the CPU request, e.g. 80' });
  }
  const usesCpuUtilization = t !== undefined || (a.metrics ?? []).length === 0
    || (a.metrics ?? []).some((m) => m.resource?.name === 'cpu' && m.resource.target.type === 'Utilization');
  // The operator only fills in its default requests (500m CPU) when the resources are empty.
  if (usesCpuUtilization && resources && resources.requests?.cpu === undefined) {
    problems.push({ field: `${field}.metrics`, message: 'the autoscaler scales on CPU utilisation, which is a percentage of the CPU request, but vtgate has resources without requests.cpu', fix: "set gateway.resources.requests.cpu (e.g. '500m')" });
  }
  return problems;
}

export function checkSecureTransport(field: string, t: GatewayTlsOptions): Problem[] {
  return [
    ...SecretKeyRef.checkRequired(`${field}.tls.certSecret`, t.certSecret),
    ...SecretKeyRef.checkRequired(`${field}.tls.keySecret`, t.keySecret),
    ...(t.clientCACertSecret ? t.clientCACertSecret.check(`${field}.tls.clientCACertSecret`) : []),
  ];
}
