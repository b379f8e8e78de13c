import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, CrdSourceError, readCrdFiles } from '../../lib/operator/crd-source';
import { formatProblem } from '../../lib/problems';
import { VitessRelease } from '../../lib/vitess-release';
import { upstreamDir, upstreamPath } from '../support/upstream';

const release = VitessRelease.V18;
const tag = release.operatorTag;

/** A temp folder `<root>/<sub>/` holding copies of the release's CRD files (or only the first `count`). */
function copyCrds(sub: string, count = release.crdFiles.length): string {
  const root = mkdtempSync(join(tmpdir(), 'crd-src-'));
  const dir = join(root, sub);
  mkdirSync(dir, { recursive: true });
  for (const f of release.crdFiles.slice(0, count)) copyFileSync(upstreamPath(tag, f), join(dir, f));
  return root;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CrdSourceError)) throw e;
    const lines = e.problems.map(formatProblem);
    // The thrown message is the same findings, one per line.
    expect(e.message).toBe(lines.join('\n'));
    return lines;
  }
  throw new Error('expected a CrdSourceError');
}

describe('readCrdFiles', () => {
  it('reads from $VITESS_OPERATOR_DATA/<tag>/ and returns the files in release order', () => {
    const files = readCrdFiles(release, { env: { VITESS_OPERATOR_DATA: upstreamDir() } });
    expect(files.map((f) => f.file)).toEqual(release.crdFiles);
    expect(files[0].path).toBe(upstreamPath(tag, release.crdFiles[0]));
    expect(files[0].text).toMatch(/kind: CustomResourceDefinition/);
  });

  it('prefers the explicit folder, flat or with <tag>/ subfolders, and never falls back from it', () => {
    const flat = join(copyCrds('flat'), 'flat');
    expect(readCrdFiles(release, { crdDirectory: flat, env: { VITESS_OPERATOR_DATA: upstreamDir() } })[0].path).toBe(join(flat, release.crdFiles[0]));
    const nested = copyCrds(tag);
    expect(readCrdFiles(release, { crdDirectory: nested, env: {} })[0].path).toBe(join(nested, tag, release.crdFiles[0]));
    const partial = join(copyCrds('p', 3), 'p');
    const problems = problemsOf(() => readCrdFiles(release, { crdDirectory: partial, env: { VITESS_OPERATOR_DATA: upstreamDir() } }));
    expect(problems).toHaveLength(release.crdFiles.length - 3);
    expect(problems[0]).toMatch(/is missing \(expected sha256 [0-9a-f]{64}\)\. Fix: put the unmodified file from https:\/\/raw\.githubusercontent\.com\/planetscale\/vitess-operator\/v2\.11\.1\/deploy\/crds\/planetscale\.com_vitesscells\.yaml/);
  });

  it('falls back to the cache when the data folder has no such tag', () => {
    const cache = copyCrds(join('crds', tag));
    const files = readCrdFiles(release, { env: { VITESS_OPERATOR_DATA: mkdtempSync(join(tmpdir(), 'empty-')), CDK8S_VITESS_CACHE: cache } });
    expect(files[0].path).toBe(join(cache, 'crds', tag, release.crdFiles[0]));
  });

  it('without any source: one problem saying where it looked and every way to provide the files', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const [p, ...rest] = problemsOf(() => readCrdFiles(release, { env: { CDK8S_VITESS_CACHE: cache } }));
    expect(rest).toEqual([]);
    expect(p).toContain(`no CRD files for ${tag} found (looked in $VITESS_OPERATOR_DATA (not set) and ${join(cache, 'crds', tag)})`);
    expect(p).toContain(`npx cdk8s-vitess fetch-crds ${tag}`);
    expect(p).toMatch(/set VITESS_OPERATOR_DATA .*pass crdDirectory .*crds: false/);
  });

  it('locates the cache: $CDK8S_VITESS_CACHE, else $XDG_CACHE_HOME/cdk8s-vitess, else ~/.cache/cdk8s-vitess', () => {
    expect(cacheRoot({ CDK8S_VITESS_CACHE: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(cacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/cdk8s-vitess');
    expect(cacheRoot({})).toBe(join(homedir(), '.cache', 'cdk8s-vitess'));
  });
});
