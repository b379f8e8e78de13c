import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { VitessRelease } from '../vitess-release';
import { cacheRoot, cachedCrdDir, pinnedCrdFiles, releaseFolder, sha256, UPSTREAM_RAW_BASE, upstreamCrdUrl } from './crd-source';

/** The part of `fetch` this module uses, so tests can inject one. */
export type FetchFunction = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface FetchCrdsOptions {
  /**
   * Cache root to fill; files land in `<cacheDir>/crds/<tag>/`.
   * @default - `$CDK8S_VITESS_CACHE`, else `$XDG_CACHE_HOME/cdk8s-vitess`, else `~/.cache/cdk8s-vitess`
   */
  readonly cacheDir?: string;
  /**
   * Base URL of a mirror with upstream's layout (`<base>/<tag>/deploy/crds/<file>`).
   * @default UPSTREAM_RAW_BASE
   */
  readonly baseUrl?: string;
  /**
   * Copy from this local folder instead of downloading: either the CRD files themselves or one `<tag>/`
   * subfolder per release. Nothing touches the network then.
   * @default - download
   */
  readonly from?: string;
  /**
   * Re-fetch files that are already in the cache and pass the check.
   * @default false
   */
  readonly force?: boolean;
  /** @default globalThis.fetch */
  readonly fetch?: FetchFunction;
}

export interface FetchCrdsResult {
  readonly tag: string;
  /** The folder now holding every CRD file of the tag. */
  readonly dir: string;
  /** Files written by this call. */
  readonly written: readonly string[];
  /** Files that were already there and passed the checksum. */
  readonly kept: readonly string[];
}

/**
 * Fills the per-user cache with one release's CRD files (`deploy/crds/*` at the tag), verifying each
 * against the sha256 pinned in the library BEFORE writing it, so the cache only ever holds upstream's bytes.
 * @param tag `v2.17.0`, `2.17` or a Vitess major such as `24`
 */
export async function fetchCrds(tag: string, options: FetchCrdsOptions = {}): Promise<FetchCrdsResult> {
  const release = releaseForTag(tag);
  const t = release.operatorTag;
  const dir = cachedCrdDir(t, options.cacheDir ? resolve(options.cacheDir) : cacheRoot());
  const from = options.from !== undefined ? releaseFolder(options.from, t) : undefined;
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchFunction);
  const written: string[] = [];
  const kept: string[] = [];
  mkdirSync(dir, { recursive: true });
  for (const { file, sha256: expected } of pinnedCrdFiles(release)) {
    const target = join(dir, file);
    if (!options.force && existsSync(target) && sha256(readFileSync(target)) === expected) {
      kept.push(file);
      continue;
    }
    let bytes: Buffer;
    let origin: string;
    if (from !== undefined) {
      origin = join(from, file);
      if (!existsSync(origin)) throw new Error(`fetch-crds: ${origin} not found: --from must hold upstream's deploy/crds files of ${t} (or a ${t}/ subfolder with them)`);
      bytes = readFileSync(origin);
    } else {
      origin = upstreamCrdUrl(t, file, options.baseUrl);
      const res = await doFetch(origin);
      if (!res.ok) throw new Error(`fetch-crds: GET ${origin} answered HTTP ${res.status}: check the tag and --base-url, or use --from <dir> with a local copy`);
      bytes = Buffer.from(await res.arrayBuffer());
    }
    const actual = sha256(bytes);
    if (actual !== expected) {
      throw new Error(`fetch-crds: ${origin} has sha256 ${actual} but ${t} pins ${expected} for ${file}: refusing to cache it (not upstream's file)`);
    }
    // Write then rename, so an interrupted run never leaves a half-written file with the final name.
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
    written.push(file);
  }
  return { tag: t, dir, written, kept };
}

/** Maps user input to a release and insists on the pinned patch when a full tag is given. */
function releaseForTag(tag: string): VitessRelease {
  const release = VitessRelease.of(tag);
  if (/^v?\d+\.\d+\.\d+$/.test(tag) && tag.replace(/^v?/, 'v') !== release.operatorTag) {
    throw new Error(`fetch-crds: ${tag} is not a pinned release: this library pins ${release.operatorTag} for ${release.operatorMinor}`);
  }
  return release;
}

export interface FetchCrdsCommandOptions {
  /** Where progress lines go. @default console.log */
  readonly log?: (line: string) => void;
  /** @default globalThis.fetch */
  readonly fetch?: FetchFunction;
}

/** `fetch-crds <tag...>`: the CLI front of {@link fetchCrds}, to mount under the package's bin. */
export function fetchCrdsCommand(options: FetchCrdsCommandOptions = {}): Command {
  const log = options.log ?? ((line: string) => console.log(line));
  const known = VitessRelease.all().map((r) => r.operatorTag).join(', ');
  return new Command('fetch-crds')
    .description(`Download upstream's CRD files (deploy/crds) of operator releases into the per-user cache that synth reads, `
      + `checking each file's sha256 against the library's pinned value. Known tags: ${known}.`)
    .argument('[tags...]', 'release tags such as v2.17.0 (also 2.17 or a Vitess major such as 24)')
    .option('--all', 'every release the library knows')
    .option('--cache-dir <dir>', `cache root (files go to <dir>/crds/<tag>/); default: $CDK8S_VITESS_CACHE, $XDG_CACHE_HOME/cdk8s-vitess or ~/.cache/cdk8s-vitess`)
    .option('--from <dir>', 'copy from a local folder (deploy/crds files, or <tag>/ subfolders) instead of downloading')
    .option('--base-url <url>', 'mirror with upstream\'s layout <url>/<tag>/deploy/crds/<file>', UPSTREAM_RAW_BASE)
    .option('--force', 're-fetch files already cached')
    .action(async (tags: string[], opts: { all?: boolean; cacheDir?: string; from?: string; baseUrl: string; force?: boolean }, cmd: Command) => {
      const list = opts.all ? VitessRelease.all().map((r) => r.operatorTag) : tags;
      if (list.length === 0) cmd.error('fetch-crds: name at least one tag (e.g. v2.17.0) or pass --all');
      for (const tag of list) {
        try {
          const r = await fetchCrds(tag, { cacheDir: opts.cacheDir, from: opts.from, baseUrl: opts.baseUrl, force: opts.force, fetch: options.fetch });
          log(`${r.tag}: ${r.written.length + r.kept.length} CRD files in ${r.dir} (${r.written.length} written, ${r.kept.length} already there)`);
        } catch (e) {
          cmd.error((e as Error).message);
        }
      }
    });
}
