import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCustomResources } from '../lib/crd-schema';
import { crdSchemas, upstreamDir } from './support/upstream';

/** The real example app, run the way `npm run synth` runs it, into a fresh folder. */
function synthExamples(): string {
  const out = mkdtempSync(join(tmpdir(), 'dist-'));
  const root = join(__dirname, '..');
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['examples/main.ts'], {
    cwd: root,
    env: { ...process.env, CDK8S_OUTDIR: out, VITESS_OPERATOR_DATA: upstreamDir() },
    stdio: 'pipe',
  });
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)])).sort();
}

describe('npm run synth output (dist/)', () => {
  let first: string;
  let second: string;
  beforeAll(() => {
    // The examples fall back to their dev passwords, as on a fresh clone.
    for (const v of Object.keys(process.env).filter((k) => k.endsWith('_VTGATE_PASSWORD'))) delete process.env[v];
    first = synthExamples();
    second = synthExamples();
  }, 120_000);

  it('is byte-identical across two runs', () => {
    const a = files(first).map((f) => relative(first, f));
    expect(a).toEqual(files(second).map((f) => relative(second, f)));
    for (const f of a) expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f))), f).toBe(true);
  });

  it('holds the operator install first in every example folder, and the examples the issue names', () => {
    const folders = new Map<string, string[]>();
    for (const f of files(first)) {
      const rel = relative(first, f);
      const dir = rel.slice(0, rel.lastIndexOf('/'));
      folders.set(dir, [...(folders.get(dir) ?? []), rel.slice(rel.lastIndexOf('/') + 1)]);
    }
    expect([...folders.keys()]).toEqual(expect.arrayContaining(['seed-mysql8', 'two-cell', 'initial-cluster', 'multi-region']));
    for (const [dir, names] of folders) expect(names[0], dir).toBe('0000-vitess-operator.k8s.yaml');
  });

  const objects = () => files(first).flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS()).filter(Boolean));

  it('has no floating image tag anywhere', () => {
    const images: string[] = [];
    const walk = (node: unknown, key = ''): void => {
      if (typeof node === 'string' && /^(image|vt\w+|mysql\w*Compatible|mysqldExporter)$/.test(key) && node.includes(':')) images.push(node);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, Array.isArray(node) ? key : k);
    };
    walk(objects().filter((o) => o.kind !== 'CustomResourceDefinition'));
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) expect(image).toMatch(/:v?\d+\.\d+\.\d+/);
  });

  it('has no user without a password', () => {
    const secrets = objects().filter((o) => o.kind === 'Secret' && o.stringData?.['users.json']);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      for (const entries of Object.values<any[]>(JSON.parse(s.stringData['users.json']))) {
        for (const e of entries) expect(e.MysqlNativePassword ?? e.Password).toMatch(/^\*[0-9A-F]{40}$/);
      }
    }
  });

  it('has every VitessCluster valid against the v2.17.0 CRD with zero unknown fields', () => {
    const clusters = objects().filter((o) => o.kind === 'VitessCluster');
    expect(clusters.length).toBeGreaterThanOrEqual(12);
    expect(validateCustomResources(crdSchemas('v2.17.0'), clusters)).toEqual([]);
  });
});
