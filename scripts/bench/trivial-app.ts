import { ApiObject, App, Chart } from 'cdk8s';

/** The benchmark's baseline: the smallest cdk8s app, one ConfigMap, run by the same CLI and runner as the examples. */
const app = new App();
new ApiObject(new Chart(app, 'trivial'), 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { greeting: 'hello' } });
app.synth();
