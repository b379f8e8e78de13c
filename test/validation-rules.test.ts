import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  AuthSecret, DurabilityPolicy, GlobalEtcd, Lockserver, MysqlPreset, Partitioning, Password, TabletType,
  VitessCluster, VitessClusterProps, VitessRelease,
} from '../lib';
import { KeyspaceProps } from '../lib/keyspace';
import { TabletPoolProps } from '../lib/tablet-pool';
import { synthErrors } from './support/synth';

interface Variant {
  readonly cluster?: Partial<VitessClusterProps>;
  readonly cells?: string[];
  readonly keyspace?: KeyspaceProps;
  readonly pools?: Partial<TabletPoolProps>[];
  readonly users?: { user: string; password: Password }[];
  readonly cellLockserver?: Lockserver;
}

/** A small valid cluster, changed by a variant. */
function build(v: Variant): Chart {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: v.users ?? [{ user: 'app', password: Password.plainText('s3cret-pw') }] });
  const cluster = new VitessCluster(chart, 'vc', { name: 'demo', auth, ...v.cluster });
  for (const c of v.cells ?? ['zone1']) cluster.addCell(c, { lockserver: v.cellLockserver });
  const ks = cluster.addKeyspace('ks', v.keyspace);
  (v.pools ?? [{}]).forEach((p, i) => ks.addTabletPool(`pool${i}`, { cell: 'zone1', type: TabletType.REPLICA, replicas: 3, ...p }));
  return chart;
}

interface RuleCase {
  readonly rule: string;
  readonly good: Variant;
  readonly bad: Variant;
  /** Substring of the error: construct path, field and message. */
  readonly error: string;
}

const small = (memory: string) => ({ resources: { requests: { cpu: '100m', memory }, limits: { memory } } });

const RULES: RuleCase[] = [
  { rule: 'cluster name is a DNS label', good: { cluster: { name: 'adv-vitess' } }, bad: { cluster: { name: 'Adv_Vitess' } }, error: "[t/vc] name: 'Adv_Vitess' is not a valid cluster name" },
  { rule: 'cell names have no hyphen', good: { cells: ['zone1', 'useast1a'] }, bad: { cells: ['zone1', 'us-east-1a'] }, error: "[t/vc/us-east-1a] name: 'us-east-1a' is not a valid cell name" },
  { rule: 'keyspace names match the CRD pattern', good: { keyspace: { name: 'commerce-v2' } }, bad: { keyspace: { name: '-commerce' } }, error: "[t/vc/ks] name: '-commerce' is not a valid keyspace name" },
  { rule: 'the cluster has at least one cell', good: { cells: ['zone1'] }, bad: { cells: [], pools: [{ cell: 'zone1' }] }, error: '[t/vc] cells: the cluster has no cells' },
  { rule: 'tablet pools reference a defined cell', good: { pools: [{ cell: 'zone1' }] }, bad: { pools: [{ cell: 'zone1' }, { cell: 'zone9' }] }, error: "[t/vc/ks/pool1] cell: cell 'zone9' is not one of the cluster's cells (zone1)" },
  { rule: 'dashboard cells reference a defined cell', good: { cluster: { dashboard: { cells: ['zone1'] } } }, bad: { cluster: { dashboard: { cells: ['zone2'] } } }, error: "[t/vc] dashboard.cells[0]: cell 'zone2' is not defined" },
  { rule: 'custom partitionings have no gaps', good: { keyspace: { partitionings: [Partitioning.custom(['-80', '80-'])] } }, bad: { keyspace: { partitionings: [Partitioning.custom(['-40', '80-'])] } }, error: "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.start: gap between '40' and '80'" },
  { rule: 'custom partitionings do not overlap', good: { keyspace: { partitionings: [Partitioning.custom(['-80', '80-c0', 'c0-'])] } }, bad: { keyspace: { partitionings: [Partitioning.custom(['-80', '40-'])] } }, error: "[t/vc/ks] partitionings[0].custom.shards[1].keyRange.start: shard '40-' overlaps the previous shard" },
  { rule: 'custom partitionings cover both ends', good: { keyspace: { partitionings: [Partitioning.custom(['-'])] } }, bad: { keyspace: { partitionings: [Partitioning.custom(['10-'])] } }, error: "partitionings[0].custom.shards[0].keyRange.start: the first shard starts at '10'" },
  { rule: 'key ranges are even-length lowercase hex', good: { keyspace: { partitionings: [Partitioning.custom(['-8000', '8000-'])] } }, bad: { keyspace: { partitionings: [Partitioning.custom(['-8', '8-'])] } }, error: "partitionings[0].custom.shards[0].keyRange.end: '8' is not lowercase hex with an even number of digits" },
  { rule: 'equal parts are within 1..65536', good: { keyspace: { partitionings: [Partitioning.equal(65536)] } }, bad: { keyspace: { partitionings: [Partitioning.equal(0)] } }, error: '[t/vc/ks] partitionings[0].equal.parts: 0 parts is outside 1..65536' },
  { rule: 'hexWidth is even', good: { keyspace: { partitionings: [Partitioning.equal(4, { hexWidth: 2 })] } }, bad: { keyspace: { partitionings: [Partitioning.equal(4, { hexWidth: 3 })] } }, error: 'partitionings[0].equal.hexWidth: hexWidth 3 is not an even number' },
  { rule: 'hexWidth is wide enough for the parts', good: { keyspace: { partitionings: [Partitioning.equal(300, { hexWidth: 4 })] } }, bad: { keyspace: { partitionings: [Partitioning.equal(300, { hexWidth: 2 })] } }, error: 'hexWidth 2 gives only 256 distinct boundaries for 300 parts' },
  { rule: 'at most two partitionings', good: { keyspace: { partitionings: [Partitioning.equal(1), Partitioning.equal(2)] } }, bad: { keyspace: { partitionings: [Partitioning.equal(1), Partitioning.equal(2), Partitioning.equal(4)] } }, error: '[t/vc/ks] partitionings: 3 partitionings given' },
  { rule: 'a second partitioning differs from the first', good: { keyspace: { partitionings: [Partitioning.equal(2), Partitioning.equal(4)] } }, bad: { keyspace: { partitionings: [Partitioning.equal(2), Partitioning.custom(['-80', '80-'])] } }, error: 'partitionings[1]: both partitionings produce the same shards' },
  { rule: 'pool replicas are a count', good: { cells: ['zone1', 'zone2'], pools: [{ replicas: 0 }, { type: TabletType.RDONLY, replicas: 1 }, { replicas: 2, cell: 'zone2', vttablet: small('256Mi') }] }, bad: { pools: [{ replicas: -1 }] }, error: '[t/vc/ks/pool0] replicas: -1 is not a tablet count' },
  { rule: 'every keyspace has a replica pool', good: { pools: [{ type: TabletType.REPLICA }] }, bad: { pools: [{ type: TabletType.RDONLY }] }, error: "[t/vc/ks] tabletPools: keyspace 'ks' has no replica pool" },
  { rule: 'semi_sync needs another tablet to acknowledge', good: { keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC }, pools: [{ replicas: 2 }] }, bad: { keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC }, pools: [{ replicas: 1 }] }, error: "[t/vc/ks] durabilityPolicy: 'semi_sync' makes the primary wait for a replica" },
  { rule: 'rdonly_ack policies may count rdonly ackers', good: { keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK }, pools: [{ replicas: 1 }, { type: TabletType.RDONLY, replicas: 1 }] }, bad: { keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK }, pools: [{ replicas: 1 }] }, error: "durabilityPolicy: 'semi_sync_with_rdonly_ack' makes the primary wait" },
  { rule: 'rdonly_ack policies need Vitess 18', good: { cluster: { release: VitessRelease.V18 }, keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK } }, bad: { cluster: { release: VitessRelease.V17 }, keyspace: { durabilityPolicy: DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK } }, error: "durabilityPolicy: 'semi_sync_with_rdonly_ack' needs Vitess 18+" },
  { rule: 'cross_cell needs primary-eligible tablets in two cells', good: { cells: ['zone1', 'zone2'], keyspace: { durabilityPolicy: DurabilityPolicy.CROSS_CELL }, pools: [{ cell: 'zone1', replicas: 2 }, { cell: 'zone2', replicas: 2 }] }, bad: { cells: ['zone1', 'zone2'], keyspace: { durabilityPolicy: DurabilityPolicy.CROSS_CELL }, pools: [{ cell: 'zone1', replicas: 2 }] }, error: "durabilityPolicy: 'cross_cell' needs primary-eligible tablets in at least 2 cells, found 1 (zone1)" },
  { rule: 'enforceSemiSync only where the release has it', good: { cluster: { release: VitessRelease.V15 }, keyspace: { enforceSemiSync: false } }, bad: { cluster: { release: VitessRelease.V16 }, keyspace: { enforceSemiSync: false } }, error: '[t/vc] keyspaces[0].partitionings[0].equal.shardTemplate.replication.enforceSemiSync: this field was removed in operator 2.9; operator 2.9.5 (Vitess 16) would prune it. Fix: use the keyspace durabilityPolicy (e.g. semi_sync) instead' },
  { rule: 'enforceSemiSync needs 3 primary-eligible tablets', good: { cluster: { release: VitessRelease.V15 }, keyspace: { enforceSemiSync: true }, pools: [{ replicas: 3 }] }, bad: { cluster: { release: VitessRelease.V15 }, keyspace: { enforceSemiSync: true }, pools: [{ replicas: 2 }] }, error: '[t/vc/ks] enforceSemiSync: enforceSemiSync forbids falling back to async replication, but each shard has only 2' },
  { rule: 'fields newer than the target release fail', good: { cluster: { release: VitessRelease.V23 }, keyspace: { partitionings: [Partitioning.equal(2, { hexWidth: 2 })] } }, bad: { cluster: { release: VitessRelease.V22 }, keyspace: { partitionings: [Partitioning.equal(2, { hexWidth: 2 })] } }, error: '[t/vc] keyspaces[0].partitionings[0].equal.hexWidth: this field needs operator 2.16 or later' },
  { rule: 'vtorc on operator 2.7 is refused', good: { cluster: { release: VitessRelease.V15 }, keyspace: { vtorc: {} } }, bad: { cluster: { release: VitessRelease.V14 }, keyspace: { vtorc: {} } }, error: '[t/vc/ks] vtorc: vtorc on operator 2.7.5 (Vitess 14) needs a configSecret' },
  { rule: 'image overrides are pinned', good: { cluster: { images: { vtgate: 'vitess/lite:v24.0.1-mysql80' } } }, bad: { cluster: { images: { vtgate: 'vitess/lite:latest' } } }, error: "[t/vc] images.vtgate: image 'vitess/lite:latest' uses the floating tag 'latest'" },
  { rule: 'untagged images are refused', good: { cluster: { images: { mysqldExporter: 'prom/mysqld-exporter@sha256:' + 'a'.repeat(64) } } }, bad: { cluster: { images: { mysqldExporter: 'prom/mysqld-exporter' } } }, error: "[t/vc] images.mysqldExporter: image 'prom/mysqld-exporter' has no tag" },
  { rule: 'the mysqld image is pinned', good: { cluster: { mysql: MysqlPreset.mysql80({ image: 'mysql:8.0.40' }) } }, bad: { cluster: { mysql: MysqlPreset.mysql80({ image: 'vitess/lite:mysql80' }) } }, error: "[t/vc] mysql.image: image 'vitess/lite:mysql80' uses the floating tag 'mysql80' (not a version)" },
  { rule: 'MySQL versions Vitess no longer supports are refused', good: { cluster: { release: VitessRelease.V18, mysql: MysqlPreset.mysql57() } }, bad: { cluster: { release: VitessRelease.V19, mysql: MysqlPreset.mysql57() } }, error: '[t/vc] mysql: Vitess 19 dropped support for MySQL 5.7 (vitessio/vitess#14663), so operator 2.12.0 (Vitess 19) cannot run it, whatever the image. Fix: use MySQL 8.0 (MysqlPreset.mysql80())' },
  { rule: 'MySQL versions the release ships no image for need an image', good: { cluster: { release: VitessRelease.V22, mysql: MysqlPreset.mysql84({ image: 'mysql:8.4.6' }) } }, bad: { cluster: { release: VitessRelease.V22, mysql: MysqlPreset.mysql84() } }, error: '[t/vc] mysql: MySQL 8.4 is not supported by operator 2.15.1 (Vitess 22) (it supports MySQL 8.0). Fix: use MysqlPreset.mysql80() or a release with MySQL 8.4 (Vitess 23–24)' },
  { rule: 'MySQL 8.4 needs Vitess 23', good: { cluster: { release: VitessRelease.V23, mysql: MysqlPreset.mysql84() } }, bad: { cluster: { release: VitessRelease.V22, mysql: MysqlPreset.mysql84() } }, error: '[t/vc] mysql: MySQL 8.4 is not supported by operator 2.15.1 (Vitess 22)' },
  { rule: 'mysqld memory limit is above the OOM floor', good: { pools: [{ mysqld: { resources: { requests: { memory: '512Mi' }, limits: { memory: '512Mi' } } } }] }, bad: { pools: [{ mysqld: { resources: { requests: { memory: '256Mi' }, limits: { memory: '256Mi' } } } }] }, error: '[t/vc/ks/pool0] mysqld.resources.limits.memory: mysqld memory limit 256Mi is below the 512Mi MySQL 8.0 needs' },
  { rule: 'mysqld has a memory limit', good: { pools: [{ mysqld: { resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } } }] }, bad: { pools: [{ mysqld: { resources: { requests: { memory: '1Gi' } } } }] }, error: '[t/vc/ks/pool0] mysqld.resources.limits.memory: mysqld has no memory limit' },
  { rule: 'requests do not exceed limits', good: { pools: [{ vttablet: { resources: { requests: { memory: '256Mi' }, limits: { memory: '256Mi' } } } }] }, bad: { pools: [{ vttablet: { resources: { requests: { memory: '512Mi' }, limits: { memory: '256Mi' } } } }] }, error: '[t/vc/ks/pool0] vttablet.resources.requests.memory: request 512Mi is above the limit 256Mi' },
  { rule: 'quantities parse', good: { pools: [{ vttablet: { resources: { requests: { cpu: '0.5' } } } }] }, bad: { pools: [{ vttablet: { resources: { requests: { cpu: '100mc' } } } }] }, error: "[t/vc/ks/pool0] vttablet.resources.requests.cpu: '100mc' is not a cpu quantity" },
  { rule: 'vtgate users have a password', good: { users: [{ user: 'app', password: Password.plainText('x') }] }, bad: { users: [{ user: 'app', password: Password.plainText('') }] }, error: '[t/auth] users[0].password: the plain-text password is empty; vtgate would accept this user without a password' },
  { rule: 'passwords from the environment must be set', good: { users: [{ user: 'app', password: Password.fromEnv('CDK8S_VITESS_TEST_UNSET', { insecureDevDefault: 'dev' }) }] }, bad: { users: [{ user: 'app', password: Password.fromEnv('CDK8S_VITESS_TEST_UNSET') }] }, error: '[t/auth] users[0].password: environment variable CDK8S_VITESS_TEST_UNSET is not set' },
  { rule: 'native hashes are well-formed', good: { users: [{ user: 'app', password: Password.mysqlNativeHash('*' + 'A'.repeat(40)) }] }, bad: { users: [{ user: 'app', password: Password.mysqlNativeHash('secret') }] }, error: "[t/auth] users[0].password: 'secret' is not a MySQL native password hash" },
  { rule: 'vtgate users are unique', good: { users: [{ user: 'a', password: Password.plainText('x') }, { user: 'b', password: Password.plainText('y') }] }, bad: { users: [{ user: 'a', password: Password.plainText('x') }, { user: 'a', password: Password.plainText('y') }] }, error: "[t/auth] users[1].user: user 'a' is defined twice" },
  { rule: 'external lockserver address is host:port', good: { cluster: { globalLockserver: GlobalEtcd.external({ address: 'etcd-global-1:2379', rootPath: '/vitess/demo' }) } }, bad: { cluster: { globalLockserver: GlobalEtcd.external({ address: 'etcd-global-1', rootPath: '/vitess/demo' }) } }, error: "[t/vc] globalLockserver.external.address: 'etcd-global-1' is not host:port" },
  { rule: 'external lockserver root path is absolute', good: { cluster: { globalLockserver: GlobalEtcd.external({ address: 'etcd:2379', rootPath: '/demo' }) } }, bad: { cluster: { globalLockserver: GlobalEtcd.external({ address: 'etcd:2379', rootPath: 'demo' }) } }, error: "[t/vc] globalLockserver.external.rootPath: root path 'demo' is not absolute" },
  { rule: 'etcd member index is 1..3 with peer URLs', good: { cluster: { globalLockserver: GlobalEtcd.managed({ localMemberIndex: 2, advertisePeerURLs: ['http://a:2380', 'http://b:2380', 'http://c:2380'] }) } }, bad: { cluster: { globalLockserver: GlobalEtcd.managed({ localMemberIndex: 4, advertisePeerURLs: ['http://a:2380', 'http://b:2380', 'http://c:2380'] }) } }, error: '[t/vc] globalLockserver.etcd.localMemberIndex: member index 4 is not 1, 2 or 3' },
  { rule: 'etcd peer URLs are exactly 3', good: { cluster: { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: ['http://a:2380', 'http://b:2380', 'http://c:2380'] }) } }, bad: { cluster: { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: ['http://a:2380'] }) } }, error: '[t/vc] globalLockserver.etcd.advertisePeerURLs: 1 peer URLs given' },
  { rule: 'cell lockserver uses the global implementation', good: { cellLockserver: Lockserver.external({ address: 'cell-etcd:2379', rootPath: '/vitess/zone1' }) }, bad: { cellLockserver: Lockserver.external({ implementation: 'zk2', address: 'cell-zk:2181', rootPath: '/vitess/zone1' }) }, error: "[t/vc/zone1] lockserver.external.implementation: the cell lockserver uses 'zk2' but the global one 'etcd2'" },
  { rule: 'extraVitessFlags have no leading dashes', good: { cluster: { extraVitessFlags: { 'grpc_max_message_size': '1' } } }, bad: { cluster: { extraVitessFlags: { '--grpc_max_message_size': '1' } } }, error: "[t/vc] extraVitessFlags.--grpc_max_message_size: flag names must not start with dashes" },
];

describe('validation rules: one good and one bad case each', () => {
  it.each(RULES.map((r) => [r.rule, r]))('%s', (_rule, r) => {
    expect(synthErrors(build(r.good))).toBe('');
    const errors = synthErrors(build(r.bad));
    expect(errors).toContain(r.error);
    expect(errors).toMatch(/Fix: /);
  });

  it('cell names are unique', () => {
    const chart = build({});
    const vc = chart.node.findChild('vc') as VitessCluster;
    vc.addCell('zone1b', { name: 'zone1' });
    expect(synthErrors(chart)).toContain("[t/vc] cells[1]: cell 'zone1' is defined twice. Fix: give each cell a unique name");
    expect(synthErrors(build({ cells: ['zone1', 'zone2'] }))).toBe('');
  });

  it('keyspace names are unique', () => {
    const chart = build({});
    const vc = chart.node.findChild('vc') as VitessCluster;
    vc.addKeyspace('ks2', { name: 'ks' }).addTabletPool('p', { cell: 'zone1', replicas: 3 });
    expect(synthErrors(chart)).toContain("[t/vc] keyspaces[1]: keyspace 'ks' is defined twice");
  });

  it('reports a dashed flag name once', () => {
    const errors = synthErrors(build({ cluster: { extraVitessFlags: { '--grpc_max_message_size': '1' } } }));
    expect(errors.match(/extraVitessFlags\.--grpc_max_message_size: flag names must not start with dashes/g)).toHaveLength(1);
  });

  it('reports every problem at once, not just the first', () => {
    const errors = synthErrors(build({ cluster: { name: 'Bad_Name' }, cells: ['zone1', 'bad-cell'] }));
    expect(errors).toContain("name: 'Bad_Name'");
    expect(errors).toContain("name: 'bad-cell'");
  });
});
