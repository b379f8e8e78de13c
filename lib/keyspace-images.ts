import { checkPinnedImage, vitessMajorOfImage } from './images';
import { checkMysqlSupported, flavorKeyOf, isMysqlVersion } from './mysql';
import { Problem } from './problems';
import { MysqlVersionId } from './releases';
import { VitessRelease } from './vitess-release';

/**
 * Per-keyspace image overrides (`keyspaces[].images`, facts §2.2). Non-empty values replace the cluster's
 * images for that keyspace only; the supported way to move a keyspace to another MySQL or Vitess version.
 */
export interface KeyspaceImages {
  /** @default - the cluster's */
  readonly vttablet?: string;
  /** @default - the cluster's */
  readonly vtorc?: string;
  /** @default - the cluster's */
  readonly vtbackup?: string;
  /** @default - the cluster's */
  readonly mysqldExporter?: string;
  /** @default - the cluster's */
  readonly mysqld?: string;
  /**
   * MySQL version of `mysqld`; picks the flavor key (`mysql56Compatible` for 5.7, `mysql80Compatible` for
   * 8.0 and 8.4). A keyspace may only use these two keys.
   * @default - the cluster's MySQL version
   */
  readonly mysqlVersion?: MysqlVersionId;
}


export function renderKeyspaceImages(images: KeyspaceImages, clusterMysql: MysqlVersionId): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['vttablet', 'vtorc', 'vtbackup', 'mysqldExporter'] as const) {
    if (images[k]) out[k] = images[k];
  }
  // An unknown mysqlVersion is reported by checkKeyspaceImages; render the cluster's key meanwhile.
  const version = isMysqlVersion(images.mysqlVersion) ? images.mysqlVersion : clusterMysql;
  if (images.mysqld) out.mysqld = { [flavorKeyOf(version)]: images.mysqld };
  return out;
}

/** Pinned tags, and Vitess' N±1 rule between a keyspace's images and the cluster's release (pains U7, rule 2). */
export function checkKeyspaceImages(field: string, images: KeyspaceImages, release: VitessRelease): Problem[] {
  const example = release.liteImage('8.0') ?? 'vitess/lite:v24.0.0-mysql80';
  const problems: Problem[] = [];
  for (const k of ['vttablet', 'vtorc', 'vtbackup', 'mysqldExporter', 'mysqld'] as const) {
    const image = images[k];
    if (image === undefined) continue;
    problems.push(...checkPinnedImage(`${field}.${k}`, image, k === 'mysqldExporter' ? release.mysqldExporterImage : example));
    const major = vitessMajorOfImage(image);
    if (major !== undefined && Math.abs(major - release.vitessMajor) > 1) {
      problems.push({
        field: `${field}.${k}`,
        message: `'${image}' is Vitess ${major}, but the cluster runs Vitess ${release.vitessMajor}; Vitess only supports one major of skew between components`,
        fix: `use Vitess ${release.vitessMajor - 1}–${release.vitessMajor + 1} images, upgrading one major at a time`,
      });
    }
  }
  if (isMysqlVersion(images.mysqlVersion)) {
    problems.push(...checkMysqlSupported(`${field}.mysqlVersion`, images.mysqlVersion, release, "mysqlVersion '8.0' with an 8.0 mysqld image"));
  } else if (images.mysqlVersion !== undefined) {
    problems.push({ field: `${field}.mysqlVersion`, message: `'${images.mysqlVersion}' is not a MySQL version (the flavor key of the mysqld image depends on it)`, fix: "use '5.7', '8.0' or '8.4'" });
  }
  if (images.mysqlVersion !== undefined && !images.mysqld) {
    problems.push({ field: `${field}.mysqlVersion`, message: 'mysqlVersion is set without a mysqld image', fix: 'give the mysqld image it describes, or drop mysqlVersion' });
  }
  return problems;
}
