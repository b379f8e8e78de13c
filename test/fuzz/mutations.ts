import fc from 'fast-check';
import { DurabilityPolicy, TabletType } from '../../lib/policies';
import { MysqlVersionId } from '../../lib/releases';
import { VitessRelease } from '../../lib/vitess-release';
import { ClusterSpec, customShardsArb, mem, mysqldFloorMi, PoolSpec, shardNamesOf, SpecOptions } from './arbitraries';

/**
 * Mutations that turn a valid spec into an invalid one: each names the construct path and field whose
 * validation error must appear. Every mutation goes through the public props only (see build()).
 */

/** A mutated spec and the error it must cause: `[<path>] <field>: …`. */
export interface Mutated {
  readonly spec: ClusterSpec;
  /** Construct path below the app, e.g. `fuzz/cluster/ks0/pool1`. */
  readonly path: string;
  /** The field, exactly, or a pattern for it. */
  readonly field: string | RegExp;
}

export interface Mutation {
  readonly name: string;
  /** Constraints on the valid spec it starts from (releases where the rule applies, enough cells, …). */
  readonly base?: SpecOptions;
  readonly apply: (spec: ClusterSpec) => fc.Arbitrary<Mutated>;
}

type Draft = { -readonly [K in keyof ClusterSpec]: any } & Record<string, any>;

const CLUSTER = 'fuzz/cluster';
const cellPath = (i: number) => `${CLUSTER}/cell${i}`;
const ksPath = (i: number) => `${CLUSTER}/ks${i}`;
const poolPath = (i: number, j: number) => `${ksPath(i)}/pool${j}`;

const minors = (pred: (r: VitessRelease) => boolean) => VitessRelease.all().filter(pred).map((r) => r.operatorMinor);
const BEFORE = (minor: string) => minors((r) => !r.atLeast(minor));
const FROM = (minor: string) => minors((r) => r.atLeast(minor));

/** Edits a deep copy of the spec. */
function edit(spec: ClusterSpec, change: (d: Draft) => void): ClusterSpec {
  const d = structuredClone(spec) as Draft;
  change(d);
  return d as ClusterSpec;
}

/** Picks a keyspace index (and a pool index of it). */
const pickKeyspace = (spec: ClusterSpec) => fc.nat({ max: spec.keyspaces.length - 1 });
const pickPool = (spec: ClusterSpec) => pickKeyspace(spec).chain((i) => fc.nat({ max: spec.keyspaces[i].pools.length - 1 }).map((j) => [i, j] as const));
const pickCell = (spec: ClusterSpec) => fc.nat({ max: spec.cells.length - 1 });

/** Renames cell i everywhere it is referenced (pools, dashboard), so only the name itself is wrong. */
function renameCell(d: Draft, i: number, name: string): void {
  const old = d.cells[i].name;
  d.cells[i].name = name;
  for (const k of d.keyspaces) for (const p of k.pools) if (p.cell === old) p.cell = name;
  if (d.dashboard?.cells) d.dashboard.cells = d.dashboard.cells.map((c: string) => (c === old ? name : c));
}

/** Replaces the replica pools of a keyspace by one replica pool; rdonly pools stay. */
function soleReplicaPool(k: { pools: PoolSpec[] }, cell: string, replicas: number): void {
  const rdonly = k.pools.filter((p) => p.type === TabletType.RDONLY);
  k.pools = [{ cell, type: TabletType.REPLICA, replicas }, ...rdonly];
}

/** The first shard of the first keyspace (for a valid shard-scoped backup strategy). */
const shardOf = (spec: ClusterSpec) => shardNamesOf(spec.keyspaces[0].partitionings[0]).split(',')[0];
const SCHEDULE_RESOURCES = { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } };
/** One valid scheduled backup, with `change` applied. */
const schedule = (spec: ClusterSpec, change: Record<string, unknown>) => ({ name: 'daily', cron: '@daily', strategy: { scope: 'shard', keyspace: spec.keyspaces[0].name, shard: shardOf(spec) }, resources: SCHEDULE_RESOURCES, ...change });
/** Adds a backup (the unnamed location) if the spec has none, then the schedule. */
const withSchedule = (d: Draft, s: object) => { d.backupLocations ??= ['']; if (!d.backupLocations.includes('')) d.backupLocations = [...d.backupLocations, '']; d.backupSchedule = s; };

const BAD_COUNTS = [-1, -3, 0.5, 1.5, NaN, Infinity, -Infinity];

/** A custom partitioning with at least three shards, mutated by `f` into an invalid one. */
function keyRangeMutation(name: string, f: (shards: string[]) => fc.Arbitrary<{ shards: string[]; field: string | RegExp }>): Mutation {
  return {
    name,
    apply: (spec) => fc.tuple(pickKeyspace(spec), customShardsArb().filter((s) => s.length >= 3).chain(f), fc.boolean()).map(([i, m, asRanges]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings[0] = { kind: 'custom', shards: m.shards, ...(asRanges ? { asRanges } : {}) }; }),
      path: ksPath(i),
      field: typeof m.field === 'string' ? `partitionings[0].custom.shards${m.field}` : m.field,
    })),
  };
}

const splitShard = (s: string) => { const i = s.indexOf('-'); return [s.slice(0, i), s.slice(i + 1)] as const; };

/** Replaces boundary b (between shard b and b+1) by `value` in both shards. */
function replaceBoundary(shards: string[], b: number, value: string): string[] {
  return shards.map((s, i) => {
    const [start, end] = splitShard(s);
    if (i === b) return `${start}-${value}`;
    if (i === b + 1) return `${value}-${end}`;
    return s;
  });
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'cluster name not a DNS label',
    apply: (spec) => fc.constantFrom(
      (n: string) => n.toUpperCase(), (n: string) => `${n}_x`, (n: string) => `-${n}`, (n: string) => `${n}-`, (n: string) => `${n}.x`,
      (n: string) => `${n}${'x'.repeat(64)}`, () => '', (n: string) => `${n} x`,
    ).map((f) => ({ spec: edit(spec, (d) => { d.name = f(spec.name); }), path: CLUSTER, field: 'name' })),
  },
  {
    name: 'cell name with a hyphen, too long or empty',
    apply: (spec) => fc.tuple(pickCell(spec), fc.constantFrom((n: string) => `${n}-1`, (n: string) => `us-east-${n}`, () => 'z'.repeat(64), () => '', (n: string) => `.${n}`, (n: string) => `${n}/x`))
      .map(([i, f]) => ({ spec: edit(spec, (d) => renameCell(d, i, f(spec.cells[i].name))), path: cellPath(i), field: 'name' })),
  },
  {
    name: 'keyspace name invalid',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom((n: string) => `-${n}`, (n: string) => `${n}.`, (n: string) => `${n}/x`, (n: string) => `${n} x`, () => 'k'.repeat(64), () => '', (n: string) => `${n}é`))
      .map(([i, f]) => ({ spec: edit(spec, (d) => { d.keyspaces[i].name = f(spec.keyspaces[i].name); }), path: ksPath(i), field: 'name' })),
  },
  {
    name: 'duplicate keyspace',
    base: { minKeyspaces: 2 },
    apply: (spec) => fc.integer({ min: 1, max: spec.keyspaces.length - 1 }).chain((i) => fc.nat({ max: i - 1 }).map((j) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].name = spec.keyspaces[j].name; }), path: CLUSTER, field: `keyspaces[${i}]`,
    }))),
  },
  {
    name: 'duplicate cell',
    base: { minCells: 2 },
    apply: (spec) => fc.integer({ min: 1, max: spec.cells.length - 1 }).chain((i) => fc.nat({ max: i - 1 }).map((j) => ({
      spec: edit(spec, (d) => renameCell(d, i, spec.cells[j].name)), path: CLUSTER, field: `cells[${i}]`,
    }))),
  },
  keyRangeMutation('key range gap', (shards) => fc.integer({ min: 1, max: shards.length - 2 }).map((k) => ({
    shards: shards.filter((_, i) => i !== k), field: `[${k}].keyRange.start`,
  }))),
  keyRangeMutation('key range overlap', (shards) => fc.integer({ min: 1, max: shards.length - 1 }).map((k) => ({
    shards: shards.map((s, i) => (i === k - 1 ? `${splitShard(s)[0]}-${splitShard(shards[k])[1]}` : s)), field: `[${k}].keyRange.start`,
  }))),
  keyRangeMutation('key ranges unsorted', (shards) => fc.integer({ min: 1, max: shards.length - 1 }).map((k) => {
    const swapped = [...shards];
    [swapped[k - 1], swapped[k]] = [swapped[k], swapped[k - 1]];
    return { shards: swapped, field: /^partitionings\[0\]\.custom\.shards\[\d+\]\.keyRange(\.start|\.end)?$/ };
  })),
  keyRangeMutation('odd-length hex boundary', (shards) => fc.tuple(fc.integer({ min: 0, max: shards.length - 2 }), fc.boolean()).map(([b, longer]) => {
    const cut = splitShard(shards[b])[1];
    return { shards: replaceBoundary(shards, b, longer ? `${cut}0` : cut.slice(0, -1)), field: `[${b}].keyRange.end` };
  })),
  keyRangeMutation('uppercase hex boundary', (shards) => fc.tuple(fc.integer({ min: 0, max: shards.length - 2 }), fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F')).map(([b, letter]) => {
    const cut = splitShard(shards[b])[1];
    return { shards: replaceBoundary(shards, b, `${letter}${cut.slice(1)}`), field: `[${b}].keyRange.end` };
  })),
  keyRangeMutation('key space not covered at an end', (shards) => fc.boolean().map((atStart) => (atStart
    ? { shards: shards.slice(1), field: '[0].keyRange.start' }
    : { shards: shards.slice(0, -1), field: `[${shards.length - 2}].keyRange.end` }))),
  {
    name: 'equal parts outside 1..65536',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom(0, -1, -16, 65537, 1e6, 1.5, NaN, Infinity)).map(([i, parts]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings[0] = { kind: 'equal', parts }; }), path: ksPath(i), field: 'partitionings[0].equal.parts',
    })),
  },
  {
    name: 'hexWidth odd or too narrow',
    base: { releases: FROM('2.16') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 16 }), fc.constantFrom(1, 3, 5, -2, 1.5)),
      fc.tuple(fc.integer({ min: 257, max: 4096 }), fc.constant(2)),
    )).map(([i, [parts, hexWidth]]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings[0] = { kind: 'equal', parts, hexWidth }; }), path: ksPath(i), field: 'partitionings[0].equal.hexWidth',
    })),
  },
  {
    name: 'hexWidth before operator 2.16',
    base: { releases: BEFORE('2.16') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.integer({ min: 1, max: 16 }), fc.constantFrom(2, 4)).map(([i, parts, hexWidth]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings[0] = { kind: 'equal', parts, hexWidth }; }), path: CLUSTER, field: `keyspaces[${i}].partitionings[0].equal.hexWidth`,
    })),
  },
  {
    name: 'two identical partitionings',
    apply: (spec) => pickKeyspace(spec).map((i) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings = [d.keyspaces[i].partitionings[0], structuredClone(d.keyspaces[i].partitionings[0])]; }), path: ksPath(i), field: 'partitionings[1]',
    })),
  },
  {
    name: 'three partitionings',
    apply: (spec) => pickKeyspace(spec).map((i) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].partitionings = [d.keyspaces[i].partitionings[0], { kind: 'equal', parts: 2 }, { kind: 'equal', parts: 4 }]; }), path: ksPath(i), field: 'partitionings',
    })),
  },
  {
    name: 'semi-sync without an acknowledging replica',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom(0, 1), fc.constantFrom(DurabilityPolicy.SEMI_SYNC, DurabilityPolicy.CROSS_CELL)).map(([i, replicas, policy]) => ({
      spec: edit(spec, (d) => { const k = d.keyspaces[i]; soleReplicaPool(k, k.pools[0].cell, replicas); k.durability = policy; delete k.enforceSemiSync; }),
      path: ksPath(i), field: 'durabilityPolicy',
    })),
  },
  {
    name: 'cross_cell with replicas in one cell',
    base: { releases: FROM('2.11') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.integer({ min: 2, max: 5 }), fc.constantFrom(DurabilityPolicy.CROSS_CELL, DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK)).map(([i, replicas, policy]) => ({
      spec: edit(spec, (d) => { const k = d.keyspaces[i]; soleReplicaPool(k, k.pools[0].cell, replicas); k.durability = policy; }),
      path: ksPath(i), field: 'durabilityPolicy',
    })),
  },
  {
    name: 'rdonly-ack durability before Vitess 18',
    base: { releases: BEFORE('2.11') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom(DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK, DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK)).map(([i, policy]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].durability = policy; }), path: ksPath(i), field: 'durabilityPolicy',
    })),
  },
  {
    name: 'unknown durability policy',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom('semisync', 'SEMI_SYNC', '', 'semi-sync')).map(([i, policy]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].durability = policy; }), path: ksPath(i), field: 'durabilityPolicy',
    })),
  },
  {
    name: 'enforceSemiSync after operator 2.8',
    base: { releases: FROM('2.9') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.boolean()).map(([i, on]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].enforceSemiSync = on; }),
      path: CLUSTER, field: new RegExp(`^keyspaces\\[${i}\\]\\.partitionings\\[0\\]\\.(equal\\.shardTemplate|custom\\.shards\\[0\\])\\.replication\\.enforceSemiSync$`),
    })),
  },
  {
    name: 'enforceSemiSync with fewer than 3 replicas',
    base: { releases: BEFORE('2.9') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.integer({ min: 1, max: 2 })).map(([i, replicas]) => ({
      spec: edit(spec, (d) => { const k = d.keyspaces[i]; soleReplicaPool(k, k.pools[0].cell, replicas); k.enforceSemiSync = true; k.durability = DurabilityPolicy.NONE; }),
      path: ksPath(i), field: 'enforceSemiSync',
    })),
  },
  {
    name: 'mysqld memory limit below the floor',
    apply: (spec) => pickPool(spec).chain(([i, j]) => fc.integer({ min: 1, max: mysqldFloorMi(spec.mysql) - 1 }).chain((limit) => fc.integer({ min: 1, max: limit }).map((req) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].pools[j].mysqld = { requests: { memory: mem(req) }, limits: { memory: mem(limit) } }; }),
      path: poolPath(i, j), field: 'mysqld.resources.limits.memory',
    })))),
  },
  {
    name: 'mysqld without a memory limit',
    apply: (spec) => pickPool(spec).map(([i, j]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].pools[j].mysqld = { requests: { cpu: '100m', memory: '512Mi' } }; }), path: poolPath(i, j), field: 'mysqld.resources.limits.memory',
    })),
  },
  {
    name: 'request above limit',
    apply: (spec) => fc.tuple(pickPool(spec), pickCell(spec), fc.constantFrom('pool vttablet', 'pool mysqld', 'gateway', 'dashboard'), fc.constantFrom('cpu', 'memory'), fc.integer({ min: 2, max: 8 })).map(([[i, j], c, where, kind, factor]) => {
      const limit = kind === 'cpu' ? 500 : 1024;
      const q = (n: number) => (kind === 'cpu' ? `${n}m` : mem(n));
      // Memory limits stay above the mysqld floor so that only the request is wrong.
      const r = { requests: { cpu: '100m', [kind]: q(limit * factor) }, limits: { memory: '1Gi', [kind]: q(limit) } };
      if (where === 'gateway') return { spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, resources: r }; }), path: cellPath(c), field: `gateway.resources.requests.${kind}` };
      if (where === 'dashboard') return { spec: edit(spec, (d) => { d.dashboard = { ...d.dashboard, resources: r }; }), path: CLUSTER, field: `dashboard.resources.requests.${kind}` };
      const key = where === 'pool vttablet' ? 'vttablet' : 'mysqld';
      return { spec: edit(spec, (d) => { d.keyspaces[i].pools[j][key] = r; }), path: poolPath(i, j), field: `${key}.resources.requests.${kind}` };
    }),
  },
  {
    name: 'pool in an undefined cell',
    apply: (spec) => fc.tuple(pickPool(spec), fc.constantFrom('nowhere', 'zone9', 'ZONE1')).filter(([, c]) => !spec.cells.some((x) => x.name === c)).map(([[i, j], cell]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].pools[j].cell = cell; delete d.keyspaces[i].pools[j].byConstruct; }), path: poolPath(i, j), field: 'cell',
    })),
  },
  {
    name: 'keyspace without a replica pool',
    apply: (spec) => pickKeyspace(spec).map((i) => ({
      spec: edit(spec, (d) => {
        const k = d.keyspaces[i];
        const cells = [...new Set<string>(k.pools.map((p: PoolSpec) => p.cell))];
        k.pools = cells.map((cell) => ({ cell, type: TabletType.RDONLY, replicas: 2 }));
        k.durability = DurabilityPolicy.NONE;
        delete k.enforceSemiSync;
      }),
      path: ksPath(i), field: 'tabletPools',
    })),
  },
  ...(['8.4', '5.7'] as const).map((version): Mutation => ({
    name: `MySQL ${version} on a release without it`,
    base: { releases: minors((r) => !r.mysqlVersions.includes(version)) },
    apply: (spec) => fc.constant({
      spec: edit(spec, (d) => { d.mysql = version as MysqlVersionId; delete d.mysqlImage; }), path: CLUSTER, field: 'mysql',
    }),
  })),
  {
    name: 'floating image tag',
    apply: (spec) => fc.tuple(fc.constantFrom('vtctld', 'vtgate', 'vttablet', 'vtorc', 'vtbackup', 'mysqldExporter', 'mysql'), fc.constantFrom(':latest', '', ':mysql80', ':main')).map(([component, tag]) => {
      const image = `${component === 'mysqldExporter' ? 'prom/mysqld-exporter' : 'vitess/lite'}${tag}`;
      return component === 'mysql'
        ? { spec: edit(spec, (d) => { d.mysqlImage = image; }), path: CLUSTER, field: 'mysql.image' }
        : { spec: edit(spec, (d) => { d.images = { ...d.images, [component]: image }; }), path: CLUSTER, field: `images.${component}` };
    }),
  },
  {
    name: 'empty password',
    apply: (spec) => fc.nat({ max: Math.max(0, spec.users.length - 1) }).map((i) => ({
      spec: edit(spec, (d) => { if (!d.users.length) d.users = [{ user: 'app', password: 'x' }]; d.users[i].password = ''; }), path: 'fuzz/auth', field: `users[${i}].password`,
    })),
  },
  {
    name: 'duplicate vtgate user',
    apply: (spec) => fc.constant({
      spec: edit(spec, (d) => { d.users = [{ user: 'app', password: 'one' }, { user: 'app', password: 'two' }]; }), path: 'fuzz/auth', field: 'users[1].user',
    }),
  },
  {
    name: 'negative or fractional pool replicas',
    apply: (spec) => fc.tuple(pickPool(spec), fc.constantFrom(...BAD_COUNTS)).map(([[i, j], replicas]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].pools[j].replicas = replicas; }), path: poolPath(i, j), field: 'replicas',
    })),
  },
  {
    name: 'negative or fractional gateway replicas',
    apply: (spec) => fc.tuple(pickCell(spec), fc.constantFrom(...BAD_COUNTS)).map(([c, replicas]) => ({
      spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, replicas }; delete d.cells[c].gateway.autoscaler; }), path: cellPath(c), field: 'gateway.replicas',
    })),
  },
  {
    name: 'dashboard in an undefined cell',
    apply: (spec) => fc.constant({
      spec: edit(spec, (d) => { d.dashboard = { ...d.dashboard, cells: [...(d.dashboard?.cells ?? []), 'nowhere.cell'] }; }),
      path: CLUSTER, field: `dashboard.cells[${spec.dashboard?.cells?.length ?? 0}]`,
    }),
  },
  {
    name: 'unknown turndown policy',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom('Delete', 'requireidle', '')).map(([i, policy]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].turndown = policy; }), path: ksPath(i), field: 'turndownPolicy',
    })),
  },
  {
    name: 'unknown update strategy',
    apply: (spec) => fc.constantFrom('Rolling', 'external', '').map((s) => ({
      spec: edit(spec, (d) => { d.updateStrategy = s; delete d.allowStorageChangesWithoutRelease; }), path: CLUSTER, field: 'updateStrategy',
    })),
  },
  {
    name: 'storage changes without release under Immediate updates',
    apply: (spec) => fc.constant({
      spec: edit(spec, (d) => { d.updateStrategy = 'Immediate'; d.allowStorageChangesWithoutRelease = true; }), path: CLUSTER, field: 'allowStorageChangesWithoutRelease',
    }),
  },
  {
    name: 'sidecarDbName before operator 2.15',
    base: { releases: BEFORE('2.15') },
    apply: (spec) => pickKeyspace(spec).map((i) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].sidecarDbName = '_vt_sidecar'; }), path: CLUSTER, field: `keyspaces[${i}].sidecarDbName`,
    })),
  },
  {
    name: 'sidecarDbName not a database name',
    base: { releases: FROM('2.15') },
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom('my-db', '', 'x'.repeat(65), 'ä', 'a b')).map(([i, name]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].sidecarDbName = name; }), path: ksPath(i), field: 'sidecarDbName',
    })),
  },
  {
    name: 'vtorc on operator 2.7',
    base: { releases: ['2.7'] },
    apply: (spec) => pickKeyspace(spec).map((i) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].vtorc = { pollTime: '3s' }; }), path: ksPath(i), field: 'vtorc',
    })),
  },
  {
    name: 'storage size not a quantity',
    apply: (spec) => fc.tuple(pickPool(spec), fc.constantFrom('10GB', 'ten', '', '-5Gi', '1.5.0Gi')).map(([[i, j], size]) => ({
      spec: edit(spec, (d) => { d.keyspaces[i].pools[j].storageSize = size; }), path: poolPath(i, j), field: 'storage.size',
    })),
  },
  {
    name: 'zone not a label value',
    apply: (spec) => fc.tuple(pickCell(spec), fc.constantFrom('us east', '-az', 'a/b', '', 'z'.repeat(64))).map(([c, zone]) => ({
      spec: edit(spec, (d) => { d.cells[c].zone = zone; }), path: cellPath(c), field: 'zone',
    })),
  },
  {
    name: 'gateway autoscaler before operator 2.15',
    base: { releases: BEFORE('2.15') },
    apply: (spec) => pickCell(spec).map((c) => ({
      spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, autoscaler: { minReplicas: 1, maxReplicas: 3 } }; delete d.cells[c].gateway.resources; }),
      path: CLUSTER, field: `cells[${c}].gateway.autoscaler`,
    })),
  },
  {
    name: 'gateway autoscaler max below min',
    base: { releases: FROM('2.15') },
    apply: (spec) => fc.tuple(pickCell(spec), fc.integer({ min: 2, max: 5 })).map(([c, min]) => ({
      spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, autoscaler: { minReplicas: min, maxReplicas: min - 1 } }; delete d.cells[c].gateway.resources; }),
      path: cellPath(c), field: 'gateway.autoscaler.maxReplicas',
    })),
  },
  {
    name: 'rollout that cannot progress',
    base: { releases: FROM('2.15') },
    apply: (spec) => fc.tuple(pickCell(spec), fc.constantFrom<[number | string, number | string]>([0, 0], ['0%', '0%'], [0, '0%'])).map(([c, [maxUnavailable, maxSurge]]) => ({
      spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, strategy: { kind: 'rolling', maxUnavailable, maxSurge } }; }),
      path: cellPath(c), field: 'gateway.strategy.rollingUpdate',
    })),
  },
  {
    name: 'gateway TLS secret without a name',
    apply: (spec) => pickCell(spec).map((c) => ({
      spec: edit(spec, (d) => { d.cells[c].gateway = { ...d.cells[c].gateway, tls: { secret: '' } }; }), path: cellPath(c), field: 'gateway.secureTransport.tls.certSecret.name',
    })),
  },
  {
    name: 'vtadmin addresses not matching its cells',
    base: { minCells: 2 },
    apply: (spec) => fc.constantFrom(
      { vtadmin: { apiAddresses: ['https://a.example.com', 'https://b.example.com'] }, field: 'apiAddresses' },
      { vtadmin: { apiAddresses: ['https://a.example.com', 'https://b.example.com', 'https://c.example.com', 'https://d.example.com'], cells: [spec.cells[0].name, spec.cells[1].name] }, field: 'apiAddresses' },
      { vtadmin: { apiAddresses: [] }, field: 'apiAddresses' },
      { vtadmin: { apiAddresses: ['vtadmin.example.com'] }, field: 'apiAddresses[0]' },
      { vtadmin: { apiAddresses: ['http://localhost:14001'], cells: ['nowhere'] }, field: 'cells[0]' },
    ).map(({ vtadmin, field }) => ({ spec: edit(spec, (d) => { d.vtadmin = vtadmin; }), path: `${CLUSTER}/VtAdmin`, field })),
  },
  {
    name: 'vtadmin fetchCredentials before operator 2.16',
    base: { releases: BEFORE('2.16') },
    apply: (spec) => fc.constant({
      spec: edit(spec, (d) => { d.vtadmin = { apiAddresses: ['http://localhost:14001'], fetchCredentials: 'include' }; }), path: CLUSTER, field: 'vtadmin.fetchCredentials',
    }),
  },
  {
    name: 'backup schedule frequency or cluster scope before operator 2.17',
    base: { releases: minors((r) => r.atLeast('2.13') && !r.atLeast('2.17')) },
    apply: (spec) => fc.boolean().map((frequency) => ({
      spec: edit(spec, (d) => withSchedule(d, schedule(spec, frequency ? { cron: undefined, frequency: '24h' } : { strategy: { scope: 'cluster' } }))),
      path: CLUSTER, field: frequency ? 'backup.schedules[0].frequency' : 'backup.schedules[0].strategies[0].scope',
    })),
  },
  {
    name: 'backup schedule on a shard the keyspace does not have',
    base: { releases: FROM('2.13') },
    apply: (spec) => fc.constantFrom('-', '-40', '00-', 'zz').filter((sh) => !spec.keyspaces[0].partitionings.some((p) => shardNamesOf(p).split(',').includes(sh))).map((shard) => ({
      spec: edit(spec, (d) => withSchedule(d, schedule(spec, { strategy: { scope: 'shard', keyspace: spec.keyspaces[0].name, shard } }))),
      path: `${CLUSTER}/Backup`, field: 'schedules[0].strategies[0].shard',
    })),
  },
  {
    name: 'external lockserver address or root path',
    apply: (spec) => fc.constantFrom(
      { address: 'etcd-global', rootPath: '/vitess', field: 'globalLockserver.external.address' },
      { address: 'http://etcd:2379', rootPath: '/vitess', field: 'globalLockserver.external.address' },
      { address: 'etcd:2379', rootPath: 'vitess/global', field: 'globalLockserver.external.rootPath' },
    ).map(({ field, ...l }) => ({ spec: edit(spec, (d) => { d.globalLockserver = { kind: 'external', ...l }; }), path: CLUSTER, field })),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Garbage: odd values pushed into numeric and string props. Any outcome but a clean, schema-valid synth or
// well-formed validation errors is a bug.
// ---------------------------------------------------------------------------------------------------------

export interface GarbageSlot<T> {
  readonly name: string;
  readonly inject: (spec: ClusterSpec, value: T) => fc.Arbitrary<ClusterSpec>;
}

const intoPool = (f: (p: any, v: any) => void) => (spec: ClusterSpec, v: any) => pickPool(spec).map(([i, j]) => edit(spec, (d) => f(d.keyspaces[i].pools[j], v)));
const intoKeyspace = (f: (k: any, v: any) => void) => (spec: ClusterSpec, v: any) => pickKeyspace(spec).map((i) => edit(spec, (d) => f(d.keyspaces[i], v)));
const intoCell = (f: (c: any, v: any, d: Draft, i: number) => void) => (spec: ClusterSpec, v: any) => pickCell(spec).map((i) => edit(spec, (d) => f(d.cells[i], v, d, i)));
const intoCluster = (f: (d: Draft, v: any) => void) => (spec: ClusterSpec, v: any) => fc.constant(edit(spec, (d) => f(d, v)));

export const NUMBER_SLOTS: readonly GarbageSlot<number>[] = [
  { name: 'pool replicas', inject: intoPool((p, v) => { p.replicas = v; }) },
  { name: 'gateway replicas', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, replicas: v }; }) },
  { name: 'dashboard replicas', inject: intoCluster((d, v) => { d.dashboard = { ...d.dashboard, replicas: v }; }) },
  { name: 'equal parts', inject: intoKeyspace((k, v) => { k.partitionings[0] = { kind: 'equal', parts: v }; }) },
  { name: 'hexWidth', inject: intoKeyspace((k, v) => { k.partitionings[0] = { kind: 'equal', parts: 4, hexWidth: v }; }) },
  { name: 'autoscaler minReplicas', inject: intoCell((c, v) => { c.gateway = { autoscaler: { minReplicas: v, maxReplicas: 4 } }; }) },
  { name: 'autoscaler maxReplicas', inject: intoCell((c, v) => { c.gateway = { autoscaler: { minReplicas: 1, maxReplicas: v } }; }) },
  { name: 'autoscaler targetCpuUtilization', inject: intoCell((c, v) => { c.gateway = { autoscaler: { minReplicas: 1, maxReplicas: 2, targetCpuUtilization: v } }; }) },
  { name: 'rollout maxSurge', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, strategy: { kind: 'rolling', maxSurge: v } }; }) },
  { name: 'vtadmin replicas', inject: intoCluster((d, v) => { d.vtadmin = { apiAddresses: ['http://localhost:14001'], replicas: v }; }) },
  { name: 'backup schedule jobTimeoutMinute', inject: (spec, v) => fc.constant(edit(spec, (d) => withSchedule(d, schedule(spec, { jobTimeoutMinute: v })))) },
  { name: 'rollout maxUnavailable', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, strategy: { kind: 'rolling', maxUnavailable: v, maxSurge: 1 } }; }) },
];

export const STRING_SLOTS: readonly GarbageSlot<string>[] = [
  { name: 'cluster name', inject: intoCluster((d, v) => { d.name = v; }) },
  { name: 'cell name', inject: intoCell((_c, v, d, i) => renameCell(d, i, v)) },
  { name: 'keyspace name', inject: intoKeyspace((k, v) => { k.name = v; }) },
  { name: 'zone', inject: intoCell((c, v) => { c.zone = v; }) },
  { name: 'databaseName', inject: intoKeyspace((k, v) => { k.databaseName = v; }) },
  { name: 'sidecarDbName', inject: intoKeyspace((k, v) => { k.sidecarDbName = v; }) },
  { name: 'durability policy', inject: intoKeyspace((k, v) => { k.durability = v; }) },
  { name: 'turndown policy', inject: intoKeyspace((k, v) => { k.turndown = v; }) },
  { name: 'custom shard boundary', inject: intoKeyspace((k, v) => { k.partitionings = [{ kind: 'custom', shards: [`-${v}`, `${v}-`] }]; }) },
  { name: 'annotation value', inject: intoKeyspace((k, v) => { k.annotations = { team: v }; }) },
  { name: 'vtorc flag value', inject: intoKeyspace((k, v) => { k.vtorc = { pollTime: v }; }) },
  { name: 'storage size', inject: intoPool((p, v) => { p.storageSize = v; }) },
  { name: 'storageClassName', inject: intoPool((p, v) => { p.storageClassName = v; }) },
  { name: 'mysqld memory limit', inject: intoPool((p, v) => { p.mysqld = { limits: { memory: v } }; }) },
  { name: 'mysqld memory request', inject: intoPool((p, v) => { p.mysqld = { requests: { memory: v }, limits: { memory: '2Gi' } }; }) },
  { name: 'mysqld cpu request', inject: intoPool((p, v) => { p.mysqld = { requests: { cpu: v }, limits: { memory: '1Gi' } }; }) },
  { name: 'vttablet cpu limit', inject: intoPool((p, v) => { p.vttablet = { limits: { cpu: v } }; }) },
  { name: 'my.cnf overrides', inject: intoPool((p, v) => { p.configOverrides = v; }) },
  { name: 'gateway memory limit', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, resources: { requests: { cpu: '100m' }, limits: { memory: v } } }; }) },
  { name: 'rollout maxSurge', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, strategy: { kind: 'rolling', maxSurge: v } }; }) },
  { name: 'dashboard cell', inject: intoCluster((d, v) => { d.dashboard = { ...d.dashboard, cells: [v] }; }) },
  { name: 'password', inject: intoCluster((d, v) => { d.users = [{ user: 'app', password: v }]; }) },
  { name: 'user name', inject: intoCluster((d, v) => { d.users = [{ user: v, password: 'secret' }]; }) },
  { name: 'buffer pool size', inject: intoCluster((d, v) => { d.bufferPoolSize = v; }) },
  { name: 'mysql image', inject: intoCluster((d, v) => { d.mysqlImage = v; }) },
  { name: 'vtgate image', inject: intoCluster((d, v) => { d.images = { vtgate: v }; }) },
  { name: 'update strategy', inject: intoCluster((d, v) => { d.updateStrategy = v; delete d.allowStorageChangesWithoutRelease; }) },
  { name: 'lockserver address', inject: intoCluster((d, v) => { d.globalLockserver = { kind: 'external', address: v, rootPath: '/vitess' }; }) },
  { name: 'lockserver root path', inject: intoCluster((d, v) => { d.globalLockserver = { kind: 'external', address: 'etcd:2379', rootPath: v }; }) },
  { name: 'etcd storage size', inject: intoCluster((d, v) => { d.globalLockserver = { kind: 'managed', storageSize: v }; }) },
  { name: 'etcd cpu request', inject: intoCluster((d, v) => { d.globalLockserver = { kind: 'managed', resources: { requests: { cpu: v } } }; }) },
  { name: 'exporter memory limit', inject: intoPool((p, v) => { p.exporter = { limits: { memory: v } }; }) },
  { name: 'vtorc cpu limit', inject: intoKeyspace((k, v) => { k.vtorc = { resources: { limits: { cpu: v } } }; }) },
  { name: 'dashboard memory request', inject: intoCluster((d, v) => { d.dashboard = { ...d.dashboard, resources: { requests: { memory: v } } }; }) },
  { name: 'vtadmin api address', inject: intoCluster((d, v) => { d.vtadmin = { apiAddresses: [v] }; }) },
  { name: 'vtadmin cell', inject: intoCluster((d, v) => { d.vtadmin = { apiAddresses: ['http://localhost:14001'], cells: [v] }; }) },
  { name: 'gateway TLS secret', inject: intoCell((c, v) => { c.gateway = { ...c.gateway, tls: { secret: v } }; }) },
  { name: 'backup schedule cron', inject: (spec, v) => fc.constant(edit(spec, (d) => withSchedule(d, schedule(spec, { cron: v })))) },
  { name: 'backup schedule frequency', inject: (spec, v) => fc.constant(edit(spec, (d) => withSchedule(d, schedule(spec, { cron: undefined, frequency: v })))) },
  { name: 'backup schedule name', inject: (spec, v) => fc.constant(edit(spec, (d) => withSchedule(d, schedule(spec, { name: v })))) },
  {
    name: 'backup location name',
    inject: (spec, v) => fc.constant(edit(spec, (d) => {
      d.backupLocations = [v];
      for (const k of d.keyspaces) for (const p of k.pools) p.backupLocationName = v;
    })),
  },
];

export const garbageNumberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 1.5, 0.1, 1e9, 2 ** 31, 2 ** 53 + 2, 1e21, Number.MIN_VALUE, -1e-7, 65536, 65537) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

export const garbageStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\n', 'a\nb', '\t', 'ä', '日本語', '🚀', 'x'.repeat(300), '-', '0', 'NaN', 'Infinity', '1e3', '../', '%', "'", '"', '\\', '${x}', '\u0000', 'Mi', ' 1Gi', '1Gi ', '1Gi\n', '+1Gi', '.5', '1.5Gi', '0', '-1', '0%', '100%', 'latest', 'a:b', 'a/b') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);
