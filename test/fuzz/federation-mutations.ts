import fc from 'fast-check';
import { DurabilityPolicy, TabletType } from '../../lib/policies';
import { VitessRelease } from '../../lib/vitess-release';
import { keyspaceNameArb, shardNamesOf } from './arbitraries';
import { bootstrapOf, FED_ID, FederationOptions, FederationSpec, FedPoolSpec } from './federation-arbitraries';
import { ExpectedLine } from './helpers';

/**
 * Mutations that turn a valid federation into one of the mistakes the Federation checks exist for (a cell in
 * two members, a pool in another member's cell, a lockserver address only one Kubernetes cluster resolves,
 * no or two initializing members, members that disagree, durability counted over all members…). Each names
 * the construct path and field its error must carry.
 */

export interface FedMutated {
  readonly spec: FederationSpec;
  readonly expected: readonly ExpectedLine[];
}

export interface FedMutation {
  readonly name: string;
  readonly base?: FederationOptions;
  readonly apply: (spec: FederationSpec) => fc.Arbitrary<FedMutated>;
}

type Draft = { -readonly [K in keyof FederationSpec]: any } & Record<string, any>;

function edit(spec: FederationSpec, change: (d: Draft) => void): FederationSpec {
  const d = structuredClone(spec) as Draft;
  change(d);
  return d as FederationSpec;
}

const at = (field: string | RegExp, path = FED_ID): ExpectedLine => ({ path, field });
const pickMember = (spec: FederationSpec) => fc.nat({ max: spec.members.length - 1 });
const pickKeyspace = (spec: FederationSpec) => fc.nat({ max: spec.keyspaces.length - 1 });
/** Member i and a cell index of it. */
const pickCellOf = (spec: FederationSpec, i: number) => fc.nat({ max: spec.members[i].cells.length - 1 });
/** Two different members, in either order. */
const pickTwoMembers = (spec: FederationSpec) => fc.tuple(pickMember(spec), fc.integer({ min: 1, max: spec.members.length - 1 }))
  .map(([i, k]) => [i, (i + k) % spec.members.length] as const);
const bootIndex = (spec: FederationSpec) => spec.members.indexOf(bootstrapOf(spec));

/** Lockserver addresses that only resolve inside one Kubernetes cluster. */
const IN_CLUSTER = ['etcd.vitess.svc:2379', 'etcd-global-client.vitess.svc.cluster.local:2379', 'topo.db.svc:2379', 'etcd.kube-system.cluster.local:2379'];

/** Every replica pool of keyspace k removed; the bootstrap member gets `replicas` replica tablets in its first cell. */
function replicasInOneCell(d: Draft, spec: FederationSpec, k: number, replicas: number): void {
  const boot = bootIndex(spec);
  d.members.forEach((m: any, i: number) => {
    const rest = m.pools[k].filter((p: FedPoolSpec) => p.type !== TabletType.REPLICA);
    m.pools[k] = i === boot ? [{ cell: m.cells[0].name, type: TabletType.REPLICA, replicas }, ...rest] : rest;
  });
}

export const FEDERATION_MUTATIONS: readonly FedMutation[] = [
  {
    name: 'a cell in two members',
    apply: (spec) => pickTwoMembers(spec).chain(([i, j]) => fc.tuple(pickCellOf(spec, i), pickCellOf(spec, j)).map(([c, cj]) => {
      const name = spec.members[j].cells[cj].name;
      return {
        spec: edit(spec, (d) => {
          const old = d.members[i].cells[c].name;
          d.members[i].cells[c].name = name;
          for (const pools of d.members[i].pools) for (const p of pools) if (p.cell === old) p.cell = name;
        }),
        // Reported on the later member (in member order) that has the name.
        expected: [at(`members.${spec.members[Math.max(i, j)].id}.cells.${name}`)],
      };
    })),
  },
  {
    name: "a pool in another member's cell",
    apply: (spec) => fc.tuple(pickTwoMembers(spec), pickKeyspace(spec), fc.constantFrom(TabletType.REPLICA, TabletType.RDONLY), fc.boolean()).chain(([[i, j], k, type, byConstruct]) =>
      pickCellOf(spec, j).map((c) => {
        const cell = spec.members[j].cells[c].name;
        const poolId = `pool${spec.members[i].pools[k].length}`;
        return {
          spec: edit(spec, (d) => { d.members[i].pools[k].push({ cell, type, replicas: 1, ...(byConstruct ? { byConstruct } : {}) }); }),
          expected: [at(`members.${spec.members[i].id}.keyspaces.${spec.keyspaces[k].name}.tabletPools.${poolId}.cell`)],
        };
      })),
  },
  {
    name: 'an in-cluster global lockserver address',
    base: { global: 'external' },
    apply: (spec) => fc.tuple(fc.constantFrom(...IN_CLUSTER), fc.boolean()).map(([address, withOthers]) => ({
      spec: edit(spec, (d) => { d.globalLockserver.address = withOthers ? `${d.globalLockserver.address},${address}` : address; }),
      expected: [at('globalLockserver.external.address')],
    })),
  },
  {
    name: 'an in-cluster cell lockserver address (cellInfoAddress or external address)',
    apply: (spec) => pickMember(spec).chain((i) => fc.tuple(pickCellOf(spec, i), fc.constantFrom(...IN_CLUSTER), fc.boolean()).map(([c, address, external]) => {
      const cell = spec.members[i].cells[c].name;
      const field = `members.${spec.members[i].id}.cells.${cell}.lockserver.${external ? 'external.address' : 'cellInfoAddress'}`;
      return {
        spec: edit(spec, (d) => { d.members[i].cells[c].lockserver = external ? { kind: 'external', address, rootPath: '/vitess/cells' } : { kind: 'managed', cellInfoAddress: address }; }),
        expected: [at(field)],
      };
    })),
  },
  {
    name: 'a cell etcd advertised at its in-cluster Service name (no cellInfoAddress)',
    apply: (spec) => pickMember(spec).chain((i) => pickCellOf(spec, i).map((c) => ({
      spec: edit(spec, (d) => { d.members[i].cells[c].lockserver = { kind: 'managed' }; }),
      expected: [at(`members.${spec.members[i].id}.cells.${spec.members[i].cells[c].name}.lockserver.cellInfoAddress`)],
    }))),
  },
  {
    name: 'an in-cluster etcd peer URL',
    base: { global: 'managed' },
    apply: (spec) => fc.tuple(fc.nat({ max: 2 }), fc.constantFrom('http://vitess-etcd-2.vitess.svc:2380', 'http://etcd-peer.db.svc.cluster.local:2380')).map(([i, url]) => ({
      spec: edit(spec, (d) => { d.globalLockserver.advertisePeerURLs[i] = url; }),
      expected: [at(`globalLockserver.etcd.advertisePeerURLs[${i}]`)],
    })),
  },
  {
    name: 'a bootstrapMember that is not a member (no member initializes)',
    apply: (spec) => fc.constantFrom('nowhere', 'apsouth9', 'east').filter((id) => !spec.members.some((m) => m.id === id)).chain((id) => pickKeyspace(spec).map((k) => ({
      spec: edit(spec, (d) => { d.bootstrapMember = id; }),
      expected: [at('bootstrapMember'), at(`keyspaces.${spec.keyspaces[k].name}.replication.initializeMaster`), at(`keyspaces.${spec.keyspaces[k].name}.replication.initializeBackup`)],
    }))),
  },
  {
    name: 'every member initializes a keyspace added to each member directly',
    apply: (spec) => keyspaceNameArb.filter((n) => !spec.keyspaces.some((k) => k.name === n)).map((name) => ({
      spec: edit(spec, (d) => { d.localKeyspaces = spec.members.map((m, member) => ({ member, name, pools: [{ cell: m.cells[0].name, type: TabletType.REPLICA, replicas: 1 }] })); }),
      expected: [at(`keyspaces.${name}.replication.initializeMaster`), at(`keyspaces.${name}.replication.initializeBackup`)],
    })),
  },
  {
    name: 'a member-local keyspace named like a shared one',
    apply: (spec) => fc.tuple(pickMember(spec), pickKeyspace(spec)).map(([i, k]) => ({
      spec: edit(spec, (d) => { d.localKeyspaces = [{ member: i, name: spec.keyspaces[k].name, pools: [{ cell: spec.members[i].cells[0].name, type: TabletType.REPLICA, replicas: 1 }] }]; }),
      // The member's VitessCluster lists the name twice: the local copy comes after the shared keyspaces.
      expected: [at(`keyspaces[${spec.keyspaces.length}]`, `${spec.members[i].id}/cluster`)],
    })),
  },
  {
    name: 'cross_cell with every replica tablet of all members in one cell',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.integer({ min: 2, max: 4 }), fc.boolean()).map(([k, replicas, rdonlyAck]) => {
      const policy = rdonlyAck && VitessRelease.of(spec.release).vitessMajor >= 18 ? DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK : DurabilityPolicy.CROSS_CELL;
      return {
        spec: edit(spec, (d) => { d.keyspaces[k].durability = policy; replicasInOneCell(d, spec, k, replicas); }),
        expected: [at('durabilityPolicy', `${bootstrapOf(spec).id}/cluster/ks${k}`)],
      };
    }),
  },
  {
    name: 'semi_sync with one replica tablet over all members',
    apply: (spec) => pickKeyspace(spec).map((k) => ({
      spec: edit(spec, (d) => {
        d.keyspaces[k].durability = DurabilityPolicy.SEMI_SYNC;
        replicasInOneCell(d, spec, k, 1);
      }),
      expected: [at('durabilityPolicy', `${bootstrapOf(spec).id}/cluster/ks${k}`)],
    })),
  },
  {
    name: 'the bootstrap member runs no replica tablet of a keyspace',
    apply: (spec) => fc.tuple(pickKeyspace(spec), fc.constantFrom('rdonly only', 'replicas 0', 'no pool')).map(([k, how]) => {
      const boot = bootIndex(spec);
      const other = (boot + 1) % spec.members.length;
      return {
        spec: edit(spec, (d) => {
          d.keyspaces[k].durability = DurabilityPolicy.NONE;
          const cell = d.members[boot].cells[0].name;
          d.members[boot].pools[k] = how === 'no pool' ? [] : [{ cell, type: how === 'rdonly only' ? TabletType.RDONLY : TabletType.REPLICA, replicas: how === 'rdonly only' ? 1 : 0 }];
          // Another member keeps a replica tablet, so the keyspace itself stays valid.
          const o = d.members[other];
          const own = o.pools[k].find((p: FedPoolSpec) => p.type === TabletType.REPLICA && p.cell === o.cells[0].name);
          if (own) own.replicas = Math.max(1, own.replicas);
          else o.pools[k].push({ cell: o.cells[0].name, type: TabletType.REPLICA, replicas: 1 });
        }),
        expected: [at(`members.${spec.members[boot].id}.keyspaces.${spec.keyspaces[k].name}`)],
      };
    }),
  },
  {
    name: 'an etcdMemberIndex with an external global lockserver',
    base: { global: 'external' },
    apply: (spec) => fc.tuple(pickMember(spec), fc.integer({ min: 1, max: 3 })).map(([i, index]) => ({
      spec: edit(spec, (d) => { d.members[i].etcdMemberIndex = index; }),
      expected: [at(`members.${spec.members[i].id}.etcdMemberIndex`)],
    })),
  },
  {
    name: 'a managed global etcd member index missing, repeated or not 1..3',
    base: { global: 'managed' },
    apply: (spec) => fc.tuple(pickTwoMembers(spec), fc.constantFrom<'missing' | 'repeated' | number>('missing', 'repeated', 0, 4, -1, 1.5)).map(([[i, j], how]) => {
      // A repeated index is reported on the later of the two members.
      const named = how === 'repeated' ? Math.max(i, j) : i;
      return {
        spec: edit(spec, (d) => {
          if (how === 'missing') delete d.members[i].etcdMemberIndex;
          else d.members[i].etcdMemberIndex = how === 'repeated' ? spec.members[j].etcdMemberIndex : how;
        }),
        expected: [at(`members.${spec.members[named].id}.etcdMemberIndex`)],
      };
    }),
  },
  {
    name: 'a managed global etcd over 2 members (its third member runs nowhere)',
    base: { maxMembers: 2 },
    apply: (spec) => fc.tuple(fc.shuffledSubarray([1, 2, 3], { minLength: 2, maxLength: 2 }), fc.constantFrom('etcd.example.net', 'internal')).map(([indexes, domain]) => ({
      spec: edit(spec, (d) => {
        d.globalLockserver = { kind: 'managed', advertisePeerURLs: [1, 2, 3].map((i) => `http://etcd-${i}.${domain}:2380`) };
        d.members.forEach((m: any, i: number) => { m.etcdMemberIndex = indexes[i]; });
      }),
      expected: [at('members')],
    })),
  },
  {
    name: 'a member whose shared keyspace was changed through member.cluster (a second partitioning)',
    apply: (spec) => fc.tuple(fc.integer({ min: 1, max: spec.members.length - 1 }), pickKeyspace(spec), fc.integer({ min: 1, max: 8 })).filter(([, k, parts]) =>
      spec.keyspaces[k].partitionings.every((p) => shardNamesOf(p) !== shardNamesOf({ kind: 'equal', parts }))).map(([i, k, parts]) => ({
      spec: edit(spec, (d) => { d.extraPartitioning = { member: i, keyspace: k, partitioning: { kind: 'equal', parts } }; }),
      // Members are compared with the first one.
      expected: [at(`members.${spec.members[i].id}`)],
    })),
  },
];
