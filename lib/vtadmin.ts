import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { clusterOf } from './cluster-context';
import { checkCellRefs } from './names';
import { addProblemCheck, checkCount, Problem, Warnings } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { SecretKeyRef } from './secret-ref';

/** One vtadmin RBAC rule: who (subjects) may do what (actions) on which resources of which clusters. */
export interface VtAdminRbacRule {
  /** `*` or a vtadmin resource such as `Cluster`, `Keyspace`, `Shard`, `Tablet`, `Schema`, `VSchema`. */
  readonly resource: string;
  /** `*` or actions such as `get`, `create`, `delete`, `put`, `ping`, `reparent`. */
  readonly actions: readonly string[];
  /** `*` or `user:<name>` / `role:<name>` entries. */
  readonly subjects: readonly string[];
  /** `*` or vtadmin cluster ids. */
  readonly clusters: readonly string[];
}

/** The RBAC configuration vtadmin-api reads: from an existing Secret, or rendered from typed rules. */
export class VtAdminRbac {
  /** An `rbac.yaml` you keep in a Secret of your own. */
  public static fromSecret(ref: SecretKeyRef): VtAdminRbac {
    return new VtAdminRbac(ref, undefined);
  }

  /** Rules rendered into a Secret next to the cluster (key `rbac.yaml`). */
  public static rules(rules: readonly VtAdminRbacRule[]): VtAdminRbac {
    return new VtAdminRbac(undefined, [...rules]);
  }

  /** Everyone may do everything: what upstream's example uses. For local clusters only. */
  public static allowAll(): VtAdminRbac {
    return VtAdminRbac.rules([{ resource: '*', actions: ['*'], subjects: ['*'], clusters: ['*'] }]);
  }

  private constructor(public readonly ref: SecretKeyRef | undefined, public readonly ruleList: VtAdminRbacRule[] | undefined) {}
}

/** Browser Fetch `credentials` mode of the vtadmin web UI (operator 2.16+). */
export enum VtAdminFetchCredentials {
  OMIT = 'omit',
  SAME_ORIGIN = 'same-origin',
  INCLUDE = 'include',
}

export interface VtAdminOptions {
  /**
   * vtadmin-api URLs as the user's browser reaches them: one for every cell, or one per entry of `cells`
   * (then `cells` must be given). E.g. `http://localhost:14001` behind a port-forward.
   */
  readonly apiAddresses: readonly string[];
  /** @default - none: RBAC is off and everyone who reaches vtadmin may do anything (a warning says so) */
  readonly rbac?: VtAdminRbac;
  /** Cells that run vtadmin. @default - all cells */
  readonly cells?: readonly string[];
  /** Replicas per cell. @default 1 (operator default) */
  readonly replicas?: number;
  /** @default - operator default: requests cpu 100m / memory 128Mi, limit memory 128Mi */
  readonly webResources?: ContainerResources;
  /** @default - operator default: requests cpu 100m / memory 128Mi, limit memory 128Mi */
  readonly apiResources?: ContainerResources;
  /** @default false (operator default) */
  readonly readOnly?: boolean;
  /** Operator 2.16+. @default - operator default, VtAdminFetchCredentials.OMIT */
  readonly fetchCredentials?: VtAdminFetchCredentials;
  /** Extra vtadmin-api flags. @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

export const VTADMIN_RBAC_KEY = 'rbac.yaml';

/**
 * vtadmin (web UI + API), deployed per cell. Created by `VitessCluster` from its `vtadmin` prop; the
 * cluster also emits `images.vtadmin`, without which the operator deploys nothing.
 */
export class VtAdmin extends Construct {
  /** The rendered RBAC Secret, when the rules were given in code. */
  public readonly rbacSecret?: ApiObject;

  public constructor(scope: Construct, id: string, private readonly options: VtAdminOptions) {
    super(scope, id);
    clusterOf(scope, 'VtAdmin');
    const rules = options.rbac?.ruleList;
    if (rules) {
      this.rbacSecret = new k8s.KubeSecret(this, 'Rbac', {
        metadata: { namespace: ApiObject.of(scope).metadata.namespace },
        type: 'Opaque',
        // JSON is valid YAML and leaves nothing to YAML 1.1 quoting rules.
        stringData: Lazy.any({ produce: () => ({ [VTADMIN_RBAC_KEY]: `${JSON.stringify({ rules }, null, 2)}\n` }) }),
      });
    }
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  /** The CRD `vtadmin` object. */
  public render(): Record<string, unknown> {
    const o = this.options;
    const rbac = o.rbac?.ref ?? (this.rbacSecret ? SecretKeyRef.fromApiObject(this.rbacSecret, VTADMIN_RBAC_KEY) : undefined);
    const optional: Record<string, unknown> = {
      rbac: rbac?.render(),
      cells: o.cells && [...o.cells],
      replicas: o.replicas,
      readOnly: o.readOnly,
      fetchCredentials: o.fetchCredentials,
      extraFlags: o.extraFlags && { ...o.extraFlags },
      webResources: renderResources(o.webResources),
      apiResources: renderResources(o.apiResources),
    };
    return {
      apiAddresses: [...(o.apiAddresses ?? [])],
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    };
  }

  private check(): Problem[] {
    const o = this.options;
    const problems: Problem[] = [];
    const defined = clusterOf(this, 'VtAdmin').cellNames();
    const n = (o.apiAddresses ?? []).length;
    if (n === 0) {
      problems.push({ field: 'apiAddresses', message: 'no vtadmin-api address given; the operator would index an empty list and crash its reconcile loop', fix: "give the URL browsers use to reach vtadmin-api, e.g. ['http://localhost:14001']" });
    } else if (n > 1 && !o.cells) {
      problems.push({ field: 'apiAddresses', message: `${n} addresses given but no cells: the operator pairs address i with cell i of an explicit cells list`, fix: 'list the cells in the same order, or give a single address for all cells' });
    } else if (n > 1 && n !== o.cells!.length) {
      problems.push({ field: 'apiAddresses', message: `${n} addresses for ${o.cells!.length} cells; the operator would index past the list for some cell`, fix: 'give one address for all cells, or exactly one per listed cell' });
    }
    (o.apiAddresses ?? []).forEach((a, i) => {
      if (!/^https?:\/\/[^\s]+$/.test(a)) problems.push({ field: `apiAddresses[${i}]`, message: `'${a}' is not an http(s) URL; the web UI calls it from the browser`, fix: "write it like 'https://vtadmin-api.example.com' or 'http://localhost:14001'" });
    });
    problems.push(...checkCellRefs('cells', o.cells, defined));
    problems.push(...checkCount('replicas', o.replicas));
    if (o.fetchCredentials !== undefined && !Object.values(VtAdminFetchCredentials).includes(o.fetchCredentials)) {
      problems.push({ field: 'fetchCredentials', message: `'${o.fetchCredentials}' is not a Fetch credentials mode`, fix: 'use VtAdminFetchCredentials.OMIT, SAME_ORIGIN or INCLUDE' });
    }
    problems.push(...checkResources('webResources', o.webResources), ...checkResources('apiResources', o.apiResources));
    if (o.rbac?.ref) problems.push(...o.rbac.ref.check('rbac'));
    if (o.rbac?.ruleList?.length === 0) problems.push({ field: 'rbac', message: 'no RBAC rules given, so vtadmin would deny everything', fix: 'add at least one rule' });
    return problems;
  }

  private warnings(): Problem[] {
    if (this.options.rbac) return [];
    return [{ field: 'rbac', message: 'vtadmin runs without RBAC: everyone who reaches it can run any action on the cluster', fix: 'pass rbac: VtAdminRbac.rules([...]) or VtAdminRbac.fromSecret(...)' }];
  }
}
