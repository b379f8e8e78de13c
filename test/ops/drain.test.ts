import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drainArgs, drainScript, looksLikeTabletPod, runDrain } from '../../lib/ops/drain';
import { InputError } from '../../lib/ops/manifests';
import { tempDir } from './fixtures';

const POD = 'example-vttablet-zone1-2469782763-bfadd780';

/** A stand-in kubectl that records its arguments and exits with `code`. */
function fakeKubectl(code = 0): { bin: string; calls: () => string[] } {
  const dir = tempDir();
  const log = join(dir, 'calls.json');
  const bin = join(dir, 'kubectl');
  writeFileSync(bin, `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)));\n`
    + `if (${code}) { process.stderr.write('Error from server (NotFound): pods "x" not found\\n'); process.exit(${code}); }\nprocess.stdout.write('pod/${POD} annotated\\n');\n`);
  chmodSync(bin, 0o755);
  return { bin, calls: () => JSON.parse(readFileSync(log, 'utf8')) };
}

describe('drain (facts §6.1)', () => {
  it('annotates drain.planetscale.com/started with a reason, and clears it with a trailing dash', () => {
    expect(drainArgs({ pod: POD, namespace: 'example' })).toEqual(['annotate', 'pod', POD, '-n', 'example', 'drain.planetscale.com/started=planned failover', '--overwrite']);
    expect(drainArgs({ pod: POD, reason: 'kernel upgrade' })).toEqual(['annotate', 'pod', POD, 'drain.planetscale.com/started=kernel upgrade', '--overwrite']);
    expect(drainArgs({ pod: POD, clear: true })).toEqual(['annotate', 'pod', POD, 'drain.planetscale.com/started-']);
  });

  it('prints the drain, how to watch for finished, and how to clear it', () => {
    const text = drainScript({ pod: POD, namespace: 'example' });
    expect(text).toContain(`kubectl annotate pod ${POD} -n example 'drain.planetscale.com/started=planned failover' --overwrite`);
    expect(text).toContain("-o jsonpath='{.metadata.annotations.drain\\.planetscale\\.com/finished}'");
    expect(text).toContain(`kubectl annotate pod ${POD} -n example drain.planetscale.com/started-`);
    expect(drainScript({ pod: POD, clear: true })).not.toContain('started=');
  });

  it('rejects names that are not pod names', () => {
    expect(() => drainArgs({ pod: 'Example_Pod' })).toThrow(InputError);
    expect(() => drainArgs({ pod: '' })).toThrow("'' is not a pod name");
  });

  it('recognises tablet pod names', () => {
    expect(looksLikeTabletPod(POD)).toBe(true);
    expect(looksLikeTabletPod('example-zone1-vtgate-bc6cde92-5d4f7-abcde')).toBe(false);
  });

  it('runs kubectl with the same arguments and returns its output', () => {
    const k = fakeKubectl();
    expect(runDrain({ pod: POD, namespace: 'example' }, k.bin)).toBe(`pod/${POD} annotated\n`);
    expect(k.calls()).toEqual(['annotate', 'pod', POD, '-n', 'example', 'drain.planetscale.com/started=planned failover', '--overwrite']);
  });

  it('reports a failing kubectl with its first error line (exit code 1) and a missing one as bad input', () => {
    const k = fakeKubectl(1);
    let err: InputError | undefined;
    try { runDrain({ pod: POD }, k.bin); } catch (e) { err = e as InputError; }
    expect([err?.message, err?.exitCode]).toEqual([`kubectl annotate pod ${POD} drain.planetscale.com/started=planned failover --overwrite failed: Error from server (NotFound): pods "x" not found`, 1]);
    expect(() => runDrain({ pod: POD }, '/nonexistent/kubectl')).toThrow('/nonexistent/kubectl not found: install kubectl or pass --kubectl <path>');
  });
});
