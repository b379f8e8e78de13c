/**
 * The change kinds `diff` reports, with their severity and the reason, as data (pains §8 L1–L6, rules 17 and
 * 28–33; facts §2.13, §3). Destructive changes lose data or orphan state; risky ones can hurt availability or
 * surprise; safe ones roll out normally.
 */

export type Severity = 'destructive' | 'risky' | 'safe';

interface KindInfo {
  readonly severity: Severity;
  /** Why the change has that severity, with the source in the docs. */
  readonly why: string;
}

/** Every change kind `diff` reports. `--allow` takes these ids. */
export const CHANGE_KINDS = {
  'cluster-removal': { severity: 'destructive', why: 'deleting a VitessCluster deletes all its children: tablets, their PVCs, etcd' },
  'cluster-rename': { severity: 'destructive', why: 'topo root /vitess/<cluster> and backup root [prefix/]<cluster> embed the name: the new cluster starts empty and the old topology and backups are orphaned (facts §3, pains F5, L6)' },
  'cluster-namespace-change': { severity: 'destructive', why: 'a cluster in another namespace is a new cluster: new etcd and tablets there, the old ones and their PVCs are deleted' },
  'lockserver-change': { severity: 'destructive', why: 'switching managed etcd and external, or changing rootPath/implementation, points every component at an empty topology and orphans the old one (pains L6)' },
  'lockserver-address-change': { severity: 'risky', why: 'safe only if the new address reaches the same etcd data; otherwise the topology is empty' },
  'cell-rename': { severity: 'destructive', why: 'tablet identity hashes the cell name: every tablet of the cell is deleted with its PVC and recreated empty under new aliases (pains L2)' },
  'cell-removal': { severity: 'risky', why: "the cell's vtgates and vtctlds go away; the cell is orphaned until no keyspace deploys to it (facts §2.13)" },
  'keyspace-removal': { severity: 'destructive', why: 'RequireIdle: orphaned until its pools are scaled to 0, then its tablets and PVCs are deleted; Immediate: torn down at once with its topo records and vschema (pains L1, L3)' },
  'keyspace-rename': { severity: 'destructive', why: 'a keyspace rename is a delete plus a create: the old keyspace and its data are turned down, the new one starts empty (CRD warning, pains L2)' },
  'shard-removal': { severity: 'destructive', why: 'removing a partitioning deletes its shards, tablets and PVCs; do it only after the Reshard workflow has switched writes and completed (pains L4)' },
  'partitioning-edit': { severity: 'destructive', why: 'changing parts/hexWidth/key ranges of a deployed partitioning deletes the old shards; add a second partitioning, Reshard, then remove the old one (facts §2.6, pains L4)' },
  'pool-removal': { severity: 'destructive', why: 'the operator drains and deletes the tablets of a removed pool, then deletes their PVCs (pains L3)' },
  'pool-rename': { severity: 'destructive', why: 'tablet identity includes the pool type (and name): the old tablets and PVCs are deleted, new empty ones created (pains L2)' },
  'replicas-decrease': { severity: 'destructive', why: 'the highest-index tablets are drained and deleted, then their PVCs (pains L3)' },
  'volume-shrink': { severity: 'destructive', why: 'PVCs cannot shrink: the API server rejects it, so tablets diverge from the spec; shrinking means new tablets and a data copy' },
  'mysql-lower-case-table-names': { severity: 'destructive', why: 'MySQL 8.0 refuses to start when lower_case_table_names differs from the data dictionary (pains O2)' },
  'mysql-downgrade': { severity: 'destructive', why: 'the operator refuses MySQL downgrades and data files may not open in the older version (pains M5)' },
  'image-major-jump': { severity: 'destructive', why: 'Vitess supports upgrades of one major at a time (N±1 between components); skipping a major is untested and may break topo or schema (facts §2.2, pains U7)' },
  'image-downgrade': { severity: 'destructive', why: 'Vitess major downgrades are unsupported (v20→v19 broke on my.cnf changes, vt#16300)' },
  'partitioning-added': { severity: 'risky', why: 'a second partitioning starts a reshard: its shards are created empty, Reshard must follow; add it after the existing one (facts §2.6, pains L4)' },
  'durability-change': { severity: 'risky', why: 'the operator calls SetKeyspaceDurabilityPolicy at once, ignoring updateStrategy; none → semi_sync can lock the shard (pains D4)' },
  'turndown-immediate': { severity: 'risky', why: 'with Immediate, removing the keyspace later tears it down at once, topo records and vschema included (pains L1)' },
  'sidecar-db-name-change': { severity: 'risky', why: 'sidecarDbName is applied only when the keyspace is created: the change is silently ignored (pains L5)' },
  'database-name-change': { severity: 'destructive', why: 'tablets switch to a different physical schema: existing data disappears from Vitess (pains rule 32)' },
  'backup-engine-change': { severity: 'risky', why: 'new tablets cannot restore backups taken with the other engine until a fresh backup exists per shard (pains B4)' },
  'backup-location-change': { severity: 'risky', why: 'new tablets seed from the latest backup; a moved or removed location has none (pains B1)' },
  'mysql-flavor-change': { severity: 'risky', why: 'a rolling flavor swap (5.7 → 8.0) is risky; the supported path is per-keyspace images and MoveTables (pains M5)' },
  'mysql-upgrade': { severity: 'risky', why: 'a MySQL minor change (8.0 → 8.4) needs innodb_fast_shutdown=0 and a matching xtrabackup; no way back (pains M3, M5)' },
  'memory-decrease': { severity: 'risky', why: 'less memory can OOM-kill mysqld or vttablet; MySQL 8 needs ≥ 1Gi in practice (pains S1)' },
  'volume-grow': { severity: 'risky', why: 'needs a StorageClass with allowVolumeExpansion and a pod restart; with updateStrategy External also allowResourceChanges: [storage] (pains U5)' },
  'volume-template-change': { severity: 'risky', why: 'PVC specs are immutable: only new tablets get the new storageClassName/accessModes' },
  'update-strategy-change': { severity: 'risky', why: 'External holds changes until released; Immediate rolls them out at once (facts §2.12, pains U5)' },
  'cluster-ip-change': { severity: 'risky', why: 'clusterIP is honoured only when the Service is created (pains L5)' },
  'pruning-enabled': { severity: 'risky', why: 'with pruning on, the operator deletes cells/keyspaces/shards/tablets in topo that the spec does not list (pains F2, vt#13074)' },
  'gateway-scale-to-zero': { severity: 'risky', why: 'a cell without vtgates serves no queries' },
  'cluster-added': { severity: 'safe', why: 'a new cluster' },
  'cell-added': { severity: 'safe', why: 'a new cell' },
  'keyspace-added': { severity: 'safe', why: 'a new keyspace starts empty' },
  'keyspace-removal-idle': { severity: 'safe', why: 'all pools were already at 0 replicas: the RequireIdle turndown path' },
  'pool-added': { severity: 'safe', why: 'new tablets seed from the latest backup' },
  'spec-change': { severity: 'safe', why: 'rolled out by the operator (one tablet per shard at a time with updateStrategy Immediate)' },
} as const satisfies Record<string, KindInfo>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

/** The change kinds of one severity, in declaration order. */
export function kindsOf(severity: Severity): ChangeKind[] {
  return (Object.keys(CHANGE_KINDS) as ChangeKind[]).filter((k) => CHANGE_KINDS[k].severity === severity);
}
