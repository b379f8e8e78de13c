import { describe, expect, it } from 'vitest';
import { keyspaceShards, NAME_MAX, objectName, shardSafeName, tabletUid } from '../lib/topology';

describe('operator names (facts §3)', () => {
  it('reproduces the documented names for cluster example, cell zone1, keyspace commerce', () => {
    expect(objectName(['example', 'zone1'])).toBe('example-zone1-5abb61ae');
    expect(objectName(['example', 'commerce', 'x-x'])).toBe('example-commerce-x-x-0f5afee6');
    expect(objectName(['example', 'etcd'], NAME_MAX.etcd)).toBe('example-etcd-faf13de3');
    expect(objectName(['example', 'vtctld'], NAME_MAX.service, true)).toBe('example-vtctld-625ee430');
    expect(objectName(['example', 'zone1', 'vtctld'])).toBe('example-zone1-vtctld-1d4dcad0');
    expect(objectName(['example', 'commerce', 'x-x', 'zone1', 'vtorc'])).toBe('example-commerce-x-x-zone1-vtorc-c13ef6ff');
  });

  it('lowercases, replaces characters outside [a-z0-9-] and hashes the original parts', () => {
    expect(objectName(['ex', 'ADV'])).toMatch(/^ex-adv-[0-9a-f]{8}$/);
    expect(objectName(['ex', 'ADV'])).not.toBe(objectName(['ex', 'adv']));
    expect(objectName(['a_b'])).toMatch(/^a-b-/);
  });

  it('prefixes x when the first character is not allowed (Services need a letter)', () => {
    expect(objectName(['1abc', 'vtgate'], NAME_MAX.service, true)).toMatch(/^x1abc-vtgate-/);
    expect(objectName(['1abc', 'vtgate'])).toMatch(/^1abc-vtgate-/);
  });

  it('truncates too-long names to the maximum with ---<hash>', () => {
    const name = objectName(['c'.repeat(60), 'etcd'], NAME_MAX.etcd);
    expect(name).toHaveLength(56);
    expect(name).toMatch(/^c+---[0-9a-f]{8}$/);
  });

  it('shard safe names replace unbounded ends with x', () => {
    expect([shardSafeName('', ''), shardSafeName('', '80'), shardSafeName('80', '')]).toEqual(['x-x', 'x-80', '80-x']);
  });
});

describe('tablet UIDs (facts §2.13)', () => {
  it('gives the documented pod name for the second replica of commerce/- in zone1', () => {
    const uid = tabletUid('zone1', 'commerce', '', '', 'replica', 2);
    expect(uid).toBe('2469782763');
    expect(objectName(['example', 'vttablet', `zone1-${uid}`])).toBe('example-vttablet-zone1-2469782763-bfadd780');
  });

  it('zero-pads to 10 digits and changes with every identity part', () => {
    const base = tabletUid('zone1', 'commerce', '', '', 'replica', 3);
    expect(base).toMatch(/^\d{10}$/);
    expect(base.startsWith('0')).toBe(true); // index 3 happens to hash below 1e9
    const variants = [
      tabletUid('zone2', 'commerce', '', '', 'replica', 3),
      tabletUid('zone1', 'customer', '', '', 'replica', 3),
      tabletUid('zone1', 'commerce', '', '80', 'replica', 3),
      tabletUid('zone1', 'commerce', '', '', 'rdonly', 3),
      tabletUid('zone1', 'commerce', '', '', 'replica', 3, 'ext'),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });
});

describe('keyspaceShards', () => {
  it('splits equal partitionings like the operator (3 parts → -55, 55-aa, aa-)', () => {
    expect(keyspaceShards({ partitionings: [{ equal: { parts: 3 } }] }).map((s) => s.name)).toEqual(['-55', '55-aa', 'aa-']);
  });

  it('merges identical key ranges across partitionings; the later template wins', () => {
    const ks = {
      partitionings: [
        { custom: { shards: [{ keyRange: { start: '', end: '80' }, tabletPools: ['old'] }, { keyRange: { start: '80', end: '' }, tabletPools: ['old'] }] } },
        { equal: { parts: 2, shardTemplate: { tabletPools: ['new'] } } },
      ],
    };
    const shards = keyspaceShards(ks);
    expect(shards.map((s) => [s.name, s.safeName, s.template.tabletPools[0], s.partitioning])).toEqual([
      ['-80', 'x-80', 'new', 1],
      ['80-', '80-x', 'new', 1],
    ]);
  });
});
