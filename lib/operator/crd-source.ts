import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatProblem, Problem } from '../problems';
import { VitessRelease } from '../vitess-release';
import { crdChecksums } from './crd-checksums';

/** A folder with one `<tag>/` subfolder per release (the layout of ../shared/vitess-operator). */
export const DATA_DIR_ENV = 'VITESS_OPERATOR_DATA';
/** Overrides the root of the per-user cache that `fetch-crds` fills. */
export const CACHE_DIR_ENV = 'CDK8S_VITESS_CACHE';

/** Where the CRD files of a release come from. The first of these that is set or present wins. */
export interface CrdSourceOptions {
  /**
   * A folder with the release's CRD files: either the files themselves (like upstream's `deploy/crds/`) or
   * one `<tag>/` subfolder per release. When set, nothing else is consulted.
   * @default - `$VITESS_OPERATOR_DATA/<tag>/` if that folder exists, else the per-user cache
   */
  readonly crdDirectory?: string;
  /**
   * The environment to read `VITESS_OPERATOR_DATA`, `CDK8S_VITESS_CACHE` and `XDG_CACHE_HOME` from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One verified CRD file. */
export interface CrdFile {
  /** File name, e.g. `planetscale.com_vitessclusters.yaml`. */
  readonly file: string;
  readonly path: string;
  readonly text: string;
}

/** Raised when the CRD files cannot be found or fail their pinned checksum; carries one problem per file. */
export class CrdSourceError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CrdSourceError';
  }
}

/** Root of the per-user cache: `$CDK8S_VITESS_CACHE`, else `$XDG_CACHE_HOME/cdk8s-vitess`, else `~/.cache/cdk8s-vitess`. */
export function cacheRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env[CACHE_DIR_ENV]) return resolve(env[CACHE_DIR_ENV]!);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache'), 'cdk8s-vitess');
}

/** The cache folder of one tag: `<cacheRoot>/crds/<tag>`. */
export function cachedCrdDir(tag: string, root: string = cacheRoot()): string {
  return join(root, 'crds', tag);
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Where upstream's files are served from; `<base>/<tag>/deploy/crds/<file>`. */
export const UPSTREAM_RAW_BASE = 'https://raw.githubusercontent.com/planetscale/vitess-operator';

/** Upstream's URL of one CRD file at a tag, or that of a mirror with upstream's layout. */
export function upstreamCrdUrl(tag: string, file: string, base: string = UPSTREAM_RAW_BASE): string {
  return `${base.replace(/\/+$/, '')}/${tag}/deploy/crds/${file}`;
}

/** A folder given for a release's CRD files: its `<tag>/` subfolder when it has one, else the folder itself. */
export function releaseFolder(dir: string, tag: string): string {
  const nested = join(resolve(dir), tag);
  return isDir(nested) ? nested : resolve(dir);
}

/** The pinned checksum of every CRD file of a release, in the release's file order. */
export function pinnedCrdFiles(release: VitessRelease): Array<{ file: string; sha256: string }> {
  const pinned = crdChecksums(release.operatorTag);
  return release.crdFiles.map((file) => {
    const sum = pinned?.[file];
    if (!sum) throw new Error(`cdk8s-vitess bug: no pinned sha256 for ${release.operatorTag}/${file} in lib/operator/crd-checksums.ts`);
    return { file, sha256: sum };
  });
}

type Source = { kind: 'prop' | 'env' | 'cache'; dir: string };

/**
 * Reads the CRD files of a release from disk and checks each against its pinned sha256. Never touches the
 * network: when the files are absent the error says how to provide them.
 * @throws CrdSourceError naming every missing or altered file, its expected sha256 and the fix
 */
export function readCrdFiles(release: VitessRelease, options: CrdSourceOptions = {}): CrdFile[] {
  const env = options.env ?? process.env;
  const tag = release.operatorTag;
  const source = pickSource(tag, options.crdDirectory, env);
  const fetchCmd = `npx cdk8s-vitess fetch-crds ${tag}`;
  if (!source) {
    const looked = [env[DATA_DIR_ENV] ? `${join(resolve(env[DATA_DIR_ENV]!), tag)} ($${DATA_DIR_ENV})` : `$${DATA_DIR_ENV} (not set)`,
      cachedCrdDir(tag, cacheRoot(env))];
    throw new CrdSourceError([{
      field: 'crds',
      message: `no CRD files for ${tag} found (looked in ${looked.join(' and ')}); synth never downloads them`,
      fix: `run \`${fetchCmd}\` once to fill the per-user cache, or set ${DATA_DIR_ENV} to a folder with a ${tag}/ subfolder, `
        + `or pass crdDirectory with upstream's deploy/crds files of ${tag}, or set crds: false if the CRDs are installed elsewhere`,
    }]);
  }
  const fix = {
    prop: `put the unmodified file from ${upstreamCrdUrl(tag, '<file>')} into ${source.dir}, or drop crdDirectory and run \`${fetchCmd}\``,
    env: `restore the unmodified upstream file in ${source.dir} (${upstreamCrdUrl(tag, '<file>')}), or unset ${DATA_DIR_ENV} and run \`${fetchCmd}\``,
    cache: `run \`${fetchCmd}\` (it replaces files that fail the check)`,
  }[source.kind];
  const problems: Problem[] = [];
  const files: CrdFile[] = [];
  for (const { file, sha256: expected } of pinnedCrdFiles(release)) {
    const path = join(source.dir, file);
    if (!existsSync(path)) {
      problems.push({ field: 'crds', message: `${path} is missing (expected sha256 ${expected})`, fix: fix.replace('<file>', file) });
      continue;
    }
    const bytes = readFileSync(path);
    const actual = sha256(bytes);
    if (actual !== expected) {
      problems.push({
        field: 'crds',
        message: `${path} has sha256 ${actual} but ${tag} pins ${expected}: the file is not upstream's (edited, truncated, another tag, or CRLF line endings)`,
        fix: fix.replace('<file>', file),
      });
      continue;
    }
    files.push({ file, path, text: bytes.toString('utf8') });
  }
  if (problems.length) throw new CrdSourceError(problems);
  return files;
}

/**
 * An explicit directory wins outright (so a typo fails instead of silently using something else); then
 * `$VITESS_OPERATOR_DATA/<tag>/` when that folder exists; then the cache folder when it exists.
 */
function pickSource(tag: string, explicit: string | undefined, env: Readonly<Record<string, string | undefined>>): Source | undefined {
  if (explicit !== undefined) return { kind: 'prop', dir: releaseFolder(explicit, tag) };
  const data = env[DATA_DIR_ENV];
  if (data && isDir(join(resolve(data), tag))) return { kind: 'env', dir: join(resolve(data), tag) };
  const cache = cachedCrdDir(tag, cacheRoot(env));
  return isDir(cache) ? { kind: 'cache', dir: cache } : undefined;
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
