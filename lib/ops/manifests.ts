import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * A failure the user can fix (missing path, malformed YAML, no VitessCluster, kubectl missing). The CLI prints
 * the message as one line, without a stack trace, and exits with `exitCode`; messages name the file and say
 * what to do.
 */
export class InputError extends Error {
  /** 2 for bad input (the default), 1 when an external command failed. */
  public constructor(message: string, public readonly exitCode: number = 2) {
    super(message);
    this.name = 'InputError';
  }
}

/** One parsed Kubernetes object and where it came from. */
export interface ManifestObject {
  readonly file: string;
  /** 0-based index of the YAML document in its file. */
  readonly index: number;
  readonly object: KubeObject;
}

/** The parts of a Kubernetes object the ops tools read; everything else stays `any`. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string; readonly [k: string]: any };
  readonly spec?: any;
  readonly [k: string]: any;
}

/** A VitessCluster found in the manifests. */
export interface ClusterManifest {
  readonly name: string;
  readonly namespace?: string;
  readonly file: string;
  readonly spec: any;
}

const YAML_FILE = /\.ya?ml$/;

/**
 * All Kubernetes objects in a YAML file or in a folder of them (cdk8s' `dist/` with `0000-app.k8s.yaml`, or one
 * subfolder per app as this repo's examples write), read in path order. Empty documents are skipped.
 * @throws InputError for a missing path, a folder without YAML files, malformed YAML, or a document that is not an object
 */
export function loadManifests(path: string): ManifestObject[] {
  if (!existsSync(path)) {
    throw new InputError(`${path}: no such file or folder. Run 'npm run synth' first, or pass the file or folder holding the synthesized manifests`);
  }
  const files = statSync(path).isDirectory() ? yamlFiles(path) : [path];
  if (files.length === 0) {
    throw new InputError(`${path}: the folder has no .yaml files. Run 'npm run synth' first, or pass the folder cdk8s writes to (output in cdk8s.yaml)`);
  }
  return files.flatMap(parseFile);
}

/** YAML files below a folder, sorted by path; hidden folders (.git, .cache) are skipped. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : YAML_FILE.test(e.name) ? [join(dir, e.name)] : []));
}

function parseFile(file: string): ManifestObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')); // an empty file is an empty array
  const out: ManifestObject[] = [];
  docs.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      throw new InputError(`${where}: malformed YAML (${err.message.split('\n')[0]}). Fix the file or synthesize it again`);
    }
    const object = doc.toJS();
    if (object == null) return;
    if (typeof object !== 'object' || Array.isArray(object) || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') {
      throw new InputError(`${file}: document ${index + 1} is not a Kubernetes object (no apiVersion/kind). Pass synthesized manifests only`);
    }
    out.push({ file, index, object: { ...object, metadata: object.metadata ?? {} } });
  });
  return out;
}

/** The VitessClusters (`planetscale.com/v2`) among the objects, in file order. */
export function findClusters(objects: readonly ManifestObject[]): ClusterManifest[] {
  return objects
    .filter((o) => o.object.kind === 'VitessCluster' && o.object.apiVersion.startsWith('planetscale.com/'))
    .map((o) => ({ name: String(o.object.metadata.name ?? ''), namespace: o.object.metadata.namespace, file: o.file, spec: o.object.spec ?? {} }));
}

/**
 * The VitessClusters in a file or folder, optionally only the one named `cluster`.
 * @throws InputError when there is none, or `cluster` is not among them
 */
export function loadClusters(path: string, cluster?: string): ClusterManifest[] {
  const all = findClusters(loadManifests(path));
  if (all.length === 0) {
    throw new InputError(`${path}: no VitessCluster (planetscale.com/v2) found. Pass the synthesized cluster manifests, not the operator install`);
  }
  if (cluster === undefined) return all;
  const picked = all.filter((c) => c.name === cluster);
  if (picked.length === 0) {
    throw new InputError(`${path}: no VitessCluster named '${cluster}'; found ${all.map((c) => `'${c.name}'`).join(', ')}`);
  }
  return picked;
}
