import { afterEach, describe, expect, it } from 'vitest';
import { Password } from '../lib/password';

describe('Password', () => {
  afterEach(() => { delete process.env.CDK8S_VITESS_PW; });

  it('renders the MySQL native hash, never the clear text', () => {
    // SELECT PASSWORD('password') in MySQL 5.7 prints this value.
    expect(Password.plainText('password').nativeHash()).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
  });

  it('reads the environment at synth, falling back to a dev default only when asked', () => {
    const p = Password.fromEnv('CDK8S_VITESS_PW', { insecureDevDefault: 'dev' });
    expect(p.nativeHash()).toBe(Password.plainText('dev').nativeHash());
    process.env.CDK8S_VITESS_PW = 'prod-secret';
    expect(p.nativeHash()).toBe(Password.plainText('prod-secret').nativeHash());
    expect(Password.fromEnv('CDK8S_VITESS_PW').check('pw')).toEqual([]);
  });

  it('refuses an empty or missing password with the fix', () => {
    expect(Password.fromEnv('CDK8S_VITESS_PW').check('pw')[0]).toMatchObject({ field: 'pw', fix: expect.stringContaining('export CDK8S_VITESS_PW=') });
    process.env.CDK8S_VITESS_PW = '';
    expect(Password.fromEnv('CDK8S_VITESS_PW').check('pw')[0].message).toContain('is empty');
  });

  it('passes a precomputed hash through', () => {
    const hash = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19';
    expect(Password.mysqlNativeHash(hash).nativeHash()).toBe(hash);
    expect(Password.mysqlNativeHash(hash).check('pw')).toEqual([]);
  });
});
