import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { GatewayTlsOptions, Partitioning, SecretKeyRef, TabletType } from '../lib';
import { base } from './support/catalogue-cases';
import { problemLines } from './support/synth';

/**
 * Required props that the types demand but a JavaScript caller (or a cast) can leave out. Each must end as a
 * validation problem on the right field, never as a TypeError from inside synth.
 */
const untyped = (x: unknown) => x as any;

const CASES: Array<[string, () => App, string]> = [
  ['a tablet pool without a cell', () => base({ then: ({ ks }) => ks.addTabletPool('p', untyped({ type: TabletType.RDONLY, replicas: 1 })) }),
    '[t/vc/ks/p] cell: is required but was not given. Fix: pass cell: a Cell from cluster.addCell(...) or its name (zone1)'],
  ['a vtgate user without a password', () => base({ users: [untyped({ user: 'app' })] }),
    "[t/auth] users[0].password: is required but was not given. Fix: pass Password.fromEnv('VTGATE_PASSWORD'), or Password.mysqlNativeHash(...)"],
  ['null in the partitionings', () => base({ keyspace: { partitionings: [untyped(null)] } }),
    '[t/vc/ks] partitionings[0]: null is not a Partitioning. Fix: use Partitioning.unsharded(), Partitioning.equal(parts) or Partitioning.custom([...])'],
  ['a shard that is neither a name nor a key range', () => base({ keyspace: { partitionings: [Partitioning.custom(['-80', untyped(undefined)])] } }),
    "[t/vc/ks] partitionings[0].custom.shards[1]: undefined is not a shard name or key range. Fix: write each shard as a name ('-80', '80-c0', 'c0-') or { start: '80', end: 'c0' }"],
  ['gateway TLS without its certificate', () => base({ zone1: { gateway: { secureTransport: untyped({ keySecret: SecretKeyRef.fromSecret('tls', 'key') }) as GatewayTlsOptions } } }),
    "[t/vc/zone1] gateway.secureTransport.tls.certSecret: is required but was not given. Fix: pass SecretKeyRef.fromSecret('<secret>', '<key>')"],
  ['an external datastore without credentials', () => base({ then: ({ ks }) => ks.addTabletPool('ext', untyped({ cell: 'zone1', type: 'externalmaster', replicas: 1, name: 'legacy', externalDatastore: { host: 'db.example.net', port: 3306, user: 'vt', database: 'shop' } })) }),
    "[t/vc/ks/ext] externalDatastore.credentialsSecret: is required but was not given. Fix: pass SecretKeyRef.fromSecret('<secret>', '<key>')"],
];

describe('untyped input', () => {
  it.each(CASES)('%s is a validation problem, not a TypeError', (_title, build, line) => {
    expect(problemLines(() => build().synthYaml())).toContain(line);
  });
});
