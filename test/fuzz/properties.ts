/**
 * The two properties that need the CRD schemas of their releases: random valid topologies and garbage values.
 * Each test file runs both for one group of releases, so a worker compiles a release's CRD once for both, and
 * the two groups (two files) spread the compilations and runs over the two workers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flavorKeyOf } from '../../lib/mysql';
import { parseMemory } from '../../lib/quantity';
import { VitessRelease } from '../../lib/vitess-release';
import { validateCustomResources } from '../../lib/crd-schema';
import { vitessCluster } from '../support/synth';
import { crdSchemasFor } from '../support/upstream';
import { ClusterSpec, clusterSpecArb, fuzzParams, mysqldFloorMi, synthSpec } from './arbitraries';
import { garbageNumberArb, garbageStringArb, GarbageSlot, NUMBER_SLOTS, STRING_SLOTS } from './mutations';
import { synthOrReject } from './rejection';

/** What the runs covered, to prove the generators spread over the space (checked after the property). */
interface Coverage {
  releases: Set<string>;
  mysql: Set<string>;
  durability: Set<string>;
  partitionings: Set<string>;
  cellCounts: Set<number>;
  keyspaceCounts: Set<number>;
  warned: number;
  runs: number;
  /** Optional parts of the spec that appeared at least once. */
  features: Set<string>;
}

/** The optional parts a spec uses, for the coverage check. */
function featuresOf(spec: ClusterSpec): string[] {
  const f: string[] = [];
  if (spec.vtadmin) f.push('vtadmin');
  if (spec.backupLocations) f.push('backup');
  if (spec.backupSchedule) f.push('backup schedule');
  if (spec.globalLockserver) f.push(`${spec.globalLockserver.kind} lockserver`);
  if (spec.users.length) f.push('vtgate users');
  if (spec.dashboard) f.push('dashboard');
  for (const c of spec.cells) {
    if (c.zone !== undefined) f.push('zone');
    if (c.gateway?.autoscaler) f.push('gateway autoscaler');
    if (c.gateway?.strategy) f.push('gateway strategy');
    if (c.gateway?.tls) f.push('gateway tls');
  }
  for (const k of spec.keyspaces) {
    if (k.vtorc) f.push('vtorc');
    if (k.sidecarDbName !== undefined) f.push('sidecarDbName');
    if (k.enforceSemiSync !== undefined) f.push('enforceSemiSync');
    if (k.pools.some((p) => p.type === 'rdonly')) f.push('rdonly pool');
    if (k.pools.some((p) => p.exporter)) f.push('mysqld exporter');
  }
  return f;
}

/** CRD schema problems of the planetscale.com objects against their release's CRDs, unknown fields included. */
export function schemaErrors(objects: any[], release: VitessRelease): string[] {
  const planetscale = objects.filter((o) => String(o.apiVersion).startsWith('planetscale.com/'));
  const crds = crdSchemasFor(release.operatorTag, planetscale);
  // An object no CRD of the release defines would otherwise be skipped, not validated.
  const unknown = planetscale.filter((o) => !crds.some((c) => c.matches(o))).map((o) => `${o.apiVersion} ${o.kind}: no CRD in ${release.operatorTag}`);
  return [...unknown, ...validateCustomResources(crds, planetscale)];
}

/** Structural oracles: the manifest says what the spec said. Returns a description of the first mismatch. */
function mismatch(spec: ClusterSpec, vc: any): string | undefined {
  const s = vc.spec;
  if (vc.metadata.name !== spec.name || vc.metadata.namespace !== spec.namespace) return 'metadata';
  if (s.cells.map((c: any) => c.name).join() !== spec.cells.map((c) => c.name).join()) return 'cells';
  if (s.keyspaces.length !== spec.keyspaces.length) return 'keyspaces';
  const flavor = flavorKeyOf(spec.mysql);
  if (Object.keys(s.images.mysqld).join() !== flavor) return `images.mysqld key ${Object.keys(s.images.mysqld)} for MySQL ${spec.mysql}`;
  for (const [i, k] of spec.keyspaces.entries()) {
    const out = s.keyspaces[i];
    if (out.name !== k.name || out.durabilityPolicy !== k.durability) return `keyspaces[${i}] name/durability`;
    if (out.turndownPolicy !== (k.turndown ?? 'RequireIdle')) return `keyspaces[${i}].turndownPolicy`;
    if (out.partitionings.length !== k.partitionings.length) return `keyspaces[${i}].partitionings`;
    for (const [j, p] of k.partitionings.entries()) {
      const o = out.partitionings[j];
      const template = p.kind === 'equal' ? o.equal?.shardTemplate : o.custom?.shards[0];
      if (p.kind === 'equal' && (o.equal?.parts !== p.parts || o.equal?.hexWidth !== p.hexWidth)) return `keyspaces[${i}].partitionings[${j}].equal`;
      if (p.kind === 'custom' && o.custom?.shards.map((x: any) => `${x.keyRange.start}-${x.keyRange.end}`).join() !== p.shards.join()) return `keyspaces[${i}].partitionings[${j}].custom`;
      const pools = template.tabletPools;
      if (pools.length !== k.pools.length) return `keyspaces[${i}].partitionings[${j}] tabletPools`;
      for (const [n, pool] of k.pools.entries()) {
        const q = pools[n];
        if (q.cell !== pool.cell || q.type !== pool.type || q.replicas !== pool.replicas) return `keyspaces[${i}] tabletPools[${n}] cell/type/replicas`;
        const limit = parseMemory(q.mysqld.resources.limits.memory);
        if (limit === undefined || limit < mysqldFloorMi(spec.mysql) * 2 ** 20) return `keyspaces[${i}] tabletPools[${n}] mysqld limit ${q.mysqld.resources.limits.memory}`;
      }
    }
  }
  return undefined;
}

function validTopologyProperty(coverage: Coverage) {
  return (spec: ClusterSpec) => {
    // (a) synth succeeds (warnings are allowed).
    const first = synthSpec(spec);
    // (b) every planetscale.com object fits the CRD of the spec's own release, unknown fields included.
    const errors = schemaErrors(first.objects, first.built.release);
    if (errors.length) throw new Error(`CRD schema of ${first.built.release}:\n${errors.join('\n')}`);
    const vc = vitessCluster(first.objects);
    const wrong = mismatch(spec, vc);
    if (wrong) throw new Error(`the manifest does not match the spec at ${wrong}`);
    // (c) the same spec built in a fresh app gives a byte-identical manifest: the YAML bytes, every run (the
    // JSON alone would miss a key that is undefined in one synthesis and absent in the other).
    const second = synthSpec(spec);
    ++coverage.runs;
    const [a, b] = [first.yaml(), second.yaml()];
    if (a !== b) {
      const at = [...a].findIndex((ch, i) => ch !== b[i]);
      throw new Error(`two syntheses differ at character ${at}: '${a.slice(Math.max(0, at - 80), at + 80)}' vs '${b.slice(Math.max(0, at - 80), at + 80)}'`);
    }
    if (second.warnings.join('\n') !== first.warnings.join('\n')) throw new Error('two syntheses give different warnings');
    coverage.releases.add(spec.release);
    coverage.mysql.add(`${spec.release}/${spec.mysql}`);
    for (const k of spec.keyspaces) {
      coverage.durability.add(k.durability);
      coverage.partitionings.add(k.partitionings.map((p) => (p.kind === 'equal' ? (p.hexWidth ? 'equal+hexWidth' : 'equal') : 'custom')).join('→'));
    }
    coverage.cellCounts.add(spec.cells.length);
    coverage.keyspaceCounts.add(spec.keyspaces.length);
    if (first.warnings.length) coverage.warned++;
    for (const f of featuresOf(spec)) coverage.features.add(f);
  };
}

/** Random valid topologies of a group of releases (operator minors). */
export function fuzzValidTopologies(minors: readonly string[], runs: number): void {
  const releases = minors.map((m) => VitessRelease.of(m));
  describe(`fuzz: random valid topologies, operator ${minors[0]}–${minors.at(-1)}`, () => {
    it('synthesize, fit their release\'s CRDs and synthesize identically twice', () => {
      const coverage: Coverage = { releases: new Set(), mysql: new Set(), durability: new Set(), partitionings: new Set(), cellCounts: new Set(), keyspaceCounts: new Set(), warned: 0, runs: 0, features: new Set() };
      const params = fuzzParams<[ClusterSpec]>(runs, `valid topologies ${minors[0]}–${minors.at(-1)}`);
      fc.assert(fc.property(clusterSpecArb({ releases: minors }), validTopologyProperty(coverage)), params);
      if (params.numRuns! >= runs && process.env.FUZZ_SEED === undefined) {
        // The fixed seed must really spread: every release, every MySQL version each release ships, every
        // durability policy the releases know, every partitioning shape, 1–3 cells and 1–4 keyspaces.
        expect([...coverage.releases].sort()).toEqual([...minors].sort());
        expect(coverage.mysql.size).toBe(releases.reduce((n, r) => n + r.mysqlVersions.length, 0));
        expect(coverage.durability.size).toBe(releases.some((r) => r.vitessMajor >= 18) ? 5 : 3);
        const shapes = ['equal', 'custom', 'equal→custom', 'custom→equal', 'custom→custom', 'equal→equal', ...(releases.some((r) => r.atLeast('2.16')) ? ['equal+hexWidth'] : [])];
        expect([...coverage.partitionings]).toEqual(expect.arrayContaining(shapes));
        expect([...coverage.cellCounts].sort()).toEqual([1, 2, 3]);
        expect([...coverage.keyspaceCounts].sort()).toEqual([1, 2, 3, 4]);
        expect(coverage.warned).toBeGreaterThan(0);
        const has = (minor: string) => releases.some((r) => r.atLeast(minor));
        const features = ['vtadmin', 'backup', 'managed lockserver', 'external lockserver', 'vtgate users', 'dashboard', 'zone', 'gateway tls', 'rdonly pool', 'vtorc',
          ...(has('2.12') ? ['mysqld exporter'] : []), ...(has('2.13') ? ['backup schedule'] : []), ...(has('2.15') ? ['gateway autoscaler', 'gateway strategy', 'sidecarDbName'] : []),
          ...(releases.some((r) => !r.atLeast('2.9')) ? ['enforceSemiSync'] : [])];
        expect(features.filter((f) => !coverage.features.has(f))).toEqual([]);
      }
    });
  });
}

/**
 * Odd values (NaN, ±Infinity, -1, 1.5, 1e21, '', whitespace, line breaks, unicode, 300 characters…) pushed
 * through the public props of topologies of a group of releases: either a clean synth whose planetscale.com
 * objects fit the release's CRD, or validation errors in the usual one-line format; never anything else.
 */
export function fuzzGarbage(minors: readonly string[], runsPerSlot: number): void {
  const base = clusterSpecArb({ releases: minors, maxKeyspaces: 2, maxCells: 2 });
  const slots = [
    ...NUMBER_SLOTS.map((slot) => ({ slot: slot as GarbageSlot<unknown>, values: garbageNumberArb as fc.Arbitrary<unknown> })),
    ...STRING_SLOTS.map((slot) => ({ slot: slot as GarbageSlot<unknown>, values: garbageStringArb as fc.Arbitrary<unknown> })),
  ];

  describe(`fuzz: garbage values in public props, operator ${minors[0]}–${minors.at(-1)}`, () => {
    it(`either synthesize within the CRD schema or fail with well-formed validation errors (${slots.length} props)`, () => {
      const outcomes = { clean: 0, rejected: 0 };
      // Every prop gets its share of runs (a random pick could miss some with this few runs).
      for (const { slot, values } of slots) {
        const params = fuzzParams<[{ value: unknown; spec: ClusterSpec }]>(runsPerSlot, `garbage in ${slot.name}, operator ${minors[0]}–${minors.at(-1)}`, slots.length);
        const garbage = fc.tuple(values, base).chain(([value, spec]) => slot.inject(spec, value).map((s) => ({ value, spec: s })));
        fc.assert(fc.property(garbage, ({ spec }) => {
          const outcome = synthOrReject(spec);
          if ('lines' in outcome) {
            outcomes.rejected++;
            return;
          }
          const { objects, built } = outcome.synthesized;
          const errors = schemaErrors(objects, built.release);
          if (errors.length) throw new Error(`synthesized cleanly but violates the ${built.release} CRD:\n${errors.join('\n')}`);
          outcomes.clean++;
        }), params);
      }
      if (process.env.FUZZ_RUNS === undefined && process.env.FUZZ_SEED === undefined) {
        expect(outcomes.rejected).toBeGreaterThan(0);
        expect(outcomes.clean).toBeGreaterThan(0);
      }
    });
  });
}
