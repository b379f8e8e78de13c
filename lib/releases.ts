/**
 * The release matrix: one row per PlanetScale Vitess Operator minor (last patch of each), as data.
 *
 * Facts come from the operator's release tags (see ../shared/docs/vitess-operator-facts.md §1, §2.14).
 * Everything version-dependent in the library reads this table; nothing else hard-codes a version.
 */

/** MySQL server versions the presets know. The key is what users pick; the flavor key is what the CRD wants. */
export type MysqlVersionId = '5.7' | '8.0' | '8.4';

export interface ReleaseRow {
  /** Operator minor, e.g. `2.17`. */
  readonly minor: string;
  /** Last patch of that minor, i.e. the git tag without `v`. */
  readonly operatorVersion: string;
  /** Vitess major that the operator minor is built against (2.N ↔ N+7). */
  readonly vitessMajor: number;
  /** The Vitess release the operator defaults to (its compiled-in vitess/lite tag, without flavor suffix). */
  readonly vitessVersion: string;
  /** vitess/lite tag for each supported MySQL version. A MySQL version missing here is not supported. */
  readonly liteTags: Readonly<Partial<Record<MysqlVersionId, string>>>;
  /** The MySQL server version bundled in that lite tag (what vtgate should advertise). */
  readonly mysqlServerVersions: Readonly<Partial<Record<MysqlVersionId, string>>>;
  /** prom/mysqld-exporter image the operator defaults to. */
  readonly mysqldExporterImage: string;
  /** etcd image the operator defaults to for managed lockservers. */
  readonly etcdImage: string;
  /** CRD files shipped in the tag's deploy/crds. */
  readonly crdFiles: readonly string[];
  /** RBAC layout of the tag's deploy/ set. */
  readonly rbac: 'namespaced-role' | 'cluster-role';
}

const CRDS_7 = [
  'planetscale.com_etcdlockservers.yaml',
  'planetscale.com_vitessbackups.yaml',
  'planetscale.com_vitessbackupstorages.yaml',
  'planetscale.com_vitesscells.yaml',
  'planetscale.com_vitessclusters.yaml',
  'planetscale.com_vitesskeyspaces.yaml',
  'planetscale.com_vitessshards.yaml',
] as const;
const CRDS_8 = [...CRDS_7.slice(0, 2), 'planetscale.com_vitessbackupschedules.yaml', ...CRDS_7.slice(2)] as const;

/** vitess/lite tag naming changed twice: 14–15 bundle 5.7 by default, 16–22 bundle 8.0, 23+ always carry a suffix. */
function liteTags(v: string, major: number): Partial<Record<MysqlVersionId, string>> {
  if (major <= 15) return { '5.7': v, '8.0': `${v}-mysql80` };
  if (major <= 18) return { '5.7': `${v}-mysql57`, '8.0': v };
  if (major <= 22) return { '8.0': v };
  return { '8.0': `${v}-mysql80`, '8.4': `${v}-mysql84` };
}

/** Bundled MySQL patch levels: 8.0.23 until Vitess 15, 8.0.30 from 16, 8.0.40 from 22 (facts M3). */
function mysqlServerVersions(major: number): Partial<Record<MysqlVersionId, string>> {
  const v80 = major <= 15 ? '8.0.23' : major <= 21 ? '8.0.30' : '8.0.40';
  return { '5.7': '5.7.31', '8.0': v80, '8.4': '8.4.6' };
}

function row(minor: string, patch: number, vitessVersion: string, exporter: string, etcd: string): ReleaseRow {
  const minorNum = Number(minor.split('.')[1]);
  const vitessMajor = minorNum + 7;
  const tags = liteTags(`v${vitessVersion}`, vitessMajor);
  const versions = mysqlServerVersions(vitessMajor);
  return {
    minor,
    operatorVersion: `${minor}.${patch}`,
    vitessMajor,
    vitessVersion,
    liteTags: tags,
    mysqlServerVersions: Object.fromEntries(Object.keys(tags).map((k) => [k, versions[k as MysqlVersionId]])),
    mysqldExporterImage: `prom/mysqld-exporter:${exporter}`,
    etcdImage: `quay.io/coreos/etcd:${etcd}`,
    crdFiles: minorNum >= 13 ? CRDS_8 : CRDS_7,
    rbac: minorNum >= 15 ? 'cluster-role' : 'namespaced-role',
  };
}

/** Operator minors 2.7 … 2.17, oldest first. */
export const RELEASES: readonly ReleaseRow[] = [
  row('2.7', 5, '14.0.5', 'v0.11.0', 'v3.3.13'),
  row('2.8', 6, '15.0.5', 'v0.11.0', 'v3.3.13'),
  row('2.9', 5, '16.0.5', 'v0.11.0', 'v3.3.13'),
  row('2.10', 4, '17.0.7', 'v0.11.0', 'v3.3.13'),
  row('2.11', 1, '18.0.7', 'v0.11.0', 'v3.5.9'),
  row('2.12', 0, '19.0.0', 'v0.11.0', 'v3.5.9'),
  row('2.13', 1, '20.0.1', 'v0.11.0', 'v3.5.9'),
  row('2.14', 0, '21.0.0', 'v0.11.0', 'v3.5.9'),
  row('2.15', 1, '22.0.1', 'v0.14.0', 'v3.5.17'),
  row('2.16', 0, '23.0.0', 'v0.14.0', 'v3.5.17'),
  row('2.17', 0, '24.0.0', 'v0.18.0', 'v3.5.17'),
];

/**
 * VitessCluster fields that exist only in some releases (facts §2.14), checked against the rendered spec.
 *
 * `path` is a spec path with `[]` for list items; `{shard}` stands for both shard-template locations
 * (`partitionings[].equal.shardTemplate` and `partitionings[].custom.shards[]`). `value` narrows a gate to
 * one enum value. A field is available in `[since, removedIn)` plus any minor listed in `alsoIn`.
 */
export interface FieldGate {
  readonly path: string;
  readonly value?: string;
  readonly since?: string;
  readonly removedIn?: string;
  readonly alsoIn?: readonly string[];
  /** What to do instead, for removed fields. */
  readonly hint?: string;
}

const POOL = 'keyspaces[].{shard}.tabletPools[]';

export const FIELD_GATES: readonly FieldGate[] = [
  { path: 'keyspaces[].vitessOrchestrator.configSecret', removedIn: '2.8', hint: 'drop it: vtorc reads its config from flags since 2.8' },
  { path: 'keyspaces[].{shard}.replication.enforceSemiSync', removedIn: '2.9', hint: 'use the keyspace durabilityPolicy (e.g. semi_sync) instead' },
  { path: 'cells[].gateway.lifecycle', since: '2.10' },
  { path: 'cells[].gateway.terminationGracePeriodSeconds', since: '2.10' },
  { path: `${POOL}.name`, since: '2.12' },
  { path: `${POOL}.mysqldExporter`, since: '2.12' },
  { path: `${POOL}.vttablet.terminationGracePeriodSeconds`, since: '2.12' },
  { path: 'keyspaces[].images.mysqld', since: '2.12', alsoIn: ['2.11'] },
  { path: 'backup.schedules', since: '2.13' },
  { path: 'keyspaces[].images.vttablet', since: '2.14', alsoIn: ['2.11'] },
  { path: 'keyspaces[].images.vtorc', since: '2.14', alsoIn: ['2.11'] },
  { path: 'keyspaces[].images.vtbackup', since: '2.14', alsoIn: ['2.11'] },
  { path: 'keyspaces[].images.mysqldExporter', since: '2.14', alsoIn: ['2.11'] },
  { path: 'backup.engine', value: 'mysqlshell', since: '2.14' },
  { path: 'cells[].gateway.autoscaler', since: '2.15' },
  { path: 'cells[].gateway.strategy', since: '2.15' },
  { path: 'keyspaces[].sidecarDbName', since: '2.15' },
  { path: 'backup.locations[].s3.minPartSize', since: '2.15' },
  { path: 'keyspaces[].partitionings[].equal.hexWidth', since: '2.16' },
  { path: 'vtadmin.fetchCredentials', since: '2.16' },
  { path: `${POOL}.mysqldExporter.extraFlags`, since: '2.16' },
  { path: 'backup.schedules[].frequency', since: '2.17' },
  { path: 'backup.schedules[].backupMethod', since: '2.17' },
  { path: 'backup.schedules[].tolerations', since: '2.17' },
  { path: 'backup.schedules[].strategies[].scope', since: '2.17' },
  { path: `${POOL}.vttablet.vtbackupExtraFlags`, since: '2.17' },
];

/** Compares operator minors like `2.9` < `2.10`. */
export function compareMinor(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

/** Whether a gated field exists in the given operator minor. */
export function gateOpen(gate: FieldGate, minor: string): boolean {
  if (gate.alsoIn?.includes(minor)) return true;
  if (gate.since && compareMinor(minor, gate.since) < 0) return false;
  if (gate.removedIn && compareMinor(minor, gate.removedIn) >= 0) return false;
  return true;
}
