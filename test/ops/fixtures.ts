import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ClusterManifest } from '../../lib/ops/manifests';

/**
 * The seed's two-cell cluster (seed-scenarios §5) as a synthesized VitessCluster: cells az1 and az2, 2 vtgate and
 * 2 vtctld per cell, operator-managed 3-member global etcd, keyspace ADV with one equal partition, and per cell a
 * replica pool of 2 and an rdonly pool of 1, all with explicit resources. Written by hand for these tests.
 */
export function twoCellCluster(): any {
  const pool = (cell: string, type: 'replica' | 'rdonly', replicas: number) => ({
    cell,
    type,
    replicas,
    vttablet: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } } },
    mysqld: { resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
    dataVolumeClaimTemplate: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
  });
  const gateway = (cell: string) => ({
    replicas: 2,
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
    extraFlags: { cell, cells_to_watch: 'az1,az2' },
  });
  return {
    apiVersion: 'planetscale.com/v2',
    kind: 'VitessCluster',
    metadata: { name: 'adv-vitess-cluster', namespace: 'vitess' },
    spec: {
      images: {
        vtctld: 'vitess/lite:v22.0.1', vtgate: 'vitess/lite:v22.0.1', vttablet: 'vitess/lite:v22.0.1', vtorc: 'vitess/lite:v22.0.1',
        vtbackup: 'vitess/lite:v22.0.1', mysqld: { mysql80Compatible: 'vitess/lite:v22.0.1' }, mysqldExporter: 'prom/mysqld-exporter:v0.14.0',
      },
      cells: [{ name: 'az1', gateway: gateway('az1') }, { name: 'az2', gateway: gateway('az2') }],
      vitessDashboard: {
        cells: ['az1', 'az2'],
        replicas: 2,
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
        extraFlags: { security_policy: 'read-only' },
      },
      keyspaces: [{
        name: 'ADV',
        durabilityPolicy: 'semi_sync',
        turndownPolicy: 'RequireIdle',
        vitessOrchestrator: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } },
        partitionings: [{
          equal: {
            parts: 1,
            shardTemplate: {
              databaseInitScriptSecret: { name: 'adv-vitess-cluster-config', key: 'init_db.sql' },
              tabletPools: [pool('az1', 'replica', 2), pool('az1', 'rdonly', 1), pool('az2', 'replica', 2), pool('az2', 'rdonly', 1)],
            },
          },
        }],
      }],
      updateStrategy: { type: 'Immediate' },
    },
  };
}

/** A Secret that sits next to the cluster in a real synth output (so loaders must skip it). */
export const CONFIG_SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'adv-vitess-cluster-config', namespace: 'vitess' },
  stringData: { 'init_db.sql': '-- init' },
};

/** Multi-document YAML, as cdk8s writes it. */
export function toYaml(...docs: unknown[]): string {
  return docs.map((d) => stringify(d)).join('---\n');
}

/** A fresh temp folder; `files` are written into it. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-vitess-ops-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A `dist/`-like folder holding the cluster (and its Secret) as `0000-app.k8s.yaml`. */
export function distWith(cluster: unknown): string {
  return tempDir({ '0000-app.k8s.yaml': toYaml(CONFIG_SECRET, cluster) });
}

/** A VitessCluster object as the loaders return it, as if read from `file`. */
export function asManifest(o: any, file = 'dist/0000-app.k8s.yaml'): ClusterManifest {
  return { name: o.metadata.name, namespace: o.metadata.namespace, file, spec: o.spec };
}
