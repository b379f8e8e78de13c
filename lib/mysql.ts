import { Problem } from './problems';
import { MI, formatMemory, formatMycnfSize, parseMemory } from './quantity';
import { MysqlVersionId } from './releases';
import { ContainerResources } from './resources';
import { VitessRelease } from './vitess-release';

/** The `images.mysqld` keys of the CRD. MySQL 5.7 uses the 5.6 key and MySQL 8.4 the 8.0 key (there is no 8.4 key). */
export type MysqldFlavorKey = 'mysql56Compatible' | 'mysql80Compatible';

interface MysqlFacts {
  readonly flavorKey: MysqldFlavorKey;
  /** Below this mysqld memory limit the server dies during InnoDB initialisation (seed §3, pains S1). */
  readonly minMemoryLimit: number;
  /** Memory mysqld needs beside the buffer pool (connections, performance_schema, sort buffers). */
  readonly overhead: number;
  /** The last Vitess major that supports this MySQL version, and where the support was dropped. */
  readonly supportEnds?: { readonly lastVitessMajor: number; readonly source: string };
}

/** What each MySQL version needs, as data. */
const MYSQL: Record<MysqlVersionId, MysqlFacts> = {
  '5.7': { flavorKey: 'mysql56Compatible', minMemoryLimit: 256 * MI, overhead: 256 * MI, supportEnds: { lastVitessMajor: 18, source: 'vitessio/vitess#14663' } },
  '8.0': { flavorKey: 'mysql80Compatible', minMemoryLimit: 512 * MI, overhead: 512 * MI },
  '8.4': { flavorKey: 'mysql80Compatible', minMemoryLimit: 512 * MI, overhead: 512 * MI },
};

/**
 * Vitess itself no longer runs this MySQL version (pains §11.3): true whatever image is given, unlike a
 * version the release merely ships no image for.
 */
export function checkMysqlSupported(field: string, version: MysqlVersionId, release: VitessRelease, use = 'MysqlPreset.mysql80()'): Problem[] {
  const end = MYSQL[version].supportEnds;
  if (!end || release.vitessMajor <= end.lastVitessMajor) return [];
  const last = VitessRelease.all().find((r) => r.vitessMajor === end.lastVitessMajor);
  return [{
    field,
    message: `Vitess ${end.lastVitessMajor + 1} dropped support for MySQL ${version} (${end.source}), so ${release} cannot run it, whatever the image`,
    fix: `use MySQL 8.0 (${use}); an existing ${version} cluster upgrades MySQL to 8.0 on Vitess ${end.lastVitessMajor}${last ? ` (VitessRelease.V${last.vitessMajor})` : ''} before it upgrades Vitess`,
  }];
}

/** Whether a value is a MySQL version the presets know (`'5.7'`, `'8.0'`, `'8.4'`). */
export function isMysqlVersion(v: unknown): v is MysqlVersionId {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(MYSQL, v);
}

/** The `images.mysqld` key a MySQL version is declared under. */
export function flavorKeyOf(version: MysqlVersionId): MysqldFlavorKey {
  return MYSQL[version].flavorKey;
}

/** The mysqld sizing the seed's MySQL 8 cluster needed to stop being OOM-killed (and upstream's e2e values). */
const DEFAULT_MYSQLD_RESOURCES: ContainerResources = { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } };

/** InnoDB resizes the buffer pool in 128Mi chunks; sizes are rounded down to one. */
const POOL_CHUNK = 128 * MI;

export interface MysqlPresetOptions {
  /**
   * mysqld container resources, the default for every tablet pool.
   * @default - requests cpu 100m / memory 512Mi, limit memory 1Gi
   */
  readonly resources?: ContainerResources;
  /**
   * mysqld image. Must be pinned.
   * @default - the release's vitess/lite image for this MySQL version (it carries mysqlbinlog and xtrabackup,
   * which the official mysql image lacks)
   */
  readonly image?: string;
  /**
   * Version vtgate advertises to clients (`mysql_server_version`); the operator cannot derive it from
   * vitess/lite tags.
   * @default - the MySQL version bundled in the release's lite image, with `-Vitess` appended
   */
  readonly serverVersion?: string;
  /**
   * `innodb_buffer_pool_size` for mysqld. `auto` derives it from each pool's memory limit: at most 60% of
   * the limit and never closer than the version's overhead to it, in 128Mi steps; `none` leaves MySQL's default.
   * @default 'auto'
   */
  readonly bufferPoolSize?: 'auto' | 'none' | string;
}

/**
 * MySQL version and sizing for the tablets of a cluster: picks the right `images.mysqld` key, the vtgate
 * `mysql_server_version`, mysqld resources that do not OOM, and `innodb_buffer_pool_size` from the limit.
 */
export class MysqlPreset {
  /** MySQL 5.7 (flavor key `mysql56Compatible`); Vitess 14–18 only. */
  public static mysql57(options: MysqlPresetOptions = {}): MysqlPreset {
    return new MysqlPreset('5.7', options);
  }

  /** MySQL 8.0 (flavor key `mysql80Compatible`); every release. */
  public static mysql80(options: MysqlPresetOptions = {}): MysqlPreset {
    return new MysqlPreset('8.0', options);
  }

  /** MySQL 8.4 (declared under `mysql80Compatible`); Vitess 23 and later. */
  public static mysql84(options: MysqlPresetOptions = {}): MysqlPreset {
    return new MysqlPreset('8.4', options);
  }

  private constructor(public readonly version: MysqlVersionId, private readonly options: MysqlPresetOptions) {}

  public get flavorKey(): MysqldFlavorKey {
    return flavorKeyOf(this.version);
  }

  /** Default mysqld resources for tablet pools. */
  public get resources(): ContainerResources {
    return this.options.resources ?? DEFAULT_MYSQLD_RESOURCES;
  }

  /** The pinned mysqld image for a release (undefined if the release does not ship this MySQL version). */
  public image(release: VitessRelease): string | undefined {
    return this.options.image ?? release.liteImage(this.version);
  }

  /** The vtgate `mysql_server_version` value. */
  public serverVersion(release: VitessRelease): string {
    return this.options.serverVersion ?? `${release.mysqlServerVersion(this.version) ?? `${this.version}.0`}-Vitess`;
  }

  /** `innodb_buffer_pool_size` for a pool with this mysqld memory limit, or undefined to keep MySQL's default. */
  public bufferPoolSize(memoryLimit: string | undefined): string | undefined {
    const setting = this.options.bufferPoolSize ?? 'auto';
    if (setting === 'none') return undefined;
    if (setting !== 'auto') return setting;
    const limit = memoryLimit === undefined ? undefined : parseMemory(memoryLimit);
    if (limit === undefined) return undefined;
    const size = Math.min(limit * 0.6, limit - MYSQL[this.version].overhead);
    const chunks = Math.floor(size / POOL_CHUNK);
    // Below one chunk MySQL's own 128M default is as good as anything we could pick.
    return chunks >= 1 ? formatMycnfSize(chunks * POOL_CHUNK) : undefined;
  }

  /** Problems with this preset for a release: MySQL versions the release does not ship. */
  public checkRelease(release: VitessRelease): Problem[] {
    const problems: Problem[] = checkMysqlSupported('mysql', this.version, release);
    if (!problems.length && !release.liteImage(this.version) && !this.options.image) {
      const supported = VitessRelease.all().filter((r) => r.liteImage(this.version)).map((r) => r.vitessMajor);
      problems.push({
        field: 'mysql',
        message: `MySQL ${this.version} is not supported by ${release} (it supports MySQL ${release.mysqlVersions.join(', ')})`,
        fix: `use MysqlPreset.mysql${release.mysqlVersions.at(-1)!.replace('.', '')}() or a release with MySQL ${this.version} (Vitess ${supported[0]}–${supported.at(-1)})`,
      });
    }
    return problems;
  }

  /** The OOM floor for one pool's mysqld resources (seed §3: MySQL 8 died at 256Mi). */
  public checkMemory(field: string, resources: ContainerResources | undefined): Problem[] {
    const facts = MYSQL[this.version];
    const floor = formatMemory(facts.minMemoryLimit);
    const limitText = resources?.limits?.memory;
    if (limitText === undefined) {
      return [{
        field: `${field}.limits.memory`,
        message: `mysqld has no memory limit, so the scheduler cannot reserve what MySQL ${this.version} really uses and the node may OOM-kill it`,
        fix: `set limits.memory to at least ${floor} (1Gi recommended), requests.memory to at least half of it`,
      }];
    }
    const limit = parseMemory(limitText);
    // An unparseable limit is reported by checkResources.
    if (limit === undefined || limit >= facts.minMemoryLimit) return [];
    return [{
      field: `${field}.limits.memory`,
      message: `mysqld memory limit ${limitText} is below the ${floor} MySQL ${this.version} needs: InnoDB initialisation gets OOM-killed ` +
        `('Killed' in the mysqld log) while the tablet shows 1/3 or 2/3 ready and vttablet logs blame the topology`,
      fix: `set limits.memory to at least ${floor}${this.version.startsWith('8.') ? '; 1Gi with requests.memory 512Mi is the tested minimum for MySQL 8' : ''}`,
    }];
  }
}
