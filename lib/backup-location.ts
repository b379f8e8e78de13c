import { PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import { checkName } from './names';
import { Problem } from './problems';
import { parseMemory } from './quantity';
import { SecretKeyRef } from './secret-ref';

/** Options every kind of backup location has. */
export interface BackupLocationOptions {
  /**
   * Location name, referenced by tablet pools' `backupLocationName`. Names must be unique; at most one
   * location may be unnamed, and it is the default for pools that name none.
   * @default - '' (the default location)
   */
  readonly name?: string;
  /** Annotations for every pod that uses this location (e.g. a cloud IAM role binding). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface GcsBackupOptions extends BackupLocationOptions {
  readonly bucket: string;
  /** Prefix inside the bucket; backups go to `[keyPrefix/]<cluster name>`. @default - none */
  readonly keyPrefix?: string;
  /** GOOGLE_APPLICATION_CREDENTIALS JSON. @default - the node's credentials */
  readonly authSecret?: SecretKeyRef;
}

export interface S3BackupOptions extends BackupLocationOptions {
  readonly region: string;
  readonly bucket: string;
  /** `host:port` of an S3-compatible endpoint (MinIO, Ceph RGW). @default - AWS S3 for the region */
  readonly endpoint?: string;
  /** Path-style requests (`host/bucket/key`); S3-compatible stores usually need it. @default - virtual-hosted style */
  readonly forcePathStyle?: boolean;
  /** @default - none */
  readonly keyPrefix?: string;
  /** An AWS credentials file (`[default]` profile with aws_access_key_id / aws_secret_access_key). @default - the pod's AWS credentials */
  readonly authSecret?: SecretKeyRef;
  /** Multipart upload part size in bytes (operator 2.15+). @default - Vitess default, 5 MiB */
  readonly minPartSize?: number;
}

export interface AzblobBackupOptions extends BackupLocationOptions {
  readonly account: string;
  readonly container: string;
  /** @default - none */
  readonly keyPrefix?: string;
  /** The storage account key. */
  readonly authSecret: SecretKeyRef;
}

export interface CephBackupOptions extends BackupLocationOptions {
  /** Ceph's JSON credentials file. */
  readonly authSecret: SecretKeyRef;
}

export interface VolumeBackupOptions extends BackupLocationOptions {
  /** Directory inside the volume to use. @default - the volume root */
  readonly subPath?: string;
}

/** A PersistentVolumeClaim the library creates for file backups. */
export interface NewVolumeClaimBackupOptions extends VolumeBackupOptions {
  /** Name of the PVC to create. */
  readonly claimName: string;
  /** Storage to request, e.g. `100Gi`. */
  readonly size: string;
  /**
   * Every tablet and backup job mounts the claim, on any node, so it must be ReadWriteMany; ReadWriteOnce
   * only works when the backup is declared `singleNode` (minikube, kind).
   * @default [PersistentVolumeAccessMode.READ_WRITE_MANY]
   */
  readonly accessModes?: readonly PersistentVolumeAccessMode[];
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/** A PersistentVolumeClaim managed elsewhere. */
export interface ExistingVolumeClaimBackupOptions extends VolumeBackupOptions {
  readonly claimName: string;
  /**
   * Whether the claim is ReadWriteMany. The library cannot see it, so you state it; `false` is only allowed
   * when the backup is declared `singleNode`.
   */
  readonly readWriteMany: boolean;
}

/** Details of a PVC the Backup construct must create. */
export interface BackupClaimSpec {
  readonly claimName: string;
  readonly size: string;
  readonly accessModes: readonly PersistentVolumeAccessMode[];
  readonly storageClassName?: string;
}

/** What location checks need to know about the backup as a whole. */
export interface LocationCheckContext {
  /** Every tablet and backup job runs on one node. */
  readonly singleNode: boolean;
}

const HOST_PORT = /^[^\s:/]+:\d{1,5}$/;
/** S3 refuses multipart parts below 5 MiB (except the last). */
const S3_MIN_PART = 5 * 2 ** 20;

type Kind = 'gcs' | 's3' | 'azblob' | 'ceph' | 'volume';

/**
 * Where backups go: an object store (`gcs`, `s3`, `azblob`, `ceph`) or a volume (`newVolumeClaim`,
 * `existingVolumeClaim`, `hostPath`, or any `volume` source). One kind per location, by construction.
 */
export class BackupLocation {
  public static gcs(options: GcsBackupOptions): BackupLocation {
    const { bucket, keyPrefix, authSecret } = options;
    return new BackupLocation('gcs', options, { bucket, keyPrefix, authSecret });
  }

  public static s3(options: S3BackupOptions): BackupLocation {
    const { region, bucket, endpoint, forcePathStyle, keyPrefix, authSecret, minPartSize } = options;
    return new BackupLocation('s3', options, { region, bucket, endpoint, forcePathStyle, keyPrefix, authSecret, minPartSize });
  }

  public static azblob(options: AzblobBackupOptions): BackupLocation {
    const { account, container, keyPrefix, authSecret } = options;
    return new BackupLocation('azblob', options, { account, container, keyPrefix, authSecret });
  }

  public static ceph(options: CephBackupOptions): BackupLocation {
    return new BackupLocation('ceph', options, { authSecret: options.authSecret });
  }

  /** A new PersistentVolumeClaim (emitted next to the cluster) holding the backup files. */
  public static newVolumeClaim(options: NewVolumeClaimBackupOptions): BackupLocation {
    const claim: BackupClaimSpec = {
      claimName: options.claimName,
      size: options.size,
      accessModes: options.accessModes ?? [PersistentVolumeAccessMode.READ_WRITE_MANY],
      storageClassName: options.storageClassName,
    };
    return new BackupLocation('volume', options, { persistentVolumeClaim: { claimName: options.claimName } }, { claim, readWriteMany: claim.accessModes.includes(PersistentVolumeAccessMode.READ_WRITE_MANY) });
  }

  /** An existing PersistentVolumeClaim. */
  public static existingVolumeClaim(options: ExistingVolumeClaimBackupOptions): BackupLocation {
    return new BackupLocation('volume', options, { persistentVolumeClaim: { claimName: options.claimName } }, { readWriteMany: options.readWriteMany });
  }

  /** A directory on the node. Only for single-node clusters: each node would hold a different set of backups. */
  public static hostPath(path: string, options: VolumeBackupOptions & { readonly type?: string } = {}): BackupLocation {
    return new BackupLocation('volume', options, { hostPath: { path, ...(options.type ? { type: options.type } : {}) } }, { hostPath: true });
  }

  /**
   * Any other Kubernetes VolumeSource (e.g. `{ nfs: { server, path } }`), passed through as given. The
   * volume must be shared by all nodes; the library cannot check that.
   */
  public static volume(source: Readonly<Record<string, unknown>>, options: VolumeBackupOptions = {}): BackupLocation {
    return new BackupLocation('volume', options, { ...source }, { readWriteMany: true });
  }

  /** Location name ('' for the default location). */
  public readonly name: string;

  private constructor(
    public readonly kind: Kind,
    private readonly options: BackupLocationOptions & { readonly subPath?: string },
    private readonly settings: Readonly<Record<string, unknown>>,
    private readonly volume: { readonly claim?: BackupClaimSpec; readonly readWriteMany?: boolean; readonly hostPath?: boolean } = {},
  ) {
    this.name = options.name ?? '';
  }

  /** The PVC to create with the cluster, if this location asked for one. */
  public get claimToCreate(): BackupClaimSpec | undefined {
    return this.volume.claim;
  }

  /** The CRD `backup.locations[]` item. */
  public render(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.settings)) {
      if (v === undefined) continue;
      body[k] = v instanceof SecretKeyRef ? v.render() : v;
    }
    return {
      ...(this.name ? { name: this.name } : {}),
      [this.kind]: body,
      ...(this.kind === 'volume' && this.options.subPath ? { volumeSubPath: this.options.subPath } : {}),
      ...(this.options.annotations ? { annotations: { ...this.options.annotations } } : {}),
    };
  }

  public check(field: string, ctx: LocationCheckContext): Problem[] {
    const problems: Problem[] = [];
    if (this.name) problems.push(...checkName('backupLocation', `${field}.name`, this.name));
    const s = this.settings as Record<string, any>;
    const at = `${field}.${this.kind}`;
    for (const key of ['bucket', 'region', 'account', 'container'] as const) {
      if (key in s && !s[key]) problems.push({ field: `${at}.${key}`, message: `the ${this.kind} ${key} is empty`, fix: `give the ${key}` });
    }
    if (typeof s.keyPrefix === 'string' && (s.keyPrefix.length > 256 || /[\r\n]/.test(s.keyPrefix))) {
      // JSON quoting keeps a line break visible and the problem on one line.
      const shown = JSON.stringify(s.keyPrefix.length > 40 ? `${s.keyPrefix.slice(0, 40)}…` : s.keyPrefix);
      const why = /[\r\n]/.test(s.keyPrefix) ? 'contains a line break' : `is longer than 256 characters (${s.keyPrefix.length})`;
      problems.push({ field: `${at}.keyPrefix`, message: `key prefix ${shown} ${why}`, fix: 'use a single-line prefix of at most 256 characters' });
    }
    if (s.authSecret instanceof SecretKeyRef) problems.push(...s.authSecret.check(`${at}.authSecret`));
    else if (this.kind === 'azblob' || this.kind === 'ceph') problems.push({ field: `${at}.authSecret`, message: `${this.kind} locations need credentials (authSecret)`, fix: "give authSecret: SecretKeyRef.fromSecret('<secret>', '<key>')" });
    if (this.kind === 's3') problems.push(...this.checkS3(at));
    if (this.kind === 'volume') problems.push(...this.checkVolume(at, ctx));
    return problems;
  }

  /** Non-fatal findings (e.g. the forcePathStyle hint). */
  public warnings(field: string): Problem[] {
    const s = this.settings as Record<string, any>;
    if (this.kind === 's3' && s.endpoint && !/amazonaws\.com(:\d+)?$/.test(s.endpoint) && s.forcePathStyle === undefined) {
      return [{ field: `${field}.s3.forcePathStyle`, message: `endpoint '${s.endpoint}' is not AWS; S3-compatible stores such as MinIO usually only serve path-style requests`, fix: 'set forcePathStyle: true (or false, to state that virtual-hosted style works)' }];
    }
    return [];
  }

  private checkS3(at: string): Problem[] {
    const s = this.settings as Record<string, any>;
    const problems: Problem[] = [];
    if (s.endpoint !== undefined && !HOST_PORT.test(s.endpoint)) {
      const bare = String(s.endpoint).replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
      problems.push({ field: `${at}.endpoint`, message: `endpoint '${s.endpoint}' is not host:port; Vitess builds the URL itself and needs the port`, fix: `write it like '${HOST_PORT.test(bare) ? bare : `${bare.split(':')[0]}:9000`}'` });
    }
    if (s.minPartSize !== undefined && (!Number.isInteger(s.minPartSize) || s.minPartSize < S3_MIN_PART)) {
      problems.push({ field: `${at}.minPartSize`, message: `${s.minPartSize} bytes is not a whole number of at least 5 MiB; S3 rejects smaller multipart parts`, fix: `use at least ${S3_MIN_PART} (5 MiB)` });
    }
    return problems;
  }

  private checkVolume(at: string, ctx: LocationCheckContext): Problem[] {
    const problems: Problem[] = [];
    if (this.volume.hostPath && !ctx.singleNode) {
      problems.push({ field: `${at}.hostPath`, message: 'a hostPath backup location only works on one node: every node would hold a different set of backups, and tablets elsewhere find none to restore', fix: 'use an object store or a ReadWriteMany volume claim, or declare the backup singleNode: true for a one-node dev cluster' });
    }
    if (this.volume.readWriteMany === false && !ctx.singleNode) {
      const claim = (this.settings.persistentVolumeClaim as { claimName: string }).claimName;
      problems.push({ field: `${at}.persistentVolumeClaim`, message: `claim '${claim}' is not ReadWriteMany, but every tablet and backup job mounts it, from any node`, fix: 'use accessModes [READ_WRITE_MANY] (with a StorageClass that supports it), or declare the backup singleNode: true for a one-node dev cluster' });
    }
    const claim = this.volume.claim;
    if (claim && parseMemory(claim.size) === undefined) {
      problems.push({ field: `${at}.persistentVolumeClaim.size`, message: `'${claim.size}' is not a storage quantity`, fix: "write it like '100Gi'" });
    }
    return problems;
  }
}
