import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findClusters, InputError, loadClusters, loadManifests } from '../../lib/ops/manifests';
import { CONFIG_SECRET, distWith, tempDir, toYaml, twoCellCluster } from './fixtures';

describe('loadManifests', () => {
  it('reads every document of every .yaml file of a folder, in file-name order', () => {
    const other = { ...twoCellCluster(), metadata: { name: 'second' } };
    const dir = tempDir({ '0001-b.k8s.yaml': toYaml(other), '0000-a.k8s.yaml': toYaml(CONFIG_SECRET, twoCellCluster()), 'notes.txt': 'ignored' });
    const objects = loadManifests(dir);
    expect(objects.map((o) => [o.object.kind, o.object.metadata.name, o.file.slice(dir.length + 1), o.index])).toEqual([
      ['Secret', 'adv-vitess-cluster-config', '0000-a.k8s.yaml', 0],
      ['VitessCluster', 'adv-vitess-cluster', '0000-a.k8s.yaml', 1],
      ['VitessCluster', 'second', '0001-b.k8s.yaml', 0],
    ]);
  });

  it('reads subfolders too (one folder per app), in path order, skipping hidden ones', () => {
    const dir = tempDir({ 'b/0000-app.k8s.yaml': toYaml(CONFIG_SECRET), 'a/0001-app.k8s.yaml': toYaml(twoCellCluster()), '.cache/x.yaml': 'not: [yaml' });
    expect(loadManifests(dir).map((o) => [o.object.kind, o.file.slice(dir.length + 1)])).toEqual([
      ['VitessCluster', 'a/0001-app.k8s.yaml'],
      ['Secret', 'b/0000-app.k8s.yaml'],
    ]);
  });

  it('reads a single file and skips empty documents', () => {
    const dir = tempDir({ 'one.yaml': `---\n${toYaml(CONFIG_SECRET)}---\n` });
    expect(loadManifests(join(dir, 'one.yaml'))).toHaveLength(1);
  });

  it('reads an empty file as no objects', () => {
    const dir = tempDir({ 'empty.yaml': '', 'one.yaml': toYaml(CONFIG_SECRET) });
    expect(loadManifests(dir).map((o) => o.file.slice(dir.length + 1))).toEqual(['one.yaml']);
  });

  it('names the path and the fix when it does not exist', () => {
    expect(() => loadManifests('/nonexistent/dist')).toThrow(InputError);
    expect(() => loadManifests('/nonexistent/dist')).toThrow("/nonexistent/dist: no such file or folder. Run 'npm run synth' first");
  });

  it('rejects a folder without YAML files', () => {
    const dir = tempDir({ 'README.md': '# no manifests' });
    expect(() => loadManifests(dir)).toThrow(`${dir}: the folder has no .yaml files`);
  });

  it('reports malformed YAML with file, line and column', () => {
    const dir = tempDir({ 'bad.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: [unclosed\n' });
    const file = join(dir, 'bad.yaml');
    expect(() => loadManifests(dir)).toThrow(new RegExp(`^${file}:\\d+:\\d+: malformed YAML \\(`));
  });

  it('rejects documents that are not Kubernetes objects', () => {
    const dir = tempDir({ 'list.yaml': '- a\n- b\n' });
    expect(() => loadManifests(dir)).toThrow(`${join(dir, 'list.yaml')}: document 1 is not a Kubernetes object`);
  });
});

describe('loadClusters', () => {
  it('finds the VitessClusters and keeps name, namespace and spec', () => {
    const [c] = loadClusters(distWith(twoCellCluster()));
    expect([c.name, c.namespace, c.spec.cells.length]).toEqual(['adv-vitess-cluster', 'vitess', 2]);
  });

  it('ignores VitessCluster kinds of other API groups', () => {
    const fake = { ...twoCellCluster(), apiVersion: 'vitess.io/v1' };
    expect(findClusters([{ file: 'x', index: 0, object: fake }])).toEqual([]);
  });

  it('says when there is no VitessCluster (e.g. only the operator install)', () => {
    const dir = tempDir({ 'op.yaml': toYaml(CONFIG_SECRET) });
    expect(() => loadClusters(dir)).toThrow(`${dir}: no VitessCluster (planetscale.com/v2) found`);
  });

  it('selects one cluster by name and lists the others when the name is unknown', () => {
    const dir = distWith(twoCellCluster());
    expect(loadClusters(dir, 'adv-vitess-cluster')).toHaveLength(1);
    expect(() => loadClusters(dir, 'nope')).toThrow("no VitessCluster named 'nope'; found 'adv-vitess-cluster'");
  });
});
