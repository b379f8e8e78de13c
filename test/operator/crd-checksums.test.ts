import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRD_SHA256 } from '../../lib/operator/crd-checksums';
import { sha256 } from '../../lib/operator/crd-source';
import { VitessRelease } from '../../lib/vitess-release';
import { upstreamPath } from '../support/upstream';

describe('pinned CRD checksums', () => {
  it('has one row per release of the matrix, and nothing else', () => {
    expect(Object.keys(CRD_SHA256).sort()).toEqual(VitessRelease.all().map((r) => r.operatorTag).sort());
  });

  it.each(VitessRelease.all().map((r) => [r.operatorTag, r] as const))('%s: pins exactly the release\'s files, with the hashes of upstream\'s files', (tag, release) => {
    const pinned = CRD_SHA256[tag];
    expect(Object.keys(pinned).sort()).toEqual([...release.crdFiles].sort());
    for (const file of release.crdFiles) {
      expect(sha256(readFileSync(upstreamPath(tag, file))), file).toBe(pinned[file]);
    }
  });
});
