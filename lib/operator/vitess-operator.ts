import { ApiObject, Chart, Lazy } from 'cdk8s';
import { ContainerResources, k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { checkName } from '../names';
import { addProblemCheck, Problem, Warnings } from '../problems';
import { VitessRelease } from '../vitess-release';
import { CrdSourceError, readCrdFiles } from './crd-source';
import { addUpstreamCrds } from './crds';
import { fieldRef, imageRegistryProblems, operatorDeploymentSpec, operatorImage, renderOperatorResources } from './deployment';
import { chartsUsingVitessApi, findVitessClusters, vitessImageMajors } from './discovery';
import { addBackupStorageRbac, addClusterRbac, addNamespacedRbac, OPERATOR_NAME } from './rbac';
import { WatchScope } from './watch-scope';

export interface VitessOperatorProps {
  /**
   * The release to install: fixes the operator image and the CRDs, and must match the Vitess images of
   * the clusters (a VitessCluster in the app that names another Vitess major fails synth).
   * @default VitessRelease.LATEST
   */
  readonly release?: VitessRelease;
  /**
   * Namespace of the operator's Deployment and ServiceAccount. Every namespaced object gets it explicitly,
   * so the manifest does not depend on kubectl's current namespace.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Also emit `Namespace` objects for the operator's namespace and every other namespace the chart puts
   * objects in (built-in namespaces such as `default` excluded). Leave off when the namespaces are created
   * elsewhere; they must exist before this chart is applied.
   * @default false
   */
  readonly createNamespaces?: boolean;
  /**
   * Which namespaces the operator watches (`WATCH_NAMESPACE`).
   * @default WatchScope.clusterNamespaces()
   */
  readonly watch?: WatchScope;
  /**
   * Registry mirror holding `planetscale/vitess-operator`, e.g. `registry.example.com/dockerhub`; the image
   * becomes `<registry>/planetscale/vitess-operator:<tag>`.
   * @default - Docker Hub
   */
  readonly imageRegistry?: string;
  /**
   * Names of image pull secrets. The backup-storage subcontroller pod clones the operator's pod spec into
   * each cluster namespace, so the secrets must exist there too.
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Operator container resources, merged field by field over the defaults. The memory limit is 512Mi like
   * upstream's e2e install, not the 128Mi of upstream's `deploy/`, which the operator outgrows.
   * @default - requests cpu 100m and memory 128Mi, limit memory 512Mi
   */
  readonly resources?: ContainerResources;
  /** @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly tolerations?: readonly k8s.Toleration[];
  /**
   * Render the release's CustomResourceDefinitions. Turn off when the CRDs are managed elsewhere.
   * @default true
   */
  readonly crds?: boolean;
  /**
   * Folder with the release's upstream CRD files (upstream's `deploy/crds/`, or `<tag>/` subfolders).
   * @default - `$VITESS_OPERATOR_DATA/<tag>/`, else the per-user cache filled by `npx cdk8s-vitess fetch-crds <tag>`
   */
  readonly crdDirectory?: string;
}

const OPERATOR_MARK = Symbol.for('cdk8s-vitess.VitessOperator');
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The PlanetScale Vitess Operator install of one release, as its own chart: upstream's `deploy/` set (CRDs,
 * ServiceAccount, RBAC in the release's layout, PriorityClasses, Deployment) with the image pinned to the
 * release and the namespaces templated instead of upstream's hard-coded `default`/`example`.
 *
 * Charts that hold Vitess objects are made to depend on this chart automatically at synth time (and
 * {@link manages} does it explicitly), so with the default FILE_PER_CHART output the operator file comes
 * first in `dist/`. Objects that depend on where the app's VitessClusters live (the watch list and the
 * per-namespace RBAC) are derived at synth time from the finished app: they are created once, in the
 * first validation pass, and come after the objects made in the constructor.
 */
export class VitessOperator extends Chart {
  /** True for a VitessOperator (`instanceof` is useless here: cdk8s makes it true for every Chart). */
  public static isVitessOperator(x: unknown): x is VitessOperator {
    return typeof x === 'object' && x !== null && OPERATOR_MARK in x;
  }

  public readonly release: VitessRelease;
  /** Namespace of the operator's Deployment and ServiceAccount. */
  public readonly operatorNamespace: string;
  /** The pinned operator image. */
  public readonly image: string;
  public readonly watch: WatchScope;
  private readonly props: VitessOperatorProps;
  private readonly resources: unknown;
  /** The ≤ 2.14 layout (a Role per watched namespace), unless watching all namespaces needs a ClusterRole. */
  private readonly namespacedRbac: boolean;
  /** The namespaces of the app's VitessClusters, fixed by {@link prepare}. */
  private clusterNamespaces?: string[];

  constructor(scope: Construct, id: string, props: VitessOperatorProps = {}) {
    // No chart namespace: cdk8s would stamp it on cluster-scoped objects too.
    super(scope, id);
    Object.defineProperty(this, OPERATOR_MARK, { value: true });
    this.props = props;
    this.release = props.release ?? VitessRelease.LATEST;
    this.operatorNamespace = props.namespace ?? 'default';
    this.watch = props.watch ?? WatchScope.clusterNamespaces();
    this.image = operatorImage(this.release, props.imageRegistry);
    const resources = renderOperatorResources(props.resources);
    this.resources = resources.resources;
    // Reported at synth with every other problem (synthApp prints them without a stack trace); until then the
    // chart is built with the values as given, which is harmless because an invalid app is never written.
    const propProblems = [
      ...checkName('namespace', 'namespace', this.operatorNamespace), ...this.watch.problems('watch'),
      ...imageRegistryProblems(props.imageRegistry), ...resources.problems,
    ];
    this.namespacedRbac = this.release.row.rbac === 'namespaced-role' && this.watch.kind !== 'all';

    const crdProblems = props.crds ?? true ? this.addCrds() : [];
    if (props.createNamespaces) this.addNamespace(this, this.operatorNamespace);
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: OPERATOR_NAME, namespace: this.operatorNamespace } });
    if (this.namespacedRbac) {
      addNamespacedRbac(this, '', this.release, this.operatorNamespace, this.operatorNamespace);
    } else {
      addClusterRbac(this, this.release, this.operatorNamespace);
    }
    new k8s.KubePriorityClass(this, 'ControlPlanePriority', {
      metadata: { name: 'vitess-operator-control-plane' }, value: 5000, globalDefault: false, description: 'The vitess-operator control plane.',
    });
    new k8s.KubePriorityClass(this, 'VitessPriority', {
      metadata: { name: 'vitess' }, value: 1000, globalDefault: false, description: 'Vitess components (vttablet, vtgate, vtctld, etcd)',
    });
    // A plain ApiObject with a lazy spec: WATCH_NAMESPACE is only known once the app is complete.
    new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: OPERATOR_NAME, namespace: this.operatorNamespace },
      spec: Lazy.any({ produce: () => this.deploymentSpec() }),
    });

    this.node.addValidation({ validate: () => { this.prepare(); return []; } });
    // A function warning is evaluated when collected, i.e. on the finished app (synthApp collects before synth).
    Warnings.add(this, () => findVitessClusters(this).filter((c) => !c.namespace).map((c) => ({
      field: 'watch',
      message: `VitessCluster ${c.name} (${c.object.node.path}) has no namespace, so it is counted as 'default', where kubectl puts it unless told otherwise`,
      fix: 'set metadata.namespace or the namespace of its chart',
    })));
    addProblemCheck(this, () => [...propProblems, ...crdProblems, ...this.clusterProblems()]);
    Warnings.add(this, () => this.versionSkew().warnings);
  }

  /**
   * Declares that charts hold resources this operator reconciles: each chart then depends on this one, so it
   * is synthesized after it (`dist/0000-<operator>`, `0001-<chart>`). Charts holding `planetscale.com`
   * objects get this automatically; call it for charts that need the operator for other reasons.
   */
  public manages(...charts: Chart[]): this {
    for (const chart of charts) {
      if (chart === this) throw new Error(`${this.node.path}: an operator chart cannot manage itself`);
      chart.addDependency(this);
    }
    return this;
  }

  /** Emits the release's verified CRD files; a missing or altered file is returned as a problem, reported at synth. */
  private addCrds(): Problem[] {
    try {
      addUpstreamCrds(new Construct(this, 'Crds'), readCrdFiles(this.release, { crdDirectory: this.props.crdDirectory }));
      return [];
    } catch (e) {
      if (!(e instanceof CrdSourceError)) throw e;
      // Reported at synth, with this chart's path, so a missing file reads like any other validation error.
      return [...e.problems];
    }
  }

  private addNamespace(scope: Construct, name: string): void {
    if (BUILTIN_NAMESPACES.has(name)) return;
    new k8s.KubeNamespace(scope, 'Namespace', { metadata: { name } });
  }

  /** Once, at the first validation: find the app's clusters, order their charts after this one, add per-namespace RBAC. */
  private prepare(): void {
    if (this.clusterNamespaces) return;
    this.clusterNamespaces = [...new Set(findVitessClusters(this).map((c) => c.effectiveNamespace))].sort();
    for (const chart of chartsUsingVitessApi(this)) {
      if (chart !== this && !chart.node.scopes.includes(this)) chart.addDependency(this);
    }
    const ns = this.operatorNamespace;
    const explicit = this.watch.kind === 'namespaces' ? this.watch.names : [];
    const watched = this.watch.kind === 'cluster-namespaces' ? this.clusterNamespaces : explicit;
    // Every namespace with a cluster or explicitly watched gets the backup-storage set; watched ones also the ≤ 2.14 Role.
    const tenants = [...new Set([...this.clusterNamespaces, ...explicit])].filter((n) => n !== ns).sort();
    for (const n of tenants) {
      const scope = new Construct(this, `Namespace-${n}`);
      if (this.props.createNamespaces) this.addNamespace(scope, n);
      if (this.namespacedRbac && watched.includes(n)) addNamespacedRbac(scope, 'Operator', this.release, ns, n);
      addBackupStorageRbac(scope, n);
    }
  }

  /** `WATCH_NAMESPACE`: upstream's downward-API value while only the operator's namespace is watched. */
  private watchEnv(): Record<string, unknown> {
    switch (this.watch.kind) {
      case 'all': return { value: '' };
      case 'namespaces': return { value: this.watch.names.join(',') };
      default: {
        const set = [...new Set([this.operatorNamespace, ...(this.clusterNamespaces ?? [])])].sort();
        return set.length === 1 ? fieldRef('metadata.namespace') : { value: set.join(',') };
      }
    }
  }

  private deploymentSpec(): unknown {
    this.prepare();
    return operatorDeploymentSpec(this.image, this.watchEnv(), this.props, this.resources);
  }

  /** Findings that need the finished app: unwatched clusters, clusters on another Vitess major, namespace clashes. */
  private clusterProblems(): Problem[] {
    const problems: Problem[] = [];
    const others = this.node.root.node.findAll().filter((c) => VitessOperator.isVitessOperator(c) && c !== this);
    if (others.length) {
      problems.push({ field: 'release', message: `another VitessOperator is in the app (${others.map((o) => o.node.path).join(', ')}); both would define the same CRDs, PriorityClasses and cluster RBAC`, fix: 'keep one VitessOperator per app (one operator serves every namespace it watches)' });
    }
    for (const c of findVitessClusters(this)) {
      const ns = c.effectiveNamespace;
      if (this.watch.kind === 'namespaces' && !this.watch.names.includes(ns)) {
        problems.push({ field: 'watch', message: `${c.where} is in namespace '${ns}', which the operator does not watch (${this.watch.names.join(', ')})`, fix: `add '${ns}' to WatchScope.namespaces([...]), or use WatchScope.clusterNamespaces()` });
      }
    }
    return [...problems, ...this.versionSkew().errors, ...this.namespaceProblems()];
  }

  /**
   * Vitess images of each cluster against the operator's Vitess major, one finding per cluster and major.
   * One major apart is the upgrade window upstream itself tests (operator N with Vitess N−1 images), so it
   * warns; further apart fails, because the operator only supports N±1.
   */
  private versionSkew(): { errors: Problem[]; warnings: Problem[] } {
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    for (const c of findVitessClusters(this)) {
      const byMajor = new Map<number, string[]>();
      for (const { image, major } of vitessImageMajors(specOf(c.object))) {
        if (major !== this.release.vitessMajor) byMajor.set(major, [...new Set([...(byMajor.get(major) ?? []), image])]);
      }
      for (const [major, images] of byMajor) {
        const problem = {
          field: 'release',
          message: `${c.where} uses ${images.join(', ')} (Vitess ${major}) but this chart installs ${this.release}`,
          fix: `use the same VitessRelease for the operator and the cluster (Vitess ${major} is ${safeOperatorFor(major)})`,
        };
        (Math.abs(major - this.release.vitessMajor) > 1 ? errors : warnings).push(problem);
      }
    }
    return { errors, warnings };
  }

  /** Namespaces this chart creates that another part of the app defines too. */
  private namespaceProblems(): Problem[] {
    if (!this.props.createNamespaces) return [];
    const namespaces = (root: IConstruct) => root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Namespace');
    const mine = namespaces(this);
    const myNames = new Set(mine.map((n) => n.name));
    return namespaces(this.node.root).filter((c) => !mine.includes(c) && myNames.has(c.name)).map((c) => ({
      field: 'createNamespaces',
      message: `namespace '${c.name}' is also defined at ${c.node.path}`,
      fix: 'define each namespace once: drop it there, or set createNamespaces: false here',
    }));
  }
}

function specOf(o: ApiObject): unknown {
  try {
    return o.toJson()?.spec;
  } catch {
    return undefined; // the object's own validation reports why it cannot render
  }
}

function safeOperatorFor(major: number): string {
  const r = VitessRelease.all().find((x) => x.vitessMajor === major);
  return r ? `VitessRelease.V${major} (operator ${r.operatorVersion})` : 'not supported by this library';
}
