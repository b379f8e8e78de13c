import { App, Chart, Testing } from 'cdk8s';
import { beforeEach, describe, expect, it } from 'vitest';
import { UPSTREAM_EXAMPLES } from '../examples/upstream';
import { checkFieldGates, VitessRelease } from '../lib';
import { schemaErrors, synth, synthErrors } from './support/synth';
import { readUpstreamYaml } from './support/upstream';

/**
 * Every upstream example (../shared/vitess-operator/examples, from the operator's test/endtoend/operator at
 * v2.17.0) rebuilt through the public API. The synthesized objects must equal the upstream ones as parsed
 * YAML; each allowed difference is named here with its reason, and the test checks that it is exactly that
 * difference (so a difference that disappears or changes fails too).
 */

type Path = ReadonlyArray<string | number>;

interface NamedDifference {
  readonly path: Path;
  readonly upstream: unknown;
  readonly ours: unknown;
  readonly why: string;
}

interface Case {
  /** The release the rebuild targets. */
  readonly release: VitessRelease;
  /** Differences in the VitessCluster (and PVC). */
  readonly differences: readonly NamedDifference[];
  /** Objects the rebuild emits that the upstream file does not contain. */
  readonly extraObjects?: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly why: string }>;
  /** Upstream's init_db.sql lacks the `CREATE DATABASE _vt` statement the library always has. */
  readonly upstreamSqlLacksSidecarDb?: boolean;
  /** An older release lacking one of the example's features, and the error synth must give there. */
  readonly olderRelease?: { readonly release: VitessRelease; readonly error: string };
}

const SERVER_VERSION_PATH = ['spec', 'cells', 0, 'gateway', 'extraFlags', 'mysql_server_version'];

/** vtgate's advertised MySQL version: the operator cannot derive it from vitess/lite tags (pains M4), so the library always sets it. */
const serverVersion = (v: string): NamedDifference => ({
  path: SERVER_VERSION_PATH, upstream: undefined, ours: v,
  why: 'the library sets vtgate mysql_server_version, which the operator only derives from official mysql:X.Y.Z tags (pains M4)',
});

/** The auth Secret is owned by the cluster construct, so every rebuild emits it; upstream applies it once with 101. */
const AUTH_SECRET = { kind: 'Secret', name: 'example-cluster-config', why: 'the cluster construct owns its auth Secret; upstream applies it once, with 101' };

const CASES: Record<string, Case> = {
  '101_initial_cluster.yaml': {
    release: VitessRelease.V24,
    differences: [serverVersion('8.0.40-Vitess')],
  },
  '101_initial_cluster_backup_schedule.yaml': {
    release: VitessRelease.V24,
    differences: [serverVersion('8.0.40-Vitess')],
    upstreamSqlLacksSidecarDb: true,
    olderRelease: { release: VitessRelease.V19, error: "backup.schedules: this field needs operator 2.13 or later; the operator 2.12.0 (Vitess 19) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V20 (operator 2.13) or later" },
  },
  '102_keyspace_teardown.yaml': {
    release: VitessRelease.V24,
    differences: [
      serverVersion('8.0.40-Vitess'),
      { path: ['spec', 'keyspaces'], upstream: null, ours: [], why: "upstream's empty `keyspaces:` parses as null (not valid against the CRD's array type); the library writes the empty list" },
    ],
    extraObjects: [AUTH_SECRET],
  },
  '103_initial_cluster_vtctldclient_backup_schedule.yaml': {
    release: VitessRelease.V24,
    differences: [serverVersion('8.4.6-Vitess')],
    upstreamSqlLacksSidecarDb: true,
    olderRelease: { release: VitessRelease.V23, error: 'backup.schedules[0].backupMethod: this field needs operator 2.17 or later; the operator 2.16.0 (Vitess 23) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V24 (operator 2.17) or later' },
  },
  '201_customer_tablets.yaml': {
    release: VitessRelease.V24,
    differences: [serverVersion('8.0.40-Vitess')],
    extraObjects: [AUTH_SECRET],
  },
  '302_new_shards.yaml': {
    release: VitessRelease.V24,
    differences: [serverVersion('8.0.40-Vitess')],
    extraObjects: [AUTH_SECRET],
    olderRelease: { release: VitessRelease.V22, error: 'keyspaces[1].partitionings[1].equal.hexWidth: this field needs operator 2.16 or later; the operator 2.15.1 (Vitess 22) CRD does not know it and the API server would prune it. Fix: target VitessRelease.V23 (operator 2.16) or later' },
  },
};

beforeEach(() => { delete process.env.EXAMPLE_VTGATE_PASSWORD; });

function get(obj: any, path: Path): unknown {
  return path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function set(obj: any, path: Path, value: unknown): void {
  const parent = get(obj, path.slice(0, -1)) as any;
  const key = path[path.length - 1];
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}

/** SQL statements without comments and with whitespace normalised, so layout and comments do not count. */
function statements(sql: string): string[] {
  return sql.split('\n').filter((l) => !/^\s*(#|--)/.test(l)).join('\n').split(';')
    .map((s) => s.replace(/\s+/g, ' ').replace(/\s*=\s*/g, '=').trim())
    .filter(Boolean);
}

const key = (o: any) => `${o.kind}/${o.metadata?.name}`;

describe.each(Object.entries(UPSTREAM_EXAMPLES))('upstream example %s', (file, build: (app: App, release?: VitessRelease) => Chart) => {
  const c = CASES[file];
  const upstream = () => readUpstreamYaml('examples', file);

  it('has a case describing its expected differences', () => {
    expect(c).toBeDefined();
  });

  it('emits the upstream objects, plus only the named extra ones', () => {
    const ours = synth(build(Testing.app())).map(key).sort();
    const expected = [...upstream().map(key), ...(c.extraObjects ?? []).map((x) => `${x.kind}/${x.name}`)].sort();
    expect(ours).toEqual(expected);
  });

  it('synthesizes a VitessCluster (and PVC) equal to upstream, except for the named differences', () => {
    const ours = synth(build(Testing.app()));
    for (const up of upstream().filter((o) => o.kind !== 'Secret')) {
      const mine = structuredClone(ours.find((o) => key(o) === key(up)));
      const theirs = structuredClone(up);
      if (up.kind === 'VitessCluster') {
        for (const d of c.differences) {
          expect(get(theirs, d.path), `upstream at ${d.path.join('.')} (${d.why})`).toEqual(d.upstream);
          expect(get(mine, d.path), `ours at ${d.path.join('.')} (${d.why})`).toEqual(d.ours);
          set(mine, d.path, d.upstream);
        }
      }
      expect(mine).toEqual(theirs);
    }
  });

  it('renders the Secret upstream ships, except for the password and the init script\'s variable name', () => {
    const up = upstream().find((o) => o.kind === 'Secret');
    if (!up) return expect(c.extraObjects?.some((x) => x.kind === 'Secret')).toBe(true);
    const mine = synth(build(Testing.app())).find((o) => key(o) === key(up));
    expect(mine.metadata).toEqual(up.metadata);
    expect(mine.type).toBe(up.type);
    expect(Object.keys(mine.stringData).sort()).toEqual(Object.keys(up.stringData).sort());

    // Named difference: upstream's user has an empty password; the library refuses one and stores a native hash instead.
    const theirUsers = JSON.parse(up.stringData['users.json']);
    const ourUsers = JSON.parse(mine.stringData['users.json']);
    expect(Object.keys(ourUsers)).toEqual(Object.keys(theirUsers));
    for (const [user, entries] of Object.entries<any[]>(theirUsers)) {
      expect(entries.map((e) => e.Password)).toEqual(entries.map(() => ''));
      expect(ourUsers[user].map((e: any) => e.UserData)).toEqual(entries.map((e) => e.UserData));
      for (const e of ourUsers[user]) expect(e.MysqlNativePassword).toMatch(/^\*[0-9A-F]{40}$/);
    }

    // Named differences in init_db.sql: the saved super_read_only variable has the library's name, and the
    // library always creates the _vt sidecar database (upstream's backup fixtures dropped that statement).
    const theirs = statements(up.stringData['init_db.sql']).map((s) => s.replace(/@original_super_read_only/g, '@cdk8s_vitess_super_read_only'));
    const ours = statements(mine.stringData['init_db.sql']);
    const sidecar = 'CREATE DATABASE IF NOT EXISTS _vt';
    expect(theirs.includes(sidecar)).toBe(!c.upstreamSqlLacksSidecarDb);
    expect(ours.filter((s) => !c.upstreamSqlLacksSidecarDb || s !== sidecar)).toEqual(theirs);
  });

  it(`validates against the CRD schema of its target release with zero unknown fields`, () => {
    const objects = synth(build(Testing.app(), c.release));
    expect(objects.some((o) => o.kind === 'VitessCluster')).toBe(true);
    expect(schemaErrors(objects, c.release)).toEqual([]);
  });

  if (c?.olderRelease) {
    it(`fails synth for ${c.olderRelease.release}, naming the missing feature and the first release that has it`, () => {
      expect(synthErrors(build(Testing.app(), c.olderRelease!.release))).toContain(c.olderRelease!.error);
    });
  } else {
    it('uses no version-gated field, so no release would prune any of it', () => {
      const spec = synth(build(Testing.app())).find((o) => o.kind === 'VitessCluster').spec;
      for (const release of VitessRelease.all()) expect(checkFieldGates(spec, release)).toEqual([]);
    });
  }
});
