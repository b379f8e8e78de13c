import { vitessMajorOfImage } from '../images';
import { DurabilityPolicy, TurndownPolicy, UpdateStrategyType } from '../policies';
import { parseMemory } from '../quantity';
import { MysqlVersionId } from '../releases';
import { keyspaceShards, partitioningShards } from '../topology';
import { VitessRelease } from '../vitess-release';
import { CHANGE_KINDS, ChangeKind, kindsOf, Severity } from './change-kinds';
import { ClusterManifest, InputError } from './manifests';
import { DEFAULT_REPLICAS } from '../operator-defaults';

/**
 * `diff`: every change between two syntheses of VitessClusters, classified destructive / risky / safe
 * (pains §8 L1–L6, rules 17 and 28–33; facts §2.13, §3). Destructive changes lose data or orphan state; the
 * CLI exits non-zero on them unless each one is allowed.
 */

export interface Change {
  readonly kind: ChangeKind;
  readonly severity: Severity;
  readonly cluster: string;
  /** Spec path with list items by key: `keyspaces[ADV].shards[-80].tabletPools[replica@az1].replicas`. */
  readonly path: string;
  readonly message: string;
}

interface Finding {
  kind: ChangeKind;
  path: string;
  message: string;
  /** Leaf path prefixes this finding explains, so they are not reported again as generic changes. */
  covers?: string[];
}

// ---- flattening: specs as leaf paths, list items keyed like the operator merges them -------------------------

type Leaves = Map<string, unknown>;

/** Lists whose items have an identity (CRD merge keys), by the path of the list. */
const LIST_KEYS: ReadonlyArray<[RegExp, (item: any) => string]> = [
  [/^cells$/, (x) => String(x?.name)],
  [/^backup\.locations$/, (x) => String(x?.name || '(default)')],
  [/^backup\.schedules$/, (x) => String(x?.name)],
  [/\.tabletPools$/, (x) => poolKey(x)],
];

function poolKey(p: any): string {
  return `${p?.type}@${p?.cell}${p?.name ? `/${p.name}` : ''}`;
}

function flatten(value: unknown, path: string, out: Leaves): void {
  if (Array.isArray(value)) {
    const keyed = LIST_KEYS.find(([re]) => re.test(path));
    if (keyed) for (const item of value) flatten(item, `${path}[${keyed[1](item)}]`, out);
    else out.set(path, value);
  } else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(path, value);
  }
}

/** Keyspaces become `keyspaces[name]` with `shards[-80]` (the winning template per key range) instead of partitionings. */
function leavesOf(spec: any, cellRename: Map<string, string>): Leaves {
  const { keyspaces, ...rest } = spec ?? {};
  const out: Leaves = new Map();
  flatten(rest, '', out);
  for (const ks of keyspaces ?? []) {
    const { partitionings, ...ksRest } = ks;
    const base = `keyspaces[${ks.name}]`;
    flatten(ksRest, base, out);
    out.set(`${base}.partitionings`, (partitionings ?? []).map(shape));
    for (const s of keyspaceShards(ks)) {
      const pools = (s.template.tabletPools ?? []).map((p: any) => ({ ...p, cell: cellRename.get(p.cell) ?? p.cell }));
      flatten({ ...s.template, tabletPools: pools }, `${base}.shards[${s.name}]`, out);
    }
  }
  return out;
}

function shape(p: any): string {
  return p?.equal ? `equal(parts=${p.equal.parts}, hexWidth=${p.equal.hexWidth ?? 0})` : `custom(${partitioningShards(p).map((s) => `${s.start}-${s.end}`).join(',')})`;
}

// ---- structural rules: what appears, disappears or is renamed ---------------------------------------------

/** Items of a keyed list that disappear and appear; one of each is taken as a rename. */
function listChanges<T>(before: Map<string, T>, after: Map<string, T>) {
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const renamed = removed.length === 1 && added.length === 1 ? { from: removed[0], to: added[0] } : undefined;
  return { removed: renamed ? [] : removed, added: renamed ? [] : added, renamed };
}

function byName(list: any[] | undefined): Map<string, any> {
  return new Map((list ?? []).map((x) => [String(x.name), x]));
}

function tabletCount(pools: any[]): number {
  return pools.reduce((a, p) => a + Number(p.replicas ?? 0), 0);
}

function cellChanges(a: any, b: any, f: Finding[]): Map<string, string> {
  const { removed, added, renamed } = listChanges(byName(a.cells), byName(b.cells));
  const rename = new Map<string, string>();
  if (renamed) {
    rename.set(renamed.to, renamed.from);
    const n = (a.keyspaces ?? []).flatMap((ks: any) => keyspaceShards(ks).flatMap((s) => (s.template.tabletPools ?? []).filter((p: any) => p.cell === renamed.from)));
    f.push({ kind: 'cell-rename', path: `cells[${renamed.from}]`, message: `cell ${renamed.from} renamed to ${renamed.to}: its ${tablets(tabletCount(n))} and their PVCs are deleted and recreated empty`, covers: [`cells[${renamed.from}]`, `cells[${renamed.to}]`] });
  }
  for (const c of removed) f.push({ kind: 'cell-removal', path: `cells[${c}]`, message: `cell ${c} removed: its vtgates and vtctlds are deleted`, covers: [`cells[${c}]`] });
  for (const c of added) f.push({ kind: 'cell-added', path: `cells[${c}]`, message: `cell ${c} added`, covers: [`cells[${c}]`] });
  return rename;
}

function keyspaceChanges(a: any, b: any, f: Finding[]): void {
  const before = byName(a.keyspaces);
  const after = byName(b.keyspaces);
  const { removed, added, renamed } = listChanges(before, after);
  if (renamed) {
    f.push({ kind: 'keyspace-rename', path: `keyspaces[${renamed.from}]`, message: `keyspace ${renamed.from} renamed to ${renamed.to}: ${renamed.from} is turned down and ${renamed.to} created empty`, covers: [`keyspaces[${renamed.from}]`, `keyspaces[${renamed.to}]`] });
  }
  for (const k of removed) {
    const ks = before.get(k);
    const n = tabletCount(keyspaceShards(ks).flatMap((s) => s.template.tabletPools ?? []));
    const how = ks.turndownPolicy === TurndownPolicy.IMMEDIATE ? 'turndownPolicy Immediate tears it down at once, topo records and vschema included' : 'it stays orphaned until its pools are scaled to 0, then they are deleted';
    f.push(n === 0
      ? { kind: 'keyspace-removal-idle', path: `keyspaces[${k}]`, message: `keyspace ${k} removed after its pools were scaled to 0`, covers: [`keyspaces[${k}]`] }
      : { kind: 'keyspace-removal', path: `keyspaces[${k}]`, message: `keyspace ${k} removed with ${tablets(n)}: ${how}`, covers: [`keyspaces[${k}]`] });
  }
  for (const k of added) f.push({ kind: 'keyspace-added', path: `keyspaces[${k}]`, message: `keyspace ${k} added`, covers: [`keyspaces[${k}]`] });
  for (const [k, ks] of before) if (after.has(k)) partitioningChanges(k, ks, after.get(k), f);
}

/** Partitionings are matched by their shard list; unmatched ones in order are edits, the rest removals or additions. */
function partitioningChanges(name: string, a: any, b: any, f: Finding[]): void {
  const base = `keyspaces[${name}]`;
  const names = (p: any) => partitioningShards(p).map((s) => `${s.start}-${s.end}`);
  const oldP: string[][] = (a.partitionings ?? []).map(names);
  const newP: string[][] = (b.partitionings ?? []).map(names);
  const sig = (s: string[]) => s.join(',');
  const oldOnly = oldP.filter((p) => !newP.some((q) => sig(q) === sig(p)));
  const newOnly = newP.filter((p) => !oldP.some((q) => sig(q) === sig(p)));
  const newShards = new Set(newP.flat());
  const oldShards = new Set(oldP.flat());
  const covers = (shards: string[]) => [`${base}.partitionings`, ...shards.map((s) => `${base}.shards[${s}]`)];
  for (let i = 0; i < Math.min(oldOnly.length, newOnly.length); i++) {
    const gone = oldOnly[i].filter((s) => !newShards.has(s));
    f.push({ kind: 'partitioning-edit', path: `${base}.partitionings`, message: `partitioning ${sig(oldOnly[i])} changed in place to ${sig(newOnly[i])}${gone.length ? `: shards ${gone.join(', ')} and their tablets are deleted` : ''}`, covers: covers([...oldOnly[i], ...newOnly[i]]) });
  }
  for (const p of oldOnly.slice(newOnly.length)) {
    const gone = p.filter((s) => !newShards.has(s));
    if (gone.length) f.push({ kind: 'shard-removal', path: `${base}.partitionings`, message: `partitioning ${sig(p)} removed: shards ${gone.join(', ')}, their tablets and PVCs are deleted`, covers: covers(gone) });
  }
  for (const p of newOnly.slice(oldOnly.length)) {
    const fresh = p.filter((s) => !oldShards.has(s));
    const first = newP.findIndex((q) => sig(q) === sig(p)) < newP.length - 1;
    f.push({ kind: 'partitioning-added', path: `${base}.partitionings`, message: `partitioning ${sig(p)} added: new empty shards ${fresh.join(', ')}${first ? '; it is not last: add new partitionings after the existing one' : ''}`, covers: covers(fresh) });
  }
}

/** Pools of shards present on both sides (after cell renames); leaves of removed/added pools are covered. */
function poolChanges(before: Leaves, after: Leaves, f: Finding[]): void {
  const pools = (l: Leaves) => {
    const m = new Map<string, Map<string, number>>();
    for (const [path, v] of l) {
      const hit = /^(keyspaces\[[^\]]+\]\.shards\[[^\]]*\])\.tabletPools\[([^\]]+)\]\.replicas$/.exec(path);
      if (!hit) continue;
      if (!m.has(hit[1])) m.set(hit[1], new Map());
      m.get(hit[1])!.set(hit[2], Number(v));
    }
    return m;
  };
  const a = pools(before);
  const b = pools(after);
  for (const [shard, oldPools] of a) {
    const newPools = b.get(shard);
    if (!newPools) continue; // the whole shard went away: reported by the partitioning rules
    const removed = [...oldPools.keys()].filter((k) => !newPools.has(k));
    const added = [...newPools.keys()].filter((k) => !oldPools.has(k));
    const cellOf = (k: string) => k.split('@')[1].split('/')[0];
    for (const r of [...removed]) {
      const twin = added.filter((x) => cellOf(x) === cellOf(r));
      if (twin.length === 1 && removed.filter((x) => cellOf(x) === cellOf(r)).length === 1) {
        f.push({ kind: 'pool-rename', path: `${shard}.tabletPools[${r}]`, message: `pool ${r} becomes ${twin[0]}: its ${tablets(oldPools.get(r) ?? 0)} and PVCs are deleted, ${newPools.get(twin[0])} new ones created empty`, covers: [`${shard}.tabletPools[${r}]`, `${shard}.tabletPools[${twin[0]}]`] });
        removed.splice(removed.indexOf(r), 1);
        added.splice(added.indexOf(twin[0]), 1);
      }
    }
    for (const r of removed) {
      const n = oldPools.get(r) ?? 0;
      f.push(n > 0
        ? { kind: 'pool-removal', path: `${shard}.tabletPools[${r}]`, message: `pool ${r} removed: its ${tablets(n)} and their PVCs are deleted`, covers: [`${shard}.tabletPools[${r}]`] }
        : { kind: 'spec-change', path: `${shard}.tabletPools[${r}]`, message: `pool ${r} removed (it had 0 replicas)`, covers: [`${shard}.tabletPools[${r}]`] });
    }
    for (const x of added) f.push({ kind: 'pool-added', path: `${shard}.tabletPools[${x}]`, message: `pool ${x} added with ${tablets(newPools.get(x) ?? 0)}`, covers: [`${shard}.tabletPools[${x}]`] });
  }
}

/** Managed etcd vs external, and the external params (facts §2.4). */
function lockserverChanges(path: string, a: any, b: any, f: Finding[]): void {
  const kind = (ls: any) => (ls?.external ? 'external' : ls?.etcd || path === 'globalLockserver' ? 'managed etcd' : 'none');
  const [ka, kb] = [kind(a), kind(b)];
  if (ka !== kb) {
    f.push({ kind: 'lockserver-change', path, message: `${ka} → ${kb}`, covers: [path] });
  } else if (ka === 'external') {
    for (const field of ['rootPath', 'implementation'] as const) {
      if (a.external[field] !== b.external[field]) f.push({ kind: 'lockserver-change', path: `${path}.external.${field}`, message: changed(a.external[field], b.external[field]), covers: [`${path}.external.${field}`] });
    }
    if (a.external.address !== b.external.address) f.push({ kind: 'lockserver-address-change', path: `${path}.external.address`, message: changed(a.external.address, b.external.address), covers: [`${path}.external.address`] });
  }
}

/** Flavor key and MySQL version of a mysqld image object (facts §2.2: the first non-empty key wins). */
function mysqldChanges(path: string, a: any, b: any, f: Finding[]): void {
  if (!a || !b) return;
  const FLAVORS = ['mysql56Compatible', 'mysql80Compatible', 'mariadbCompatible', 'mariadb103Compatible'];
  const flavor = (m: any) => FLAVORS.find((k) => m[k]);
  const [fa, fb] = [flavor(a), flavor(b)];
  if (fa && fb && fa !== fb) {
    f.push({ kind: 'mysql-flavor-change', path, message: `${fa} → ${fb}`, covers: [path] });
    return;
  }
  const [va, vb] = [mysqlVersion(a[fa ?? '']), mysqlVersion(b[fb ?? ''])];
  if (!va || !vb) return;
  const message = `MySQL ${va.text} → ${vb.text}`;
  // A patch level is compared only when both sides name one.
  const order = va.major - vb.major || va.minor - vb.minor || (va.patch !== undefined && vb.patch !== undefined ? va.patch - vb.patch : 0);
  if (order > 0) f.push({ kind: 'mysql-downgrade', path, message, covers: [path] });
  else if (va.major !== vb.major || va.minor !== vb.minor) f.push({ kind: 'mysql-upgrade', path, message, covers: [path] });
}

interface MysqlVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch?: number;
  readonly text: string;
}

const MYSQL_SUFFIX = /-mysql(\d)(\d)$/;

/**
 * MySQL version of an image: `mysql:8.0.40`, `percona/percona-server:8.0.30`, or what a vitess/lite tag bundles
 * (release data: an unsuffixed `v22.0.1` is 8.0.40, `v15.0.5` is 5.7.31); otherwise a `-mysql84` suffix gives 8.4.
 */
function mysqlVersion(image: unknown): MysqlVersion | undefined {
  const s = String(image ?? '');
  const plain = /(?:^|\/)(?:mysql|percona-server|mysql-server):(\d+\.\d+(?:\.\d+)?)/.exec(s);
  if (plain) return parseVersion(plain[1]);
  const suffix = MYSQL_SUFFIX.exec(s);
  const vitessMajor = vitessMajorOfImage(s);
  const release = VitessRelease.all().find((r) => r.vitessMajor === vitessMajor);
  const id = suffix ? `${suffix[1]}.${suffix[2]}` : release?.mysqlVersions.find((v) => !MYSQL_SUFFIX.test(release.liteImage(v)!));
  if (id === undefined) return undefined;
  return parseVersion(release?.mysqlServerVersion(id as MysqlVersionId) ?? id);
}

function parseVersion(v: string): MysqlVersion {
  const [major, minor, patch] = v.split('.').map(Number);
  return { major, minor, patch, text: v };
}

// ---- leaf rules: one changed value, classified by its path ---------------------------------------------------

interface LeafRule {
  readonly match: RegExp;
  /** A finding for the changed value, or undefined to let the next rule (or `spec-change`) take it. */
  readonly classify: (before: unknown, after: unknown, m: RegExpExecArray, path: string) => Omit<Finding, 'path'> & { path?: string } | undefined;
}

const show = (v: unknown) => (v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));
const changed = (a: unknown, b: unknown) => `${show(a)} → ${show(b)}`;
const tablets = (n: number) => `${n} tablet${n === 1 ? '' : 's'}`;
const bytes = (v: unknown) => (v === undefined ? undefined : parseMemory(String(v)));
const lowerCase = (v: unknown) => /lower_case_table_names\s*=\s*(\d)/.exec(String(v ?? ''))?.[1] ?? '0';

/**
 * Fields the operator (or Vitess) defaults: unset and the default are the same value, so a switch between them is
 * no change, and rules see the effective values (facts §2.5, §2.9, §2.12, §2.3, §2.10, §2.11). Replica counts come
 * from operator-defaults, which `plan` uses too.
 */
const DEFAULTS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => unknown]> = [
  [/^keyspaces\[([^\]]+)\]\.databaseName$/, (m) => `vt_${m[1]}`],
  [/^keyspaces\[[^\]]+\]\.sidecarDbName$/, () => '_vt'],
  [/^keyspaces\[[^\]]+\]\.turndownPolicy$/, () => TurndownPolicy.REQUIRE_IDLE],
  [/^backup\.engine$/, () => 'builtin'], // BackupEngine.BUILTIN; lib/backup pulls in cdk8s, which the CLI need not load
  [/^updateStrategy\.type$/, () => UpdateStrategyType.EXTERNAL],
  [/^cells\[[^\]]+\]\.gateway\.replicas$/, () => DEFAULT_REPLICAS.vtgate],
  [/^vitessDashboard\.replicas$/, () => DEFAULT_REPLICAS.vtctld],
  [/^vtadmin\.replicas$/, () => DEFAULT_REPLICAS.vtadmin],
  [/^topologyReconciliation\.\w+$/, () => true],
];

function withDefault(path: string, v: unknown): unknown {
  if (v !== undefined) return v;
  for (const [re, def] of DEFAULTS) {
    const m = re.exec(path);
    if (m) return def(m);
  }
  return undefined;
}

const LEAF_RULES: readonly LeafRule[] = [
  { match: /^keyspaces\[[^\]]+\]\.databaseName$/, classify: (a, b) => ({ kind: 'database-name-change', message: changed(a, b) }) },
  { match: /^keyspaces\[[^\]]+\]\.sidecarDbName$/, classify: (a, b) => ({ kind: 'sidecar-db-name-change', message: changed(a, b) }) },
  // Unset means the operator never touches the policy, so only setting a different one acts (facts §2.5).
  { match: /^keyspaces\[[^\]]+\]\.durabilityPolicy$/, classify: (a, b) => (b !== undefined && (a ?? DurabilityPolicy.NONE) !== b ? { kind: 'durability-change', message: changed(a, b) } : undefined) },
  { match: /^keyspaces\[[^\]]+\]\.turndownPolicy$/, classify: (a, b) => (b === TurndownPolicy.IMMEDIATE ? { kind: 'turndown-immediate', message: changed(a, b) } : undefined) },
  { match: /\.tabletPools\[[^\]]+\]\.replicas$/, classify: (a, b) => (Number(b) < Number(a) ? { kind: 'replicas-decrease', message: `${changed(a, b)}: ${tablets(Number(a) - Number(b))} deleted, PVCs included` } : undefined) },
  { match: /\.dataVolumeClaimTemplate\.resources\.requests\.storage$/, classify: (a, b) => {
    const [x, y] = [bytes(a), bytes(b)];
    if (x === undefined || y === undefined || x === y) return undefined;
    return { kind: y < x ? 'volume-shrink' : 'volume-grow', message: changed(a, b) };
  } },
  { match: /\.dataVolumeClaimTemplate\.(storageClassName|accessModes)$/, classify: (a, b) => ({ kind: 'volume-template-change', message: changed(a, b) }) },
  { match: /\.resources\.(requests|limits)\.memory$/, classify: (a, b) => {
    const [x, y] = [bytes(a), bytes(b)];
    return x !== undefined && (y === undefined || y < x) ? { kind: 'memory-decrease', message: changed(a, b) } : undefined;
  } },
  { match: /\.mysqld\.configOverrides$/, classify: (a, b) => (lowerCase(a) !== lowerCase(b) ? { kind: 'mysql-lower-case-table-names', message: `lower_case_table_names ${lowerCase(a)} → ${lowerCase(b)}` } : undefined) },
  { match: /(?:^|\.)images\.\w+$/, classify: (a, b) => {
    const [x, y] = [vitessMajorOfImage(String(a ?? '')), vitessMajorOfImage(String(b ?? ''))];
    if (x === undefined || y === undefined) return undefined;
    const jump = y - x;
    if (jump > 1) return { kind: 'image-major-jump', message: `${changed(a, b)}: Vitess ${x} → ${y} skips ${jump - 1} major(s); upgrade one major at a time` };
    if (jump < 0) return { kind: 'image-downgrade', message: `${changed(a, b)}: Vitess ${x} → ${y}` };
    return undefined;
  } },
  { match: /^backup\.engine$/, classify: (a, b) => ({ kind: 'backup-engine-change', message: changed(a, b) }) },
  { match: /^(backup\.locations\[[^\]]+\])\.(gcs|s3|azblob|ceph|volume|volumeSubPath)\b/, classify: (a, b, m) => ({ kind: 'backup-location-change', path: m[1], message: a === undefined ? 'storage added' : b === undefined ? 'removed or moved' : 'storage target changed' }) },
  { match: /^updateStrategy\.type$/, classify: (a, b) => ({ kind: 'update-strategy-change', message: changed(a, b) }) },
  { match: /\.clusterIP$/, classify: (a, b) => ({ kind: 'cluster-ip-change', message: changed(a, b) }) },
  { match: /^topologyReconciliation\.prune\w+$/, classify: (a, b) => (a === false && b === true ? { kind: 'pruning-enabled', message: changed(a, b) } : undefined) },
  { match: /^cells\[[^\]]+\]\.gateway\.replicas$/, classify: (a, b) => (Number(b) === 0 ? { kind: 'gateway-scale-to-zero', message: changed(a, b) } : undefined) },
];

// ---- putting it together ---------------------------------------------------------------------------------

/** All changes from `before` to `after`, sorted: destructive first, then by cluster and path. */
export function diffClusters(before: readonly ClusterManifest[], after: readonly ClusterManifest[]): Change[] {
  const out: Change[] = [];
  const push = (cluster: string, f: Finding) => out.push({ kind: f.kind, severity: CHANGE_KINDS[f.kind].severity, cluster, path: f.path, message: f.message });
  const a = new Map(before.map((c) => [c.name, c]));
  const b = new Map(after.map((c) => [c.name, c]));
  const { removed, added, renamed } = listChanges(a, b);
  if (renamed) push(renamed.from, { kind: 'cluster-rename', path: 'metadata.name', message: `VitessCluster ${renamed.from} renamed to ${renamed.to}: a new, empty cluster; the old topology and backups are orphaned` });
  for (const n of removed) push(n, { kind: 'cluster-removal', path: '', message: `VitessCluster ${n} removed: all its tablets, PVCs and etcd are deleted` });
  for (const n of added) push(n, { kind: 'cluster-added', path: '', message: `VitessCluster ${n} added` });
  for (const [name, old] of a) {
    const next = b.get(name);
    if (!next) continue;
    if ((old.namespace ?? '') !== (next.namespace ?? '')) {
      push(name, { kind: 'cluster-namespace-change', path: 'metadata.namespace', message: `VitessCluster ${name} moves from namespace ${old.namespace ?? '(default)'} to ${next.namespace ?? '(default)'}` });
      continue;
    }
    for (const f of diffSpecs(old.spec ?? {}, next.spec ?? {})) push(name, f);
  }
  const rank: Record<Severity, number> = { destructive: 0, risky: 1, safe: 2 };
  return out.sort((x, y) => rank[x.severity] - rank[y.severity] || cmp(x.cluster, y.cluster) || cmp(x.path, y.path) || cmp(x.kind, y.kind));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function diffSpecs(a: any, b: any): Finding[] {
  const f: Finding[] = [];
  const rename = cellChanges(a, b, f);
  keyspaceChanges(a, b, f);
  lockserverChanges('globalLockserver', a.globalLockserver, b.globalLockserver, f);
  for (const cell of a.cells ?? []) {
    const next = (b.cells ?? []).find((x: any) => x.name === cell.name);
    if (next) lockserverChanges(`cells[${cell.name}].lockserver`, cell.lockserver, next.lockserver, f);
  }
  mysqldChanges('images.mysqld', a.images?.mysqld, b.images?.mysqld, f);
  for (const ks of a.keyspaces ?? []) {
    const next = (b.keyspaces ?? []).find((x: any) => x.name === ks.name);
    mysqldChanges(`keyspaces[${ks.name}].images.mysqld`, ks.images?.mysqld, next?.images?.mysqld, f);
  }
  const before = leavesOf(a, new Map());
  const after = leavesOf(b, rename);
  poolChanges(before, after, f);

  const covered = f.flatMap((x) => x.covers ?? [x.path]);
  const isCovered = (p: string) => covered.some((c) => p === c || p.startsWith(`${c}.`) || p.startsWith(`${c}[`));
  const seen = new Set(f.map((x) => `${x.kind} ${x.path}`));
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [x, y] = [withDefault(path, before.get(path)), withDefault(path, after.get(path))];
    if (JSON.stringify(x) === JSON.stringify(y) || isCovered(path)) continue;
    let finding: Finding | undefined;
    for (const rule of LEAF_RULES) {
      const m = rule.match.exec(path);
      const hit = m ? rule.classify(x, y, m, path) : undefined;
      if (hit) { finding = { ...hit, path: hit.path ?? path }; break; }
    }
    finding ??= { kind: 'spec-change', path, message: changed(x, y) };
    const key = `${finding.kind} ${finding.path}`;
    if (!seen.has(key)) { seen.add(key); f.push(finding); }
  }
  return f;
}

// ---- allowing destructive changes -------------------------------------------------------------------------

/**
 * Parses `--allow` values: `<kind>` allows every change of that kind, `<kind>:<path>` only those whose
 * `<cluster>/<path>` or `<path>` starts with the given path.
 * @throws InputError for an unknown kind
 */
export function parseAllows(values: readonly string[]): Array<{ kind: ChangeKind; path?: string }> {
  return values.map((v) => {
    const i = v.indexOf(':');
    const kind = i < 0 ? v : v.slice(0, i);
    if (!(kind in CHANGE_KINDS)) {
      throw new InputError(`--allow '${v}': unknown change kind '${kind}'. Destructive kinds: ${kindsOf('destructive').join(', ')}`);
    }
    return { kind: kind as ChangeKind, path: i < 0 ? undefined : v.slice(i + 1) };
  });
}

export function isAllowed(c: Change, allows: ReadonlyArray<{ kind: ChangeKind; path?: string }>): boolean {
  return allows.some((a) => a.kind === c.kind && (a.path === undefined || changeTarget(c).startsWith(a.path) || (c.path !== '' && c.path.startsWith(a.path))));
}

/** `<cluster>/<path>`, or just the cluster for whole-cluster changes. */
export function changeTarget(c: Change): string {
  return c.path ? `${c.cluster}/${c.path}` : c.cluster;
}

/** The changes as text, then a summary line; blocked destructive changes come with the `--allow` to pass. */
export function formatDiff(changes: readonly Change[], blocked: readonly Change[]): string {
  if (changes.length === 0) return 'No changes.\n';
  const lines: string[] = [];
  for (const c of changes) {
    const allowed = c.severity === 'destructive' && !blocked.includes(c) ? ' (allowed)' : '';
    lines.push(`${c.severity.toUpperCase()}${allowed}  ${c.kind}  ${changeTarget(c)}`, `    ${c.message}`);
  }
  const kinds = [...new Set(changes.filter((c) => c.severity !== 'safe').map((c) => c.kind))];
  if (kinds.length) lines.push('', 'Why:', ...kinds.map((k) => `- ${k}: ${CHANGE_KINDS[k].why}`));
  const count = (s: Severity) => changes.filter((c) => c.severity === s).length;
  lines.push('', `${count('destructive')} destructive (${blocked.length} not allowed), ${count('risky')} risky, ${count('safe')} safe.`);
  if (blocked.length) {
    lines.push('Blocked. If these are intended, re-run with:', ...blocked.map((c) => `  --allow '${c.kind}:${changeTarget(c)}'`));
  }
  return `${lines.join('\n')}\n`;
}
