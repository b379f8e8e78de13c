import { join } from 'node:path';
import { App } from 'cdk8s';
import { synthApp } from '../lib';
import { initialCluster } from './initial-cluster';
import { seedMysql8 } from './seed-mysql8';
import { twoCell } from './two-cell';

/** Each example is its own app, so each gets its own folder under dist/ (files numbered in apply order). */
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
const examples = { 'seed-mysql8': seedMysql8, 'two-cell': twoCell, 'initial-cluster': initialCluster };

for (const [name, build] of Object.entries(examples)) {
  const app = new App({ outdir: join(outdir, name) });
  build(app);
  synthApp(app);
}
