/**
 * `npm run bench`: how much the library costs on top of plain cdk8s, as ratios (machine-independent-ish).
 * Each case builds and synthesizes an app in-process; the median of N runs is compared to a baseline app
 * holding one ConfigMap. No thresholds: this prints, it does not judge.
 */
import { performance } from 'node:perf_hooks';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { validateCustomResources, CrdSchema } from '../lib/crd-schema';
import { initialCluster } from '../examples/initial-cluster';
import { seedMysql8 } from '../examples/seed-mysql8';
import { twoCell } from '../examples/two-cell';
import { join, resolve } from 'node:path';
import { readdirSync } from 'node:fs';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function median(fn: () => void): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const synthOf = (build: (app: App) => unknown) => () => { const app = new App(); build(app); app.synthYaml(); };
const baseline = median(synthOf((app) => new k8s.KubeConfigMap(new Chart(app, 'c'), 'cm', { data: { a: 'b' } })));

const rows: [string, number][] = [
  ['example seed-mysql8 (build + validate + synth)', median(synthOf(seedMysql8))],
  ['example two-cell', median(synthOf(twoCell))],
  ['example initial-cluster', median(synthOf(initialCluster))],
];

const data = resolve(process.env.VITESS_OPERATOR_DATA ?? join(__dirname, '..', '..', 'shared', 'vitess-operator'), 'v2.17.0');
try {
  const schemas = readdirSync(data).filter((f) => f.startsWith('planetscale.com_')).flatMap((f) => CrdSchema.fromFile(join(data, f)));
  const app = new App();
  twoCell(app);
  const objects = app.charts.flatMap((c) => c.toJson());
  rows.push(['CRD schema check of two-cell output (ajv, compiled)', median(() => validateCustomResources(schemas, objects))]);
  rows.push(['CRD schema compile (8 CRDs of v2.17.0)', median(() => readdirSync(data).filter((f) => f.startsWith('planetscale.com_')).flatMap((f) => CrdSchema.fromFile(join(data, f))))]);
} catch {
  console.log(`(skipping schema rows: no CRDs at ${data}; set VITESS_OPERATOR_DATA)`);
}

console.log(`baseline: one ConfigMap app, median of ${RUNS} runs = ${baseline.toFixed(2)} ms`);
for (const [name, ms] of rows) console.log(`${name.padEnd(58)} ${(ms / baseline).toFixed(1).padStart(7)}× baseline  (${ms.toFixed(2)} ms)`);
