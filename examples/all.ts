import { join } from 'node:path';
import { App } from 'cdk8s';
import { synthApp } from '../lib';
import { initialCluster } from './initial-cluster';
import { multiRegion } from './multi-region';
import { addOperator } from './operator';
import { seedMysql8 } from './seed-mysql8';
import { twoCell } from './two-cell';
import { UPSTREAM_EXAMPLES } from './upstream';

/** An example builds into an app and says which namespace its operator should live in. */
export type Example = (app: App) => { readonly namespace?: string };

/** Every example, by its folder under dist/. */
export const EXAMPLES: Readonly<Record<string, Example>> = {
  'seed-mysql8': seedMysql8,
  'two-cell': twoCell,
  'initial-cluster': initialCluster,
  // One Vitess cluster over three Kubernetes clusters: one file per region (apply the operator file in each first).
  'multi-region': multiRegion,
  // Upstream's operator examples rebuilt through the typed API (101 keeps upstream's Vitess 23 images on purpose).
  ...Object.fromEntries(Object.entries(UPSTREAM_EXAMPLES).map(([file, build]) => [`upstream/${file.replace(/\.yaml$/, '')}`, (app: App) => build(app)])),
};

/** Builds each example as its own app writing to `<outdir>/<name>/`, with the operator chart added. */
export function buildExamples(outdir: string): App[] {
  return Object.entries(EXAMPLES).map(([name, build]) => {
    const app = new App({ outdir: join(outdir, name) });
    const { namespace } = build(app);
    addOperator(app, { namespace, createNamespaces: true });
    return app;
  });
}

/**
 * Synthesizes every example into `<outdir>/<name>/`, holding the seed's two-file workflow:
 * `0000-vitess-operator.k8s.yaml` (CRDs, RBAC, operator; apply first, server-side) and the cluster file.
 */
export function synthExamples(outdir: string): void {
  for (const app of buildExamples(outdir)) synthApp(app);
}
