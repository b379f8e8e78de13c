import { Construct } from 'constructs';
import { checkBackupLocationName } from './backup';
import { checkExternalDatastore, ExternalDatastore, ExternalTabletType, renderExternalDatastore } from './external-datastore';
import { clusterOf } from './cluster-context';
import type { Keyspace } from './keyspace';
import { checkName } from './names';
import { TabletType } from './policies';
import { addProblemCheck, checkCount, missingProp, Problem, Warnings } from './problems';
import { parseMemory, parseMycnfSize } from './quantity';
import { ContainerResources, checkResources, renderResources } from './resources';

/** Something that names a cell: a `Cell` construct or its name. */
export interface ICellRef {
  readonly name: string;
}

export interface VttabletOptions {
  /** vttablet container resources. @default - requests cpu 100m / memory 256Mi, limit memory 256Mi */
  readonly resources?: ContainerResources;
  /** Extra vttablet flags (without leading dashes). @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
  /** Flags for the vtbackup pods of scheduled and initial backups only (operator 2.17+). @default - none */
  readonly vtbackupExtraFlags?: Readonly<Record<string, string>>;
}

export interface MysqldExporterOptions {
  /** @default - operator default: requests cpu 10m / memory 32Mi, limits cpu 100m / memory 128Mi (operator 2.12+) */
  readonly resources?: ContainerResources;
  /** Extra mysqld-exporter flags (operator 2.16+). @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

export interface MysqldOptions {
  /** mysqld container resources. @default - the cluster's MySQL preset resources */
  readonly resources?: ContainerResources;
  /**
   * my.cnf lines for the `[mysqld]` section, e.g. `lower_case_table_names = 1`. They come after the
   * derived `innodb_buffer_pool_size`, so an explicit value here wins.
   * @default - none
   */
  readonly configOverrides?: string;
}

export interface TabletStorageOptions {
  /** Size of each tablet's data volume. @default '10Gi' */
  readonly size?: string;
  /** StorageClass; in multi-zone clusters use one with `volumeBindingMode: WaitForFirstConsumer`. @default - the cluster default */
  readonly storageClassName?: string;
}

export interface TabletPoolProps {
  /** Cell the tablets run in. */
  readonly cell: ICellRef | string;
  /** Pool type; the External types need `externalDatastore`. @default TabletType.REPLICA */
  readonly type?: TabletType | ExternalTabletType;
  /** Tablets (MySQL servers) per shard in this pool. */
  readonly replicas: number;
  /** @default - see VttabletOptions */
  readonly vttablet?: VttabletOptions;
  /** @default - see MysqldOptions */
  readonly mysqld?: MysqldOptions;
  /** @default - see TabletStorageOptions */
  readonly storage?: TabletStorageOptions;
  /** Backup location (by name) these tablets back up to and restore from. @default - the unnamed location */
  readonly backupLocationName?: string;
  /** mysqld-exporter sidecar settings (operator 2.12+). @default - operator defaults */
  readonly mysqldExporter?: MysqldExporterOptions;
  /**
   * An existing MySQL server these (unmanaged) tablets front, instead of a local mysqld; needs an
   * ExternalTabletType. No mysqld, volume or mysqld resources are emitted for such a pool.
   * @default - a local mysqld per tablet
   */
  readonly externalDatastore?: ExternalDatastore;
  /** Pool name, mixed into tablet identities; only allowed with `externalDatastore` (operator 2.12+). @default - none */
  readonly name?: string;
}

const DEFAULT_VTTABLET_RESOURCES: ContainerResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } };

/**
 * A set of tablets (vttablet + mysqld pods with a volume each) of one type in one cell, created for every
 * shard of its keyspace. Create with `keyspace.addTabletPool(...)`.
 */
export class TabletPool extends Construct {
  public readonly cellName: string;
  public readonly type: TabletType | ExternalTabletType;
  public readonly replicas: number;
  /** The CRD pool `name` (external pools only), part of the pool's identity with type and cell. */
  public readonly poolName?: string;

  public constructor(scope: Construct, id: string, private readonly props: TabletPoolProps) {
    super(scope, id);
    this.cellName = typeof props.cell === 'string' ? props.cell : props.cell?.name ?? '';
    this.type = props.type ?? TabletType.REPLICA;
    this.replicas = props.replicas;
    this.poolName = props.name;
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  /** Whether these tablets can become primary. */
  public get primaryEligible(): boolean {
    return this.type === TabletType.REPLICA || this.type === ExternalTabletType.MASTER;
  }

  /** Whether the tablets front an external MySQL instead of running their own. */
  public get isExternal(): boolean {
    return this.props.externalDatastore !== undefined;
  }

  /** mysqld resources after defaults. */
  public get mysqldResources(): ContainerResources {
    return this.props.mysqld?.resources ?? clusterOf(this, 'TabletPool').mysql.resources;
  }

  /** The CRD `tabletPools[]` item. */
  public render(): Record<string, unknown> {
    const { mysql } = clusterOf(this, 'TabletPool');
    const resources = this.mysqldResources;
    const pool = mysql.bufferPoolSize(resources.limits?.memory);
    const config = [pool ? `innodb_buffer_pool_size = ${pool}` : undefined, this.props.mysqld?.configOverrides?.replace(/^\s*\[mysqld\]\s*\n/, '').trim()]
      .filter((l): l is string => !!l);
    const storage = this.props.storage ?? {};
    const p = this.props;
    const exporter = p.mysqldExporter && {
      ...(p.mysqldExporter.resources ? { resources: renderResources(p.mysqldExporter.resources) } : {}),
      ...(p.mysqldExporter.extraFlags ? { extraFlags: { ...p.mysqldExporter.extraFlags } } : {}),
    };
    const common = {
      cell: this.cellName,
      type: this.type,
      ...(p.name !== undefined ? { name: p.name } : {}),
      replicas: this.replicas,
      vttablet: {
        ...(p.vttablet?.extraFlags ? { extraFlags: { ...p.vttablet.extraFlags } } : {}),
        ...(p.vttablet?.vtbackupExtraFlags ? { vtbackupExtraFlags: { ...p.vttablet.vtbackupExtraFlags } } : {}),
        resources: renderResources(p.vttablet?.resources ?? DEFAULT_VTTABLET_RESOURCES),
      },
      ...(p.backupLocationName !== undefined ? { backupLocationName: p.backupLocationName } : {}),
      ...(exporter ? { mysqldExporter: exporter } : {}),
    };
    if (p.externalDatastore) return { ...common, externalDatastore: renderExternalDatastore(p.externalDatastore) };
    return {
      ...common,
      mysqld: {
        resources: renderResources(resources),
        ...(config.length ? { configOverrides: `[mysqld]\n${config.join('\n')}\n` } : {}),
      },
      dataVolumeClaimTemplate: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: storage.size ?? '10Gi' } },
        ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
      },
    };
  }

  private check(): Problem[] {
    const cluster = clusterOf(this, 'TabletPool');
    // A defined cell validates its own name; a pool only reports cells that do not exist.
    const problems: Problem[] = [];
    // A cell of another federation member is reported by the Federation, whose fix moves the pool there;
    // "add the cell here" would break the rule that each cell belongs to one member.
    const peerCells = (this.node.scope as Partial<Pick<Keyspace, 'federationPeerCellNames'>>).federationPeerCellNames?.() ?? [];
    if (!this.props.cell) {
      problems.push(missingProp('cell', `pass cell: a Cell from cluster.addCell(...) or its name (${cluster.cellNames().join(', ') || 'none defined yet'})`));
    } else if (!cluster.cellNames().includes(this.cellName) && !peerCells.includes(this.cellName)) {
      problems.push(...checkName('cell', 'cell', this.cellName), {
        field: 'cell',
        message: `cell '${this.cellName}' is not one of the cluster's cells (${cluster.cellNames().join(', ') || 'none'}); its tablets would never register`,
        fix: `add the cell with cluster.addCell('${this.cellName}') or use one of the defined cells`,
      });
    }
    problems.push(...(this.replicas === undefined
      ? [missingProp('replicas', 'give the number of tablets per shard in this cell, e.g. replicas: 3 (0 scales the pool away)')]
      : checkCount('replicas', this.replicas, 'tablet count', '0 scales the pool away')));
    if (this.isExternal) return [...problems, ...this.checkExternal()];
    if (!Object.values(TabletType).includes(this.type as TabletType)) {
      problems.push({ field: 'type', message: `'${this.type}' is not a tablet pool type with a local mysqld`, fix: Object.values(ExternalTabletType).includes(this.type as ExternalTabletType) ? 'give the pool an externalDatastore, or use TabletType.REPLICA / RDONLY' : 'use TabletType.REPLICA or TabletType.RDONLY' });
    }
    if (this.props.name !== undefined) {
      problems.push({ field: 'name', message: `pool name '${this.props.name}' is only allowed on external pools (it is mixed into their tablet identities)`, fix: 'drop the name, or use an externalDatastore pool' });
    }
    problems.push(...checkBackupLocationName(this, this.props.backupLocationName));
    const size = this.props.storage?.size;
    if (size !== undefined && parseMemory(size) === undefined) {
      problems.push({ field: 'storage.size', message: `'${size}' is not a storage quantity`, fix: "write it like '10Gi'" });
    }
    problems.push(...checkResources('vttablet.resources', this.props.vttablet?.resources));
    problems.push(...checkResources('mysqld.resources', this.mysqldResources));
    problems.push(...cluster.mysql.checkMemory('mysqld.resources', this.mysqldResources));
    problems.push(...checkResources('mysqldExporter.resources', this.props.mysqldExporter?.resources));
    return problems;
  }

  /** Unmanaged tablets (pains O4): an External type, no local mysqld or volume. */
  private checkExternal(): Problem[] {
    const p = this.props;
    const problems = [...checkExternalDatastore('externalDatastore', p.externalDatastore!), ...checkResources('vttablet.resources', p.vttablet?.resources)];
    if (!Object.values(ExternalTabletType).includes(this.type as ExternalTabletType)) {
      problems.push({ field: 'type', message: `'${this.type}' pools run their own mysqld, but this pool has an externalDatastore`, fix: 'use ExternalTabletType.MASTER, REPLICA or RDONLY' });
    }
    for (const k of ['mysqld', 'storage'] as const) {
      if (p[k] !== undefined) problems.push({ field: k, message: `${k} is set, but an external pool has no local mysqld or data volume`, fix: `drop ${k}` });
    }
    if (p.name !== undefined) problems.push(...checkName('pool', 'name', p.name));
    return problems;
  }

  private warnings(): Problem[] {
    const overrides = this.props.mysqld?.configOverrides ?? '';
    const setting = /innodb_buffer_pool_size\s*=\s*(\S+)/i.exec(overrides)?.[1];
    const bytes = setting === undefined ? undefined : parseMycnfSize(setting);
    const limit = parseMemory(this.mysqldResources.limits?.memory ?? '');
    if (bytes === undefined || limit === undefined) return [];
    return bytes > 0.6 * limit
      ? [{ field: 'mysqld.configOverrides', message: `innodb_buffer_pool_size is more than 60% of the ${this.mysqldResources.limits!.memory} memory limit; mysqld may be OOM-killed under load`, fix: 'lower it, or let the MySQL preset derive it from the limit' }]
      : [];
  }
}
