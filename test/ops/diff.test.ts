import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, ChangeKind, kindsOf } from '../../lib/ops/change-kinds';
import { Change, diffClusters, formatDiff, isAllowed, parseAllows } from '../../lib/ops/diff';
import { InputError } from '../../lib/ops/manifests';
import { asManifest, twoCellCluster } from './fixtures';

const pools = (o: any) => o.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools;
const pool = (o: any, type: string, cell: string) => pools(o).find((p: any) => p.type === type && p.cell === cell);
const ADV = 'keyspaces[ADV]';
const POOL = `${ADV}.shards[-].tabletPools`;

/** Diff of the seed cluster against a mutated copy; `before` may be mutated too, for changes that need a starting point. */
function diffOf(mutate: Mutation): Change[] {
  const before = twoCellCluster();
  const after = twoCellCluster();
  const extra = mutate(after, before) ?? [];
  return diffClusters([asManifest(before)], [...(after.metadata ? [after] : []), ...extra].map((o) => asManifest(o)));
}

/** Edits `after` (and `before`); may return more clusters for `after`. */
type Mutation = (after: any, before: any) => any[] | void;

const external = (rootPath = '/vitess/adv', address = 'etcd.global:2379') => ({ external: { implementation: 'etcd2', address, rootPath } });

/** One row per change kind: how to cause it, and the path it is reported at. */
const CASES: Array<[ChangeKind, Mutation, string]> = [
  ['cluster-removal', (a) => { delete a.metadata; }, ''],
  ['cluster-rename', (a) => { a.metadata.name = 'adv2'; }, 'metadata.name'],
  ['cluster-namespace-change', (a) => { a.metadata.namespace = 'other'; }, 'metadata.namespace'],
  ['lockserver-change', (a) => { a.spec.globalLockserver = external(); }, 'globalLockserver'],
  ['lockserver-change', (a, b) => { b.spec.globalLockserver = external('/vitess/a'); a.spec.globalLockserver = external('/vitess/b'); }, 'globalLockserver.external.rootPath'],
  ['lockserver-address-change', (a, b) => { b.spec.globalLockserver = external(); a.spec.globalLockserver = external(undefined, 'etcd.new:2379'); }, 'globalLockserver.external.address'],
  ['cell-rename', (a) => { a.spec.cells[1].name = 'az3'; pools(a).forEach((p: any) => { if (p.cell === 'az2') p.cell = 'az3'; }); }, 'cells[az2]'],
  ['cell-removal', (a) => { a.spec.cells.pop(); a.spec.cells.push({ name: 'az3' }, { name: 'az4' }); }, 'cells[az2]'],
  ['keyspace-removal', (a) => { a.spec.keyspaces = []; }, ADV],
  ['keyspace-removal-idle', (a, b) => { pools(b).forEach((p: any) => { p.replicas = 0; }); a.spec.keyspaces = []; }, ADV],
  ['keyspace-rename', (a) => { a.spec.keyspaces[0].name = 'ADV2'; }, ADV],
  ['shard-removal', (a, b) => { b.spec.keyspaces[0].partitionings.push({ equal: { parts: 2, shardTemplate: structuredClone(pools(b)) } }); a.spec.keyspaces[0].partitionings = [structuredClone(b.spec.keyspaces[0].partitionings[1])]; }, `${ADV}.partitionings`],
  ['partitioning-edit', (a) => { a.spec.keyspaces[0].partitionings[0].equal.parts = 2; }, `${ADV}.partitionings`],
  ['partitioning-added', (a) => { a.spec.keyspaces[0].partitionings.push({ equal: { parts: 2, shardTemplate: { tabletPools: [] } } }); }, `${ADV}.partitionings`],
  ['pool-removal', (a) => { pools(a).splice(1, 1); }, `${POOL}[rdonly@az1]`],
  ['pool-rename', (a) => { Object.assign(pool(a, 'rdonly', 'az1'), { type: 'externalrdonly', externalDatastore: { host: 'db' } }); }, `${POOL}[rdonly@az1]`],
  ['replicas-decrease', (a) => { pool(a, 'replica', 'az1').replicas = 1; }, `${POOL}[replica@az1].replicas`],
  ['volume-shrink', (a) => { pool(a, 'replica', 'az2').dataVolumeClaimTemplate.resources.requests.storage = '5Gi'; }, `${POOL}[replica@az2].dataVolumeClaimTemplate.resources.requests.storage`],
  ['volume-grow', (a) => { pool(a, 'replica', 'az2').dataVolumeClaimTemplate.resources.requests.storage = '20Gi'; }, `${POOL}[replica@az2].dataVolumeClaimTemplate.resources.requests.storage`],
  ['volume-template-change', (a) => { pool(a, 'replica', 'az2').dataVolumeClaimTemplate.storageClassName = 'fast'; }, `${POOL}[replica@az2].dataVolumeClaimTemplate.storageClassName`],
  ['memory-decrease', (a) => { pool(a, 'replica', 'az1').mysqld.resources.limits.memory = '512Mi'; }, `${POOL}[replica@az1].mysqld.resources.limits.memory`],
  ['mysql-lower-case-table-names', (a) => { pool(a, 'replica', 'az1').mysqld.configOverrides = '[mysqld]\nlower_case_table_names = 1\n'; }, `${POOL}[replica@az1].mysqld.configOverrides`],
  ['mysql-downgrade', (a, b) => { b.spec.images.mysqld = { mysql80Compatible: 'mysql:8.0.40' }; a.spec.images.mysqld = { mysql80Compatible: 'mysql:8.0.30' }; }, 'images.mysqld'],
  ['mysql-upgrade', (a, b) => { b.spec.images.mysqld = { mysql80Compatible: 'vitess/lite:v22.0.1-mysql80' }; a.spec.images.mysqld = { mysql80Compatible: 'vitess/lite:v22.0.1-mysql84' }; }, 'images.mysqld'],
  ['mysql-flavor-change', (a, b) => { b.spec.images.mysqld = { mysql56Compatible: 'vitess/lite:v15.0.5' }; a.spec.images.mysqld = { mysql80Compatible: 'vitess/lite:v15.0.5-mysql80' }; }, 'images.mysqld'],
  ['image-major-jump', (a) => { a.spec.images.vtgate = 'vitess/lite:v24.0.0-mysql80'; }, 'images.vtgate'],
  ['image-downgrade', (a) => { a.spec.keyspaces[0].images = { vttablet: 'vitess/lite:v21.0.0' }; a.spec.images.vttablet = 'vitess/lite:v21.0.0'; }, 'images.vttablet'],
  ['durability-change', (a) => { a.spec.keyspaces[0].durabilityPolicy = 'none'; }, `${ADV}.durabilityPolicy`],
  ['turndown-immediate', (a) => { a.spec.keyspaces[0].turndownPolicy = 'Immediate'; }, `${ADV}.turndownPolicy`],
  ['sidecar-db-name-change', (a) => { a.spec.keyspaces[0].sidecarDbName = '_vt_adv'; }, `${ADV}.sidecarDbName`],
  ['database-name-change', (a) => { a.spec.keyspaces[0].databaseName = 'ADV'; }, `${ADV}.databaseName`],
  ['backup-engine-change', (a, b) => { b.spec.backup = { locations: [{ volume: {} }] }; a.spec.backup = { engine: 'xtrabackup', locations: [{ volume: {} }] }; }, 'backup.engine'],
  ['backup-location-change', (a, b) => { b.spec.backup = { locations: [{ s3: { region: 'r', bucket: 'old' } }] }; a.spec.backup = { locations: [{ s3: { region: 'r', bucket: 'new' } }] }; }, 'backup.locations[(default)]'],
  ['update-strategy-change', (a) => { a.spec.updateStrategy.type = 'External'; }, 'updateStrategy.type'],
  ['cluster-ip-change', (a) => { a.spec.gatewayService = { clusterIP: '10.0.0.10' }; }, 'gatewayService.clusterIP'],
  ['pruning-enabled', (a, b) => { b.spec.topologyReconciliation = { pruneKeyspaces: false }; a.spec.topologyReconciliation = {}; }, 'topologyReconciliation.pruneKeyspaces'],
  ['gateway-scale-to-zero', (a) => { a.spec.cells[0].gateway.replicas = 0; }, 'cells[az1].gateway.replicas'],
  ['cluster-added', () => [{ ...twoCellCluster(), metadata: { name: 'second', namespace: 'vitess' } }], ''],
  ['cell-added', (a) => { a.spec.cells.push({ name: 'az3' }); }, 'cells[az3]'],
  ['keyspace-added', (a) => { a.spec.keyspaces.push({ ...structuredClone(a.spec.keyspaces[0]), name: 'customer' }); }, 'keyspaces[customer]'],
  ['pool-added', (a) => { pools(a).push({ ...structuredClone(pools(a)[1]), cell: 'az3' }); }, `${POOL}[rdonly@az3]`],
  ['spec-change', (a) => { a.spec.cells[0].gateway.extraFlags.buffer_size = '1000'; }, 'cells[az1].gateway.extraFlags.buffer_size'],
];

describe('diff: one case per change kind', () => {
  it.each(CASES)('%s', (kind, mutate, path) => {
    const changes = diffOf(mutate);
    const hit = changes.find((c) => c.kind === kind && c.path === path);
    expect(hit, JSON.stringify(changes, null, 1)).toBeDefined();
    expect(hit!.severity).toBe(CHANGE_KINDS[kind].severity);
  });

  it('pins the severities: each kind above is reported with its own, so the table itself is what must be right', () => {
    expect(kindsOf('destructive')).toEqual([
      'cluster-removal', 'cluster-rename', 'cluster-namespace-change', 'lockserver-change', 'cell-rename', 'keyspace-removal',
      'keyspace-rename', 'shard-removal', 'partitioning-edit', 'pool-removal', 'pool-rename', 'replicas-decrease', 'volume-shrink',
      'mysql-lower-case-table-names', 'mysql-downgrade', 'image-major-jump', 'image-downgrade', 'database-name-change',
    ]);
    expect(kindsOf('safe')).toEqual(['cluster-added', 'cell-added', 'keyspace-added', 'keyspace-removal-idle', 'pool-added', 'spec-change']);
    expect(kindsOf('risky')).toHaveLength(Object.keys(CHANGE_KINDS).length - 18 - 6);
  });

  it('covers every kind it declares, and at least 12 destructive or risky ones', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(CHANGE_KINDS)));
    expect(Object.values(CHANGE_KINDS).filter((k) => k.severity !== 'safe').length).toBeGreaterThanOrEqual(12);
  });
});

describe('diff: what is not destructive', () => {
  it('reports nothing for identical syntheses', () => {
    expect(diffOf(() => {})).toEqual([]);
  });

  it('a pure resource increase is all safe', () => {
    const changes = diffOf((a) => {
      for (const p of pools(a)) {
        p.vttablet.resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } };
        p.mysqld.resources.limits.memory = '4Gi';
      }
      a.spec.cells[0].gateway.resources.requests.cpu = '1';
    });
    expect(changes.length).toBeGreaterThan(10);
    expect(changes.filter((c) => c.severity !== 'safe')).toEqual([]);
  });

  it('an added keyspace is the only change and safe', () => {
    const changes = diffOf((a) => { a.spec.keyspaces.push({ ...structuredClone(a.spec.keyspaces[0]), name: 'customer' }); });
    expect(changes.map((c) => [c.kind, c.severity])).toEqual([['keyspace-added', 'safe']]);
  });

  it('writing out a default, or dropping it, is no change (databaseName vt_<keyspace>, sidecarDbName _vt, …)', () => {
    expect(diffOf((a) => {
      a.spec.keyspaces[0].databaseName = 'vt_ADV';
      a.spec.keyspaces[0].sidecarDbName = '_vt';
      delete a.spec.keyspaces[0].turndownPolicy; // was RequireIdle
      delete a.spec.cells[0].gateway.replicas; // was 2
      a.spec.topologyReconciliation = { pruneKeyspaces: true };
    })).toEqual([]);
  });

  it('writing out or dropping the operator replica defaults is no change (vtgate 2, vtctld 1, vtadmin 1)', () => {
    expect(diffOf((a, b) => {
      b.spec.vtadmin = { cells: ['az1'] };
      a.spec.vtadmin = { cells: ['az1'], replicas: 1 };
      delete b.spec.vitessDashboard.replicas;
      a.spec.vitessDashboard.replicas = 1;
      a.spec.cells[1].gateway.replicas = 2;
    })).toEqual([]);
    expect(diffOf((a, b) => { b.spec.vtadmin = { cells: ['az1'] }; a.spec.vtadmin = { cells: ['az1'], replicas: 2 }; }).map((c) => [c.kind, c.path, c.message]))
      .toEqual([['spec-change', 'vtadmin.replicas', '1 → 2']]);
  });

  it('a one-major Vitess upgrade is a safe rollout', () => {
    const changes = diffOf((a) => { a.spec.images.vtgate = 'vitess/lite:v23.0.0-mysql80'; });
    expect(changes.map((c) => [c.kind, c.path])).toEqual([['spec-change', 'images.vtgate']]);
  });

  it('a cell rename reports the cell once, not every pool in it again', () => {
    const changes = diffOf(CASES.find((c) => c[0] === 'cell-rename')![1]);
    expect(changes.map((c) => c.kind)).toEqual(['cell-rename']);
    expect(changes[0].message).toBe('cell az2 renamed to az3: its 3 tablets and their PVCs are deleted and recreated empty');
  });
});

describe('MySQL versions of mysqld images', () => {
  const mysqld = (before: string, after: string) => diffOf((a, b) => {
    b.spec.images.mysqld = { mysql80Compatible: before };
    a.spec.images.mysqld = { mysql80Compatible: after };
  }).filter((c) => c.path === 'images.mysqld').map((c) => [c.kind, c.message]);

  it('knows what an unsuffixed vitess/lite tag bundles, from the release table', () => {
    expect(mysqld('vitess/lite:v22.0.1', 'vitess/lite:v24.0.0-mysql84')).toEqual([['mysql-upgrade', 'MySQL 8.0.40 → 8.4.6']]);
    expect(mysqld('vitess/lite:v15.0.5', 'vitess/lite:v16.0.5')).toEqual([['mysql-upgrade', 'MySQL 5.7.31 → 8.0.30']]);
    expect(mysqld('vitess/lite:v22.0.1', 'vitess/lite:v21.0.0')).toEqual([['mysql-downgrade', 'MySQL 8.0.40 → 8.0.30']]);
  });

  it('sees no change between images that bundle the same MySQL', () => {
    expect(mysqld('vitess/lite:v22.0.1', 'vitess/lite:v22.0.1-mysql80')).toEqual([]);
    expect(mysqld('mysql:8.0.40', 'vitess/lite:v24.0.0-mysql80')).toEqual([]);
  });

  it('compares patch levels only when both sides name one', () => {
    expect(mysqld('registry.local/lite:v25.0.0-mysql84', 'registry.local/lite:v25.0.0-mysql80')).toEqual([['mysql-downgrade', 'MySQL 8.4 → 8.0']]);
    expect(mysqld('mysql:8.0.40', 'registry.local/lite:v25.0.0-mysql80')).toEqual([]);
    expect(mysqld('mysql:8.0.40', 'mysql:8.0.30')).toEqual([['mysql-downgrade', 'MySQL 8.0.40 → 8.0.30']]);
  });
});

describe('allowing destructive changes', () => {
  const changes = diffOf((a) => { pool(a, 'replica', 'az1').replicas = 1; pool(a, 'replica', 'az2').replicas = 1; });

  it('allows a kind everywhere, or under a path prefix with or without the cluster', () => {
    const [az1, az2] = changes;
    expect(isAllowed(az1, parseAllows(['replicas-decrease']))).toBe(true);
    expect(isAllowed(az1, parseAllows([`replicas-decrease:adv-vitess-cluster/${POOL}[replica@az1]`]))).toBe(true);
    expect(isAllowed(az2, parseAllows([`replicas-decrease:adv-vitess-cluster/${POOL}[replica@az1]`]))).toBe(false);
    expect(isAllowed(az2, parseAllows(['replicas-decrease:keyspaces[ADV]']))).toBe(true);
    expect(isAllowed(az1, parseAllows(['pool-removal']))).toBe(false);
  });

  it('rejects unknown kinds and lists the destructive ones', () => {
    expect(() => parseAllows(['replica-decrease'])).toThrow(InputError);
    expect(() => parseAllows(['replica-decrease'])).toThrow(/unknown change kind 'replica-decrease'. Destructive kinds: cluster-removal, .*replicas-decrease/);
  });

  it('prints the --allow to pass for each blocked change, and marks allowed ones', () => {
    const text = formatDiff(changes, [changes[1]]);
    expect(text).toContain(`DESTRUCTIVE (allowed)  replicas-decrease  adv-vitess-cluster/${POOL}[replica@az1].replicas`);
    expect(text).toContain(`  --allow 'replicas-decrease:adv-vitess-cluster/${POOL}[replica@az2].replicas'`);
    expect(text).toContain('2 destructive (1 not allowed), 0 risky, 0 safe.');
    expect(text).toContain('- replicas-decrease: the highest-index tablets are drained and deleted');
  });
});
