import { join } from 'node:path';
import { App } from 'cdk8s';
import { synthApp } from '../lib';
import { initialCluster } from './initial-cluster';
import { multiRegion } from './multi-region';
import { addOperator } from './operator';
import { seedMysql8 } from './seed-mysql8';
import { twoCell } from './two-cell';
import { UPSTREAM_EXAMPLES } from './upstream';

/**
 * Each example is its own app with its own folder under dist/, holding the seed's two-file workflow:
 * `0000-vitess-operator.k8s.yaml` (CRDs, RBAC, operator; apply first, server-side) and the cluster file.
 * The CRDs are read from VITESS_OPERATOR_DATA, defaulting to ../shared/vitess-operator for this repo's dev setup.
 */
process.env.VITESS_OPERATOR_DATA ??= join(__dirname, '..', '..', 'shared', 'vitess-operator');
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';

/** An example builds into an app and says which namespace its operator should live in. */
const examples: Record<string, (app: App) => { readonly namespace?: string }> = {
  'seed-mysql8': seedMysql8,
  'two-cell': twoCell,
  'initial-cluster': initialCluster,
  // One Vitess cluster over three Kubernetes clusters: one file per region (apply the operator file in each first).
  'multi-region': multiRegion,
  // Upstream's operator examples rebuilt through the typed API (101 keeps upstream's Vitess 23 images on purpose).
  ...Object.fromEntries(Object.entries(UPSTREAM_EXAMPLES).map(([file, build]) => [`upstream/${file.replace(/\.yaml$/, '')}`, (app: App) => build(app)])),
};

for (const [name, build] of Object.entries(examples)) {
  const app = new App({ outdir: join(outdir, name) });
  const { namespace } = build(app);
  addOperator(app, { namespace, createNamespaces: true });
  synthApp(app);
}
