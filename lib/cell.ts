import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { clusterOf } from './cluster-context';
import { Lockserver } from './lockserver';
import { checkName } from './names';
import { addProblemCheck, checkCount, Problem, Warnings } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { ZonePlacement } from './zone-placement';
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
  /**
   * Availability zone the cell's tablets and vtgates run in: the nodes' `topology.kubernetes.io/zone` label
   * value, e.g. `us-east-1a`. See `zonePlacement` for how it is applied.
   * @default - no zone placement
   */
  readonly zone?: string;
  /**
   * How `zone` pins pods. The default renders an explicit affinity on `topology.kubernetes.io/zone` merged with
   * the operator's default tablet anti-affinity, and leaves the CRD `zone` field out: the operator would select
   * on the deprecated `failure-domain.beta.kubernetes.io/zone` label (pains F8, rule 20).
   * @default ZonePlacement.nodeLabel()
   */
  readonly zonePlacement?: ZonePlacement;
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
  public readonly zonePlacement: ZonePlacement;
  private readonly gatewayFlagProducers: Array<() => Record<string, string>> = [];

  public constructor(scope: Construct, id: string, private readonly props: CellProps = {}) {
    super(scope, id);
    clusterOf(scope, 'Cell');
    this.name = props.name ?? id;
    this.zone = props.zone;
    this.zonePlacement = props.zonePlacement ?? ZonePlacement.nodeLabel();
    Warnings.add(this, () => (this.zone !== undefined ? this.zonePlacement.warnings('zone', this.zone) : []));
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

  /**
   * Adds vtgate flags computed at synth time, e.g. a federation's `cells_to_watch`, which depends on cells added
   * later. Flags given in `gateway.extraFlags` still win.
   */
  public addGatewayFlags(produce: () => Record<string, string>): void {
    this.gatewayFlagProducers.push(produce);
  }

  /** The `affinity` of this cell's tablet pods for one keyspace and pool type; undefined without zone placement. */
  public tabletAffinity(keyspace: string, type: string): Record<string, unknown> | undefined {
    if (this.zone === undefined) return undefined;
    const cluster = ApiObject.of(clusterOf(this, 'Cell')).name;
    return this.zonePlacement.tabletAffinity(this.zone, { cluster, keyspace, cell: this.name, type });
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
      extraFlags: { mysql_server_version: cluster.mysql.serverVersion(cluster.release), ...Object.assign({}, ...this.gatewayFlagProducers.map((f) => f())), ...g.extraFlags },
      ...(g.replicas !== undefined ? { replicas: g.replicas } : {}),
      ...(g.resources ? { resources: renderResources(g.resources) } : {}),
      ...(g.autoscaler ? { autoscaler: renderAutoscaler(g.autoscaler) } : {}),
      ...(g.strategy ? { strategy: g.strategy.render() } : {}),
      ...(g.secureTransport ? { secureTransport: renderSecureTransport(g.secureTransport) } : {}),
    };
    // An explicit affinity replaces the operator's zone handling, so zone placement renders it (zone-placement.ts).
    const affinity = this.zone !== undefined ? this.zonePlacement.gatewayAffinity(this.zone) : undefined;
    if (affinity) gateway.affinity = affinity;
    return {
      name: this.name,
      ...(this.zone !== undefined && this.zonePlacement.usesZoneField ? { zone: this.zone } : {}),
      ...(this.props.lockserver ? { lockserver: this.props.lockserver.render() } : {}),
      gateway,
    };
  }

  private check(): Problem[] {
    const problems = [...checkName('cell', 'name', this.name)];
    const g = this.props.gateway ?? {};
    problems.push(...checkCount('gateway.replicas', g.replicas));
    problems.push(...checkResources('gateway.resources', g.resources));
    if (g.autoscaler) problems.push(...checkAutoscaler('gateway.autoscaler', g.autoscaler, g.resources));
    if (g.strategy) problems.push(...g.strategy.check('gateway.strategy'));
    if (g.secureTransport) problems.push(...checkSecureTransport('gateway.secureTransport', g.secureTransport));
    if (this.zone !== undefined) problems.push(...this.zonePlacement.check('zone', this.zone));
    if (this.props.lockserver) {
      problems.push(...this.props.lockserver.check('lockserver'));
      const global = clusterOf(this, 'Cell').globalLockserver;
      const ls = this.props.lockserver;
      if (global.implementation !== ls.implementation) {
        // A managed etcd is always etcd2: then the fix is an external cell lockserver (or none), not another implementation.
        problems.push({
          field: ls.isExternal ? 'lockserver.external.implementation' : 'lockserver.etcd',
          message: `${ls.isExternal ? `the cell lockserver uses '${ls.implementation}' but the global one '${global.implementation}'` : `the cell lockserver is an operator-managed etcd ('${ls.implementation}') but the global one uses '${global.implementation}'`}; the operator would skip registering the cell (TopoInvalid)`,
          fix: ls.isExternal
            ? `use the global lockserver's implementation '${global.implementation}'`
            : `use Lockserver.external({ implementation: '${global.implementation}', ... }) for the cell, or drop the cell lockserver to keep the cell's data in the global one`,
        });
      }
    }
    return problems;
  }
}
