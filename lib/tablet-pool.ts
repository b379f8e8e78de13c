import { Construct } from 'constructs';
import { clusterOf } from './cluster-context';
import { checkName } from './names';
import { TabletType } from './policies';
import { addProblemCheck, Problem, Warnings } from './problems';
import { parseMemory } from './quantity';
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
  /** Pool type. @default TabletType.REPLICA */
  readonly type?: TabletType;
  /** Tablets (MySQL servers) per shard in this pool. */
  readonly replicas: number;
  /** @default - see VttabletOptions */
  readonly vttablet?: VttabletOptions;
  /** @default - see MysqldOptions */
  readonly mysqld?: MysqldOptions;
  /** @default - see TabletStorageOptions */
  readonly storage?: TabletStorageOptions;
}

const DEFAULT_VTTABLET_RESOURCES: ContainerResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } };

/**
 * A set of tablets (vttablet + mysqld pods with a volume each) of one type in one cell, created for every
 * shard of its keyspace. Create with `keyspace.addTabletPool(...)`.
 */
export class TabletPool extends Construct {
  public readonly cellName: string;
  public readonly type: TabletType;
  public readonly replicas: number;

  public constructor(scope: Construct, id: string, private readonly props: TabletPoolProps) {
    super(scope, id);
    this.cellName = typeof props.cell === 'string' ? props.cell : props.cell.name;
    this.type = props.type ?? TabletType.REPLICA;
    this.replicas = props.replicas;
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  /** Whether these tablets can become primary. */
  public get primaryEligible(): boolean {
    return this.type === TabletType.REPLICA;
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
    return {
      cell: this.cellName,
      type: this.type,
      replicas: this.replicas,
      vttablet: {
        ...(this.props.vttablet?.extraFlags ? { extraFlags: { ...this.props.vttablet.extraFlags } } : {}),
        resources: renderResources(this.props.vttablet?.resources ?? DEFAULT_VTTABLET_RESOURCES),
      },
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
    const problems: Problem[] = [...checkName('cell', 'cell', this.cellName)];
    if (!cluster.cellNames().includes(this.cellName)) {
      problems.push({
        field: 'cell',
        message: `cell '${this.cellName}' is not one of the cluster's cells (${cluster.cellNames().join(', ') || 'none'}); its tablets would never register`,
        fix: `add the cell with cluster.addCell('${this.cellName}') or use one of the defined cells`,
      });
    }
    if (!Number.isInteger(this.replicas) || this.replicas < 0) {
      problems.push({ field: 'replicas', message: `${this.replicas} is not a tablet count`, fix: 'use a whole number ≥ 0 (0 scales the pool away)' });
    }
    if (!Object.values(TabletType).includes(this.type)) {
      problems.push({ field: 'type', message: `'${this.type}' is not a tablet pool type with a local mysqld`, fix: 'use TabletType.REPLICA or TabletType.RDONLY' });
    }
    const size = this.props.storage?.size;
    if (size !== undefined && parseMemory(size) === undefined) {
      problems.push({ field: 'storage.size', message: `'${size}' is not a storage quantity`, fix: "write it like '10Gi'" });
    }
    problems.push(...checkResources('vttablet.resources', this.props.vttablet?.resources));
    problems.push(...checkResources('mysqld.resources', this.mysqldResources));
    problems.push(...cluster.mysql.checkMemory('mysqld.resources', this.mysqldResources));
    return problems;
  }

  private warnings(): Problem[] {
    const overrides = this.props.mysqld?.configOverrides ?? '';
    const m = /innodb_buffer_pool_size\s*=\s*(\d+)([KMG]?)/i.exec(overrides);
    const limit = parseMemory(this.mysqldResources.limits?.memory ?? '');
    if (!m || limit === undefined) return [];
    const bytes = Number(m[1]) * ({ '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 } as Record<string, number>)[m[2].toUpperCase()];
    return bytes > 0.6 * limit
      ? [{ field: 'mysqld.configOverrides', message: `innodb_buffer_pool_size is more than 60% of the ${this.mysqldResources.limits!.memory} memory limit; mysqld may be OOM-killed under load`, fix: 'lower it, or let the MySQL preset derive it from the limit' }]
      : [];
  }
}
