import { describe, expect, it } from 'vitest';
import { cellNameFromZone, checkName, checkUnique, NAME_RULES } from '../lib/names';
import { checkPinnedImage, vitessMajorOfImage } from '../lib/images';

describe('names', () => {
  it('turns zone names into valid cell names', () => {
    expect(cellNameFromZone('us-east-1a')).toBe('useast1a');
    expect(checkName('cell', 'c', cellNameFromZone('europe-west4-b'))).toEqual([]);
  });

  it('allows upper case and dots in cells and keyspaces, not in cluster names', () => {
    expect(checkName('cell', 'c', 'Zone.1_a')).toEqual([]);
    expect(checkName('keyspace', 'k', 'ADV')).toEqual([]);
    expect(checkName('cluster', 'n', 'ADV')).toHaveLength(1);
    expect(checkName('cluster', 'n', 'a'.repeat(64))).toHaveLength(1);
  });

  it('reports the second use of a name', () => {
    expect(checkUnique('cells', ['a', 'b', 'a'], 'cell')).toEqual([{ field: 'cells[2]', message: "cell 'a' is defined twice", fix: 'give each cell a unique name' }]);
  });
});

describe('checkPinnedImage', () => {
  it.each(['vitess/lite:v24.0.0-mysql80', 'mysql:8.0.40', 'registry.local:5000/vitess/lite:v24.0.0', `x@sha256:${'0'.repeat(64)}`])('accepts %s', (image) => {
    expect(checkPinnedImage('i', image, 'e')).toEqual([]);
  });

  it.each(['vitess/lite:latest', 'vitess/lite', 'vitess/lite:mysql80', 'registry.local:5000/vitess/lite', 'planetscale/vitess-operator:main'])('refuses %s', (image) => {
    expect(checkPinnedImage('i', image, 'vitess/lite:v24.0.0-mysql80')[0]).toMatchObject({ field: 'i', fix: "pin a version tag or digest, e.g. 'vitess/lite:v24.0.0-mysql80'" });
  });
});

describe('NAME_RULES', () => {
  const cases: Record<string, [good: string, bad: string]> = {
    cluster: ['adv-vitess', 'Adv'],
    cell: ['zone_1.a', 'zone-1'],
    keyspace: ['commerce-v2', 'commerce-'],
    backupLocation: ['s3.eu_west', '-s3'],
    backupSchedule: ['every-day', 'every_day'],
    pool: ['ext.pool_1', 'ext pool'],
    namespace: ['vitess-system', 'Vitess'],
  };
  it('has a good and a bad example for every rule', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(NAME_RULES).sort());
  });
  it.each(Object.entries(cases))('%s', (kind, [good, bad]) => {
    const k = kind as keyof typeof NAME_RULES;
    expect(checkName(k, 'f', good)).toEqual([]);
    expect(checkName(k, 'f', bad)).toEqual([{ field: 'f', message: `'${bad}' is not a valid ${NAME_RULES[k].what}`, fix: NAME_RULES[k].fix }]);
    expect(checkName(k, 'f', 'a'.repeat(64))).toHaveLength(1);
  });
});

describe('vitessMajorOfImage', () => {
  it.each([
    ['vitess/lite:v23.0.3-mysql80', 23], ['registry.local:5000/mirror/vitess/lite:v24.0.0', 24], ['vitess/vtadmin:v22.0.1', 22],
    ['vitess/vtgate:v14.0.0', 14], ['mysql:8.0.40', undefined], ['vitess/lite:latest', undefined], ['notvitess/lite:v20.0.0', undefined],
  ] as const)('%s → %s', (image, major) => {
    expect(vitessMajorOfImage(image)).toBe(major);
  });
});
