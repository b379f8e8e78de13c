import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthSecret, AuthSecretProps } from './auth-secret';
import { Cell, CellProps } from './cell';
import { checkSharedSpecs, rendered, RenderedCluster, shardTemplates } from './federation-consistency';
import { Keyspace, KeyspaceProps, ReplicationOptions } from './keyspace';
import { Lockserver } from './lockserver';
import { NAME_MAX, objectName } from './topology';
import { addProblemCheck, Problem, Warnings } from './problems';
import { DashboardOptions, TopologyReconciliationOptions, VitessCluster, VitessClusterProps } from './vitess-cluster';
import { VtAdminOptions } from './vtadmin';

/** Which cells a member's vtgates discover tablets in. */
export enum CellsToWatch {
  /** The member's own cells only: the operator's default, no flag is emitted. */
  LOCAL = 'local',
  /**
   * Every cell of every member (`cells_to_watch` on each vtgate), so vtgates route to a primary or replica in
   * another Kubernetes cluster. Needs routable pod IPs between the clusters (facts §4).
   */
  ALL = 'all',
}

/**
 * Topology reconciliation of every member (facts §4, pains F2, rule 22): each operator registers its own cells,
 * and nothing another operator owns is pruned: not the cells alias (each operator would overwrite it with its
 * own cells), cells, keyspaces, SrvKeyspaces (needed to query any keyspace from any cell) or shards.
 */
export const FEDERATED_TOPOLOGY_RECONCILIATION: TopologyReconciliationOptions = Object.freeze({
  registerCells: true,
  registerCellsAliases: false,
  pruneCells: false,
  pruneKeyspaces: false,
  pruneSrvKeyspaces: false,
  pruneShards: false,
});

/** VitessCluster props every member shares. What differs per member (cells, namespace, vtadmin) is left out. */
export interface SharedClusterProps extends Omit<VitessClusterProps, 'name' | 'namespace' | 'auth' | 'globalLockserver' | 'topologyReconciliation' | 'dashboard' | 'vtadmin'> {
  /** vtctld options; every member runs vtctld in its own cells. @default - see DashboardOptions */
  readonly dashboard?: Omit<DashboardOptions, 'cells'>;
}

/** A keyspace declared once for the whole federation. */
export interface FederatedKeyspaceProps extends Omit<KeyspaceProps, 'replication'> {
  /**
   * Replication switches; `initializeMaster` and `initializeBackup` are set by the federation (true in the
   * bootstrap member only).
   * @default - operator defaults
   */
  readonly replication?: Omit<ReplicationOptions, 'initializeMaster' | 'initializeBackup'>;
}

/** Handle of a keyspace declared on a Federation; pass it to `member.keyspace(...)`. */
export interface FederatedKeyspace {
  readonly name: string;
}

export interface FederationProps {
  /**
   * Name of the VitessCluster in every member. Topology paths and backup roots embed it, so all members must
   * share it, and it must never change.
   * @default - the construct id
   */
  readonly clusterName?: string;
  /**
   * The one global lockserver of all members: `GlobalEtcd.external({...})` reachable from every Kubernetes
   * cluster, or `GlobalEtcd.managed({ advertisePeerURLs })` whose 3 etcd members run one per Kubernetes cluster
   * (give 3 members an `etcdMemberIndex`).
   */
  readonly globalLockserver: Lockserver;
  /** Release, MySQL, images, backup, update strategy, vtctld options, flags: the same in every member. @default - VitessCluster defaults */
  readonly cluster?: SharedClusterProps;
  /** vtgate users and init_db.sql; every member gets its own copy of this Secret. @default - no users (a warning says so) */
  readonly auth?: AuthSecretProps;
  /** Id of the member whose operator elects the first primaries and takes the initial backups. @default - the first member added */
  readonly bootstrapMember?: string;
  /** @default CellsToWatch.LOCAL */
  readonly cellsToWatch?: CellsToWatch;
  /** Namespace of every member's objects, unless the member names its own. @default - none */
  readonly namespace?: string;
  /**
   * In-cluster Service names (`*.svc`, `*.cluster.local`) resolve in every member, e.g. through Cilium
   * ClusterMesh global services. Only then are they accepted as lockserver addresses.
   * @default false
   */
  readonly meshServiceDns?: boolean;
}

export interface FederationMemberProps {
  /** @default - the federation's namespace */
  readonly namespace?: string;
  /** Which member (1..3) of an operator-managed global etcd this Kubernetes cluster runs. Only with `GlobalEtcd.managed(...)`. @default - none */
  readonly etcdMemberIndex?: number;
  /** @default - the federation's cellsToWatch */
  readonly cellsToWatch?: CellsToWatch;
  /** vtadmin in this member (its `cells` and `apiAddresses` are per member). @default - no vtadmin */
  readonly vtadmin?: VtAdminOptions;
}

interface KeyspaceDefinition {
  readonly id: string;
  readonly name: string;
  readonly props: FederatedKeyspaceProps;
}

/** Marks a FederationMember with its federation. */
const MEMBER_OF = Symbol.for('cdk8s-vitess.FederationMember');

/** What members read from their federation, kept out of its public API. */
const INTERNALS = new WeakMap<Federation, { props: FederationProps; keyspaces: KeyspaceDefinition[] }>();

/**
 * One Vitess cluster spread over several Kubernetes clusters (seed §7, facts §4): one `FederationMember` chart
 * (and output file) per Kubernetes cluster, each with a VitessCluster that lists only its own cells and pools.
 *
 * Shared things are declared once (cluster name, global lockserver, release and images, backup, keyspaces with
 * their partitionings and durability), so every member renders them identically; the federation sets the
 * topology reconciliation switches and lets exactly one member initialize shards. The checks catch what the
 * API still allows: a cell in two members, a pool in another member's cell, a lockserver address other
 * Kubernetes clusters cannot reach, and members changed through `member.cluster` until they disagree.
 *
 * Create it directly in the App: members are charts next to it, so `cdk8s synth` writes `<member id>.k8s.yaml`.
 *
 * @example
 * const fed = new Federation(app, 'vitess', { clusterName: 'commerce', namespace: 'vitess',
 *   globalLockserver: GlobalEtcd.external({ address: 'etcd-global-1:2379', rootPath: '/vitess/commerce' }) });
 * const commerce = fed.addKeyspace('commerce', { durabilityPolicy: DurabilityPolicy.CROSS_CELL });
 * const east = fed.addMember('useast1');
 * const a = east.addCell('useast1a', { zone: 'us-east-1a', lockserver: Lockserver.managedEtcd({ cellInfoAddress: 'etcd-useast1a.internal:2379' }) });
 * east.keyspace(commerce).addTabletPool('replica', { cell: a, type: TabletType.REPLICA, replicas: 2 });
 */
export class Federation extends Construct {
  /** The VitessCluster name of every member. */
  public readonly clusterName: string;
  /** Namespace of the members that do not name their own. */
  public readonly namespace?: string;

  public constructor(scope: Construct, id: string, props: FederationProps) {
    super(scope, id);
    this.clusterName = props.clusterName ?? id;
    this.namespace = props.namespace;
    INTERNALS.set(this, { props, keyspaces: [] });
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  /** The members, in the order they were added. */
  public get members(): FederationMember[] {
    const scope = this.node.scope;
    // A marker, not instanceof: cdk8s makes `instanceof` of any Chart subclass true for every chart.
    return (scope ? scope.node.children : []).filter((c): c is FederationMember => (c as any)[MEMBER_OF] === this);
  }

  /** Every cell of every member, in member order. */
  public cellNames(): string[] {
    return this.members.flatMap((m) => m.cluster.cellNames());
  }

  /** Declares a keyspace in every member (present and future). @throws if a keyspace of that name exists */
  public addKeyspace(id: string, props: FederatedKeyspaceProps = {}): FederatedKeyspace {
    const defs = INTERNALS.get(this)!.keyspaces;
    const def = { id, name: props.name ?? id, props };
    if (defs.some((d) => d.name === def.name)) {
      throw new Error(`${this.node.path}: keyspace '${def.name}' is already declared; declare each keyspace once and add its pools per member`);
    }
    defs.push(def);
    for (const m of this.members) addSharedKeyspace(m, def);
    return { name: def.name };
  }

  /** Adds a member: one Kubernetes cluster with its own chart, cells and pools. */
  public addMember(id: string, props: FederationMemberProps = {}): FederationMember {
    return new FederationMember(this, id, props);
  }

  private get props(): FederationProps {
    return INTERNALS.get(this)!.props;
  }

  private check(): Problem[] {
    const members = this.members;
    if (members.length === 0) {
      return [{ field: 'members', message: 'the federation has no members, so nothing is synthesized', fix: "add one per Kubernetes cluster: federation.addMember('useast1')" }];
    }
    const specs = new Map(members.map((m) => [m, rendered(m)]));
    return [
      ...this.checkCellOwnership(members),
      ...this.checkBootstrap(members, specs),
      ...this.checkGlobalLockserver(members),
      ...members.flatMap((m) => this.checkCellLockservers(m)),
      ...checkSharedSpecs(members, specs),
    ];
  }

  /** Cell names are global in Vitess topology, and each cell belongs to one operator (facts §4). */
  private checkCellOwnership(members: FederationMember[]): Problem[] {
    const owner = new Map<string, FederationMember>();
    const problems: Problem[] = [];
    for (const m of members) {
      for (const cell of m.cluster.cellNames()) {
        const first = owner.get(cell);
        if (first && first !== m) {
          problems.push({ field: `members.${m.node.id}.cells.${cell}`, message: `cell '${cell}' is also a cell of member '${first.node.id}'; each cell must belong to exactly one Kubernetes cluster`, fix: `rename one of them, e.g. after its zone with cellNameFromZone('us-east-1a') → 'useast1a'` });
        } else {
          owner.set(cell, m);
        }
      }
    }
    for (const m of members) {
      for (const ks of m.cluster.keyspaces) {
        for (const pool of ks.tabletPools) {
          const other = owner.get(pool.cellName);
          if (!other || other === m) continue;
          problems.push({
            field: `members.${m.node.id}.keyspaces.${ks.name}.tabletPools.${pool.node.id}.cell`,
            message: `cell '${pool.cellName}' belongs to member '${other.node.id}', but the pool was added to member '${m.node.id}', whose operator cannot run tablets in another Kubernetes cluster`,
            fix: `add the pool to the member that owns the cell: ${other.node.id}.keyspace('${ks.name}').addTabletPool('${pool.node.id}', { cell: '${pool.cellName}', ... })`,
          });
        }
      }
    }
    return problems;
  }

  /** `initializeMaster` / `initializeBackup` true in exactly one member per keyspace (facts §4, pains F1). */
  private checkBootstrap(members: FederationMember[], specs: Map<FederationMember, RenderedCluster>): Problem[] {
    const problems: Problem[] = [];
    const wanted = this.props.bootstrapMember;
    const unknownBootstrap = wanted !== undefined && !members.some((m) => m.node.id === wanted);
    if (unknownBootstrap) {
      problems.push({ field: 'bootstrapMember', message: `'${wanted}' is not a member (members: ${members.map((m) => m.node.id).join(', ')})`, fix: 'name the member whose operator should elect the first primaries' });
    }
    const names = [...new Set(members.flatMap((m) => m.cluster.keyspaces.map((k) => k.name)))];
    for (const name of names) {
      for (const flag of ['initializeMaster', 'initializeBackup'] as const) {
        const on = members.filter((m) => shardTemplates(specs.get(m)!, name).some((t) => t.replication?.[flag] !== false));
        if (on.length === 1) continue;
        problems.push({
          field: `keyspaces.${name}.replication.${flag}`,
          message: on.length === 0
            ? `${flag} is false in every member, so no operator ${flag === 'initializeMaster' ? 'elects the first primary of a new shard' : 'takes the initial backup of a new shard'}`
            : `${flag} is true in ${on.length} members (${on.map((m) => m.node.id).join(', ')}); each of their operators would ${flag === 'initializeMaster' ? 'elect a primary for the same new shard' : 'take an initial backup of the same shard'}`,
          // With an unknown bootstrapMember nobody initializes even a correctly declared keyspace.
          fix: on.length === 0 && unknownBootstrap
            ? `set bootstrapMember to one of ${members.map((m) => m.node.id).join(', ')}`
            : `declare the keyspace once with federation.addKeyspace('${name}') (only the bootstrap member initializes it), not with member.cluster.addKeyspace`,
        });
      }
    }
    // The initializing operator picks the first primary among the tablets it runs (derived: drains and reparents only see local tablets).
    for (const m of members.filter((x) => x.bootstrap)) {
      for (const ks of m.cluster.keyspaces) {
        if (ks.tabletPools.some((p) => p.primaryEligible && p.replicas > 0)) continue;
        problems.push({
          field: `members.${m.node.id}.keyspaces.${ks.name}`,
          message: `member '${m.node.id}' initializes the shards of keyspace '${ks.name}' but runs none of its replica tablets, so it has no tablet to elect as the first primary`,
          fix: `add a replica pool for '${ks.name}' in one of ${m.node.id}'s cells, or set bootstrapMember to a member that has one`,
        });
      }
    }
    return problems;
  }

  private checkGlobalLockserver(members: FederationMember[]): Problem[] {
    const g = this.props.globalLockserver;
    const problems: Problem[] = [];
    if (g.externalParams) {
      problems.push(...this.reachability('globalLockserver.external.address', g.externalParams.address, 'every member reaches the global lockserver at this address'));
      for (const m of members.filter((x) => x.etcdMemberIndex !== undefined)) {
        problems.push({ field: `members.${m.node.id}.etcdMemberIndex`, message: 'the global lockserver is external, so there is no operator-managed etcd member to run here', fix: 'drop etcdMemberIndex, or use GlobalEtcd.managed({ advertisePeerURLs }) spread over 3 members' });
      }
      return problems;
    }
    // One operator-managed etcd, one member per Kubernetes cluster (facts §2.4, pains F5).
    const e = g.etcd ?? {};
    if (e.localMemberIndex !== undefined) {
      problems.push({ field: 'globalLockserver.etcd.localMemberIndex', message: 'each member runs a different etcd member, so one localMemberIndex cannot fit all', fix: 'leave it out and give each of 3 members its etcdMemberIndex (1, 2, 3)' });
    }
    if (!e.advertisePeerURLs) {
      problems.push({ field: 'globalLockserver.etcd.advertisePeerURLs', message: 'the etcd members run in different Kubernetes clusters but have no peer URLs to find each other', fix: "list the 3 members' peer URLs in index order, e.g. GlobalEtcd.managed({ advertisePeerURLs: ['http://etcd-1.example.internal:2380', …] })" });
    }
    (e.advertisePeerURLs ?? []).forEach((u, i) => problems.push(...this.reachability(`globalLockserver.etcd.advertisePeerURLs[${i}]`, u, 'etcd members in other Kubernetes clusters connect to this URL')));
    const byIndex = new Map<number, FederationMember[]>();
    for (const m of members) {
      const i = m.etcdMemberIndex;
      if (i === undefined) {
        problems.push({ field: `members.${m.node.id}.etcdMemberIndex`, message: `member '${m.node.id}' runs no member of the operator-managed global etcd, so the operator there would deploy a separate 3-member etcd`, fix: 'spread the etcd over exactly 3 members with etcdMemberIndex 1, 2 and 3, or use GlobalEtcd.external(...) for more members' });
      } else if (![1, 2, 3].includes(i)) {
        problems.push({ field: `members.${m.node.id}.etcdMemberIndex`, message: `etcd member index ${i} is not 1, 2 or 3`, fix: 'the operator runs exactly 3 members: pick 1, 2 or 3' });
      } else {
        byIndex.set(i, [...(byIndex.get(i) ?? []), m]);
      }
    }
    for (const [i, ms] of byIndex) {
      if (ms.length > 1) problems.push({ field: `members.${ms[1].node.id}.etcdMemberIndex`, message: `etcd member ${i} is run by members ${ms.map((m) => m.node.id).join(' and ')}`, fix: 'give each of the 3 members a different etcdMemberIndex' });
    }
    // Every member runs a different valid index, but there are fewer than 3 members: an etcd member nobody runs.
    const missing = [1, 2, 3].filter((i) => !byIndex.has(i));
    if (missing.length && byIndex.size === members.length) {
      problems.push({
        field: 'members',
        message: `no member runs etcd member ${missing.join(' or ')} of the operator-managed global etcd (${members.map((m) => `${m.node.id} runs ${m.etcdMemberIndex}`).join(', ')}), so only ${members.length} of its 3 members ever run and it ${members.length < 2 ? 'never reaches quorum' : 'loses quorum when one of them fails'}`,
        fix: 'spread the etcd over exactly 3 members with etcdMemberIndex 1, 2 and 3, or use GlobalEtcd.external(...) for fewer Kubernetes clusters',
      });
    }
    return problems;
  }

  /** A cell's lockserver address goes into CellInfo in the global topology; every Kubernetes cluster reads it (facts §4, pains F5). */
  private checkCellLockservers(m: FederationMember): Problem[] {
    const ns = m.cluster.namespace ?? 'default';
    return m.cluster.cells.flatMap((cell) => {
      const ls = cell.lockserver;
      const field = `members.${m.node.id}.cells.${cell.name}.lockserver`;
      if (!ls) return [];
      if (ls.externalParams) return this.reachability(`${field}.external.address`, ls.externalParams.address, `the operator writes it into cell '${cell.name}''s CellInfo, which every Kubernetes cluster reads`);
      const advertised = ls.etcd?.cellInfoAddress;
      if (advertised !== undefined) return this.reachability(`${field}.cellInfoAddress`, advertised, `it is written into cell '${cell.name}''s CellInfo, which every Kubernetes cluster reads`);
      if (this.props.meshServiceDns) return [];
      const service = `${objectName([this.clusterName, cell.name, 'etcd'], NAME_MAX.etcd)}-client.${ns}.svc:2379`;
      return [{
        field: `${field}.cellInfoAddress`,
        message: `cell '${cell.name}''s operator-managed etcd would be advertised in its CellInfo as '${service}', an in-cluster name that other Kubernetes clusters cannot resolve, so their vtgates and tablets cannot reach this cell`,
        fix: `set Lockserver.managedEtcd({ cellInfoAddress: '<host>:2379' }) to an address every Kubernetes cluster reaches (e.g. an internal load balancer in front of that etcd's client Service)`,
      }];
    });
  }

  private reachability(field: string, address: string, why: string): Problem[] {
    if (this.props.meshServiceDns) return [];
    const local = address.split(',').map((a) => hostOf(a)).filter((h) => IN_CLUSTER_DNS.test(h));
    if (local.length === 0) return [];
    return [{
      field,
      message: `'${local[0]}' is an in-cluster Service name that only resolves inside one Kubernetes cluster, but ${why}`,
      fix: 'use a DNS name or IP reachable from every member (for an operator-managed etcd, set cellInfoAddress), or set meshServiceDns if a cluster mesh makes Service names global',
    }];
  }

  private warnings(): Problem[] {
    const w: Problem[] = [];
    for (const m of this.members) {
      for (const cell of m.cluster.cells.filter((c) => !c.lockserver)) {
        w.push({
          field: `members.${m.node.id}.cells.${cell.name}.lockserver`,
          message: `cell '${cell.name}' keeps its local topology in the global lockserver, so its tablets and vtgates read and write topology across regions`,
          fix: "give the cell its own lockserver: Lockserver.managedEtcd({ cellInfoAddress: '<reachable host>:2379' }) or Lockserver.external({...})",
        });
      }
    }
    const first = this.members[0];
    const schedules = first ? (rendered(first).spec?.backup?.schedules ?? []) : [];
    if (schedules.length && this.members.length > 1) {
      w.push({ field: 'cluster.backup.schedules', message: `every member runs the ${schedules.length} backup schedule(s), so each shard is backed up once per member per run`, fix: 'schedule backups outside the shared props, in one member only (member.cluster escape hatch) or with an external job' });
    }
    return w;
  }
}

/**
 * One Kubernetes cluster of a Federation: a Chart (one output file) with the shared VitessCluster, its own
 * cells and its own tablet pools. Create with `federation.addMember(...)`.
 */
export class FederationMember extends Chart {
  /** This member's VitessCluster. Escape hatch: keyspaces or cells added here directly bypass the federation. */
  public readonly cluster: VitessCluster;
  /** Whether this member's operator initializes shards (first primary, initial backup). */
  public readonly bootstrap: boolean;
  public readonly etcdMemberIndex?: number;
  private readonly cellsToWatch: CellsToWatch;

  public constructor(public readonly federation: Federation, id: string, props: FederationMemberProps = {}) {
    const { props: fed, keyspaces } = INTERNALS.get(federation)!;
    const scope = federation.node.scope;
    if (!scope) throw new Error(`${id}: a Federation must be created inside an App`);
    super(scope, id, { namespace: props.namespace ?? federation.namespace });
    Object.defineProperty(this, MEMBER_OF, { value: federation });
    this.bootstrap = fed.bootstrapMember !== undefined ? fed.bootstrapMember === id : federation.members[0] === this;
    this.etcdMemberIndex = props.etcdMemberIndex;
    this.cellsToWatch = props.cellsToWatch ?? fed.cellsToWatch ?? CellsToWatch.LOCAL;
    const shared: SharedClusterProps = fed.cluster ?? {};
    const { cells: _ignored, ...dashboard } = (shared.dashboard ?? {}) as DashboardOptions;
    this.cluster = new VitessCluster(this, 'cluster', {
      ...shared,
      dashboard,
      name: federation.clusterName,
      auth: new AuthSecret(this, 'auth', fed.auth),
      globalLockserver: memberGlobalLockserver(fed.globalLockserver, props.etcdMemberIndex),
      topologyReconciliation: FEDERATED_TOPOLOGY_RECONCILIATION,
      vtadmin: props.vtadmin,
    });
    for (const def of keyspaces) addSharedKeyspace(this, def);
  }

  /** Adds a cell run by this member's Kubernetes cluster (cell names are unique across the federation). */
  public addCell(id: string, props: CellProps = {}): Cell {
    const cell = this.cluster.addCell(id, props);
    if (this.cellsToWatch === CellsToWatch.ALL) {
      // Evaluated at synth: members and cells added later are included.
      cell.addGatewayFlags(() => ({ cells_to_watch: this.federation.cellNames().join(',') }));
    }
    return cell;
  }

  /** This member's copy of a federation keyspace, to add the pools it runs. @throws if the keyspace was not declared */
  public keyspace(keyspace: FederatedKeyspace | string): Keyspace {
    const name = typeof keyspace === 'string' ? keyspace : keyspace.name;
    const ks = this.cluster.keyspaces.find((k) => k.name === name);
    if (!ks) throw new Error(`${this.node.path}: keyspace '${name}' is not declared; declare it once with federation.addKeyspace('${name}')`);
    return ks;
  }
}

/** Creates a federation keyspace in one member and links it with its copies in the others (durability counts all). */
function addSharedKeyspace(member: FederationMember, def: KeyspaceDefinition): void {
  const replication = { ...def.props.replication, initializeMaster: member.bootstrap, initializeBackup: member.bootstrap };
  const ks = member.cluster.addKeyspace(def.id, { ...def.props, replication });
  for (const other of member.federation.members) {
    const peer = other === member ? undefined : other.cluster.keyspaces.find((k) => k.name === ks.name);
    if (peer) {
      ks.addFederationPeer(peer);
      peer.addFederationPeer(ks);
    }
  }
}

/** A spread operator-managed etcd runs one member here; an external lockserver is the same everywhere. */
function memberGlobalLockserver(global: Lockserver, etcdMemberIndex: number | undefined): Lockserver {
  if (global.externalParams || !global.etcd || etcdMemberIndex === undefined) return global;
  return Lockserver.managedEtcd({ ...global.etcd, localMemberIndex: etcdMemberIndex });
}

/** `*.svc`, `*.svc.cluster.local`, `*.cluster.local`: Kubernetes Service DNS, resolvable only in its own cluster. */
const IN_CLUSTER_DNS = /\.(svc|cluster\.local)(\.cluster\.local)?\.?$/i;

/** Host of `host:port` or `scheme://host:port/...`. */
function hostOf(address: string): string {
  const a = address.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return a.split('/')[0].replace(/:\d+$/, '');
}
