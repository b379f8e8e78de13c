import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { synthApp, TabletType, VitessCluster } from '../lib';

function app(cellName: string) {
  const a = new App({ outdir: mkdtempSync(join(tmpdir(), 'synth-app-')) });
  const vc = new VitessCluster(new Chart(a, 'c'), 'vc', { name: 'demo' });
  vc.addCell(cellName);
  vc.addKeyspace('ks').addTabletPool('p', { cell: cellName, type: TabletType.REPLICA, replicas: 3 });
  return a;
}

describe('synthApp', () => {
  it('prints validation problems without a stack trace and exits 1', () => {
    const lines: string[] = [];
    const exit = (code: number): never => { throw new Error(`exit ${code}`); };
    expect(() => synthApp(app('us-east-1a'), { error: (s) => lines.push(s), exit })).toThrow('exit 1');
    const out = lines.join('\n');
    expect(out).toContain("[c/vc/us-east-1a] name: 'us-east-1a' is not a valid cell name");
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('prints warnings and writes the manifests when the input is valid', () => {
    const lines: string[] = [];
    const a = app('zone1');
    synthApp(a, { error: (s) => lines.push(s), exit: () => { throw new Error('no exit expected'); } });
    expect(lines).toEqual([expect.stringMatching(/^warning: \[c\/vc\] backup: no backup location/), expect.stringMatching(/^warning: \[c\/vc\] auth: no vtgate users/)]);
    expect(readdirSync(a.outdir)).toEqual(['c.k8s.yaml']);
  });
});
