import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_GATES, gateOpen, RELEASES } from '../lib/releases';
import { VitessRelease } from '../lib/vitess-release';
import { readUpstreamYaml, upstreamDir } from './support/upstream';

/** The schema node at a gate path in a release's VitessCluster CRD, or undefined. */
const clusterCrds = new Map<string, any>();
function schemaAt(tag: string, path: string): any {
  if (!clusterCrds.has(tag)) clusterCrds.set(tag, readUpstreamYaml(tag, 'planetscale.com_vitessclusters.yaml')[0]);
  const crd = clusterCrds.get(tag);
  let node = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
  for (const raw of path.split('.')) {
    const list = raw.endsWith('[]');
    const key = list ? raw.slice(0, -2) : raw;
    node = node?.properties?.[key];
    if (list) node = node?.items;
  }
  return node;
}

const expand = (path: string) => path.includes('{shard}')
  ? [path.replace('{shard}', 'partitionings[].equal.shardTemplate'), path.replace('{shard}', 'partitionings[].custom.shards[]')]
  : [path];

describe('release matrix', () => {
  it('has one row per operator minor 2.7 … 2.17, each paired with Vitess N+7', () => {
    expect(RELEASES.map((r) => r.minor)).toEqual(['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', '2.17']);
    for (const r of RELEASES) expect(r.vitessMajor).toBe(Number(r.minor.split('.')[1]) + 7);
    expect(RELEASES.every((r) => r.vitessVersion.startsWith(`${r.vitessMajor}.`))).toBe(true);
  });

  it('names the last patch of each minor, which is the upstream data folder', () => {
    const tags = readdirSync(upstreamDir()).filter((d) => d.startsWith('v')).sort();
    expect(VitessRelease.all().map((r) => r.operatorTag).sort()).toEqual(tags);
  });

  it.each(RELEASES.map((r) => [r.minor, r]))('lists exactly the CRD files of %s', (_minor, r) => {
    const tag = `v${r.operatorVersion}`;
    const files = readdirSync(`${upstreamDir()}/${tag}`).filter((f) => f.startsWith('planetscale.com_')).sort();
    expect([...r.crdFiles].sort()).toEqual(files);
  });

  it('pins every image: no floating tags in the table', () => {
    for (const r of VitessRelease.all()) {
      const images = [r.operatorImage, r.mysqldExporterImage, r.etcdImage, ...r.mysqlVersions.map((m) => r.liteImage(m)!)];
      for (const image of images) expect(image).toMatch(/:v?\d+\.\d+\.\d+/);
    }
  });

  it('gives one consistent image set for a release', () => {
    const r = VitessRelease.V24;
    expect([r.operatorImage, r.liteImage('8.0'), r.liteImage('8.4'), r.mysqldExporterImage, r.etcdImage]).toEqual([
      'planetscale/vitess-operator:v2.17.0', 'vitess/lite:v24.0.0-mysql80', 'vitess/lite:v24.0.0-mysql84',
      'prom/mysqld-exporter:v0.18.0', 'quay.io/coreos/etcd:v3.5.17',
    ]);
    expect(VitessRelease.V14.liteImage('5.7')).toBe('vitess/lite:v14.0.5');
    expect(VitessRelease.V19.liteImage('5.7')).toBeUndefined();
  });

  it('looks releases up by operator version or Vitess major, and rejects unknown ones', () => {
    expect(VitessRelease.of('2.17')).toBe(VitessRelease.V24);
    expect(VitessRelease.of('v2.9.5')).toBe(VitessRelease.V16);
    expect(VitessRelease.of(14)).toBe(VitessRelease.V14);
    expect(VitessRelease.LATEST).toBe(VitessRelease.V24);
    expect(() => VitessRelease.of('2.6')).toThrow(/unknown Vitess release '2.6': pick one of 2.7 \(Vitess 14\)/);
  });
});

describe('field gates agree with the real CRD of every release', () => {
  const cases = FIELD_GATES.flatMap((g) => RELEASES.map((r) => [`${g.path}${g.value ? `=${g.value}` : ''} @ ${r.minor}`, g, r] as const));
  it.each(cases)('%s', (_name, gate, r) => {
    const tag = `v${r.operatorVersion}`;
    for (const path of expand(gate.path)) {
      const node = schemaAt(tag, path);
      const present = gate.value === undefined ? node !== undefined : (node?.enum ?? []).includes(gate.value);
      expect(present, `${path} in ${tag}`).toBe(gateOpen(gate, r.minor));
    }
  });
});
