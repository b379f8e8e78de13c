import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { validateCustomResources } from '../../lib/crd-schema';
import { VitessRelease } from '../../lib/vitess-release';
import { crdSchemas } from './upstream';

/** Synthesizes a chart (running validation), returning its objects. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The validation error text synth throws for a chart, or '' if it synthesizes. */
export function synthErrors(chart: Chart): string {
  try {
    Testing.synth(chart);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

export function vitessCluster(objects: any[]): any {
  const vc = objects.find((o) => o.kind === 'VitessCluster');
  if (!vc) throw new Error('no VitessCluster in the output');
  return vc;
}

/** Schema problems of the objects against the CRDs of a release (unknown fields count). */
export function schemaErrors(objects: any[], release: VitessRelease): string[] {
  return validateCustomResources(crdSchemas(release.operatorTag), objects);
}

/** A fresh app and chart for one test. */
export function testChart(namespace = 'test'): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'test', { namespace }) };
}

export type Builder = (scope: Construct) => void;
