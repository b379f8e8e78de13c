import { describe, expect, it } from 'vitest';
import { equalKeyRanges, Partitioning } from '../lib/partitioning';

describe('Partitioning', () => {
  it('computes the operator\'s equal key ranges (upstream unit expectations)', () => {
    expect(Partitioning.equal(8).shardNames()).toEqual(['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-']);
    expect(Partitioning.equal(3).shardNames()).toEqual(['-55', '55-aa', 'aa-']);
    expect(Partitioning.equal(8, { hexWidth: 4 }).shardNames()[1]).toBe('2000-4000');
    expect(Partitioning.equal(7, { hexWidth: 4 }).shardNames()[0]).toBe('-2492');
    expect(Partitioning.unsharded().shardNames()).toEqual(['-']);
  });

  it('switches to 4 hex digits above 256 parts when hexWidth is automatic', () => {
    const names = Partitioning.equal(512).shardNames();
    expect(names).toHaveLength(512);
    expect(names[1]).toBe('0080-0100');
  });

  it('renders equal and custom partitionings with the shard template', () => {
    expect(Partitioning.equal(2).render({ t: 1 })).toEqual({ equal: { parts: 2, shardTemplate: { t: 1 } } });
    expect(Partitioning.equal(2, { hexWidth: 4 }).render({})).toEqual({ equal: { parts: 2, hexWidth: 4, shardTemplate: {} } });
    expect(Partitioning.custom(['-80', { start: '80', end: '' }]).render({ t: 1 })).toEqual({
      custom: { shards: [{ keyRange: { start: '', end: '80' }, t: 1 }, { keyRange: { start: '80', end: '' }, t: 1 }] },
    });
  });

  it('accepts a complete custom partitioning and names its shards', () => {
    const p = Partitioning.custom(['-40', '40-80', '80-']);
    expect(p.check('p')).toEqual([]);
    expect(p.shardNames()).toEqual(['-40', '40-80', '80-']);
    expect(Partitioning.custom(['0']).shardNames()).toEqual(['-']);
  });

  it('reports reversed and empty shards', () => {
    expect(Partitioning.custom(['-80', '80-40', '40-']).check('p').map((x) => x.message)).toContain("shard '80-40' is empty or reversed");
    expect(Partitioning.custom([]).check('p')[0].message).toBe('a custom partitioning has no shards');
  });

  it('reports a hexWidth above the CRD maximum instead of overflowing (found by test/fuzz: 1e21 threw a RangeError)', () => {
    for (const hexWidth of [65538, 1e21, 6.5e248]) {
      const p = Partitioning.equal(4, { hexWidth });
      expect(p.check('p')).toEqual([expect.objectContaining({ field: 'p.equal.hexWidth', message: `hexWidth ${hexWidth} is above the CRD maximum of 65536` })]);
      expect(p.shardNames()).toEqual([]);
    }
    expect(Partitioning.equal(4, { hexWidth: 3 }).shardNames()).toEqual([]);
    expect(Partitioning.equal(2, { hexWidth: 18 }).check('p')).toEqual([]);
  });

  it('reports the end of the key space left uncovered', () => {
    expect(Partitioning.custom(['-80']).check('p')[0]).toMatchObject({ field: 'p.custom.shards[0].keyRange.end', message: "the last shard ends at '80', leaving keys above it unserved" });
  });
});

describe('equal key ranges use the operator\'s integer arithmetic', () => {
  it('cuts 10 parts at 7f, not 80 (a float split would be wrong here)', () => {
    expect(Partitioning.equal(10).shardNames().slice(3, 6)).toEqual(['4c-66', '66-7f', '7f-99']);
  });
});

describe('equalKeyRanges (operator partitioning.EqualKeyRanges)', () => {
  const ends = (parts: number, hexWidth?: number) => equalKeyRanges(parts, hexWidth).map((r) => r.end);

  it('matches the operator unit test table', () => {
    expect(ends(1)).toEqual(['']);
    expect(ends(2)).toEqual(['80', '']);
    expect(ends(5)).toEqual(['33', '66', '99', 'cc', '']);
    expect(ends(10)).toEqual(['19', '33', '4c', '66', '7f', '99', 'b3', 'cc', 'e6', '']);
  });

  it('matches the operator spot checks for large part counts', () => {
    for (const [parts, first, lastStart] of [[129, '01', 'fe'], [256, '01', 'ff'], [500, '0083', 'ff7c'], [512, '0080', 'ff80'], [65536, '0001', 'ffff']] as const) {
      const r = equalKeyRanges(parts);
      expect([r.length, r[0].end, r[parts - 1].start]).toEqual([parts, first, lastStart]);
    }
  });

  it('uses hexWidth / 2 bytes when hexWidth is set (facts §2.6: 7 parts, hexWidth 4 → -2492)', () => {
    expect(ends(7, 4)[0]).toBe('2492');
    expect(ends(8, 4)).toEqual(['2000', '4000', '6000', '8000', 'a000', 'c000', 'e000', '']);
  });
});
