import { compareMinor, MysqlVersionId, RELEASES, ReleaseRow } from './releases';

/** One instance per release, so releases compare with `===`. (Module-level: static fields initialise in order.) */
const INSTANCES = new Map<string, VitessRelease>();

/**
 * One version choice that fixes the operator, Vitess, mysqld, exporter and etcd images together.
 *
 * Named by Vitess major (`VitessRelease.V24`) because that is what users talk about; each value also
 * knows its operator release (`V24.operatorVersion === '2.17.0'`).
 */
export class VitessRelease {
  public static readonly V14 = VitessRelease.byMinor('2.7');
  public static readonly V15 = VitessRelease.byMinor('2.8');
  public static readonly V16 = VitessRelease.byMinor('2.9');
  public static readonly V17 = VitessRelease.byMinor('2.10');
  public static readonly V18 = VitessRelease.byMinor('2.11');
  public static readonly V19 = VitessRelease.byMinor('2.12');
  public static readonly V20 = VitessRelease.byMinor('2.13');
  public static readonly V21 = VitessRelease.byMinor('2.14');
  public static readonly V22 = VitessRelease.byMinor('2.15');
  public static readonly V23 = VitessRelease.byMinor('2.16');
  public static readonly V24 = VitessRelease.byMinor('2.17');
  /** The newest release this library knows; the default everywhere. */
  public static readonly LATEST = VitessRelease.V24;

  /** Every known release, oldest first. */
  public static all(): VitessRelease[] {
    return RELEASES.map((r) => VitessRelease.byMinor(r.minor));
  }

  /**
   * Looks a release up by operator version (`2.17`, `v2.17.0`) or Vitess major (`24`).
   * @throws if the version is not in the matrix.
   */
  public static of(version: string | number): VitessRelease {
    const s = String(version).replace(/^v/, '');
    const r = /^\d+$/.test(s)
      ? RELEASES.find((x) => x.vitessMajor === Number(s))
      : RELEASES.find((x) => s === x.minor || s.startsWith(`${x.minor}.`));
    if (!r) {
      const known = RELEASES.map((x) => `${x.minor} (Vitess ${x.vitessMajor})`).join(', ');
      throw new Error(`unknown Vitess release '${version}': pick one of ${known}`);
    }
    return VitessRelease.byMinor(r.minor);
  }

  private static byMinor(minor: string): VitessRelease {
    let r = INSTANCES.get(minor);
    if (!r) {
      r = new VitessRelease(RELEASES.find((x) => x.minor === minor)!);
      INSTANCES.set(minor, r);
    }
    return r;
  }

  private constructor(public readonly row: ReleaseRow) {}

  /** Operator minor, e.g. `2.17`. */
  public get operatorMinor(): string { return this.row.minor; }
  /** Operator release, e.g. `2.17.0`. */
  public get operatorVersion(): string { return this.row.operatorVersion; }
  /** Git tag of the operator release, e.g. `v2.17.0` (also the name of the upstream data folder). */
  public get operatorTag(): string { return `v${this.row.operatorVersion}`; }
  /** The pinned operator image. */
  public get operatorImage(): string { return `planetscale/vitess-operator:${this.operatorTag}`; }
  /** Vitess major, e.g. 24. */
  public get vitessMajor(): number { return this.row.vitessMajor; }
  /** Vitess release, e.g. `24.0.0`. */
  public get vitessVersion(): string { return this.row.vitessVersion; }
  public get mysqldExporterImage(): string { return this.row.mysqldExporterImage; }
  public get etcdImage(): string { return this.row.etcdImage; }
  public get crdFiles(): readonly string[] { return this.row.crdFiles; }

  /** MySQL versions this release ships lite images for. */
  public get mysqlVersions(): MysqlVersionId[] {
    return Object.keys(this.row.liteTags) as MysqlVersionId[];
  }

  /** The pinned vitess/lite image that bundles the given MySQL version, or undefined if unsupported. */
  public liteImage(mysql: MysqlVersionId): string | undefined {
    const tag = this.row.liteTags[mysql];
    return tag ? `vitess/lite:${tag}` : undefined;
  }

  /** The MySQL server version bundled in {@link liteImage}. */
  public mysqlServerVersion(mysql: MysqlVersionId): string | undefined {
    return this.row.mysqlServerVersions[mysql];
  }

  /** True when this release is at least the given operator minor (`2.9`). */
  public atLeast(minor: string): boolean {
    return compareMinor(this.row.minor, minor) >= 0;
  }

  public toString(): string {
    return `operator ${this.operatorVersion} (Vitess ${this.vitessMajor})`;
  }
}
