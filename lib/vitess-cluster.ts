import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { VitessCluster as VitessClusterL1 } from '../imports/planetscale.com';
import { AuthSecret } from './auth-secret';
import { Backup, BackupProps } from './backup';
import { Cell, CellProps } from './cell';
import { cellVisibilityWarnings } from './cell-visibility';
import { ClusterContext, markClusterContext } from './cluster-context';
import { checkFieldGates } from './field-gates';
import { checkSpecFlags, warnSharedFlags } from './flags';
import { ExposeGatewayOptions, GatewayExposure } from './gateway-exposure';
import { GlobalEtcd } from './global-etcd';
import { checkPinnedImage, VitessImages, vtadminImage } from './images';
import { Keyspace, KeyspaceProps } from './keyspace';
import { Lockserver } from './lockserver';
import { MysqlPreset } from './mysql';
import { checkCellRefs, checkName, checkUnique } from './names';
import { UpdateStrategyType } from './policies';
import { addProblemCheck, checkCount, Problem, Warnings } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { applySpecOverrides, parseSpecPath, SpecOverride } from './spec-override';
import { VitessRelease } from './vitess-release';
import { VtAdmin, VtAdminOptions } from './vtadmin';

export interface DashboardOptions {
  /** vtctld replicas per cell. @default 1 (operator default) */
  readonly replicas?: number;
  /** @default - operator default: requests cpu 100m / memory 128Mi, limit memory 128Mi */
  readonly resources?: ContainerResources;
  /** Cells that run a vtctld. @default - all cells */
  readonly cells?: readonly string[];
  /** Serve the dashboard read-only (`security_policy: read-only`). @default true */
  readonly readOnly?: boolean;
  /** Extra vtctld flags. @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

/** Topology reconciliation switches; every one defaults to true in the operator. A federation turns pruning off. */
export interface TopologyReconciliationOptions {
  readonly registerCells?: boolean;
  readonly registerCellsAliases?: boolean;
  readonly pruneCells?: boolean;
  readonly pruneKeyspaces?: boolean;
  readonly pruneSrvKeyspaces?: boolean;
  readonly pruneShards?: boolean;
  readonly pruneShardCells?: boolean;
  readonly pruneTablets?: boolean;
}

export interface VitessClusterProps {
  /** VitessCluster name; it is embedded in topology paths and backup roots, so never rename a live cluster. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Operator + Vitess release; fixes every image. @default VitessRelease.LATEST */
  readonly release?: VitessRelease;
  /** MySQL version and sizing. @default MysqlPreset.mysql80() */
  readonly mysql?: MysqlPreset;
  /** Per-component image overrides (pinned tags only). @default - the release's images */
  readonly images?: VitessImages;
  /** vtgate users and init_db.sql. @default - an AuthSecret with no users (vtgate then accepts anyone; a warning says so) */
  readonly auth?: AuthSecret;
  /** Global topology service. @default - GlobalEtcd.managed() (the operator's default, not emitted) */
  readonly globalLockserver?: Lockserver;
  /** vtctld. @default - one read-only vtctld per cell */
  readonly dashboard?: DashboardOptions;
  /** @default UpdateStrategyType.EXTERNAL (the operator's default: changes wait for `rollout.planetscale.com/released`) */
  readonly updateStrategy?: UpdateStrategyType;
  /** Flags for vtgate, vtctld, vtorc and vttablet alike (flag names without dashes). @default - none */
  readonly extraVitessFlags?: Readonly<Record<string, string>>;
  /** @default - operator defaults (all true) */
  readonly topologyReconciliation?: TopologyReconciliationOptions;
  /**
   * Backup locations, engine and schedules. Vitess seeds new tablets of non-empty shards from backups,
   * so every cluster with more than one tablet per shard should have one.
   * @default - no backups
   */
  readonly backup?: BackupProps;
  /** vtadmin (web UI and API); its image comes from `images.vtadmin`. @default - no vtadmin */
  readonly vtadmin?: VtAdminOptions;
  /**
   * With UpdateStrategyType.EXTERNAL, let volume size changes through without waiting for the
   * `rollout.planetscale.com/released` annotation (the only resource the operator allows this for).
   * @default false
   */
  readonly allowStorageChangesWithoutRelease?: boolean;
}

/**
 * A Vitess cluster run by the PlanetScale Vitess Operator: one `VitessCluster` object whose images all
 * come from one release, with its cells, keyspaces and tablet pools, validated at synth.
 */
export class VitessCluster extends Construct implements ClusterContext {
  public readonly name: string;
  public readonly release: VitessRelease;
  public readonly mysql: MysqlPreset;
  public readonly auth: AuthSecret;
  /** The rendered VitessCluster object; `ApiObject.of(cluster)` gives the same, for JSON patches. */
  public readonly resource: ApiObject;
  /** Backup configuration, when the `backup` prop is given. */
  public readonly backup?: Backup;
  /** vtadmin, when the `vtadmin` prop is given. */
  public readonly vtadmin?: VtAdmin;
  private readonly overrides: SpecOverride[] = [];
  private overrideProblems: Problem[] = [];

  public constructor(scope: Construct, id: string, private readonly props: VitessClusterProps = {}) {
    super(scope, id);
    markClusterContext(this);
    this.name = props.name ?? id;
    this.release = props.release ?? VitessRelease.LATEST;
    this.mysql = props.mysql ?? MysqlPreset.mysql80();
    this.auth = props.auth ?? new AuthSecret(this, 'Auth');
    this.resource = new ApiObject(this, 'Resource', {
      ...VitessClusterL1.GVK,
      metadata: { name: this.name, namespace: props.namespace ?? Chart.of(this).namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    if (props.backup) this.backup = new Backup(this, 'Backup', props.backup);
    if (props.vtadmin) this.vtadmin = new VtAdmin(this, 'VtAdmin', props.vtadmin);
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
    Warnings.add(this, () => cellVisibilityWarnings(this));
  }

  /**
   * A LoadBalancer (default) or NodePort Service selecting this cluster's vtgates, for clients outside
   * Kubernetes; the operator's own vtgate Services are ClusterIP only.
   * @param id construct id; give distinct ids when exposing several times (e.g. per cell)
   */
  public exposeGateway(options: ExposeGatewayOptions = {}, id = 'GatewayService'): GatewayExposure {
    return new GatewayExposure(this, id, options);
  }

  /**
   * Sets a field of the spec the typed API does not cover, e.g.
   * `addSpecOverride('gatewayService', { annotations: {...} })`. Unlike a JSON patch on the ApiObject, the
   * override is validated with the rest of the spec (version gates, flag rules).
   * @param path dotted path below `spec`, `[i]` for list items
   * @throws if the path is malformed
   */
  public addSpecOverride(path: string, value: unknown): void {
    parseSpecPath(path);
    this.overrides.push({ path, value });
  }

  public get namespace(): string | undefined {
    return this.resource.metadata.namespace;
  }

  public get globalLockserver(): Lockserver {
    return this.props.globalLockserver ?? GlobalEtcd.managed();
  }

  /** A copy of the topology reconciliation switches given (unset ones are the operator's default, true). */
  public get topologyReconciliation(): TopologyReconciliationOptions {
    return { ...this.props.topologyReconciliation };
  }

  /** Adds a cell (a zone with its own vtgates). */
  public addCell(id: string, props: CellProps = {}): Cell {
    return new Cell(this, id, props);
  }

  /** Adds a keyspace. */
  public addKeyspace(id: string, props: KeyspaceProps = {}): Keyspace {
    return new Keyspace(this, id, props);
  }

  public get cells(): Cell[] {
    return this.node.children.filter((c): c is Cell => c instanceof Cell);
  }

  public get keyspaces(): Keyspace[] {
    return this.node.children.filter((c): c is Keyspace => c instanceof Keyspace);
  }

  public cellNames(): string[] {
    return this.cells.map((c) => c.name);
  }

  /** The images every component runs, all from one release unless overridden. */
  public images(): Record<string, unknown> {
    const lite = this.release.liteImage(this.mysql.version) ?? this.release.liteImage('8.0')!;
    const o = this.props.images ?? {};
    return {
      vtctld: o.vtctld ?? lite,
      vtgate: o.vtgate ?? lite,
      vttablet: o.vttablet ?? lite,
      vtorc: o.vtorc ?? lite,
      vtbackup: o.vtbackup ?? lite,
      mysqld: { [this.mysql.flavorKey]: this.mysql.image(this.release) ?? lite },
      mysqldExporter: o.mysqldExporter ?? this.release.mysqldExporterImage,
      // The operator deploys vtadmin only when both the spec and the image are set.
      ...(this.props.vtadmin ? { vtadmin: o.vtadmin ?? vtadminImage(this.release.vitessVersion) } : {}),
    };
  }

  private renderSpec(): Record<string, unknown> {
    const p = this.props;
    const d = p.dashboard ?? {};
    const dashboardFlags = { ...((d.readOnly ?? true) ? { security_policy: 'read-only' } : {}), ...d.extraFlags };
    const spec: Record<string, unknown> = {
      ...(this.backup ? { backup: this.backup.render() } : {}),
      images: this.images(),
      ...(p.globalLockserver ? { globalLockserver: p.globalLockserver.render() } : {}),
      cells: this.cells.map((c) => c.render()),
      keyspaces: this.keyspaces.map((k) => k.render()),
      vitessDashboard: {
        ...(d.cells ? { cells: [...d.cells] } : {}),
        ...(Object.keys(dashboardFlags).length ? { extraFlags: dashboardFlags } : {}),
        replicas: d.replicas ?? 1,
        ...(d.resources ? { resources: renderResources(d.resources) } : {}),
      },
      ...(this.vtadmin ? { vtadmin: this.vtadmin.render() } : {}),
      ...(p.extraVitessFlags ? { extraVitessFlags: { ...p.extraVitessFlags } } : {}),
      ...(p.topologyReconciliation ? { topologyReconciliation: { ...p.topologyReconciliation } } : {}),
      updateStrategy: {
        type: p.updateStrategy ?? UpdateStrategyType.EXTERNAL,
        ...(p.allowStorageChangesWithoutRelease ? { external: { allowResourceChanges: ['storage'] } } : {}),
      },
    };
    this.overrideProblems = applySpecOverrides(spec, this.overrides);
    return spec;
  }

  private check(): Problem[] {
    const p = this.props;
    const problems: Problem[] = [...checkName('cluster', 'name', this.name)];
    // The namespace of every object the operator creates for the cluster, and the one it must watch.
    if (this.namespace !== undefined) problems.push(...checkName('namespace', 'namespace', this.namespace));
    const cells = this.cellNames();
    if (cells.length === 0) problems.push({ field: 'cells', message: 'the cluster has no cells, so nothing runs', fix: "add one with cluster.addCell('zone1')" });
    problems.push(...checkUnique('cells', cells, 'cell'));
    problems.push(...checkUnique('keyspaces', this.keyspaces.map((k) => k.name), 'keyspace'));
    problems.push(...checkCellRefs('dashboard.cells', p.dashboard?.cells, cells));
    problems.push(...checkCount('dashboard.replicas', p.dashboard?.replicas, 'replica count', 'vtctld replicas per cell'));
    problems.push(...checkResources('dashboard.resources', p.dashboard?.resources));
    if (p.globalLockserver) problems.push(...p.globalLockserver.check('globalLockserver'));
    problems.push(...this.mysql.checkRelease(this.release));
    problems.push(...this.checkImages());
    if (p.allowStorageChangesWithoutRelease && (p.updateStrategy ?? UpdateStrategyType.EXTERNAL) !== UpdateStrategyType.EXTERNAL) {
      problems.push({ field: 'allowStorageChangesWithoutRelease', message: `only applies to External updates, but updateStrategy is '${p.updateStrategy}'`, fix: 'drop it: Immediate updates apply storage changes anyway' });
    }
    if (!Object.values(UpdateStrategyType).includes(p.updateStrategy ?? UpdateStrategyType.EXTERNAL)) {
      problems.push({ field: 'updateStrategy', message: `'${p.updateStrategy}' is not an update strategy`, fix: 'use UpdateStrategyType.EXTERNAL or UpdateStrategyType.IMMEDIATE' });
    }
    const spec = this.renderSpec();
    problems.push(...this.overrideProblems);
    problems.push(...checkFieldGates(spec, this.release));
    problems.push(...checkSpecFlags(spec, this.release.vitessMajor));
    return problems;
  }

  private checkImages(): Problem[] {
    const example = this.release.liteImage(this.mysql.version) ?? this.release.liteImage('8.0')!;
    const o: Record<string, string | undefined> = { ...this.props.images };
    const examples: Record<string, string> = { mysqldExporter: this.release.mysqldExporterImage, vtadmin: vtadminImage(this.release.vitessVersion) };
    const problems = Object.entries(o).flatMap(([k, v]) => checkPinnedImage(`images.${k}`, v, examples[k] ?? example));
    problems.push(...checkPinnedImage('mysql.image', this.mysql.image(this.release), example));
    return problems;
  }

  private warnings(): Problem[] {
    const w: Problem[] = [...warnSharedFlags(this.props.extraVitessFlags)];
    if (this.props.images?.vtadmin && !this.props.vtadmin) {
      w.push({ field: 'images.vtadmin', message: 'a vtadmin image is set but vtadmin is not configured, so nothing runs it', fix: 'configure the vtadmin prop (apiAddresses, rbac), or drop the image' });
    }
    w.push(...this.backupWarnings());
    if (!this.auth.usersSecret) {
      w.push({ field: 'auth', message: 'no vtgate users are defined, so vtgate accepts any user name without a password', fix: 'pass an AuthSecret with users, or AuthSecret.fromExistingSecret(...)' });
    }
    return w;
  }

  /** Pains B1: backups are how Vitess seeds a tablet that joins a shard with data; one-tablet dev shards get by. */
  private backupWarnings(): Problem[] {
    if (this.backup) return [];
    const tabletsPerShard = (k: Keyspace) => k.federatedTabletPools.reduce((n, t) => n + t.replicas, 0);
    const keyspaces = this.keyspaces.filter((k) => tabletsPerShard(k) > 1).map((k) => k.name);
    if (!keyspaces.length) return [];
    return [{
      field: 'backup',
      message: `no backup location, but keyspace ${keyspaces.join(', ')} runs more than one tablet per shard: Vitess seeds a tablet that joins a shard already holding data (a replacement, a scale-up, a rescheduled pod with a new volume) from a backup, so without one that tablet has nothing to restore`,
      fix: "add backup: { locations: [BackupLocation.s3({ region, bucket })] } (or gcs/azblob/ceph/newVolumeClaim); initializeBackup then takes the first backup of each new shard",
    }];
  }
}
