import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, Password, TabletType, VitessCluster } from '../lib';
import { synth, synthErrors, vitessCluster } from './support/synth';

const chart = () => new Chart(Testing.app(), 't', { namespace: 'ns' });

function withCluster(c: Chart, auth: AuthSecret): any[] {
  const vc = new VitessCluster(c, 'vc', { name: 'demo', auth });
  const cell = vc.addCell('zone1');
  vc.addKeyspace('ks').addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 3 });
  return synth(c);
}

describe('AuthSecret', () => {
  it('renders users.json with native hashes and init_db.sql in one Secret', () => {
    const c = chart();
    new AuthSecret(c, 'auth', { name: 'creds', users: [{ user: 'app', password: Password.plainText('password'), userData: 'application' }] });
    const [secret] = synth(c);
    expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'creds', namespace: 'ns' }, type: 'Opaque' });
    expect(JSON.parse(secret.stringData['users.json'])).toEqual({ app: [{ MysqlNativePassword: '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19', UserData: 'application' }] });
    expect(secret.stringData['init_db.sql']).toContain('super_read_only');
  });

  it('wires users and the init script into the cluster', () => {
    const c = chart();
    const objects = withCluster(c, new AuthSecret(c, 'auth', { name: 'creds', users: [{ user: 'app', password: Password.plainText('x') }] }));
    const spec = vitessCluster(objects).spec;
    expect(spec.cells[0].gateway.authentication).toEqual({ static: { secret: { name: 'creds', key: 'users.json' } } });
    expect(spec.keyspaces[0].partitionings[0].equal.shardTemplate.databaseInitScriptSecret).toEqual({ name: 'creds', key: 'init_db.sql' });
  });

  it('fromExistingSecret keeps users.json out of the manifests and still generates init_db.sql', () => {
    const c = chart();
    const objects = withCluster(c, AuthSecret.fromExistingSecret(c, 'auth', { name: 'vault-synced', usersKey: 'users' }));
    const secret = objects.find((o) => o.kind === 'Secret');
    expect(Object.keys(secret.stringData)).toEqual(['init_db.sql']);
    const spec = vitessCluster(objects).spec;
    expect(spec.cells[0].gateway.authentication.static.secret).toEqual({ name: 'vault-synced', key: 'users' });
    expect(spec.keyspaces[0].partitionings[0].equal.shardTemplate.databaseInitScriptSecret.name).toBe(secret.metadata.name);
  });

  it('addUser adds users and refuses duplicates', () => {
    const c = chart();
    const auth = new AuthSecret(c, 'auth');
    auth.addUser({ user: 'a', password: Password.plainText('x') });
    expect(() => auth.addUser({ user: 'a', password: Password.plainText('y') })).toThrow("t/auth: user 'a' is already defined");
    expect(Object.keys(JSON.parse(synth(c)[0].stringData['users.json']))).toEqual(['a']);
  });

  it('a cluster without users warns instead of failing, and turns static auth off', () => {
    const c = chart();
    const objects = withCluster(c, new AuthSecret(c, 'auth'));
    expect(vitessCluster(objects).spec.cells[0].gateway.authentication).toBeUndefined();
    expect(synthErrors(c)).toBe('');
  });
});

describe('AuthSecret props', () => {
  it('refuses users next to an existing users Secret', () => {
    const c = chart();
    new AuthSecret(c, 'auth', { existingUsersSecret: { name: 'x' }, users: [{ user: 'a', password: Password.plainText('p') }] });
    expect(() => Testing.synth(c)).toThrow("[t/auth] users: users are given, but users.json comes from the existing Secret 'x'");
  });
});
