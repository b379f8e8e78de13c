import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addProblemCheck, formatProblem, Warnings } from '../lib/problems';

describe('problems', () => {
  it('formats field, what and fix in one line', () => {
    expect(formatProblem({ field: 'cells[0].name', message: "'a-b' is not valid", fix: 'drop the dash' })).toBe("cells[0].name: 'a-b' is not valid. Fix: drop the dash");
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
