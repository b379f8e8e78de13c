import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { beforeEach, describe, expect, it } from 'vitest';
import { MysqlPreset, Partitioning, VitessRelease } from '../lib';
import { initialCluster } from '../examples/initial-cluster';
import { seedMysql8 } from '../examples/seed-mysql8';
import { twoCell } from '../examples/two-cell';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

const EXAMPLES: Record<string, (app: App) => Chart> = {
  'seed-mysql8': (app) => seedMysql8(app),
  'two-cell': (app) => twoCell(app),
  'initial-cluster': (app) => initialCluster(app),
};

beforeEach(() => {
  // The examples read passwords from the environment; the golden files are made with the dev defaults.
  for (const v of ['ADV_VTGATE_PASSWORD', 'EXAMPLE_VTGATE_PASSWORD']) delete process.env[v];
});

describe.each(Object.entries(EXAMPLES))('example %s', (name, build) => {
  it('matches its golden YAML', async () => {
    const app = Testing.app();
    build(app);
    await expect(app.synthYaml()).toMatchFileSnapshot(join('__golden__', `${name}.k8s.yaml`));
  });

  it('is valid against the v2.17.0 CRD schema with zero unknown fields', () => {
    const objects = synth(build(Testing.app()));
    expect(vitessCluster(objects)).toBeDefined();
    expect(schemaErrors(objects, VitessRelease.V24)).toEqual([]);
  });

  it('has no floating image tag and no empty password', () => {
    const yaml = Testing.app();
    build(yaml);
    const text = yaml.synthYaml();
    expect(text).not.toMatch(/:latest\b/);
    expect(text).not.toMatch(/"Password":\s*""/);
    for (const image of text.match(/(?<=: )[\w./-]+:[\w.-]+(?=\n)/g) ?? []) {
      if (image.includes('/')) expect(image).toMatch(/:v?\d+\.\d+/);
    }
  });

  it('synthesizes byte-identically twice', () => {
    const once = () => { const app = Testing.app(); build(app); return app.synthYaml(); };
    expect(once()).toBe(once());
  });
});

describe('example (a): the seed MySQL 8 cluster', () => {
  const cluster = () => vitessCluster(synth(seedMysql8(Testing.app())));

  it('uses mysql80Compatible, a mysqld limit of at least 1Gi and an 8.0.x server version', () => {
    const spec = cluster().spec;
    expect(Object.keys(spec.images.mysqld)).toEqual(['mysql80Compatible']);
    const pool = spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0];
    expect(pool.mysqld.resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } });
    expect(pool.mysqld.configOverrides).toBe('[mysqld]\ninnodb_buffer_pool_size = 512M\nlower_case_table_names = 1\n');
    expect(spec.cells[0].gateway.extraFlags.mysql_server_version).toMatch(/^8\.0\.\d+-Vitess$/);
  });

  it('fails synth at a 256Mi mysqld limit, explaining the OOM and the fix', () => {
    const errors = synthErrors(seedMysql8(Testing.app(), 'oom', { mysqldMemoryLimit: '256Mi' }));
    expect(errors).toContain('[oom/cluster/ADV/replica] mysqld.resources.limits.memory: mysqld memory limit 256Mi is below the 512Mi MySQL 8.0 needs: InnoDB initialisation gets OOM-killed');
    expect(errors).toMatch(/Fix: set limits.memory to at least 512Mi; 1Gi with requests.memory 512Mi is the tested minimum/);
  });

  it('built for operator 2.7 with MySQL 5.7 uses mysql56Compatible and passes the v2.7.5 CRD schema', () => {
    const objects = synth(seedMysql8(Testing.app(), 'old', { release: VitessRelease.V14, mysql: MysqlPreset.mysql57() }));
    const spec = vitessCluster(objects).spec;
    expect(spec.images.mysqld).toEqual({ mysql56Compatible: 'vitess/lite:v14.0.5' });
    expect(spec.images.vttablet).toBe('vitess/lite:v14.0.5');
    expect(spec.cells[0].gateway.extraFlags.mysql_server_version).toMatch(/^5\.7\.\d+-Vitess$/);
    expect(schemaErrors(objects, VitessRelease.V14)).toEqual([]);
  });

  it('fails for operator 2.7 when it uses a field 2.7 lacks (hexWidth), naming the first release that has it', () => {
    const chart = seedMysql8(Testing.app(), 'old', { release: VitessRelease.V14, mysql: MysqlPreset.mysql57() });
    const ks = chart.node.findAll().find((c) => c.node.id === 'ADV') as any;
    ks.addPartitioning(Partitioning.equal(2, { hexWidth: 2 }));
    expect(synthErrors(chart)).toContain('[old/cluster] keyspaces[0].partitionings[1].equal.hexWidth: this field needs operator 2.16 or later; ' +
      'the operator 2.7.5 (Vitess 14) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V23 (operator 2.16) or later, or drop the field');
  });
});

describe('example (b): the seed two-cell cluster', () => {
  it('is at most 30 lines of construct code', () => {
    const source = readFileSync(join(__dirname, '..', 'examples', 'two-cell.ts'), 'utf8');
    const body = source.slice(source.indexOf('export function twoCell'));
    const code = body.split('\n').filter((l) => l.trim() && !l.trim().startsWith('//') && !l.trim().startsWith('*') && !l.trim().startsWith('/**'));
    expect(code.length).toBeLessThanOrEqual(30);
  });

  it('has two cells with 2 vtgates each, 2 vtctlds per cell and 2 replica + 1 rdonly tablets per cell', () => {
    const spec = vitessCluster(synth(twoCell(Testing.app()))).spec;
    expect(spec.cells.map((c: any) => [c.name, c.gateway.replicas])).toEqual([['az1', 2], ['az2', 2]]);
    expect(spec.vitessDashboard.replicas).toBe(2);
    const pools = spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools;
    expect(pools.map((p: any) => `${p.cell}:${p.type}:${p.replicas}`)).toEqual(['az1:replica:2', 'az1:rdonly:1', 'az2:replica:2', 'az2:rdonly:1']);
    expect(spec.keyspaces[0].durabilityPolicy).toBe('semi_sync');
  });
});

describe('every release', () => {
  it.each(VitessRelease.all().map((r) => [r.toString(), r]))('synthesizes example (a) valid against the %s CRD', (_n, release) => {
    const mysql = release.mysqlVersions.includes('8.0') ? MysqlPreset.mysql80() : MysqlPreset.mysql57();
    const objects = synth(seedMysql8(Testing.app(), 'r', { release, mysql }));
    expect(schemaErrors(objects, release)).toEqual([]);
    expect(vitessCluster(objects).spec.images.vtgate).toBe(release.liteImage('8.0'));
  });
});
