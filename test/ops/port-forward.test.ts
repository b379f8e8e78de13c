import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forwardsFor, portForwardScript, shellQuote } from '../../lib/ops/port-forward';
import { asManifest, tempDir, twoCellCluster } from './fixtures';


describe('port-forward script (seed §8, facts §6.5)', () => {
  const script = portForwardScript(asManifest(twoCellCluster()));

  it('finds vtctld and the cluster-wide vtgate by the cluster label and forwards the documented ports', () => {
    expect(script).toContain("vtctld=$(service planetscale.com/cluster=adv-vitess-cluster,planetscale.com/component=vtctld)");
    expect(script).toContain("vtgate=$(service 'planetscale.com/cluster=adv-vitess-cluster,planetscale.com/component=vtgate,!planetscale.com/cell')");
    expect(script).toContain('kubectl port-forward -n vitess --address localhost "$vtctld" 15000 15999 &');
    expect(script).toContain('kubectl port-forward -n vitess --address localhost "$vtgate" 15306:3306 &');
    expect(script).toContain('mysql -h 127.0.0.1 -P 15306 -u <user>');
    expect(script).not.toContain('vtadmin');
  });

  it('adds vtadmin (14000, 14001) only when vtadmin and its image are set', () => {
    const o = twoCellCluster();
    o.spec.vtadmin = { apiAddresses: ['http://localhost:14001'] };
    expect(forwardsFor(asManifest(o)).map((f) => f.component)).toEqual(['vtctld', 'vtgate']);
    o.spec.images.vtadmin = 'vitess/vtadmin:v22.0.1';
    expect(portForwardScript(asManifest(o))).toContain('"$vtadmin" 14000:15000 14001:15001 &');
  });

  it('uses the given namespace, or none (kubectl current namespace)', () => {
    expect(portForwardScript(asManifest(twoCellCluster()), 'prod')).toContain('kubectl get service -n prod --selector="$1"');
    const bare = portForwardScript({ ...asManifest(twoCellCluster()), namespace: undefined });
    expect(bare).toContain('kubectl get service --selector="$1"');
    expect(bare).not.toMatch(/kubectl [^|]* -n /);
  });

  it('is valid bash', () => {
    const file = join(tempDir(), 'pf.sh');
    writeFileSync(file, script);
    expect(() => execFileSync('bash', ['-n', file])).not.toThrow();
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  });

  it('quotes only what the shell would misread', () => {
    expect([shellQuote('a-b_c.d'), shellQuote('a b'), shellQuote("it's"), shellQuote('x,!y')]).toEqual(['a-b_c.d', "'a b'", "'it'\\''s'", "'x,!y'"]);
  });
});
