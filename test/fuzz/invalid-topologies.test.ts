import fc from 'fast-check';
import { describe, it } from 'vitest';
import { clusterSpecArb, fuzzParams } from './arbitraries';
import { Mutated, MUTATIONS } from './mutations';
import { synthOrReject } from './rejection';

/** Mutated topologies per `npm test`, shared by the mutations (6 each for 52 mutations); FUZZ_RUNS sets the total. */
const TOTAL_RUNS = 300;

describe('fuzz: mutations of valid topologies fail synth with well-formed errors naming the construct and field', () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', (name, m) => {
    const base = clusterSpecArb({ maxKeyspaces: 2, ...m.base });
    const params = fuzzParams<[Mutated]>(Math.ceil(TOTAL_RUNS / MUTATIONS.length), `mutation '${name}'`, MUTATIONS.length);
    fc.assert(fc.property(base.chain((spec) => m.apply(spec)), ({ spec, path, field }) => {
      const outcome = synthOrReject(spec);
      if (!('lines' in outcome)) throw new Error('the mutated topology synthesized without errors');
      const hit = outcome.lines.some((l) => l.path === path && (typeof field === 'string' ? l.field === field : field.test(l.field)));
      if (!hit) throw new Error(`expected an error at [${path}] ${field}, got:\n${outcome.lines.map((l) => l.text).join('\n')}`);
    }), params);
  });
});
