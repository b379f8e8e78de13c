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

const CRD_KINDS = ['etcdlockservers', 'vitessbackups', 'vitessbackupstorages', 'vitesscells', 'vitessclusters', 'vitesskeyspaces', 'vitessshards', 'vitessbackupschedules'];
const fileCache = new Map<string, CrdSchema[]>();

/** The CRD schemas in one upstream file (`<tag>/planetscale.com_<plural>.yaml`), parsed once per test worker; none if the release lacks it. */
function crdFileSchemas(tag: string, plural: string): CrdSchema[] {
  const file = upstreamPath(tag, `planetscale.com_${plural}.yaml`);
  let s = fileCache.get(file);
  if (!s) {
    s = existsSync(file) ? CrdSchema.fromFile(file) : [];
    fileCache.set(file, s);
  }
  return s;
}

/** The CRD schemas of one operator tag (e.g. `v2.17.0`), parsed once per test worker (vitest runs without isolation). */
export function crdSchemas(tag: string): CrdSchema[] {
  return CRD_KINDS.flatMap((k) => crdFileSchemas(tag, k));
}

/**
 * The CRD schemas of a tag for the planetscale.com kinds among `objects` only (the same cached instances as
 * crdSchemas): parsing a release's eight CRD files costs more than compiling the one a test needs.
 */
export function crdSchemasFor(tag: string, objects: readonly { kind?: string }[]): CrdSchema[] {
  const plurals = new Set(objects.map((o) => `${String(o.kind).toLowerCase()}s`).filter((p) => CRD_KINDS.includes(p)));
  return [...plurals].flatMap((p) => crdFileSchemas(tag, p));
}
