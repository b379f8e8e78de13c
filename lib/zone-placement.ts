import { Problem } from './problems';
import { OPERATOR_LABELS } from './topology';

/** The node label Kubernetes puts on every node with its zone (GA since Kubernetes 1.17). */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * The label the operator's own `cells[].zone` field selects on. Deprecated since Kubernetes 1.17: nodes that
 * only carry `topology.kubernetes.io/zone` never match it, and the pods stay Pending (pains F8).
 */
export const DEPRECATED_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The tablets one affinity is for: a pool of one keyspace in one cell (every shard gets the same template). */
export interface TabletAffinityTarget {
  /** VitessCluster name (value of `planetscale.com/cluster`). */
  readonly cluster: string;
  readonly keyspace: string;
  readonly cell: string;
  /** Pool type, e.g. `replica` (value of `planetscale.com/tablet-type`). */
  readonly type: string;
}

/** A Kubernetes label value: at most 63 characters, alphanumerics at both ends, `-`, `_`, `.` inside. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A label key: optional DNS-subdomain prefix and `/`, then a name like a label value. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * How a cell's `zone` pins its pods to that zone.
 *
 * Why not the CRD's `zone` field: the operator turns it into a required node affinity on
 * `failure-domain.beta.kubernetes.io/zone`, deprecated since Kubernetes 1.17 (pains F8, rule 20). And an
 * explicit `affinity` on a pool REPLACES the operator's default tablet affinity (pains O3), so writing just a
 * node affinity would silently drop the spreading of a shard's tablets over nodes. `ZonePlacement.nodeLabel()`
 * (the default) therefore renders one complete `affinity` per tablet pool: the zone as a required node
 * affinity on `topology.kubernetes.io/zone`, plus the operator's default preferred pod anti-affinity, term
 * for term (weight 2: no tablet of the same shard on the node; weight 1: no tablet of the same shard, cell
 * and type). vtgate gets the node affinity only, as the operator gives it no anti-affinity either.
 *
 * Limits, because the CRD offers nothing per cell there: vtctld (`vitessDashboard.affinity`) and vtorc
 * (`vitessOrchestrator.affinity`) take one affinity for all cells, so they are not pinned (both are stateless
 * and talk to the global topology). The shard is selected with `matchLabelKeys` (one shard template serves
 * every shard): it needs Kubernetes 1.29+ (on by default from 1.31) and an operator built with Kubernetes 1.29+
 * API types, which older ones drop (derived: the CRDs embed 1.29 types from operator 2.14 on). Without it the
 * term spreads all of the keyspace's tablets instead, which is stricter but still only preferred.
 */
export class ZonePlacement {
  /**
   * Required node affinity on a node label (default `topology.kubernetes.io/zone`), merged with the operator's
   * default tablet anti-affinity. The CRD `zone` field is not emitted.
   */
  public static nodeLabel(labelKey: string = ZONE_LABEL): ZonePlacement {
    return new ZonePlacement(labelKey, false);
  }

  /**
   * The operator's own `cells[].zone` field, for nodes that still carry `failure-domain.beta.kubernetes.io/zone`.
   * It also pins vtctld and vtorc; a warning reminds that the label is deprecated.
   */
  public static operatorZoneField(): ZonePlacement {
    return new ZonePlacement(DEPRECATED_ZONE_LABEL, true);
  }

  private constructor(
    /** The node label the zone is matched against. */
    public readonly labelKey: string,
    /** True when the CRD `zone` field does the placing (the operator's behaviour). */
    public readonly usesZoneField: boolean,
  ) {}

  /** `affinity` for a cell's vtgate pods, or undefined when the operator's `zone` field places them. */
  public gatewayAffinity(zone: string): Record<string, unknown> | undefined {
    return this.usesZoneField ? undefined : { nodeAffinity: this.nodeAffinity(zone) };
  }

  /** `affinity` for one tablet pool's pods, or undefined when the operator's `zone` field places them. */
  public tabletAffinity(zone: string, t: TabletAffinityTarget): Record<string, unknown> | undefined {
    if (this.usesZoneField) return undefined;
    const L = OPERATOR_LABELS;
    const shard = { [L.component]: 'vttablet', [L.cluster]: t.cluster, [L.keyspace]: t.keyspace };
    const pool = { ...shard, [L.cell]: t.cell, [L.tabletType]: t.type };
    // Same terms and weights as the operator's default (vttablet/pod.go): shard first, then pool, per node.
    const term = (weight: number, matchLabels: Record<string, string>) => ({
      weight,
      podAffinityTerm: { labelSelector: { matchLabels }, matchLabelKeys: [L.shard], topologyKey: HOSTNAME_LABEL },
    });
    return {
      nodeAffinity: this.nodeAffinity(zone),
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term(2, shard), term(1, pool)] },
    };
  }

  /** Problems with a zone value or a custom label key. */
  public check(field: string, zone: string): Problem[] {
    const problems: Problem[] = [];
    if (!LABEL_VALUE.test(zone)) {
      problems.push({ field, message: `'${zone}' is not a node label value, so no node can match it`, fix: `use the node's ${this.labelKey} label value as shown by 'kubectl get nodes -L ${this.labelKey}', e.g. 'us-east-1a'` });
    }
    if (!LABEL_KEY.test(this.labelKey)) {
      problems.push({ field: 'zonePlacement', message: `'${this.labelKey}' is not a label key`, fix: `use ZonePlacement.nodeLabel() for ${ZONE_LABEL}, or a key like 'example.com/zone'` });
    }
    return problems;
  }

  /** Rule 20: the operator's zone field selects on a deprecated label. */
  public warnings(field: string, zone: string): Problem[] {
    if (!this.usesZoneField) return [];
    return [{
      field,
      message: `the operator pins this cell's pods to zone '${zone}' with the node label ${DEPRECATED_ZONE_LABEL}, deprecated since Kubernetes 1.17; on nodes that only have ${ZONE_LABEL} they stay Pending`,
      fix: `drop zonePlacement (the default, ZonePlacement.nodeLabel(), selects on ${ZONE_LABEL}), unless your nodes still carry the old label`,
    }];
  }

  private nodeAffinity(zone: string): Record<string, unknown> {
    return {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: this.labelKey, operator: 'In', values: [zone] }] }],
      },
    };
  }
}
