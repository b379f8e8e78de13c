import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFieldGates, VitessRelease } from '../lib';
import { kitchenSink } from './support/kitchen-sink';
import { schemaErrors, synth, vitessCluster } from './support/synth';
import { upstreamPath } from './support/upstream';

/**
 * releases.test.ts checks each FIELD_GATES entry against the CRDs. This checks the other direction: every
 * field the library can emit (a cluster using the whole typed surface) either exists in a release's CRD or
 * is reported by the gates for that release, so an older CRD never prunes anything silently.
 */

function specSchema(release: VitessRelease): any {
  const crd = parse(readFileSync(upstreamPath(release.operatorTag, 'planetscale.com_vitessclusters.yaml'), 'utf8'));
  return crd.spec.versions.find((v: any) => v.storage).schema.openAPIV3Schema.properties.spec;
}

/** Concrete paths of a rendered spec that a schema lacks; maps and schemaless nodes count as leaves. */
function missingPaths(node: unknown, schema: any, path: string, out: Array<{ path: string; value: unknown }>): void {
  if (!schema) { out.push({ path, value: node }); return; }
  if (schema['x-kubernetes-preserve-unknown-fields'] || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => missingPaths(item, schema.items, `${path}[${i}]`, out));
    return;
  }
  if (!schema.properties) return;
  for (const [k, v] of Object.entries(node)) missingPaths(v, schema.properties[k], path ? `${path}.${k}` : k, out);
}

/** Reported when the gates name the path or an ancestor; an object is also covered when all its fields are. */
function covered(path: string, value: unknown, reported: string[]): boolean {
  if (reported.some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[`))) return true;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length > 0 && entries.every(([k, v]) => covered(`${path}.${k}`, v, reported));
  }
  return false;
}

describe('every field the library emits is in every release, or gated', () => {
  it.each(VitessRelease.all().map((r) => [r.toString(), r] as const))('%s: each field its CRD lacks is reported by the gates', (_n, release) => {
    const spec = vitessCluster(synth(kitchenSink().chart)).spec;
    const missing: Array<{ path: string; value: unknown }> = [];
    missingPaths(spec, specSchema(release), '', missing);
    const reported = checkFieldGates(spec, release).map((p) => p.field);
    expect(missing.filter((m) => !covered(m.path, m.value, reported)).map((m) => m.path)).toEqual([]);
    // The kitchen sink really exercises the gates: the newest release lacks nothing, older ones lack something.
    if (release === VitessRelease.LATEST) expect(missing).toEqual([]);
    else expect(reported.length).toBeGreaterThan(0);
  });

  it('the kitchen sink itself is valid for the newest release, with zero unknown fields', () => {
    expect(schemaErrors(synth(kitchenSink().chart), VitessRelease.LATEST)).toEqual([]);
  });
});
