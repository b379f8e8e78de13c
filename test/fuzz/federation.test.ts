import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellsToWatch, FEDERATED_TOPOLOGY_RECONCILIATION } from '../../lib/federation';
import { partitioningShards } from '../../lib/topology';
import { VitessRelease } from '../../lib/vitess-release';
import { vitessCluster } from '../support/synth';
import { fuzzParams } from './arbitraries';
import { bootstrapOf, FED_ID, federationSpecArb, FederationSpec, synthFederation } from './federation-arbitraries';
import { FEDERATION_MUTATIONS, FedMutated } from './federation-mutations';
import { canonicalJson, expectRejected, offsetBy } from './helpers';
import { outcomeOf } from './rejection';
import { schemaErrors } from './properties';

/** Valid federations per `npm test` (each synthesized twice), and mutated ones shared by the mutations. */
const VALID_RUNS = 40;
const MUTATED_RUNS = 48;

/** The structural oracles of one synthesized federation; returns the first mismatch. */
function mismatch(spec: FederationSpec, charts: ReadonlyArray<{ id: string; objects: any[] }>, release: VitessRelease): string | undefined {
  if (charts.map((c) => c.id).join() !== spec.members.map((m) => m.id).join()) return 'member charts';
  const boot = bootstrapOf(spec).id;
  const allCells = spec.members.flatMap((m) => m.cells.map((c) => c.name));
  for (const [i, { id, objects }] of charts.entries()) {
    const m = spec.members[i];
    // (b) every planetscale.com object fits the CRD of the federation's release, unknown fields included.
    const errors = schemaErrors(objects, release);
    if (errors.length) return `${id}: CRD schema of ${release}:\n${errors.join('\n')}`;
    const vc = vitessCluster(objects);
    const s = vc.spec;
    if (vc.metadata.name !== (spec.clusterName ?? FED_ID) || vc.metadata.namespace !== (m.namespace ?? spec.namespace)) return `${id}: metadata ${JSON.stringify(vc.metadata)}`;
    // Each member lists only its own cells, and pools only in them.
    if (s.cells.map((c: any) => c.name).join() !== m.cells.map((c) => c.name).join()) return `${id}: cells`;
    // (e) no pruning of what other operators own; each registers its own cells.
    const prune = Object.entries(s.topologyReconciliation ?? {}).filter(([k, v]) => k.startsWith('prune') && v !== false);
    if (prune.length || canonicalJson(s.topologyReconciliation) !== canonicalJson(FEDERATED_TOPOLOGY_RECONCILIATION)) return `${id}: topologyReconciliation ${JSON.stringify(s.topologyReconciliation)}`;
    const g = spec.globalLockserver;
    const expectedGlobal = g.kind === 'external'
      ? { external: { implementation: 'etcd2', address: g.address, rootPath: g.rootPath } }
      : { etcd: { localMemberIndex: m.etcdMemberIndex, advertisePeerURLs: g.advertisePeerURLs } };
    if (canonicalJson(s.globalLockserver) !== canonicalJson(expectedGlobal)) return `${id}: globalLockserver ${JSON.stringify(s.globalLockserver)}`;
    const watchAll = (m.cellsToWatch ?? spec.cellsToWatch ?? CellsToWatch.LOCAL) === CellsToWatch.ALL;
    for (const c of s.cells) {
      if (c.gateway?.extraFlags?.cells_to_watch !== (watchAll ? allCells.join(',') : undefined)) return `${id}: cells_to_watch of ${c.name}: ${c.gateway?.extraFlags?.cells_to_watch}`;
    }
    if (s.keyspaces.map((k: any) => k.name).join() !== spec.keyspaces.map((k) => k.name).join()) return `${id}: keyspaces`;
    for (const [k, ks] of s.keyspaces.entries()) {
      if (ks.durabilityPolicy !== spec.keyspaces[k].durability) return `${id}: keyspaces[${k}].durabilityPolicy`;
      const templates = new Set<any>(ks.partitionings.flatMap((p: any) => partitioningShards(p).map((x) => x.template)));
      for (const t of templates) {
        // (d) exactly one member initializes shards: the bootstrap member.
        const init = id === boot;
        if (t.replication?.initializeMaster !== init || t.replication?.initializeBackup !== init) return `${id}: keyspaces[${k}] replication ${JSON.stringify(t.replication)} (bootstrap member: ${boot})`;
        const pools = t.tabletPools.map((p: any) => `${p.type}@${p.cell}x${p.replicas}`).join();
        if (pools !== m.pools[k].map((p) => `${p.type}@${p.cell}x${p.replicas}`).join()) return `${id}: keyspaces[${k}] tabletPools ${pools}`;
      }
    }
  }
  return undefined;
}

interface Coverage {
  releases: Set<string>;
  memberCounts: Set<number>;
  cellCounts: Set<number>;
  keyspaceCounts: Set<number>;
  durability: Set<string>;
  features: Set<string>;
}

function featuresOf(spec: FederationSpec): string[] {
  const f = [`${spec.globalLockserver.kind} global lockserver`, spec.keyspacesFirst ? 'keyspaces first' : 'members first', spec.bootstrapMember ? 'explicit bootstrap' : 'default bootstrap'];
  if (spec.bootstrapMember && spec.bootstrapMember !== spec.members[0].id) f.push('bootstrap not first');
  if (spec.cellsToWatch === CellsToWatch.ALL || spec.members.some((m) => m.cellsToWatch === CellsToWatch.ALL)) f.push('cells_to_watch all');
  if (spec.members.some((m) => m.namespace !== undefined)) f.push('member namespace');
  if (spec.backup) f.push('backup');
  for (const m of spec.members) for (const c of m.cells) f.push(`${c.lockserver?.kind} cell lockserver`);
  if (spec.keyspaces.some((k) => k.partitionings.length === 2)) f.push('resharding');
  if (spec.members.some((m) => m !== bootstrapOf(spec) && m.pools.some((p) => p.length === 0))) f.push('member without pools of a keyspace');
  return f;
}

describe('fuzz: random valid federations', () => {
  it('synthesize, fit their release\'s CRD in every member, initialize shards in one member, prune nothing and synthesize identically twice', () => {
    const coverage: Coverage = { releases: new Set(), memberCounts: new Set(), cellCounts: new Set(), keyspaceCounts: new Set(), durability: new Set(), features: new Set() };
    const releases = VitessRelease.all();
    let runs = 0;
    // One property per release, for an even spread over the releases with this few runs.
    for (const [r, release] of releases.entries()) {
      const params = fuzzParams<[FederationSpec]>(Math.ceil(VALID_RUNS / releases.length), `valid federations, ${release}`, releases.length);
      fc.assert(fc.property(offsetBy(r, federationSpecArb({ releases: [release.operatorMinor] })), (spec) => {
        // (a) synth succeeds (warnings allowed).
        const first = synthFederation(spec);
        const wrong = mismatch(spec, first.charts, first.built.release);
        if (wrong) throw new Error(`the manifests do not match the spec: ${wrong}`);
        // (c) a fresh app gives byte-identical YAML for every member chart, and the same warnings.
        const second = synthFederation(spec);
        for (const [i, chart] of first.charts.entries()) {
          const [a, b] = [chart.yaml(), second.charts[i].yaml()];
          if (a !== b) {
            const at = [...a].findIndex((ch, n) => ch !== b[n]);
            throw new Error(`two syntheses of member ${chart.id} differ at character ${at}: '${a.slice(Math.max(0, at - 80), at + 80)}' vs '${b.slice(Math.max(0, at - 80), at + 80)}'`);
          }
        }
        if (second.warnings.join('\n') !== first.warnings.join('\n')) throw new Error('two syntheses give different warnings');
        coverage.releases.add(spec.release);
        coverage.memberCounts.add(spec.members.length);
        for (const m of spec.members) coverage.cellCounts.add(m.cells.length);
        coverage.keyspaceCounts.add(spec.keyspaces.length);
        for (const k of spec.keyspaces) coverage.durability.add(k.durability);
        for (const f of featuresOf(spec)) coverage.features.add(f);
        runs++;
      }), params);
    }
    if (runs >= VALID_RUNS && process.env.FUZZ_SEED === undefined) {
      expect([...coverage.releases].sort()).toEqual(releases.map((r) => r.operatorMinor).sort());
      expect([...coverage.memberCounts].sort()).toEqual([2, 3]);
      expect([...coverage.cellCounts].sort()).toEqual([1, 2]);
      expect([...coverage.keyspaceCounts].sort()).toEqual([1, 2, 3]);
      expect([...coverage.durability]).toEqual(expect.arrayContaining(['none', 'semi_sync', 'cross_cell']));
      const features = ['external global lockserver', 'managed global lockserver', 'keyspaces first', 'members first', 'explicit bootstrap', 'default bootstrap', 'bootstrap not first',
        'cells_to_watch all', 'member namespace', 'backup', 'managed cell lockserver', 'external cell lockserver', 'resharding', 'member without pools of a keyspace'];
      expect(features.filter((f) => !coverage.features.has(f))).toEqual([]);
    }
  });
});

describe('fuzz: mutations of valid federations fail synth with well-formed errors naming the construct and field', () => {
  it.each(FEDERATION_MUTATIONS.map((m) => [m.name, m] as const))('%s', (name, m) => {
    const params = fuzzParams<[FedMutated]>(Math.ceil(MUTATED_RUNS / FEDERATION_MUTATIONS.length), `federation mutation '${name}'`, FEDERATION_MUTATIONS.length);
    fc.assert(fc.property(federationSpecArb(m.base).chain((spec) => m.apply(spec)), ({ spec, expected }) => {
      expectRejected(outcomeOf(() => synthFederation(spec)), expected);
    }), params);
  });
});
