import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CrdSchema } from '../../lib/crd-schema';
import { yamlDocuments } from '../../lib/yaml-documents';

/**
 * The upstream release files (CRDs, deploy/ install sets, examples) are test data that stays outside the
 * repo. Their location is configurable with VITESS_OPERATOR_DATA (default ../shared/vitess-operator).
 */
export function upstreamDir(): string {
  const dir = resolve(process.env.VITESS_OPERATOR_DATA ?? join(__dirname, '..', '..', '..', 'shared', 'vitess-operator'));
  if (!existsSync(dir)) {
    throw new Error(`upstream data directory ${dir} not found: set VITESS_OPERATOR_DATA to the folder holding v2.7.5 … v2.17.0`);
  }
  return dir;
}

export function upstreamPath(...parts: string[]): string {
  return join(upstreamDir(), ...parts);
}

/** Every YAML document of an upstream file (a fresh copy: callers may change it). */
export function readUpstreamYaml(...parts: string[]): any[] {
  return structuredClone(yamlDocuments(readFileSync(upstreamPath(...parts), 'utf8'))) as any[];
}

const schemaCache = new Map<string, CrdSchema[]>();

/** The CRD schemas of one operator tag (e.g. `v2.17.0`), parsed once per test worker (vitest runs without isolation). */
export function crdSchemas(tag: string): CrdSchema[] {
  let s = schemaCache.get(tag);
  if (!s) {
    const files = ['etcdlockservers', 'vitessbackups', 'vitessbackupstorages', 'vitesscells', 'vitessclusters', 'vitesskeyspaces', 'vitessshards', 'vitessbackupschedules']
      .map((k) => upstreamPath(tag, `planetscale.com_${k}.yaml`))
      .filter(existsSync);
    s = files.flatMap((f) => CrdSchema.fromFile(f));
    schemaCache.set(tag, s);
  }
  return s;
}
