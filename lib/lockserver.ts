import { DEFAULT_ETCD_STORAGE } from './operator-defaults';
import { Problem } from './problems';
import { parseMemory } from './quantity';
import { ContainerResources, checkResources, renderResources } from './resources';

export interface ManagedEtcdOptions {
  /** Resources of each of the 3 etcd members. @default - operator default: requests cpu 100m / memory 256Mi, limit memory 256Mi */
  readonly resources?: ContainerResources;
  /** Volume size of each member. @default - operator default 1Gi */
  readonly storageSize?: string;
  /** StorageClass of the member volumes. @default - the cluster default StorageClass */
  readonly storageClassName?: string;
  /**
   * Host:port other clusters use to reach this etcd, written into the Vitess CellInfo instead of the
   * in-cluster `…-client.<ns>.svc:2379` name. Needed for cell lockservers in a federation.
   * @default - the in-cluster client Service address
   */
  readonly cellInfoAddress?: string;
  /** Deploy only this member (1..3) here; the other two run in other Kubernetes clusters. @default - all 3 members */
  readonly localMemberIndex?: number;
  /** Peer URLs of members 1, 2, 3, in order; required with `localMemberIndex`. @default - in-cluster peer Service names */
  readonly advertisePeerURLs?: readonly string[];
  /** Extra etcd flags. @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

export interface ExternalLockserverOptions {
  /** Vitess topo plugin. @default 'etcd2' */
  readonly implementation?: string;
  /** host:port of the lockserver's client endpoint, reachable from every pod of the cluster. */
  readonly address: string;
  /** Key prefix for this Vitess cluster, e.g. `/vitess/global`. Clusters may share a lockserver with different roots. */
  readonly rootPath: string;
}

/** Where Vitess keeps its topology: an operator-managed 3-member etcd, or an external lockserver. */
export class Lockserver {
  /** An etcd cluster of 3 members deployed and managed by the operator. */
  public static managedEtcd(options: ManagedEtcdOptions = {}): Lockserver {
    return new Lockserver(options, undefined);
  }

  /** A lockserver the operator does not manage (shared by a federation, or run outside Kubernetes). */
  public static external(options: ExternalLockserverOptions): Lockserver {
    // An explicit `implementation: undefined` still means etcd2; an unset address or root path (e.g. from a
    // missing environment variable) is reported by check() as empty instead of failing with a TypeError.
    return new Lockserver(undefined, { ...options, implementation: options.implementation ?? 'etcd2', address: options.address ?? '', rootPath: options.rootPath ?? '' });
  }

  private constructor(
    public readonly etcd: ManagedEtcdOptions | undefined,
    public readonly externalParams: Required<ExternalLockserverOptions> | undefined,
  ) {}

  public get isExternal(): boolean {
    return this.externalParams !== undefined;
  }

  /** The topo implementation Vitess uses with this lockserver. */
  public get implementation(): string {
    return this.externalParams?.implementation ?? 'etcd2';
  }

  /** The CRD LockserverSpec object. */
  public render(): Record<string, unknown> {
    if (this.externalParams) return { external: { ...this.externalParams } };
    const e = this.etcd!;
    const etcd: Record<string, unknown> = {};
    if (e.resources) etcd.resources = renderResources(e.resources);
    if (e.storageSize || e.storageClassName) {
      etcd.dataVolumeClaimTemplate = {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: e.storageSize ?? DEFAULT_ETCD_STORAGE } },
        ...(e.storageClassName ? { storageClassName: e.storageClassName } : {}),
      };
    }
    if (e.extraFlags) etcd.extraFlags = { ...e.extraFlags };
    if (e.localMemberIndex !== undefined) etcd.localMemberIndex = e.localMemberIndex;
    if (e.advertisePeerURLs) etcd.advertisePeerURLs = [...e.advertisePeerURLs];
    return { etcd, ...(e.cellInfoAddress ? { cellInfoAddress: e.cellInfoAddress } : {}) };
  }

  public check(field: string): Problem[] {
    if (this.externalParams) {
      const p = this.externalParams;
      const problems: Problem[] = [];
      if (!/^[^\s:/]+:\d{1,5}$/.test(p.address) && !p.address.split(',').every((a) => /^[^\s:/]+:\d{1,5}$/.test(a))) {
        problems.push({ field: `${field}.external.address`, message: `'${p.address}' is not host:port`, fix: "give the client endpoint with its port, e.g. 'etcd-global-1:2379'" });
      }
      if (!p.rootPath.startsWith('/')) {
        problems.push({ field: `${field}.external.rootPath`, message: `root path '${p.rootPath}' is not absolute`, fix: `start it with '/', e.g. '/vitess/${p.rootPath || 'global'}'` });
      }
      if (!p.implementation) problems.push({ field: `${field}.external.implementation`, message: 'the topo implementation is empty', fix: "use 'etcd2' (what the operator uses) or another Vitess topo plugin" });
      return problems;
    }
    const e = this.etcd!;
    const problems = checkResources(`${field}.etcd.resources`, e.resources);
    if (e.storageSize !== undefined && parseMemory(e.storageSize) === undefined) {
      problems.push({ field: `${field}.etcd.storageSize`, message: `'${e.storageSize}' is not a storage quantity`, fix: `write it like '${DEFAULT_ETCD_STORAGE}', or leave it unset for the operator's ${DEFAULT_ETCD_STORAGE}` });
    }
    if (e.localMemberIndex !== undefined && ![1, 2, 3].includes(e.localMemberIndex)) {
      problems.push({ field: `${field}.etcd.localMemberIndex`, message: `member index ${e.localMemberIndex} is not 1, 2 or 3`, fix: 'the operator runs exactly 3 members: pick 1, 2 or 3' });
    }
    if (e.advertisePeerURLs !== undefined && e.advertisePeerURLs.length !== 3) {
      problems.push({ field: `${field}.etcd.advertisePeerURLs`, message: `${e.advertisePeerURLs.length} peer URLs given, but the operator's etcd always has 3 members`, fix: 'list exactly 3 URLs, one per member index 1..3, in order' });
    }
    if (e.localMemberIndex !== undefined && e.advertisePeerURLs === undefined) {
      problems.push({ field: `${field}.etcd.advertisePeerURLs`, message: 'localMemberIndex is set, but members in other clusters cannot be found without peer URLs', fix: 'list the 3 members\' peer URLs (e.g. http://etcd-1.example.net:2380) in index order' });
    }
    return problems;
  }
}
