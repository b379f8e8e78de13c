import { readdirSync } from 'node:fs';
import { App, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  BackupLocation, BackupSchedule, BackupStrategy, CellsToWatch, DurabilityPolicy, FEDERATED_TOPOLOGY_RECONCILIATION, Federation,
  FederationMember, FederationProps, GlobalEtcd, Lockserver, Partitioning, Password, TabletType, VitessRelease, Warnings,
} from '../lib';
import { schemaErrors, vitessCluster } from './support/synth';

const GLOBAL = GlobalEtcd.external({ address: 'etcd-global-1:2379,etcd-global-2:2379,etcd-global-3:2379', rootPath: '/vitess/shop/global' });
const reachable = (cell: string) => Lockserver.managedEtcd({ cellInfoAddress: `etcd-${cell}.internal.example:2379` });

interface MemberSpec {
  readonly id: string;
  readonly cells: string[];
  /** replica / rdonly tablets of keyspace `commerce` per cell. @default 2 replica */
  readonly replica?: number;
  readonly rdonly?: number;
  readonly etcdMemberIndex?: number;
  readonly cellsToWatch?: CellsToWatch;
  readonly lockserver?: (cell: string) => Lockserver | undefined;
}

const TWO: MemberSpec[] = [{ id: 'useast1', cells: ['useast1a'] }, { id: 'uswest2', cells: ['uswest2a'] }];

/** A federation `shop` with keyspace `commerce` (cross_cell, 2 shards); each member's cells get commerce pools. */
function build(members: MemberSpec[] = TWO, props: Partial<FederationProps> = {}) {
  const app = Testing.app();
  const fed = new Federation(app, 'fed', {
    clusterName: 'shop', namespace: 'vitess', globalLockserver: GLOBAL,
    auth: { users: [{ user: 'app', password: Password.plainText('s3cret-pw') }] },
    cluster: { backup: { locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'shop-backups' })] } },
    ...props,
  });
  const commerce = fed.addKeyspace('commerce', { durabilityPolicy: DurabilityPolicy.CROSS_CELL, partitionings: [Partitioning.equal(2)] });
  const byId: Record<string, FederationMember> = {};
  for (const m of members) {
    const member = fed.addMember(m.id, { etcdMemberIndex: m.etcdMemberIndex, cellsToWatch: m.cellsToWatch });
    byId[m.id] = member;
    for (const c of m.cells) {
      const cell = member.addCell(c, { lockserver: (m.lockserver ?? reachable)(c) });
      if ((m.replica ?? 2) > 0) member.keyspace(commerce).addTabletPool(`${c}-replica`, { cell, type: TabletType.REPLICA, replicas: m.replica ?? 2 });
      if (m.rdonly) member.keyspace(commerce).addTabletPool(`${c}-rdonly`, { cell, type: TabletType.RDONLY, replicas: m.rdonly });
    }
  }
  return { app, fed, members: byId, commerce };
}

/** Validation errors of the whole app ('' when valid). */
function errors(app: App): string {
  try {
    app.synthYaml();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const specOf = (m: FederationMember) => vitessCluster(Testing.synth(m));
const shardTemplate = (vc: any) => vc.spec.keyspaces[0].partitionings[0].equal.shardTemplate;

describe('Federation: one output per member', () => {
  it('writes one file per member, named after the member', () => {
    const { app } = build([...TWO, { id: 'euwest1', cells: ['euwest1a'] }]);
    app.synth();
    expect(readdirSync(app.outdir).sort()).toEqual(['euwest1.k8s.yaml', 'useast1.k8s.yaml', 'uswest2.k8s.yaml']);
  });

  it('is valid against the v2.17.0 CRD schema in every member, with zero unknown fields', () => {
    const { members } = build();
    for (const m of Object.values(members)) expect(schemaErrors(Testing.synth(m), VitessRelease.V24)).toEqual([]);
  });

  it('synthesizes byte-identically twice', () => {
    const once = () => build().app.synthYaml();
    expect(once()).toBe(once());
  });
});

describe('Federation: consistent by construction', () => {
  it('gives every member the same name, global lockserver, images, backup and keyspace definitions', () => {
    const { members } = build();
    const [east, west] = [specOf(members.useast1), specOf(members.uswest2)];
    for (const vc of [east, west]) expect(vc.metadata).toEqual({ name: 'shop', namespace: 'vitess' });
    expect(west.spec.globalLockserver).toEqual({ external: { implementation: 'etcd2', address: 'etcd-global-1:2379,etcd-global-2:2379,etcd-global-3:2379', rootPath: '/vitess/shop/global' } });
    expect(west.spec.globalLockserver).toEqual(east.spec.globalLockserver);
    expect(west.spec.images).toEqual(east.spec.images);
    expect(west.spec.backup).toEqual({ locations: [{ s3: { region: 'us-east-1', bucket: 'shop-backups' } }] });
    expect(west.spec.backup).toEqual(east.spec.backup);
    const definition = (vc: any) => vc.spec.keyspaces.map((k: any) => ({ name: k.name, durability: k.durabilityPolicy, parts: k.partitionings[0].equal.parts }));
    expect(definition(west)).toEqual([{ name: 'commerce', durability: 'cross_cell', parts: 2 }]);
    expect(definition(west)).toEqual(definition(east));
  });

  it('lists only the member\'s own cells and pools', () => {
    const { members } = build();
    const west = specOf(members.uswest2);
    expect(west.spec.cells.map((c: any) => c.name)).toEqual(['uswest2a']);
    expect(shardTemplate(west).tabletPools.map((p: any) => p.cell)).toEqual(['uswest2a']);
  });

  it('sets the topology reconciliation switches the federation facts require', () => {
    const { members } = build();
    const expected = { registerCells: true, registerCellsAliases: false, pruneCells: false, pruneKeyspaces: false, pruneSrvKeyspaces: false, pruneShards: false };
    expect(FEDERATED_TOPOLOGY_RECONCILIATION).toEqual(expected);
    for (const m of Object.values(members)) expect(specOf(m).spec.topologyReconciliation).toEqual(expected);
  });

  it('initializes shards in exactly one member: the first one by default', () => {
    const { members } = build();
    expect(shardTemplate(specOf(members.useast1)).replication).toEqual({ initializeMaster: true, initializeBackup: true });
    expect(shardTemplate(specOf(members.uswest2)).replication).toEqual({ initializeMaster: false, initializeBackup: false });
  });

  it('initializes shards in the bootstrap member when one is named', () => {
    const { members } = build(TWO, { bootstrapMember: 'uswest2' });
    expect(shardTemplate(specOf(members.useast1)).replication).toEqual({ initializeMaster: false, initializeBackup: false });
    expect(shardTemplate(specOf(members.uswest2)).replication).toEqual({ initializeMaster: true, initializeBackup: true });
  });

  it('counts the tablets of every member for cross_cell durability (one cell per member is enough)', () => {
    expect(errors(build().app)).toBe('');
  });

  it('shares vtctld options but lets every member run vtctld in its own cells only', () => {
    const dashboard = { replicas: 2, cells: ['useast1a'] } as any; // cells is not in the type; a JS caller could still pass it
    const { members, app } = build(TWO, { cluster: { dashboard } });
    expect(errors(app)).toBe('');
    for (const m of Object.values(members)) expect(specOf(m).spec.vitessDashboard).toEqual({ extraFlags: { security_policy: 'read-only' }, replicas: 2 });
  });

  it('gives keyspaces declared after the members to every member', () => {
    const { fed, members } = build();
    const later = fed.addKeyspace('later');
    members.useast1.keyspace(later).addTabletPool('replica', { cell: 'useast1a', replicas: 2 });
    expect(specOf(members.uswest2).spec.keyspaces.map((k: any) => k.name)).toEqual(['commerce', 'later']);
  });
});

describe('Federation: vtgate cells_to_watch', () => {
  it('leaves the operator default (local cells) unless asked', () => {
    const { members } = build();
    expect(specOf(members.useast1).spec.cells[0].gateway.extraFlags.cells_to_watch).toBeUndefined();
  });

  it('watches every cell of every member with CellsToWatch.ALL, including members added later', () => {
    const { fed, members } = build(TWO, { cellsToWatch: CellsToWatch.ALL });
    fed.addMember('euwest1').addCell('euwest1a', { lockserver: reachable('euwest1a') });
    for (const m of Object.values(members)) {
      expect(specOf(m).spec.cells[0].gateway.extraFlags.cells_to_watch).toBe('useast1a,uswest2a,euwest1a');
    }
  });

  it('lets one member keep its vtgates local', () => {
    const { members } = build([{ ...TWO[0], cellsToWatch: CellsToWatch.LOCAL }, TWO[1]], { cellsToWatch: CellsToWatch.ALL });
    expect(specOf(members.useast1).spec.cells[0].gateway.extraFlags.cells_to_watch).toBeUndefined();
    expect(specOf(members.uswest2).spec.cells[0].gateway.extraFlags.cells_to_watch).toBe('useast1a,uswest2a');
  });
});

describe('Federation: one operator-managed global etcd spread over 3 members', () => {
  const PEERS = ['http://etcd-1.shop.internal:2380', 'http://etcd-2.shop.internal:2380', 'http://etcd-3.shop.internal:2380'];
  const three = (indexes: Array<number | undefined>): MemberSpec[] =>
    ['useast1', 'uswest2', 'euwest1'].map((id, i) => ({ id, cells: [`${id}a`], etcdMemberIndex: indexes[i] }));

  it('runs one etcd member per Kubernetes cluster, all with the same peer URLs', () => {
    const { members, app } = build(three([1, 2, 3]), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: PEERS }) });
    expect(errors(app)).toBe('');
    expect(Object.values(members).map((m) => specOf(m).spec.globalLockserver)).toEqual([1, 2, 3].map((i) => ({ etcd: { localMemberIndex: i, advertisePeerURLs: PEERS } })));
    for (const m of Object.values(members)) expect(schemaErrors(Testing.synth(m), VitessRelease.V24)).toEqual([]);
  });

  it('fails when a member runs no etcd member', () => {
    const { app } = build(three([1, 2, undefined]), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: PEERS }) });
    expect(errors(app)).toContain("[fed] members.euwest1.etcdMemberIndex: member 'euwest1' runs no member of the operator-managed global etcd, so the operator there would deploy a separate 3-member etcd");
  });

  it('fails when fewer than 3 members run the etcd, so one of its members runs nowhere', () => {
    const { app } = build(three([1, 3]).slice(0, 2), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: PEERS }) });
    expect(errors(app)).toContain('[fed] members: no member runs etcd member 2 of the operator-managed global etcd (useast1 runs 1, uswest2 runs 3), so only 2 of its 3 members ever run and it loses quorum when one of them fails. ' +
      'Fix: spread the etcd over exactly 3 members with etcdMemberIndex 1, 2 and 3, or use GlobalEtcd.external(...) for fewer Kubernetes clusters');
    // Reported once, and not on top of a member without an index (that problem already says to spread over 3).
    expect(errors(build(three([1, 2, undefined]), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: PEERS }) }).app)).not.toContain('no member runs etcd member');
  });

  it('fails when two members run the same etcd member', () => {
    const { app } = build(three([1, 2, 2]), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: PEERS }) });
    expect(errors(app)).toContain('[fed] members.euwest1.etcdMemberIndex: etcd member 2 is run by members uswest2 and euwest1');
  });

  it('fails without peer URLs, and on in-cluster peer URLs', () => {
    expect(errors(build(three([1, 2, 3]), { globalLockserver: GlobalEtcd.managed() }).app))
      .toContain('[fed] globalLockserver.etcd.advertisePeerURLs: the etcd members run in different Kubernetes clusters but have no peer URLs to find each other');
    const local = [PEERS[0], 'http://shop-etcd-2.vitess.svc:2380', PEERS[2]];
    expect(errors(build(three([1, 2, 3]), { globalLockserver: GlobalEtcd.managed({ advertisePeerURLs: local }) }).app))
      .toContain("[fed] globalLockserver.etcd.advertisePeerURLs[1]: 'shop-etcd-2.vitess.svc' is an in-cluster Service name");
  });

  it('fails on an etcdMemberIndex with an external global lockserver', () => {
    expect(errors(build([{ ...TWO[0], etcdMemberIndex: 1 }, TWO[1]]).app)).toContain('[fed] members.useast1.etcdMemberIndex: the global lockserver is external');
  });
});

describe('Federation: consistency rules (each fails synth with its message)', () => {
  it('cell names are unique across members', () => {
    const { app } = build([{ id: 'useast1', cells: ['useast1a'] }, { id: 'uswest2', cells: ['useast1a'] }]);
    expect(errors(app)).toContain("[fed] members.uswest2.cells.useast1a: cell 'useast1a' is also a cell of member 'useast1'; each cell must belong to exactly one Kubernetes cluster. " +
      "Fix: rename one of them, e.g. after its zone with cellNameFromZone('us-east-1a') → 'useast1a'");
  });

  it('a pool in a cell owned by another member fails', () => {
    const { app, members, commerce } = build();
    members.useast1.keyspace(commerce).addTabletPool('stray', { cell: 'uswest2a', type: TabletType.RDONLY, replicas: 1 });
    expect(errors(app)).toContain("[fed] members.useast1.keyspaces.commerce.tabletPools.stray.cell: cell 'uswest2a' belongs to member 'uswest2', but the pool was added to member 'useast1', whose operator cannot run tablets in another Kubernetes cluster. " +
      "Fix: add the pool to the member that owns the cell: uswest2.keyspace('commerce').addTabletPool('stray', { cell: 'uswest2a', ... })");
  });

  it('a cell etcd without a reachable CellInfo address fails, with the in-cluster name it would advertise and the cellInfoAddress fix', () => {
    const { app } = build([TWO[0], { ...TWO[1], lockserver: () => Lockserver.managedEtcd() }]);
    const e = errors(app);
    expect(e).toMatch(/\[fed\] members\.uswest2\.cells\.uswest2a\.lockserver\.cellInfoAddress: cell 'uswest2a''s operator-managed etcd would be advertised in its CellInfo as 'shop-uswest2a-etcd-[0-9a-f]{8}-client\.vitess\.svc:2379', an in-cluster name that other Kubernetes clusters cannot resolve/);
    expect(e).toContain("Fix: set Lockserver.managedEtcd({ cellInfoAddress: '<host>:2379' }) to an address every Kubernetes cluster reaches");
  });

  it('an in-cluster cellInfoAddress or external cell lockserver address fails too', () => {
    const svc = build([TWO[0], { ...TWO[1], lockserver: () => Lockserver.managedEtcd({ cellInfoAddress: 'etcd-west.vitess.svc.cluster.local:2379' }) }]);
    expect(errors(svc.app)).toContain("[fed] members.uswest2.cells.uswest2a.lockserver.cellInfoAddress: 'etcd-west.vitess.svc.cluster.local' is an in-cluster Service name that only resolves inside one Kubernetes cluster, " +
      "but it is written into cell 'uswest2a''s CellInfo, which every Kubernetes cluster reads. Fix: use a DNS name or IP reachable from every member (for an operator-managed etcd, set cellInfoAddress)");
    const ext = build([TWO[0], { ...TWO[1], lockserver: () => Lockserver.external({ address: 'etcd.topo.svc:2379', rootPath: '/vitess/shop/uswest2a' }) }]);
    expect(errors(ext.app)).toContain("[fed] members.uswest2.cells.uswest2a.lockserver.external.address: 'etcd.topo.svc' is an in-cluster Service name");
  });

  it('accepts in-cluster names when a mesh makes them global (meshServiceDns)', () => {
    expect(errors(build([TWO[0], { ...TWO[1], lockserver: () => Lockserver.managedEtcd() }], { meshServiceDns: true }).app)).toBe('');
  });

  it('an in-cluster global lockserver address fails', () => {
    const { app } = build(TWO, { globalLockserver: GlobalEtcd.external({ address: 'etcd-global.vitess.svc:2379', rootPath: '/vitess/shop/global' }) });
    expect(errors(app)).toContain("[fed] globalLockserver.external.address: 'etcd-global.vitess.svc' is an in-cluster Service name that only resolves inside one Kubernetes cluster, but every member reaches the global lockserver at this address");
  });

  it('initializeMaster / initializeBackup true in two members fails (keyspace added around the federation)', () => {
    const { app, members } = build();
    for (const m of Object.values(members)) m.cluster.addKeyspace('extra').addTabletPool('p', { cell: m.cluster.cellNames()[0], replicas: 2 });
    const e = errors(app);
    expect(e).toContain("[fed] keyspaces.extra.replication.initializeMaster: initializeMaster is true in 2 members (useast1, uswest2); each of their operators would elect a primary for the same new shard. " +
      "Fix: declare the keyspace once with federation.addKeyspace('extra') (only the bootstrap member initializes it), not with member.cluster.addKeyspace");
    expect(e).toContain('[fed] keyspaces.extra.replication.initializeBackup: initializeBackup is true in 2 members (useast1, uswest2)');
  });

  it('a bootstrapMember that is not a member fails, as then no member initializes shards', () => {
    const e = errors(build(TWO, { bootstrapMember: 'apsouth1' }).app);
    expect(e).toContain("[fed] bootstrapMember: 'apsouth1' is not a member (members: useast1, uswest2)");
    expect(e).toContain('[fed] keyspaces.commerce.replication.initializeMaster: initializeMaster is false in every member, so no operator elects the first primary of a new shard');
  });

  it('a bootstrap member without replica tablets of a keyspace fails', () => {
    const { app } = build([{ id: 'useast1', cells: ['useast1a'], replica: 0, rdonly: 1 }, { id: 'uswest2', cells: ['uswest2a', 'uswest2b'] }]);
    expect(errors(app)).toContain("[fed] members.useast1.keyspaces.commerce: member 'useast1' initializes the shards of keyspace 'commerce' but runs none of its replica tablets, so it has no tablet to elect as the first primary. " +
      "Fix: add a replica pool for 'commerce' in one of useast1's cells, or set bootstrapMember to a member that has one");
  });

  it('cross_cell fails when primary-eligible tablets of all members together sit in one cell', () => {
    const { app } = build([{ id: 'useast1', cells: ['useast1a'] }, { id: 'uswest2', cells: ['uswest2a'], replica: 0, rdonly: 2 }]);
    expect(errors(app)).toContain("[uswest2/cluster/commerce] durabilityPolicy: 'cross_cell' needs primary-eligible tablets in at least 2 cells, found 1 (useast1a)");
  });

  it('a member changed through member.cluster until it differs fails (partitionings)', () => {
    const { app, members, commerce } = build();
    members.uswest2.keyspace(commerce).addPartitioning(Partitioning.equal(4));
    expect(errors(app)).toContain("[fed] members.uswest2: member 'uswest2' differs from member 'useast1' in keyspaces.commerce.partitionings: " +
      '[{"equal":{"parts":2}},{"equal":{"parts":4}}] instead of [{"equal":{"parts":2}}]. Fix: declare shared things once on the Federation');
  });

  it('a keyspace that only one member has fails', () => {
    const { app, members } = build();
    members.uswest2.cluster.addKeyspace('solo').addTabletPool('p', { cell: 'uswest2a', replicas: 2 });
    expect(errors(app)).toContain("[fed] members.uswest2: keyspace 'solo' exists in member 'uswest2' only, so the operators disagree about which keyspaces exist");
  });

  it('a federation without members fails', () => {
    const app = Testing.app();
    new Federation(app, 'fed', { globalLockserver: GLOBAL });
    expect(errors(app)).toContain("[fed] members: the federation has no members, so nothing is synthesized. Fix: add one per Kubernetes cluster: federation.addMember('useast1')");
  });
});

describe('Federation: API errors and warnings', () => {
  it('refuses a keyspace declared twice, and a member keyspace that was never declared', () => {
    const { fed, members } = build();
    expect(() => fed.addKeyspace('commerce')).toThrow("fed: keyspace 'commerce' is already declared; declare each keyspace once and add its pools per member");
    expect(() => members.useast1.keyspace('nope')).toThrow("useast1: keyspace 'nope' is not declared; declare it once with federation.addKeyspace('nope')");
  });

  it('warns when a cell keeps its topology in the global lockserver', () => {
    const { app } = build([TWO[0], { ...TWO[1], lockserver: () => undefined }]);
    expect(errors(app)).toBe('');
    expect(Warnings.collect(app)).toContain("[fed] members.uswest2.cells.uswest2a.lockserver: cell 'uswest2a' keeps its local topology in the global lockserver, so its tablets and vtgates read and write topology across regions. " +
      "Fix: give the cell its own lockserver: Lockserver.managedEtcd({ cellInfoAddress: '<reachable host>:2379' }) or Lockserver.external({...})");
  });

  it('warns that shared backup schedules run in every member', () => {
    const schedule = { name: 'nightly', schedule: BackupSchedule.cron('0 2 * * *'), strategies: [BackupStrategy.keyspace('commerce')], resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } } };
    const { app } = build(TWO, { cluster: { backup: { locations: [BackupLocation.s3({ region: 'us-east-1', bucket: 'shop-backups' })], schedules: [schedule] } } });
    expect(Warnings.collect(app)).toContain('[fed] cluster.backup.schedules: every member runs the 1 backup schedule(s), so each shard is backed up once per member per run. ' +
      'Fix: schedule backups outside the shared props, in one member only (member.cluster escape hatch) or with an external job');
  });

  it('warns for a member cell whose vtgates cannot see a keyspace with local cells_to_watch', () => {
    const { app } = build([TWO[0], { id: 'uswest2', cells: ['uswest2a'], replica: 0 }]);
    expect(Warnings.collect(app)).toContainEqual(expect.stringContaining("[uswest2/cluster] cells[0]: vtgates in cell 'uswest2a' cannot see keyspace 'commerce': it has no tablets there (only in useast1a), and its vtgates watch only uswest2a (cells_to_watch)"));
    const watching = build([TWO[0], { id: 'uswest2', cells: ['uswest2a'], replica: 0 }], { cellsToWatch: CellsToWatch.ALL });
    expect(Warnings.collect(watching.app).filter((w) => w.includes('cannot see'))).toEqual([]);
  });
});
