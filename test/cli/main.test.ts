import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/main';
import { distWith, tempDir, toYaml, twoCellCluster } from '../ops/fixtures';

const ROOT = resolve(__dirname, '..', '..');

/** The real CLI: node bin/cdk8s-vitess.js … */
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cdk8s-vitess.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same program in-process, with captured output (faster, for the many option combinations). */
async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('bin/cdk8s-vitess.js', () => {
  it.each([
    [[], 'Usage: cdk8s-vitess [options] [command]', 'port-forward'],
    [['plan'], 'Usage: cdk8s-vitess plan [options] [dist]', '--node-budget <budget>'],
    [['diff'], 'Usage: cdk8s-vitess diff [options] <old> <new>', 'Destructive: cluster-removal'],
    [['port-forward'], 'Usage: cdk8s-vitess port-forward [options] [dist]', '--out <file>'],
    [['drain'], 'Usage: cdk8s-vitess drain [options] <pod>', '--execute'],
    [['fetch-crds'], 'Usage: cdk8s-vitess fetch-crds [options] [tags...]', '--cache-dir <dir>'],
  ])('%j --help', (cmd, usage, option) => {
    const r = cli(...cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(usage);
    expect(r.out).toContain(option);
  });

  it('plans the two-cell cluster from a dist folder', () => {
    const r = cli('plan', distWith(twoCellCluster()));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('VitessCluster adv-vitess-cluster (namespace vitess)');
    expect(r.out).toContain('19 pods, 9 PVCs');
  });

  // dist/ is written by `npm run synth` (CI runs it before the tests); without it there is nothing to read.
  it.skipIf(!existsSync(join(ROOT, 'dist', 'two-cell')))('plans the two-cell example that npm run synth writes to dist/two-cell', () => {
    const r = cli('plan', join(ROOT, 'dist', 'two-cell'), '--json');
    expect(r.code).toBe(0);
    const [plan] = JSON.parse(r.out);
    const per = (cell: string, component: string) => plan.pods.filter((p: any) => p.cell === cell && p.component === component).length;
    expect(plan.total.pods).toBe(19);
    expect(plan.pods.filter((p: any) => p.component === 'etcd')).toHaveLength(3);
    for (const cell of ['az1', 'az2']) expect(['vtctld', 'vtgate', 'vtorc', 'vttablet'].map((c) => per(cell, c))).toEqual([2, 2, 1, 3]);
  });

  it('says what to do about a missing dist, in one line, exit 2', () => {
    const r = cli('plan', '/nonexistent/dist');
    expect(r.code).toBe(2);
    expect(r.err).toBe("cdk8s-vitess: /nonexistent/dist: no such file or folder. Run 'npm run synth' first, or pass the file or folder holding the synthesized manifests\n");
    expect(r.out).toBe('');
  });

  it('names the file and position of malformed YAML, exit 2, no stack trace', () => {
    const dir = tempDir({ '0000-app.k8s.yaml': 'kind: VitessCluster\nspec: {cells: [\n' });
    const r = cli('diff', dir, dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^cdk8s-vitess: ${join(dir, '0000-app.k8s.yaml')}:\\d+:\\d+: malformed YAML \\(.*\\)\\. Fix the file or synthesize it again\\n$`));
    noStack(r.err);
  });

  it('exits 1 on a destructive diff', () => {
    const after = twoCellCluster();
    after.spec.keyspaces = [];
    const r = cli('diff', distWith(twoCellCluster()), distWith(after));
    expect(r.code).toBe(1);
    expect(r.out).toContain('DESTRUCTIVE  keyspace-removal  adv-vitess-cluster/keyspaces[ADV]');
  });
});

describe('plan command', () => {
  const dist = distWith(twoCellCluster());

  it('prints JSON with per-cell totals', async () => {
    const r = await inProcess('plan', dist, '--json');
    const [plan] = JSON.parse(r.out);
    expect(plan.cells.map((c: any) => [c.cell ?? null, c.totals.pods])).toEqual([[null, 3], ['az1', 8], ['az2', 8]]);
  });

  it('exits 1 when a cell is over its node budget', async () => {
    const r = await inProcess('plan', dist, '--node-budget', '4,16Gi', '--node-budget', 'az2=1,4Gi');
    expect(r.code).toBe(1);
    expect(r.out).toContain('- cell az2 requests 1130m CPU / 3296Mi but the budget is 1 / 4Gi');
  });

  it('exits 2 on a malformed budget, an unknown release or an unknown cluster', async () => {
    for (const args of [['--node-budget', 'lots'], ['--release', '9.9'], ['--cluster', 'nope']]) {
      const r = await inProcess('plan', dist, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^cdk8s-vitess: .+\n$/);
    }
  });

  it('applies the defaults of an older release (no vtorc before 2.9 without vitessOrchestrator)', async () => {
    const o = twoCellCluster();
    delete o.spec.keyspaces[0].vitessOrchestrator;
    const r = await inProcess('plan', distWith(o), '--release', '2.8', '--json');
    expect(JSON.parse(r.out)[0].pods.filter((p: any) => p.component === 'vtorc')).toEqual([]);
  });
});

describe('diff command', () => {
  const before = distWith(twoCellCluster());
  const shrunk = twoCellCluster();
  shrunk.spec.keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].replicas = 1;
  const after = distWith(shrunk);
  const path = 'adv-vitess-cluster/keyspaces[ADV].shards[-].tabletPools[replica@az1].replicas';

  it('blocks a destructive change and tells how to allow it', async () => {
    const r = await inProcess('diff', before, after);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`  --allow 'replicas-decrease:${path}'`);
  });

  it('passes when each destructive change is allowed, or with --allow-destructive', async () => {
    expect((await inProcess('diff', before, after, '--allow', `replicas-decrease:${path}`)).code).toBe(0);
    expect((await inProcess('diff', before, after, '--allow', 'replicas-decrease:adv-vitess-cluster/keyspaces[ADV].shards[-].tabletPools[rdonly')).code).toBe(1);
    expect((await inProcess('diff', before, after, '--allow-destructive')).code).toBe(0);
  });

  it('passes an added keyspace, and reports JSON', async () => {
    const grown = twoCellCluster();
    grown.spec.keyspaces.push({ ...structuredClone(grown.spec.keyspaces[0]), name: 'customer' });
    const r = await inProcess('diff', before, distWith(grown), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).changes.map((c: any) => c.kind)).toEqual(['keyspace-added']);
  });

  it('rejects an unknown --allow kind and a missing argument with exit 2', async () => {
    const oops = await inProcess('diff', before, after, '--allow', 'oops');
    expect([oops.code, oops.out]).toEqual([2, '']);
    expect(oops.err).toMatch(/^cdk8s-vitess: --allow 'oops': unknown change kind 'oops'\. Destructive kinds: cluster-removal, cluster-rename, .*database-name-change\n$/);
    const r = await inProcess('diff', before);
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: missing required argument 'new'");
  });

  it('reports removing every cluster as destructive, and exits 2 when neither side has one', async () => {
    const none = tempDir({ 'op.yaml': toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vitess' } }) });
    const r = await inProcess('diff', before, none);
    expect([r.code, r.out.split('\n')[0]]).toEqual([1, 'DESTRUCTIVE  cluster-removal  adv-vitess-cluster']);
    expect((await inProcess('diff', none, none)).err).toBe(`cdk8s-vitess: ${none}, ${none}: no VitessCluster (planetscale.com/v2) on either side. Pass the synthesized cluster manifests\n`);
  });

  it('says when the old synthesis is missing', async () => {
    const r = await inProcess('diff', '/nonexistent/old', after);
    expect([r.code, r.err]).toEqual([2, "cdk8s-vitess: /nonexistent/old: no such file or folder. Run 'npm run synth' first, or pass the file or folder holding the synthesized manifests\n"]);
  });
});

describe('port-forward command', () => {
  it('prints the script for the only cluster', async () => {
    const r = await inProcess('port-forward', distWith(twoCellCluster()));
    expect(r.code).toBe(0);
    expect(r.out).toContain('kubectl port-forward -n vitess --address localhost "$vtgate" 15306:3306 &');
  });

  it('writes an executable script with --out', async () => {
    const file = join(tempDir(), 'pf.sh');
    const r = await inProcess('port-forward', distWith(twoCellCluster()), '-n', 'prod', '-o', file);
    expect([r.code, r.out]).toEqual([0, `wrote ${file}\n`]);
    expect(readFileSync(file, 'utf8')).toContain('kubectl get service -n prod');
    expect(statSync(file).mode & 0o111).not.toBe(0);
  });

  it('asks for --cluster when there are several, and errors on a missing path', async () => {
    const dir = tempDir({ 'a.yaml': toYaml(twoCellCluster(), { ...twoCellCluster(), metadata: { name: 'second' } }) });
    const r = await inProcess('port-forward', dir);
    expect([r.code, r.err]).toEqual([2, `cdk8s-vitess: ${dir}: 2 VitessClusters (adv-vitess-cluster, second): pick one with --cluster\n`]);
    expect((await inProcess('port-forward', dir, '--cluster', 'second')).out).toContain('planetscale.com/cluster=second');
    expect((await inProcess('port-forward', '/nonexistent/dist')).code).toBe(2);
  });
});

describe('drain command', () => {
  const pod = 'adv-vitess-cluster-vttablet-az1-1330809953-8066577e';

  it('prints the planned-failover commands', async () => {
    const r = await inProcess('drain', pod, '-n', 'vitess', '--reason', 'node upgrade');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain(`kubectl annotate pod ${pod} -n vitess 'drain.planetscale.com/started=node upgrade' --overwrite`);
  });

  it('runs kubectl with --execute, and --clear removes the annotation', async () => {
    const dir = tempDir();
    const bin = join(dir, 'kubectl');
    writeFileSync(bin, `#!${process.execPath}\nprocess.stdout.write(process.argv.slice(2).join(' ') + '\\n');\n`);
    chmodSync(bin, 0o755);
    const r = await inProcess('drain', pod, '--execute', '--clear', '--kubectl', bin);
    expect([r.code, r.out]).toEqual([0, `annotate pod ${pod} drain.planetscale.com/started-\n`]);
  });

  it('warns for a pod that is not a tablet, and rejects an invalid name', async () => {
    expect((await inProcess('drain', 'adv-vitess-cluster-az1-vtgate-498e7697-abc')).err).toContain('does not look like a vttablet pod');
    const r = await inProcess('drain', 'Not_A_Pod');
    expect([r.code, r.err]).toEqual([2, "cdk8s-vitess: 'Not_A_Pod' is not a pod name: expected lowercase letters, digits, '-' and '.', e.g. example-vttablet-zone1-2469782763-bfadd780\n"]);
  });

  it('exits 1 when kubectl fails, 2 when it is missing', async () => {
    expect((await inProcess('drain', pod, '--execute', '--kubectl', '/nonexistent/kubectl')).code).toBe(2);
    const dir = tempDir();
    const bin = join(dir, 'kubectl');
    writeFileSync(bin, `#!${process.execPath}\nprocess.stderr.write('forbidden\\n'); process.exit(1);\n`);
    chmodSync(bin, 0o755);
    const r = await inProcess('drain', pod, '--execute', '--kubectl', bin);
    expect([r.code, r.err]).toEqual([1, `cdk8s-vitess: kubectl annotate pod ${pod} drain.planetscale.com/started=planned failover --overwrite failed: forbidden\n`]);
  });
});

describe('diff --help', () => {
  it('lists the change kinds by severity', async () => {
    const r = await inProcess('diff', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Risky: lockserver-address-change, cell-removal, partitioning-added,');
    expect(r.out).toContain('Safe: cluster-added, cell-added, keyspace-added, keyspace-removal-idle, pool-added, spec-change.');
  });
});

describe('usage errors', () => {
  it('exits 2 on an unknown command or option', async () => {
    expect((await inProcess('apply')).code).toBe(2);
    const r = await inProcess('plan', '--bogus');
    expect([r.code, r.err]).toEqual([2, "error: unknown option '--bogus'\n(add --help for usage)\n"]);
  });
});
