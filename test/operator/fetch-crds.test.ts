import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCrdFiles } from '../../lib/operator/crd-source';
import { fetchCrds, fetchCrdsCommand, FetchFunction } from '../../lib/operator/fetch-crds';
import { VitessRelease } from '../../lib/vitess-release';
import { upstreamDir, upstreamPath } from '../support/upstream';

const release = VitessRelease.V24;
const tag = release.operatorTag;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

/** A fetch that serves upstream's layout from the local test data and records what was asked. No network. */
function localFetch(tamper?: string): FetchFunction & { urls: string[] } {
  const urls: string[] = [];
  const f = async (url: string) => {
    urls.push(url);
    const m = /\/(v[\d.]+)\/deploy\/crds\/([^/]+)$/.exec(url);
    const path = m ? upstreamPath(m[1], m[2]) : '';
    if (!m || !existsSync(path)) return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
    const bytes = readFileSync(path);
    if (m[2] === tamper) bytes[10] ^= 1;
    return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  };
  return Object.assign(f, { urls });
}

describe('fetchCrds', () => {
  it('downloads every file of the tag from upstream\'s URL layout into <cache>/crds/<tag>/, which synth then reads', async () => {
    const cacheDir = tmp('cache-');
    const fetch = localFetch();
    const r = await fetchCrds('v2.17.0', { cacheDir, fetch });
    expect(r).toEqual({ tag, dir: join(cacheDir, 'crds', tag), written: [...release.crdFiles], kept: [] });
    expect(fetch.urls[0]).toBe(`https://raw.githubusercontent.com/planetscale/vitess-operator/${tag}/deploy/crds/${release.crdFiles[0]}`);
    expect(readCrdFiles(release, { env: { CDK8S_VITESS_CACHE: cacheDir } })).toHaveLength(release.crdFiles.length);
    // A second run keeps verified files and asks for nothing.
    const again = await fetchCrds('24', { cacheDir, fetch });
    expect(again.kept).toEqual([...release.crdFiles]);
    expect(fetch.urls).toHaveLength(release.crdFiles.length);
  });

  it('refuses a file whose sha256 differs, before writing it', async () => {
    const cacheDir = tmp('cache-');
    const bad = 'planetscale.com_vitessshards.yaml';
    await expect(fetchCrds(tag, { cacheDir, fetch: localFetch(bad) }))
      .rejects.toThrow(new RegExp(`${bad} has sha256 [0-9a-f]{64} but ${tag} pins 47abd513ca04be8f3870b250dfc3ba77a911aa77ff8d9f96263a0ceff7c303d7 for ${bad}: refusing to cache it`));
    expect(readdirSync(join(cacheDir, 'crds', tag))).not.toContain(bad);
  });

  it('replaces a tampered cached file', async () => {
    const cacheDir = tmp('cache-');
    await fetchCrds(tag, { cacheDir, from: upstreamDir() });
    const file = join(cacheDir, 'crds', tag, release.crdFiles[2]);
    writeFileSync(file, 'tampered');
    const r = await fetchCrds(tag, { cacheDir, from: upstreamDir() });
    expect(r.written).toEqual([release.crdFiles[2]]);
    expect(readFileSync(file)).toEqual(readFileSync(upstreamPath(tag, release.crdFiles[2])));
  });

  it('copies from a local folder with --from (flat or <tag>/ layout) without fetching', async () => {
    const cacheDir = tmp('cache-');
    const never: FetchFunction = async () => { throw new Error('network used'); };
    expect((await fetchCrds('2.12', { cacheDir, from: upstreamDir(), fetch: never })).written).toHaveLength(7);
    expect((await fetchCrds(tag, { cacheDir, from: join(upstreamDir(), tag), fetch: never })).written).toHaveLength(8);
    await expect(fetchCrds('v2.9.5', { cacheDir, from: tmp('empty-') })).rejects.toThrow(/--from must hold upstream's deploy\/crds files of v2\.9\.5/);
  });

  it('rejects tags the library does not pin, and reports HTTP errors', async () => {
    await expect(fetchCrds('v2.17.1', { cacheDir: tmp('c-') })).rejects.toThrow(/v2\.17\.1 is not a pinned release: this library pins v2\.17\.0 for 2\.17/);
    await expect(fetchCrds('v3.0.0', { cacheDir: tmp('c-') })).rejects.toThrow(/unknown Vitess release/);
    await expect(fetchCrds(tag, { cacheDir: tmp('c-'), baseUrl: 'https://mirror.invalid/x', fetch: async () => ({ ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) }) }))
      .rejects.toThrow(/GET https:\/\/mirror\.invalid\/x\/v2\.17\.0\/deploy\/crds\/planetscale\.com_etcdlockservers\.yaml answered HTTP 404/);
  });

  describe('with node\'s fetch against a mirror on 127.0.0.1', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const m = /^\/(v[\d.]+)\/deploy\/crds\/([^/]+)$/.exec(req.url ?? '');
        const path = m ? upstreamPath(m[1], m[2]) : '';
        if (!m || !existsSync(path)) { res.statusCode = 404; res.end(); return; }
        res.end(readFileSync(path));
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it('fills the cache through the default fetch', async () => {
      const cacheDir = tmp('cache-');
      const r = await fetchCrds('v2.7.5', { cacheDir, baseUrl: `${base}/` });
      expect(r.written).toEqual([...VitessRelease.V14.crdFiles]);
    });
  });
});

describe('fetch-crds command', () => {
  function run(args: string[], fetch?: FetchFunction) {
    const lines: string[] = [];
    const errors: string[] = [];
    const cmd = fetchCrdsCommand({ log: (l) => lines.push(l), fetch })
      .exitOverride()
      .configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => errors.push(s) });
    return { lines, errors, done: cmd.parseAsync(args, { from: 'user' }) };
  }

  it('documents its options in --help', async () => {
    const r = run(['--help']);
    await expect(r.done).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = r.lines.join('');
    for (const opt of ['--cache-dir <dir>', '--from <dir>', '--base-url <url>', '--all', '--force', '[tags...]']) expect(help).toContain(opt);
    expect(help).toContain('v2.7.5, v2.8.6');
  });

  it('fills the cache from --from and says what it did', async () => {
    const cacheDir = tmp('cache-');
    const r = run(['v2.16.0', '2.15', '--from', upstreamDir(), '--cache-dir', cacheDir]);
    await r.done;
    expect(r.lines).toEqual([
      `v2.16.0: 8 CRD files in ${join(cacheDir, 'crds', 'v2.16.0')} (8 written, 0 already there)`,
      `v2.15.1: 8 CRD files in ${join(cacheDir, 'crds', 'v2.15.1')} (8 written, 0 already there)`,
    ]);
  });

  it('--all covers every release; errors end the command with the message', async () => {
    const cacheDir = tmp('cache-');
    const all = run(['--all', '--cache-dir', cacheDir], localFetch());
    await all.done;
    expect(all.lines).toHaveLength(VitessRelease.all().length);
    const none = run(['--cache-dir', cacheDir]);
    await expect(none.done).rejects.toMatchObject({ code: 'commander.error' });
    expect(none.errors.join('')).toContain('name at least one tag');
    const bad = run(['v2.17.1', '--cache-dir', cacheDir]);
    await expect(bad.done).rejects.toMatchObject({ code: 'commander.error' });
    expect(bad.errors.join('')).toContain('not a pinned release');
  });
});
