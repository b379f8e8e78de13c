import { Construct } from 'constructs';
import { INIT_SQL_KEY } from './auth-secret';
import { Cell } from './cell';
import { clusterOf } from './cluster-context';
import { checkKeyspaceImages, KeyspaceImages, renderKeyspaceImages } from './keyspace-images';
import { checkName } from './names';
import { Partitioning } from './partitioning';
import { DURABILITY_RULES, DurabilityPolicy, TabletType, TurndownPolicy } from './policies';
import { addProblemCheck, Problem, Warnings } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { TabletPool, TabletPoolProps } from './tablet-pool';

export interface VtorcOptions {
  /** vtorc resources (one vtorc per shard per cell with a replica pool). @default - operator default: requests cpu 100m / memory 128Mi, limit memory 128Mi */
  readonly resources?: ContainerResources;
  /** Extra vtorc flags, e.g. `{ 'instance-poll-time': '3s' }`. @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

/** Shard-level replication switches; a federation sets the initialize* ones in exactly one member. */
export interface ReplicationOptions {
  /** Elect an initial primary for new shards. @default true (operator default) */
  readonly initializeMaster?: boolean;
  /** Take a placeholder backup for new shards when a backup location exists. @default true (operator default) */
  readonly initializeBackup?: boolean;
  /** Repair replication after the primary restarts. @default true (operator default) */
  readonly recoverRestartedMaster?: boolean;
}

export interface KeyspaceProps {
  /** Keyspace name (renaming later means delete + create). @default - the construct id */
  readonly name?: string;
  /** @default DurabilityPolicy.NONE (emitted explicitly; vtorc ignores keyspaces without one) */
  readonly durabilityPolicy?: DurabilityPolicy;
  /** What happens when the keyspace is removed from the spec. @default TurndownPolicy.REQUIRE_IDLE */
  readonly turndownPolicy?: TurndownPolicy;
  /** One, or two while resharding (new one last). @default [Partitioning.unsharded()] */
  readonly partitionings?: readonly Partitioning[];
  /** vtorc settings. Operator 2.9+ always runs vtorc; 2.8 only when this is set. @default - operator defaults */
  readonly vtorc?: VtorcOptions;
  /** MySQL schema name. Never change it for an existing keyspace. @default - `vt_<keyspace>` (operator default) */
  readonly databaseName?: string;
  /**
   * Operator 2.7–2.8 only: forbid falling back to async replication. Removed in 2.9; use `durabilityPolicy`.
   * @default - not set (false)
   */
  readonly enforceSemiSync?: boolean;
  /** @default - operator defaults */
  readonly replication?: ReplicationOptions;
  /**
   * Images for this keyspace only, e.g. to move tables onto a new MySQL version keyspace by keyspace.
   * Vitess only supports one major of skew between components. Operator 2.12+ (mysqld) / 2.14+ and 2.11.1.
   * @default - the cluster's images
   */
  readonly images?: KeyspaceImages;
  /** Name of Vitess' sidecar database (operator 2.15+); only applied when the keyspace is created. @default - Vitess default `_vt` */
  readonly sidecarDbName?: string;
  /** Annotations on the VitessKeyspace object. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A Vitess keyspace (a logical database): its partitionings into shards and the tablet pools every shard
 * gets. Create with `cluster.addKeyspace(...)`.
 */
export class Keyspace extends Construct {
  public readonly name: string;
  public readonly durabilityPolicy: DurabilityPolicy;
  /** As given: JavaScript callers can slip in something that is not a Partitioning, which check() reports. */
  private readonly givenPartitionings: unknown[];
  private readonly peers: Keyspace[] = [];

  public constructor(scope: Construct, id: string, private readonly props: KeyspaceProps = {}) {
    super(scope, id);
    clusterOf(scope, 'Keyspace');
    this.name = props.name ?? id;
    this.durabilityPolicy = props.durabilityPolicy ?? DurabilityPolicy.NONE;
    this.givenPartitionings = [...(props.partitionings ?? [Partitioning.unsharded()])];
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  /** Adds a tablet pool that every shard of this keyspace gets. */
  public addTabletPool(id: string, props: TabletPoolProps): TabletPool {
    return new TabletPool(this, id, props);
  }

  /** Adds a partitioning (the target of a reshard goes after the current one). */
  public addPartitioning(partitioning: Partitioning): Partitioning {
    this.givenPartitionings.push(partitioning);
    return partitioning;
  }

  /** The tablet pools, in the order they were added. */
  public get tabletPools(): TabletPool[] {
    return this.node.children.filter((c): c is TabletPool => c instanceof TabletPool);
  }

  /**
   * Declares the same keyspace in another member of a federation (another VitessCluster, another Kubernetes
   * cluster). Each member lists only its own pools, but a shard's tablets in every member together decide
   * durability, so the peer's pools count in this keyspace's checks. `Federation` calls this.
   */
  public addFederationPeer(peer: Keyspace): void {
    if (peer !== this && !this.peers.includes(peer)) this.peers.push(peer);
  }

  /** This keyspace's tablet pools followed by those of its federation peers. */
  public get federatedTabletPools(): TabletPool[] {
    return [...this.tabletPools, ...this.peers.flatMap((p) => p.tabletPools)];
  }

  /** Cells of the other federation members that hold this keyspace (their pools belong there, not here). */
  public federationPeerCellNames(): string[] {
    return this.peers.flatMap((p) => clusterOf(p, 'Keyspace').cellNames());
  }

  private get partitionings(): Partitioning[] {
    return this.givenPartitionings.filter((x): x is Partitioning => x instanceof Partitioning);
  }

  /** Copies of the partitionings. */
  public get allPartitionings(): Partitioning[] {
    return [...this.partitionings];
  }

  /** The CRD `keyspaces[]` item. */
  public render(): Record<string, unknown> {
    const cluster = clusterOf(this, 'Keyspace');
    const p = this.props;
    const replication = { ...p.replication, ...(p.enforceSemiSync !== undefined ? { enforceSemiSync: p.enforceSemiSync } : {}) };
    const shardTemplate = {
      databaseInitScriptSecret: { name: cluster.auth.initScriptSecretName, key: INIT_SQL_KEY },
      ...(Object.keys(replication).length ? { replication } : {}),
      // A zoned cell's placement replaces the operator's default tablet affinity, so it renders both (zone-placement.ts).
      tabletPools: this.tabletPools.map((t) => {
        const cell = cluster.node.children.find((c): c is Cell => c instanceof Cell && c.name === t.cellName);
        const affinity = cell?.tabletAffinity(this.name, t.type);
        return affinity ? { ...t.render(), affinity } : t.render();
      }),
    };
    const vtorc = p.vtorc && {
      ...(p.vtorc.extraFlags ? { extraFlags: { ...p.vtorc.extraFlags } } : {}),
      ...(p.vtorc.resources ? { resources: renderResources(p.vtorc.resources) } : {}),
    };
    return {
      name: this.name,
      ...(p.databaseName ? { databaseName: p.databaseName } : {}),
      durabilityPolicy: this.durabilityPolicy,
      turndownPolicy: p.turndownPolicy ?? TurndownPolicy.REQUIRE_IDLE,
      ...(vtorc ? { vitessOrchestrator: vtorc } : {}),
      ...(p.images ? { images: renderKeyspaceImages(p.images, cluster.mysql.version) } : {}),
      ...(p.sidecarDbName !== undefined ? { sidecarDbName: p.sidecarDbName } : {}),
      ...(p.annotations ? { annotations: { ...p.annotations } } : {}),
      partitionings: this.partitionings.map((x) => x.render(shardTemplate)),
    };
  }

  private check(): Problem[] {
    const { release } = clusterOf(this, 'Keyspace');
    const problems: Problem[] = [...checkName('keyspace', 'name', this.name)];
    if (!Object.values(TurndownPolicy).includes(this.props.turndownPolicy ?? TurndownPolicy.REQUIRE_IDLE)) {
      problems.push({ field: 'turndownPolicy', message: `'${this.props.turndownPolicy}' is not a turndown policy`, fix: 'use TurndownPolicy.REQUIRE_IDLE or TurndownPolicy.IMMEDIATE' });
    }
    problems.push(...this.checkPartitionings());
    problems.push(...this.checkDurability());
    problems.push(...checkResources('vtorc.resources', this.props.vtorc?.resources));
    if (this.props.images) problems.push(...checkKeyspaceImages('images', this.props.images, release));
    const sidecar = this.props.sidecarDbName;
    if (sidecar !== undefined && !/^[A-Za-z0-9_]{1,64}$/.test(sidecar)) {
      problems.push({ field: 'sidecarDbName', message: `'${sidecar}' is not a plain MySQL database name`, fix: "use up to 64 letters, digits and '_', e.g. '_vt_ext'" });
    }
    if (this.props.vtorc && !release.atLeast('2.8')) {
      problems.push({ field: 'vtorc', message: `vtorc on ${release} needs a configSecret this library does not render`, fix: 'drop vtorc for operator 2.7, or target VitessRelease.V15 or later' });
    }
    problems.push(...this.checkUniquePools());
    if (!this.federatedTabletPools.some((t) => t.primaryEligible)) {
      problems.push({ field: 'tabletPools', message: `keyspace '${this.name}' has no ${TabletType.REPLICA} pool, so no shard can elect a primary or serve`, fix: `add one: keyspace.addTabletPool('replicas', { cell, type: TabletType.REPLICA, replicas: 3 })` });
    }
    return problems;
  }

  /** The CRD keys tabletPools by (type, cell, name): the API server rejects a second pool with the same key (facts §2.5, §8 rule 5). */
  private checkUniquePools(): Problem[] {
    const seen = new Map<string, TabletPool>();
    return this.tabletPools.flatMap((t, i) => {
      const key = JSON.stringify([t.type, t.cellName, t.poolName ?? '']);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, t);
        return [];
      }
      const what = `type '${t.type}', cell '${t.cellName}'${t.poolName !== undefined ? ` and name '${t.poolName}'` : ' and no name'}`;
      return [{
        field: `tabletPools[${i}]`,
        message: `pool '${t.node.id}' has the same ${what} as pool '${first.node.id}'; the operator identifies pools by type, cell and name, so the API server rejects the VitessCluster`,
        fix: t.isExternal ? 'give each external pool of a cell and type its own name' : `merge the two into one pool (replicas ${first.replicas} + ${t.replicas}), or put this one in another cell or type`,
      }];
    });
  }

  private checkPartitionings(): Problem[] {
    const problems = this.givenPartitionings.flatMap((x, i) => (x instanceof Partitioning ? x.check(`partitionings[${i}]`)
      : [{ field: `partitionings[${i}]`, message: `${String(x)} is not a Partitioning`, fix: 'use Partitioning.unsharded(), Partitioning.equal(parts) or Partitioning.custom([...])' }]));
    const given = this.givenPartitionings.length;
    if (given === 0 || given > 2) {
      problems.push({ field: 'partitionings', message: `${given} partitionings given, but a keyspace has 1, or 2 while resharding${given === 0 ? ' (without one it has no shards)' : ''}`, fix: 'give one, or two while resharding (the current one first, the target last)' });
    }
    if (this.partitionings.length === 2 && this.partitionings[0].shardNames().join() === this.partitionings[1].shardNames().join()) {
      problems.push({ field: 'partitionings[1]', message: 'both partitionings produce the same shards', fix: 'a second partitioning is only for resharding: give it different key ranges, or remove it' });
    }
    return problems;
  }

  /** Durability needs enough primary-eligible tablets per shard (pains D3, rule 16). */
  private checkDurability(): Problem[] {
    const { release } = clusterOf(this, 'Keyspace');
    const policy = this.durabilityPolicy;
    const rule = DURABILITY_RULES[policy];
    if (!rule) {
      return [{ field: 'durabilityPolicy', message: `'${policy}' is not a Vitess durability policy`, fix: `use one of ${Object.values(DurabilityPolicy).join(', ')}` }];
    }
    if (release.vitessMajor < rule.minVitess) {
      return [{ field: 'durabilityPolicy', message: `'${policy}' needs Vitess ${rule.minVitess}+, but the cluster targets ${release}`, fix: `use DurabilityPolicy.${rule.crossCell ? 'CROSS_CELL' : 'SEMI_SYNC'} or target a newer release` }];
    }
    const problems: Problem[] = [];
    const eligible = this.count((t) => t.primaryEligible);
    if (this.props.enforceSemiSync && eligible < 3) {
      problems.push({ field: 'enforceSemiSync', message: `enforceSemiSync forbids falling back to async replication, but each shard has only ${eligible} primary-eligible tablet(s): one restart blocks all writes`, fix: 'give the replica pools at least 3 tablets per shard, or drop enforceSemiSync' });
    }
    if (!rule.semiSync) return problems;
    const ackers = eligible - 1 + (rule.rdonlyAck ? this.count((t) => t.type === TabletType.RDONLY) : 0);
    if (ackers < 1) {
      problems.push({
        field: 'durabilityPolicy',
        message: `'${policy}' makes the primary wait for a replica to acknowledge every write, but each shard has ${eligible} primary-eligible tablet(s) and no other tablet that can acknowledge: writes would block`,
        fix: `give the replica pools at least 2 tablets per shard (3 recommended), or use DurabilityPolicy.NONE`,
      });
    }
    if (rule.crossCell) {
      const cells = new Set(this.federatedTabletPools.filter((t) => t.primaryEligible && t.replicas > 0).map((t) => t.cellName));
      if (cells.size < 2) {
        problems.push({ field: 'durabilityPolicy', message: `'${policy}' needs primary-eligible tablets in at least 2 cells, found ${cells.size} (${[...cells].join(', ') || 'none'})`, fix: 'add a replica pool in a second cell, or use DurabilityPolicy.SEMI_SYNC' });
      }
    }
    return problems;
  }

  private warnings(): Problem[] {
    const rule = DURABILITY_RULES[this.durabilityPolicy];
    const eligible = this.count((t) => t.primaryEligible);
    if (rule?.semiSync && eligible === 2) {
      return [{ field: 'durabilityPolicy', message: `'${this.durabilityPolicy}' with 2 primary-eligible tablets per shard blocks writes whenever one of them is down`, fix: 'use 3 replica tablets per shard' }];
    }
    return [];
  }

  private count(match: (t: TabletPool) => boolean): number {
    return this.federatedTabletPools.filter(match).reduce((n, t) => n + t.replicas, 0);
  }
}
