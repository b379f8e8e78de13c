import { Construct } from 'constructs';
import { clusterOf } from './cluster-context';
import { Lockserver } from './lockserver';
import { checkName } from './names';
import { addProblemCheck, Problem, Warnings } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { checkAutoscaler, checkSecureTransport, GatewayAutoscalerOptions, GatewayRolloutStrategy, GatewayTlsOptions, renderAutoscaler, renderSecureTransport } from './gateway-scaling';

export interface GatewayOptions {
  /** vtgate replicas in this cell. @default 2 (operator default) */
  readonly replicas?: number;
  /** vtgate resources. @default - operator default: requests cpu 500m / memory 1Gi, limit memory 1Gi */
  readonly resources?: ContainerResources;
  /**
   * Extra vtgate flags (without leading dashes); they override the flags the library and operator set,
   * e.g. `mysql_server_version`.
   * @default - none
   */
  readonly extraFlags?: Readonly<Record<string, string>>;
  /**
   * Require the cluster's AuthSecret users (vtgate static auth). `false` turns authentication off, which lets
   * anyone who reaches vtgate in.
   * @default true when the cluster's AuthSecret has users
   */
  readonly authentication?: boolean;
  /** Scale vtgates with a HorizontalPodAutoscaler (operator 2.15+); `replicas` is then ignored. @default - fixed `replicas` */
  readonly autoscaler?: GatewayAutoscalerOptions;
  /** vtgate Deployment rollout (operator 2.15+). @default - Kubernetes default rolling update (25% / 25%) */
  readonly strategy?: GatewayRolloutStrategy;
  /** MySQL-protocol TLS for clients. @default - no TLS */
  readonly secureTransport?: GatewayTlsOptions;
}

export interface CellProps {
  /** Vitess cell name: letters, digits, `_` and `.`; no `-`. @default - the construct id */
  readonly name?: string;
  /** Availability zone the cell's pods run in (value of the node zone label). @default - no zone placement */
  readonly zone?: string;
  /** @default - see GatewayOptions */
  readonly gateway?: GatewayOptions;
  /** A lockserver for this cell's local topology. @default - cell data kept in the global lockserver */
  readonly lockserver?: Lockserver;
}

/**
 * A Vitess cell: a failure domain (usually one zone) with its own vtgates. Create with `cluster.addCell(...)`.
 */
export class Cell extends Construct {
  public readonly name: string;
  public readonly zone?: string;

  public constructor(scope: Construct, id: string, private readonly props: CellProps = {}) {
    super(scope, id);
    clusterOf(scope, 'Cell');
    this.name = props.name ?? id;
    this.zone = props.zone;
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.gatewayWarnings());
  }

  /** Non-fatal gateway findings (rule 42: replicas are ignored under an autoscaler). */
  private gatewayWarnings(): Problem[] {
    const g = this.props.gateway ?? {};
    return g.autoscaler && g.replicas !== undefined
      ? [{ field: 'gateway.replicas', message: `replicas ${g.replicas} is ignored: the autoscaler sets the vtgate count (${g.autoscaler.minReplicas}–${g.autoscaler.maxReplicas})`, fix: 'drop replicas' }]
      : [];
  }

  public get lockserver(): Lockserver | undefined {
    return this.props.lockserver;
  }

  /** The CRD `cells[]` item. */
  public render(): Record<string, unknown> {
    const cluster = clusterOf(this, 'Cell');
    const g = this.props.gateway ?? {};
    const users = cluster.auth.usersSecret;
    const auth = g.authentication ?? true;
    const gateway: Record<string, unknown> = {
      ...(auth && users ? { authentication: { static: { secret: { name: users.name, key: users.key } } } } : {}),
      // vtgate advertises this version to clients; the operator cannot derive it from vitess/lite tags (pains M4).
      extraFlags: { mysql_server_version: cluster.mysql.serverVersion(cluster.release), ...g.extraFlags },
      ...(g.replicas !== undefined ? { replicas: g.replicas } : {}),
      ...(g.resources ? { resources: renderResources(g.resources) } : {}),
      ...(g.autoscaler ? { autoscaler: renderAutoscaler(g.autoscaler) } : {}),
      ...(g.strategy ? { strategy: g.strategy.render() } : {}),
      ...(g.secureTransport ? { secureTransport: renderSecureTransport(g.secureTransport) } : {}),
    };
    return {
      name: this.name,
      ...(this.zone ? { zone: this.zone } : {}),
      ...(this.props.lockserver ? { lockserver: this.props.lockserver.render() } : {}),
      gateway,
    };
  }

  private check(): Problem[] {
    const problems = [...checkName('cell', 'name', this.name)];
    const g = this.props.gateway ?? {};
    if (g.replicas !== undefined && (!Number.isInteger(g.replicas) || g.replicas < 0)) {
      problems.push({ field: 'gateway.replicas', message: `${g.replicas} is not a replica count`, fix: 'use a whole number ≥ 0' });
    }
    problems.push(...checkResources('gateway.resources', g.resources));
    if (g.autoscaler) problems.push(...checkAutoscaler('gateway.autoscaler', g.autoscaler, g.resources));
    if (g.strategy) problems.push(...g.strategy.check('gateway.strategy'));
    if (g.secureTransport) problems.push(...checkSecureTransport('gateway.secureTransport', g.secureTransport));
    if (this.props.lockserver) {
      problems.push(...this.props.lockserver.check('lockserver'));
      const global = clusterOf(this, 'Cell').globalLockserver;
      if (global.implementation !== this.props.lockserver.implementation) {
        problems.push({
          field: 'lockserver.external.implementation',
          message: `the cell lockserver uses '${this.props.lockserver.implementation}' but the global one '${global.implementation}'; the operator would skip registering the cell (TopoInvalid)`,
          fix: 'use the same topo implementation as the global lockserver',
        });
      }
    }
    return problems;
  }
}
