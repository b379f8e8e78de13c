import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { NAME_RULES, VitessCluster } from '../lib';
import { addProblemCheck, formatProblem, Warnings } from '../lib/problems';

describe('problems', () => {
  it('formats field, what and fix in one line', () => {
    expect(formatProblem({ field: 'cells[0].name', message: "'a-b' is not valid", fix: 'drop the dash' })).toBe("cells[0].name: 'a-b' is not valid. Fix: drop the dash");
  });

  it('keeps a problem on one line when a value carries line breaks or control characters (found by test/fuzz)', () => {
    expect(formatProblem({ field: 'name', message: "'a\nb\r\tc\u0000\u2028' is not valid", fix: 'rename it' })).toBe("name: 'a\\nb\\r\\tc\\u0000\\u2028' is not valid. Fix: rename it");
    const chart = new Chart(Testing.app(), 'c');
    const vc = new VitessCluster(chart, 'vc', { name: 'demo' });
    vc.addCell('zone1', { name: 'zone\n1' });
    vc.addKeyspace('ks').addTabletPool('p', { cell: 'zone\n1', replicas: 1 });
    const lines = (() => { try { Testing.synth(chart); return []; } catch (e) { return (e as Error).message.split('\n').slice(1); } })();
    expect(lines).toEqual(["  [c/vc/zone1] name: 'zone\\n1' is not a valid cell name. Fix: " + NAME_RULES.cell.fix]);
  });

  it('fails synth with the construct path prefixed', () => {
    const chart = new Chart(Testing.app(), 'c');
    addProblemCheck(new Construct(chart, 'x'), () => [{ field: 'f', message: 'bad', fix: 'good' }]);
    expect(() => Testing.synth(chart)).toThrow('[c/x] f: bad. Fix: good');
  });

  it('collects plain and lazy warnings in tree order, evaluating lazy ones when collected', () => {
    const chart = new Chart(Testing.app(), 'c');
    let late = false;
    Warnings.add(new Construct(chart, 'a'), { field: 'f', message: 'm', fix: 'x' });
    Warnings.add(new Construct(chart, 'b'), () => (late ? [{ field: 'g', message: 'n', fix: 'y' }] : []));
    late = true;
    expect(Warnings.collect(chart)).toEqual(['[c/a] f: m. Fix: x', '[c/b] g: n. Fix: y']);
  });
});
