import { describe, expect, it } from 'vitest';
import { checkFieldGates } from '../lib/field-gates';
import { VitessRelease } from '../lib/vitess-release';

const spec = (images: Record<string, unknown>) => ({ keyspaces: [{ name: 'ks', images }] });

describe('checkFieldGates', () => {
  it('passes fields the release has, at any depth', () => {
    expect(checkFieldGates(spec({ vttablet: 'vitess/lite:v24.0.0' }), VitessRelease.V24)).toEqual([]);
    expect(checkFieldGates({ keyspaces: [{ partitionings: [{ custom: { shards: [{ tabletPools: [{ name: 'ext' }] }] } }] }] }, VitessRelease.V19)).toEqual([]);
  });

  it('names the concrete path, and for a field back-ported to 2.11 every release that has it', () => {
    expect(checkFieldGates(spec({ vttablet: 'x:v1.0.0' }), VitessRelease.V19)).toEqual([{
      field: 'keyspaces[0].images.vttablet',
      message: 'this field needs operator 2.11 or 2.14 or later; the operator 2.12.0 (Vitess 19) CRD does not know it and the API server would prune it',
      fix: 'target VitessRelease.V21 (operator 2.14) or later, or drop the field',
    }]);
  });

  it('finds shard-template fields in custom partitionings too', () => {
    const s = { keyspaces: [{ partitionings: [{ custom: { shards: [{ tabletPools: [{ name: 'ext' }] }] } }] }] };
    expect(checkFieldGates(s, VitessRelease.V18)[0].field).toBe('keyspaces[0].partitionings[0].custom.shards[0].tabletPools[0].name');
  });

  it('gates single enum values and removed fields', () => {
    expect(checkFieldGates({ backup: { engine: 'mysqlshell' } }, VitessRelease.V20)[0].message).toMatch(/^this value 'mysqlshell' needs operator 2.14 or later/);
    expect(checkFieldGates({ backup: { engine: 'xtrabackup' } }, VitessRelease.V20)).toEqual([]);
    const removed = checkFieldGates({ keyspaces: [{ partitionings: [{ equal: { shardTemplate: { replication: { enforceSemiSync: true } } } }] }] }, VitessRelease.V24);
    expect(removed[0].message).toBe('this field was removed in operator 2.9; operator 2.17.0 (Vitess 24) would prune it');
  });
});
