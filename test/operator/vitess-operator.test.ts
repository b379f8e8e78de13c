import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { Warnings } from '../../lib/problems';
import { crdChecksums } from '../../lib/operator/crd-checksums';
import { sha256 } from '../../lib/operator/crd-source';
import { VitessOperator, VitessOperatorProps } from '../../lib/operator/vitess-operator';
import { WatchScope } from '../../lib/operator/watch-scope';
import { VitessRelease } from '../../lib/vitess-release';
import { upstreamDir, upstreamPath } from '../support/upstream';

process.env.VITESS_OPERATOR_DATA ??= upstreamDir();

function cluster(app: App, id: string, namespace?: string, spec: object = {}): Chart {
  const chart = new Chart(app, id, { namespace });
  new ApiObject(chart, 'vt', { apiVersion: 'planetscale.com/v2', kind: 'VitessCluster', metadata: { name: id }, spec });
  return chart;
}

/** Synthesizes the operator chart with one cluster chart per namespace (CRDs skipped unless asked: they are tested elsewhere). */
function synth(props: VitessOperatorProps, clusterNamespaces: Array<string | undefined> = []): any[] {
  const app = Testing.app();
  const op = new VitessOperator(app, 'operator', { crds: false, ...props });
  clusterNamespaces.forEach((ns, i) => cluster(app, `c${i}`, ns));
  return Testing.synth(op);
}

const deployment = (objs: any[]) => objs.find((o) => o.kind === 'Deployment');
const container = (objs: any[]) => deployment(objs).spec.template.spec.containers[0];
const watchEnv = (objs: any[]) => container(objs).env.find((e: any) => e.name === 'WATCH_NAMESPACE');
const keys = (objs: any[]) => objs.map((o) => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`);

describe('VitessOperator watch scope', () => {
  it('watches only its own namespace (downward API, as upstream) when no cluster lives elsewhere', () => {
    expect(watchEnv(synth({}))).toEqual({ name: 'WATCH_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
    expect(watchEnv(synth({ namespace: 'vitess' }, ['vitess']))).toHaveProperty('valueFrom');
  });

  it("defaults to its own namespace plus the namespaces of the app's VitessClusters, sorted", () => {
    expect(watchEnv(synth({ namespace: 'vitess' }, ['zeta', 'alpha', 'zeta']))).toEqual({ name: 'WATCH_NAMESPACE', value: 'alpha,vitess,zeta' });
  });

  it('finds clusters in charts created after the operator, and counts an un-namespaced one as default with a warning', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, namespace: 'vitess' });
    cluster(app, 'late');
    // Collected before synth, as synthApp does: the warning must not depend on synth having run.
    const warnings = Warnings.collect(app);
    expect(watchEnv(Testing.synth(op)).value).toBe('default,vitess');
    expect(warnings.join('\n')).toMatch(/\[operator\] watch: VitessCluster late \(late\/vt\) has no namespace.*Fix: set metadata.namespace/);
  });

  it('renders an explicit list and the all-namespaces scope', () => {
    expect(watchEnv(synth({ watch: WatchScope.namespaces(['b', 'a']) }, ['a'])).value).toBe('a,b');
    expect(watchEnv(synth({ watch: WatchScope.allNamespaces() }, ['a'])).value).toBe('');
  });

  it('fails synth for a cluster outside an explicit watch list, with path, field and fix', () => {
    expect(() => synth({ watch: WatchScope.namespaces(['a']) }, ['b'])).toThrow(
      /\[operator\] watch: VitessCluster b\/c0 \(c0\/vt\) is in namespace 'b', which the operator does not watch \(a\)\. Fix: add 'b' to WatchScope\.namespaces/);
  });

  it('allows one operator per app', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false });
    new VitessOperator(app, 'second', { crds: false, namespace: 'other' });
    expect(() => Testing.synth(op)).toThrow(/\[operator\] release: another VitessOperator is in the app \(second\).*Fix: keep one VitessOperator per app/);
  });

  it('rejects invalid namespaces at synth, naming the prop', () => {
    expect(() => synth({ watch: WatchScope.namespaces([]) })).toThrow("[operator] watch: WatchScope.namespaces([]) watches nothing, so the operator would reconcile no cluster. Fix: list at least one namespace, or use WatchScope.clusterNamespaces() or WatchScope.allNamespaces()");
    expect(() => synth({ watch: WatchScope.namespaces(['apps', 'Bad_NS']) })).toThrow(/\[operator\] watch\.namespaces\[0\]: 'Bad_NS' is not a valid namespace name\. Fix: /);
    expect(() => synth({ namespace: 'a.b' })).toThrow(/\[operator\] namespace: 'a\.b' is not a valid namespace name\. Fix: use at most 63 lowercase letters/);
  });
});

describe('VitessOperator RBAC per layout', () => {
  it('≤ 2.14: a Role + RoleBinding in every watched namespace, and the backup-storage set where clusters live', () => {
    const objs = synth({ release: VitessRelease.V21, namespace: 'vitess' }, ['apps']);
    expect(keys(objs).filter((k) => !k.startsWith('PriorityClass'))).toEqual([
      'ServiceAccount vitess/vitess-operator', 'Role vitess/vitess-operator', 'RoleBinding vitess/vitess-operator',
      'Deployment vitess/vitess-operator',
      'Role apps/vitess-operator', 'RoleBinding apps/vitess-operator',
      'ServiceAccount apps/vitess-operator', 'Role apps/vitess-operator-backup-storage', 'RoleBinding apps/vitess-operator-backup-storage',
    ]);
    const binding = objs.find((o) => o.kind === 'RoleBinding' && o.metadata.namespace === 'apps' && o.metadata.name === 'vitess-operator');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'vitess-operator', namespace: 'vitess' }]);
    expect(objs.some((o) => o.kind.startsWith('Cluster'))).toBe(false);
  });

  it('≤ 2.14 watching all namespaces: the same rules through a ClusterRole instead', () => {
    const objs = synth({ release: VitessRelease.V14, watch: WatchScope.allNamespaces() });
    expect(keys(objs)).toContain('ClusterRole -/vitess-operator');
    expect(objs.some((o) => o.kind === 'Role')).toBe(false);
    const rules = objs.find((o) => o.kind === 'ClusterRole').rules;
    expect(rules.flatMap((r: any) => r.resources)).not.toContain('vitessbackupschedules'); // 2.13+
  });

  it('2.15+: ClusterRole bound to the templated namespace; backup-storage set only outside the operator namespace', () => {
    const objs = synth({ release: VitessRelease.V24, namespace: 'vitess' }, ['vitess', 'apps']);
    expect(objs.find((o) => o.kind === 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'vitess-operator', namespace: 'vitess' }]);
    expect(keys(objs).filter((k) => k.includes('backup-storage'))).toEqual(['Role apps/vitess-operator-backup-storage', 'RoleBinding apps/vitess-operator-backup-storage']);
    expect(objs.find((o) => o.kind === 'ClusterRole').rules.at(-1)).toEqual({ apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['*'] });
  });

  it('createNamespaces emits Namespace objects (not for built-ins) before the objects in them, and refuses duplicates', () => {
    const objs = synth({ namespace: 'vitess', createNamespaces: true }, ['apps', 'default']);
    const k = keys(objs);
    expect(k.filter((x) => x.startsWith('Namespace'))).toEqual(['Namespace -/vitess', 'Namespace -/apps']);
    expect(k.indexOf('Namespace -/apps')).toBeLessThan(k.indexOf('ServiceAccount apps/vitess-operator'));
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, namespace: 'vitess', createNamespaces: true });
    new ApiObject(new Chart(app, 'ns'), 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vitess' } });
    expect(() => Testing.synth(op)).toThrow(/\[operator\] createNamespaces: namespace 'vitess' is also defined at ns\/ns\. Fix: define each namespace once/);
  });

  it('createNamespaces: a clash on a cluster namespace is reported once; namespaces it does not create are left alone', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, namespace: 'vitess', createNamespaces: true });
    cluster(app, 'c', 'apps');
    const other = new Chart(app, 'ns');
    for (const name of ['apps', 'monitoring']) new ApiObject(other, name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    let message = '';
    try { Testing.synth(op); } catch (e) { message = (e as Error).message; }
    expect(message.match(/createNamespaces: namespace '[a-z]+' is also defined at [^ ]+/g)).toEqual(["createNamespaces: namespace 'apps' is also defined at ns/apps."]);
  });
});

describe('VitessOperator Deployment options', () => {
  it('pins the image, optionally through a registry mirror', () => {
    expect(container(synth({ release: VitessRelease.V16 })).image).toBe('planetscale/vitess-operator:v2.9.5');
    expect(container(synth({ imageRegistry: 'registry.example.com:5000/hub/' })).image).toBe('registry.example.com:5000/hub/planetscale/vitess-operator:v2.17.0');
    expect(() => synth({ imageRegistry: 'https://r.example.com' })).toThrow(/\[operator\] imageRegistry: 'https:\/\/r\.example\.com' must be a registry host with an optional path.*\. Fix: give only the host and path/);
    expect(() => synth({ imageRegistry: 'r.example.com/x:v1' })).toThrow(/no tag/);
    // Only what an image reference allows: no blanks, no uppercase or empty path components.
    for (const bad of ['registry example.com', 'registry.example.com/Hub', 'registry.example.com//hub', '-registry.example.com', 'registry.example.com/hub\n', ' ']) {
      expect(() => synth({ imageRegistry: bad }), bad).toThrow(/\[operator\] imageRegistry: '.*' must be a registry host with an optional path/);
    }
    for (const good of ['localhost:5000', '10.0.0.1:5000/mirror', 'Registry.Example.com/dockerhub', 'r.example.com/a/b-c/d__e/f.g', 'myorg']) {
      expect(container(synth({ imageRegistry: good })).image, good).toBe(`${good}/planetscale/vitess-operator:v2.17.0`);
    }
  });

  it('defaults to requests 100m/128Mi and a 512Mi memory limit, and merges overrides field by field', () => {
    expect(container(synth({})).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    const r = container(synth({ resources: { cpu: { limit: Cpu.units(1) }, memory: { limit: Size.gibibytes(1) } } })).resources;
    expect(r).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
    // Reported at synth, like every other problem (the constructor does not throw).
    expect(() => synth({ resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(256) } } }))
      .toThrow(/\[operator\] resources.memory: resources.memory.request \(1024Mi\) exceeds resources.memory.limit \(256Mi\)/);
    expect(() => synth({ resources: { cpu: { request: Cpu.units(2), limit: Cpu.units(1) } } }))
      .toThrow(/resources\.cpu\.request \(2\) exceeds resources\.cpu\.limit \(1\)/);
    // The default request counts: a limit below it would be rejected by the API server.
    expect(() => synth({ resources: { cpu: { limit: Cpu.millis(50) } } }))
      .toThrow(/resources\.cpu\.request \(100m\) exceeds resources\.cpu\.limit \(50m\)/);
    expect(container(synth({ resources: { cpu: { limit: Cpu.millis(100) }, memory: { limit: Size.mebibytes(128) } } })).resources)
      .toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
  });

  it('reports every prop problem at once at synth, as well-formed validation lines (the constructor does not throw)', () => {
    const app = Testing.app();
    new VitessOperator(app, 'operator', { namespace: 'Bad_NS', imageRegistry: 'r.example.com/x:v1', resources: { cpu: { limit: Cpu.millis(50) }, memory: { request: Size.gibibytes(1) } } });
    let message = '';
    try {
      app.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Validation failed with the following errors:',
      "  [operator] namespace: 'Bad_NS' is not a valid namespace name. Fix: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
      "  [operator] imageRegistry: 'r.example.com/x:v1' must be a registry host with an optional path, such as 'registry.example.com/mirror' (no scheme, no tag). Fix: give only the host and path of the mirror: the chart appends planetscale/vitess-operator:<release tag> itself",
      '  [operator] resources.cpu: resources.cpu.request (100m) exceeds resources.cpu.limit (50m), so the API server rejects the pod. Fix: raise the limit or lower the request (left out, the request is the default 100m)',
      '  [operator] resources.memory: resources.memory.request (1024Mi) exceeds resources.memory.limit (512Mi), so the API server rejects the pod. Fix: raise the limit or lower the request',
    ]);
  });

  it('passes imagePullSecrets, nodeSelector and tolerations to the pod', () => {
    const pod = deployment(synth({
      imagePullSecrets: ['regcred'], nodeSelector: { pool: 'system' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }],
    })).spec.template.spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(pod.nodeSelector).toEqual({ pool: 'system' });
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }]);
    expect(Object.keys(deployment(synth({})).spec.template.spec).sort()).toEqual(['containers', 'priorityClassName', 'serviceAccountName']);
  });

  it('fails synth, once per cluster, when a cluster runs Vitess more than one major away from the operator', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, release: VitessRelease.V24 });
    cluster(app, 'old', 'apps', { images: { vtgate: 'vitess/lite:v22.0.1', vttablet: 'vitess/lite:v22.0.1' } });
    let message = '';
    try { Testing.synth(op); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(
      /\[operator\] release: VitessCluster apps\/old \(old\/vt\) uses vitess\/lite:v22\.0\.1 \(Vitess 22\) but this chart installs operator 2\.17\.0 \(Vitess 24\)\. Fix: .*VitessRelease\.V22/);
    expect(message.match(/uses vitess\/lite:v22/g)).toHaveLength(1);
  });

  it('reads the major of any Vitess image repository, under a registry mirror too', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, release: VitessRelease.V24 });
    cluster(app, 'old', 'apps', { images: { vtgate: 'vitess/vtgate:v20.0.1', vttablet: 'mirror.example.com/vitess/lite:v21.0.0' } });
    expect(() => Testing.synth(op)).toThrow(/uses vitess\/vtgate:v20\.0\.1 \(Vitess 20\).*\n.*uses mirror\.example\.com\/vitess\/lite:v21\.0\.0 \(Vitess 21\)/);
  });

  it('only warns for one major of skew, the upgrade window upstream itself tests', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { crds: false, release: VitessRelease.V24 });
    cluster(app, 'old', 'apps', { images: { vtgate: 'vitess/lite:v23.0.0-mysql80' } });
    expect(() => Testing.synth(op)).not.toThrow();
    expect(Warnings.collect(app).join('\n')).toContain('[operator] release: VitessCluster apps/old (old/vt) uses vitess/lite:v23.0.0-mysql80 (Vitess 23) but this chart installs operator 2.17.0 (Vitess 24)');
  });
});

describe('VitessOperator CRDs', () => {
  const tag = VitessRelease.V22.operatorTag;

  function tamperedCopy(file: string, mutate: (b: Buffer) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'crds-'));
    for (const f of VitessRelease.V22.crdFiles) copyFileSync(upstreamPath(tag, f), join(dir, f));
    const bytes = readFileSync(join(dir, file));
    mutate(bytes);
    writeFileSync(join(dir, file), bytes);
    return dir;
  }

  it('fails synth when one byte of a CRD file changed, naming the file and its pinned sha256', () => {
    const file = 'planetscale.com_vitesscells.yaml';
    const dir = tamperedCopy(file, (b) => { b[200] = b[200] === 0x61 ? 0x62 : 0x61; });
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { release: VitessRelease.V22, crdDirectory: dir });
    // Both hashes from the bytes themselves: upstream's file and the tampered copy, not from the pinned table.
    const expected = sha256(readFileSync(upstreamPath(tag, file)));
    const actual = sha256(readFileSync(join(dir, file)));
    expect(actual).not.toBe(expected);
    expect(crdChecksums(tag)![file]).toBe(expected);
    expect(() => Testing.synth(op)).toThrow(new RegExp(`\\[operator\\] crds: ${join(dir, file).replace(/[.]/g, '\\.')} has sha256 ${actual} but ${tag} pins ${expected}.*Fix: put the unmodified file`));
  });

  it('fails synth for a missing file with the ways to provide it', () => {
    const dir = tamperedCopy('planetscale.com_vitessshards.yaml', () => {});
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { release: VitessRelease.V22, crdDirectory: join(dir, 'nope') });
    expect(() => Testing.synth(op)).toThrow(/crds: .*nope\/planetscale\.com_etcdlockservers\.yaml is missing \(expected sha256 1b372a8a/);
    expect(() => Testing.synth(op)).toThrow(/npx cdk8s-vitess fetch-crds v2\.15\.1/);
  });

  it('crds: false reads no file and emits no CRD', () => {
    const objs = synth({ crds: false, crdDirectory: '/nonexistent' });
    expect(objs.some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
  });

  it('accepts a folder with <tag>/ subfolders as crdDirectory and emits the CRDs first', () => {
    const app = Testing.app();
    const op = new VitessOperator(app, 'operator', { release: VitessRelease.V19, crdDirectory: upstreamDir() });
    const files = VitessRelease.V19.crdFiles;
    const objs = Testing.synth(op);
    expect(keys(objs).slice(0, files.length + 1)).toEqual([
      ...files.map((f) => `CustomResourceDefinition -/${f.replace(/^planetscale\.com_(.*)\.yaml$/, '$1')}.planetscale.com`),
      'ServiceAccount default/vitess-operator',
    ]);
  });
});

describe('VitessOperator ordering and determinism', () => {
  it('puts the operator file first even when the cluster chart was created before it', () => {
    const app = Testing.app();
    cluster(app, 'app-cluster', 'apps');
    new VitessOperator(app, 'operator', { crds: false });
    app.synth();
    expect(readdirSync(app.outdir).sort()).toEqual(['0000-operator.k8s.yaml', '0001-app-cluster.k8s.yaml']);
  });

  it('manages() orders charts without Vitess objects too', () => {
    const app = Testing.app();
    const other = new Chart(app, 'monitoring');
    new ApiObject(other, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    const op = new VitessOperator(app, 'operator', { crds: false }).manages(other);
    expect(() => op.manages(op)).toThrow(/cannot manage itself/);
    app.synth();
    expect(readdirSync(app.outdir).sort()).toEqual(['0000-operator.k8s.yaml', '0001-monitoring.k8s.yaml']);
  });

  it('synthesizes byte-identical YAML twice', () => {
    const build = () => {
      const app = Testing.app();
      new VitessOperator(app, 'operator', { release: VitessRelease.V20 });
      cluster(app, 'b', 'zeta');
      cluster(app, 'a', 'alpha');
      return app.synthYaml();
    };
    expect(build()).toBe(build());
  });
});
