import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VitessRelease } from '../../lib/vitess-release';
import { upstreamDir } from '../support/upstream';
import { fuzzParams } from './arbitraries';
import { DEFAULT_RESOURCES, OPERATOR_MUTATIONS, OperatorMutated, OperatorSpec, operatorSpecArb, synthOperator } from './operator-arbitraries';
import { canonicalJson, expectRejected, offsetBy } from './helpers';
import { outcomeOf } from './rejection';

process.env.VITESS_OPERATOR_DATA ??= upstreamDir();

/**
 * Valid installs per `npm test`, spread evenly over the releases (each synthesized twice), and about as many
 * mutated installs, each mutation on a rotating third of the releases. Every run emits the release's CRDs
 * (~400 KB of YAML), hence so few; FUZZ_RUNS explores further (then every mutation on every release).
 */
const VALID_RUNS = 33;
const MUTATED_RUNS = 32;
/**
 * Releases whose first run also compares the whole app's YAML bytes, CRDs included: that YAML costs ~30 ms per
 * synthesis, ten times the rest of a run. Every other run compares each chart's JSON and its YAML without the
 * CRDs, which are verbatim upstream documents (their JSON fixes their YAML).
 */
const FULL_YAML_RELEASES = ['2.7', '2.11', '2.14', '2.17'];

const BUILTIN = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The structural oracles of one synthesized install; returns the first mismatch. */
function mismatch(spec: OperatorSpec, objects: any[], release: VitessRelease): string | undefined {
  // (c) the release's CRDs first, in its file order, and no other CRD.
  const crds = release.crdFiles.map((f) => f.replace(/^planetscale\.com_(.*)\.yaml$/, '$1.planetscale.com'));
  const first = objects.slice(0, crds.length).map((o) => `${o.kind} ${o.metadata.name}`).join();
  if (first !== crds.map((c) => `CustomResourceDefinition ${c}`).join()) return `the first objects are ${first}`;
  if (objects.slice(crds.length).some((o) => o.kind === 'CustomResourceDefinition')) return 'a CRD after the others';
  const ns = spec.namespace ?? 'default';
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  if (deployments.length !== 1 || deployments[0].metadata.namespace !== ns) return `Deployment ${JSON.stringify(deployments.map((d) => d.metadata))}`;
  const pod = deployments[0].spec.template.spec;
  const c = pod.containers[0];
  // (b) the pinned image of the release, through the registry when one is given.
  const image = `${spec.imageRegistry !== undefined ? `${spec.imageRegistry.replace(/\/+$/, '')}/` : ''}planetscale/vitess-operator:v${release.operatorVersion}`;
  if (c.image !== image) return `image ${c.image}, expected ${image}`;
  // (a) WATCH_NAMESPACE: what the scope says, and every cluster's namespace is in it.
  const clusterNs = spec.clusters.map((x) => x.namespace ?? 'default');
  const env = c.env.find((e: any) => e.name === 'WATCH_NAMESPACE');
  const w = spec.watch;
  const listed = w?.kind === 'namespaces' ? [...new Set(w.names)].sort() : [...new Set([ns, ...clusterNs])].sort();
  const expectedEnv = w?.kind === 'all' ? { value: '' }
    : w?.kind !== 'namespaces' && listed.length === 1 ? { valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } } : { value: listed.join(',') };
  if (canonicalJson(env) !== canonicalJson({ name: 'WATCH_NAMESPACE', ...expectedEnv })) return `WATCH_NAMESPACE ${JSON.stringify(env)}, expected ${JSON.stringify(expectedEnv)}`;
  const watched = env.valueFrom ? [ns] : env.value.split(',');
  if (env.value !== '' && clusterNs.some((n) => !watched.includes(n))) return `a cluster namespace is not watched: ${clusterNs} vs ${watched}`;
  const r = { ...DEFAULT_RESOURCES, ...spec.resources };
  const resources = { requests: { cpu: `${r.cpuRequest}m`, memory: `${r.memoryRequest}Mi` }, limits: { memory: `${r.memoryLimit}Mi`, ...(r.cpuLimit !== undefined ? { cpu: `${r.cpuLimit}m` } : {}) } };
  if (canonicalJson(c.resources) !== canonicalJson(resources)) return `resources ${JSON.stringify(c.resources)}, expected ${JSON.stringify(resources)}`;
  const secrets = spec.imagePullSecrets?.length ? spec.imagePullSecrets.map((name) => ({ name })) : undefined;
  if (canonicalJson(pod.imagePullSecrets) !== canonicalJson(secrets)) return 'imagePullSecrets';
  if (canonicalJson(pod.nodeSelector) !== canonicalJson(spec.nodeSelector)) return 'nodeSelector';
  if (canonicalJson(pod.tolerations) !== canonicalJson(spec.tolerations)) return 'tolerations';
  // Every namespace with a cluster (or explicitly watched) other than the operator's gets the backup-storage set, and its Namespace with createNamespaces.
  const tenants = [...new Set([...clusterNs, ...(w?.kind === 'namespaces' ? w.names : [])])].filter((n) => n !== ns);
  const roles = objects.filter((o) => o.kind === 'Role' && o.metadata.name === 'vitess-operator-backup-storage').map((o) => o.metadata.namespace);
  if (roles.sort().join() !== [...tenants].sort().join()) return `backup-storage Roles in ${roles}, expected ${tenants}`;
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  const expectedNs = spec.createNamespaces ? [ns, ...tenants].filter((n) => !BUILTIN.has(n)) : [];
  if (namespaces.sort().join() !== expectedNs.sort().join()) return `Namespace objects ${namespaces}, expected ${expectedNs}`;
  return undefined;
}

interface Coverage { watch: Set<string>; clusters: Set<number>; features: Set<string>; runs: number }


function featuresOf(spec: OperatorSpec): string[] {
  const f: string[] = [];
  const r = spec.resources;
  if (r?.cpuLimit !== undefined && r.cpuLimit < DEFAULT_RESOURCES.cpuRequest) f.push('cpu limit below the default request');
  if (r?.memoryLimit !== undefined && r.memoryLimit > DEFAULT_RESOURCES.memoryLimit) f.push('memory limit above the default');
  if (r?.memoryLimit !== undefined && r.memoryLimit < DEFAULT_RESOURCES.memoryLimit) f.push('memory limit below the default');
  if (spec.imageRegistry !== undefined) f.push('registry');
  if (spec.imagePullSecrets?.length) f.push('pull secrets');
  if (spec.nodeSelector) f.push('nodeSelector');
  if (spec.tolerations) f.push('tolerations');
  if (spec.createNamespaces) f.push('createNamespaces');
  if (spec.clusters.some((c) => c.namespace === undefined)) f.push('cluster without namespace');
  if (spec.clusters.some((c) => c.beforeOperator)) f.push('cluster chart before the operator');
  if (spec.clusters.some((c) => (c.namespace ?? 'default') !== (spec.namespace ?? 'default'))) f.push('cluster in another namespace');
  return f;
}

/** Byte comparison of two syntheses; `what` names the part that differs. */
function compare(what: string, a: string, b: string): void {
  if (a === b) return;
  const at = [...a].findIndex((ch, n) => ch !== b[n]);
  throw new Error(`two syntheses differ in ${what} at character ${at}: '${a.slice(Math.max(0, at - 80), at + 80)}' vs '${b.slice(Math.max(0, at - 80), at + 80)}'`);
}

const isCrd = (o: any) => o.kind === 'CustomResourceDefinition';
const coverage: Coverage = { watch: new Set(), clusters: new Set(), features: new Set(), runs: 0 };
const releases = VitessRelease.all();

// One describe per release, valid installs then mutations: consecutive runs read the same CRD files, which stay
// parsed (cycling through all releases' ~85 files would parse them again on every run).
for (const [r, release] of releases.entries()) {
  describe(`fuzz: operator installs of ${release}`, () => {
    it('synthesize with the pinned image, the release\'s CRDs first, a WATCH_NAMESPACE covering the clusters, and identically twice', () => {
      const params = fuzzParams<[OperatorSpec]>(Math.ceil(VALID_RUNS / releases.length), `valid operator installs, ${release}`, releases.length);
      let fullYaml = FULL_YAML_RELEASES.includes(release.operatorMinor) ? 1 : 0;
      fc.assert(fc.property(offsetBy(r, operatorSpecArb({ releases: [release.operatorMinor] })), (spec) => {
        const first = synthOperator(spec);
        const wrong = mismatch(spec, first.objects, first.built.release);
        if (wrong) throw new Error(`the operator chart does not match the spec: ${wrong}`);
        // The operator chart comes first in the output, whatever the creation order.
        const charts = first.built.app.charts;
        if (charts[0] !== first.built.operator) throw new Error(`the first chart is ${charts[0].node.id}`);
        // (d) a fresh app synthesizes identically: every chart's objects as JSON, and as YAML all but the CRDs
        // (verbatim upstream documents: their JSON fixes their YAML); the whole app's YAML bytes on some runs.
        const second = synthOperator(spec);
        const others = second.built.app.charts;
        if (others.map((c) => c.node.id).join() !== charts.map((c) => c.node.id).join()) throw new Error('the chart order differs');
        charts.forEach((chart, i) => {
          const [a, b] = [chart.toJson(), others[i].toJson()];
          compare(`${chart.node.id} (JSON)`, JSON.stringify(a), JSON.stringify(b));
          compare(`${chart.node.id} (YAML)`, Yaml.stringify(...a.filter((o: any) => !isCrd(o))), Yaml.stringify(...b.filter((o: any) => !isCrd(o))));
        });
        if (fullYaml-- > 0) compare('the app\'s YAML', first.built.app.synthYaml(), second.built.app.synthYaml());
        if (second.warnings.join('\n') !== first.warnings.join('\n')) throw new Error('two syntheses give different warnings');
        coverage.runs++;
        coverage.watch.add(spec.watch?.kind ?? 'default');
        coverage.clusters.add(spec.clusters.length);
        for (const f of featuresOf(spec)) coverage.features.add(f);
      }), params);
    });

    it('mutated installs fail with well-formed errors naming the construct and field', () => {
      // By default each mutation runs once on every `stride`-th release (rotating, so each release gets some and
      // each mutation several releases); with FUZZ_RUNS every mutation runs on every release.
      const pairs = OPERATOR_MUTATIONS.length * releases.length;
      const stride = process.env.FUZZ_RUNS === undefined ? Math.max(1, Math.round(pairs / MUTATED_RUNS)) : 1;
      for (const [i, m] of OPERATOR_MUTATIONS.entries()) {
        if ((i + r) % stride !== 0) continue;
        const params = fuzzParams<[OperatorMutated]>(1, `operator mutation '${m.name}', ${release}`, pairs);
        fc.assert(fc.property(offsetBy(r, operatorSpecArb({ ...m.base, releases: [release.operatorMinor] })).chain((spec) => m.apply(spec)), ({ spec, path, field }) => {
          expectRejected(outcomeOf(() => synthOperator(spec)), [{ path, field }]);
        }), params);
      }
    });
  });
}

describe('fuzz: operator installs, coverage', () => {
  it('spread over every watch scope, 0–2 clusters and every option', () => {
    // Only after at least the default runs with the fixed seed (not with -t filters, fewer FUZZ_RUNS or a FUZZ_SEED).
    if (coverage.runs < VALID_RUNS || process.env.FUZZ_SEED !== undefined) return;
    expect([...coverage.watch].sort()).toEqual(['all', 'clusterNamespaces', 'default', 'namespaces']);
    expect([...coverage.clusters].sort()).toEqual([0, 1, 2]);
    const features = ['cpu limit below the default request', 'memory limit above the default', 'memory limit below the default', 'registry', 'pull secrets', 'nodeSelector', 'tolerations',
      'createNamespaces', 'cluster without namespace', 'cluster chart before the operator', 'cluster in another namespace'];
    expect(features.filter((f) => !coverage.features.has(f))).toEqual([]);
  });
});
