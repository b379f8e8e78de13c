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

const VALIDATION_HEADER = 'Validation failed with the following errors:\n';

/** One problem as synth prints it: `[construct/path] field: message. Fix: fix`. */
export const PROBLEM_LINE = /^\[[^\]]+\] \S.*: .+\. Fix: .+/;

/**
 * The problem lines of a cdk8s validation error, indent removed (a line cdk8s did not indent stays as it
 * is, so a message with a line break shows up as a malformed line); undefined for any other exception.
 */
export function validationErrorLines(e: unknown): string[] | undefined {
  if (!(e instanceof Error) || !e.message.startsWith(VALIDATION_HEADER)) return undefined;
  return e.message.slice(VALIDATION_HEADER.length).split('\n').map((l) => (l.startsWith('  ') ? l.slice(2) : l));
}

/** The problem lines `run` fails with, [] when it succeeds; any other exception is rethrown. */
export function problemLines(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (e) {
    const lines = validationErrorLines(e);
    if (!lines) throw e;
    return lines;
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
