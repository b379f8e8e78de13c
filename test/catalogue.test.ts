import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { base, CATALOGUE, federation, VALID_NEIGHBOURS } from './support/catalogue-cases';
import { PROBLEM_LINE, problemLines as linesOf } from './support/synth';

/** The problem lines of an app's synth error, [] when it synthesizes. Any other exception is rethrown. */
const problemLines = (app: App) => linesOf(() => app.synthYaml());

/**
 * The invalid-input catalogue (test/support/catalogue-cases.ts): every entry mutates one valid base and must
 * fail synth with exactly its expected problem lines, no more, no fewer, in order.
 */

const SOURCES = [...new Set(CATALOGUE.map((e) => e.source))];

describe('invalid-input catalogue', () => {
  it('starts from bases that synthesize without errors', () => {
    expect(problemLines(base())).toEqual([]);
    expect(problemLines(federation())).toEqual([]);
  });

  describe.each(SOURCES)('%s', (source) => {
    it.each(CATALOGUE.filter((e) => e.source === source).map((e) => [e.title, e] as const))('%s', (_title, entry) => {
      expect(problemLines(entry.build())).toEqual(entry.expected);
    });
  });

  it('pins at least one well-formed problem line per entry: [path] field: message. Fix: fix', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(60);
    for (const entry of CATALOGUE) {
      expect(entry.expected.length, entry.title).toBeGreaterThan(0);
      for (const line of entry.expected) expect(line, entry.title).toMatch(PROBLEM_LINE);
    }
  });

  it('names its sources consistently and covers every rule of facts §8', () => {
    for (const s of SOURCES) expect(s).toMatch(/^(facts §8\.([1-9]|10)|pains §11\.([1-9]|[1-3]\d|4[0-3]))$/);
    for (let rule = 1; rule <= 10; rule++) expect(SOURCES).toContain(`facts §8.${rule}`);
    const titles = CATALOGUE.map((e) => `${e.source} ${e.title}`);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each(VALID_NEIGHBOURS.map((n) => [`${n.source}: ${n.title}`, n] as const))('accepts the valid neighbour %s', (_title, n) => {
    expect(problemLines(n.build())).toEqual([]);
  });
});
