import { walkSpec } from './field-gates';
import { Problem } from './problems';

/**
 * Flag hygiene for every `extraFlags`-like map of a VitessCluster spec (pains U3, U4; rules 7–9).
 *
 * Vitess binaries exit on an unknown flag, so a removed flag in an `extraFlags` map crash-loops the pod;
 * the operator merges user flags with its own by exact name, so `db-charset` next to the operator's
 * `db_charset` passes both; and since Vitess 25 only dashed names exist (glog flags excepted).
 */

/** Vitess programs that receive flags from the spec. */
export type VitessProgram = 'vtgate' | 'vttablet' | 'vtctld' | 'vtorc' | 'vtadmin' | 'vtbackup' | 'vtctldclient';

/** Where the spec carries flags, and which programs get them (facts §2.1: extraVitessFlags reach four of them). */
export const FLAG_MAPS: ReadonlyArray<{ readonly path: RegExp; readonly programs: readonly VitessProgram[] }> = [
  { path: /^extraVitessFlags$/, programs: ['vtgate', 'vtctld', 'vtorc', 'vttablet'] },
  { path: /^cells\[\d+\]\.gateway\.extraFlags$/, programs: ['vtgate'] },
  { path: /^vitessDashboard\.extraFlags$/, programs: ['vtctld'] },
  { path: /^vtadmin\.extraFlags$/, programs: ['vtadmin'] },
  { path: /^keyspaces\[\d+\]\.vitessOrchestrator\.extraFlags$/, programs: ['vtorc'] },
  { path: /\.tabletPools\[\d+\]\.vttablet\.extraFlags$/, programs: ['vttablet'] },
  { path: /\.tabletPools\[\d+\]\.vttablet\.vtbackupExtraFlags$/, programs: ['vtbackup'] },
  { path: /^backup\.schedules\[\d+\]\.strategies\[\d+\]\.extraFlags$/, programs: ['vtctldclient'] },
];

/** A flag Vitess deleted: passing it makes the program exit at start. */
export interface RemovedFlag {
  /** Flag name as it was spelled (compared ignoring `_` vs `-`). */
  readonly name: string;
  /** First Vitess major without it. */
  readonly removedIn: number;
  /** Programs that had it. */
  readonly programs: readonly VitessProgram[];
  readonly instead: string;
  /** Where the removal is recorded. */
  readonly source: string;
}

/** Deny list of removed flags, by Vitess major (rule 8). Extend it as Vitess deletes more. */
export const REMOVED_FLAGS: readonly RemovedFlag[] = [
  { name: 'enable_queries', removedIn: 15, programs: ['vtctld'], instead: 'drop it: vtctld no longer serves queries', source: 'vitessio/vitess#10646, planetscale/vitess-operator#300' },
  { name: 'enable_semi_sync', removedIn: 15, programs: ['vttablet'], instead: 'drop it: semi-sync follows the keyspace durabilityPolicy (e.g. DurabilityPolicy.SEMI_SYNC)', source: 'vitessio/website#1103' },
  { name: 'enable_realtime_stats', removedIn: 16, programs: ['vtctld'], instead: 'drop it', source: 'vitessio/vitess#11851, planetscale/vitess-operator#366' },
  { name: 'durability_policy', removedIn: 18, programs: ['vtctld', 'vtorc'], instead: 'drop it: the durability policy lives in the keyspace record (keyspace durabilityPolicy)', source: 'vitessio/vitess#14070' },
  { name: 'use_super_read_only', removedIn: 18, programs: ['vttablet'], instead: 'drop it: super_read_only is always on since Vitess 17', source: 'vitessio/vitess#14070' },
  { name: 'disable-replication-manager', removedIn: 18, programs: ['vttablet'], instead: 'drop it: vtorc repairs replication', source: 'vitessio/vitess#14070' },
  { name: 'init_populate_metadata', removedIn: 18, programs: ['vttablet'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'vtctld_addr', removedIn: 18, programs: ['vttablet', 'vtgate'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'vtctld_show_topology_crud', removedIn: 18, programs: ['vtctld'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'lock-shard-timeout', removedIn: 18, programs: ['vtorc', 'vtctld'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'orc_web_dir', removedIn: 18, programs: ['vtorc'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'queryserver-config-pool-prefill-parallelism', removedIn: 18, programs: ['vttablet'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'queryserver-config-stream-pool-prefill-parallelism', removedIn: 18, programs: ['vttablet'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'queryserver-config-transaction-prefill-parallelism', removedIn: 18, programs: ['vttablet'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'queryserver-config-schema-change-signal-interval', removedIn: 18, programs: ['vttablet'], instead: 'drop it', source: 'vitessio/vitess#14070' },
  { name: 'vreplication_tablet_type', removedIn: 20, programs: ['vttablet'], instead: 'pass --tablet-types to the MoveTables/Reshard command instead', source: 'planetscale/vitess-operator#575' },
];

/** Flags the operator itself passes, spelled as it spells them (pains U4, M4). A user's other spelling would be passed too, not replace it. */
export const OPERATOR_FLAGS: Readonly<Partial<Record<VitessProgram, readonly string[]>>> = {
  vtgate: ['cells_to_watch', 'mysql_server_version', 'topo_implementation', 'topo_global_server_address', 'topo_global_root'],
  vttablet: ['db_charset', 'topo_implementation', 'topo_global_server_address', 'topo_global_root'],
  vtctld: ['topo_implementation', 'topo_global_server_address', 'topo_global_root'],
  vtorc: ['topo_implementation', 'topo_global_server_address', 'topo_global_root'],
};

/** glog flags keep their underscores in every Vitess version (vitessio/vitess#20687). */
const GLOG_FLAGS = new Set(['log_dir', 'logtostderr', 'alsologtostderr', 'stderrthreshold', 'log_backtrace_at', 'v', 'vmodule', 'log_link', 'log_file_max_size']);

/** Spelling rules by Vitess major (vitessio/vitess#17880): both forms work from 23, only dashes from 25. */
export const DASHED_ONLY_FROM = 25;

/** Flags every program in the FLAG_MAPS sense accepts: topology, gRPC TLS and logging (rule 9). */
const SHARED_FLAG_PREFIXES = ['topo', 'grpc', 'tablet_manager_grpc', 'tablet-manager-grpc'];

const normal = (flag: string) => flag.replace(/_/g, '-');

/** Errors for one flag map of the spec. `field` is its spec path. */
export function checkFlags(field: string, flags: Readonly<Record<string, unknown>>, vitessMajor: number): Problem[] {
  const map = FLAG_MAPS.find((m) => m.path.test(field));
  if (!map) return [];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const name of Object.keys(flags)) {
    const at = `${field}.${name}`;
    if (name.startsWith('-')) {
      problems.push({ field: at, message: 'flag names must not start with dashes (the operator adds them)', fix: `write '${name.replace(/^-+/, '')}'` });
      continue;
    }
    const other = seen.get(normal(name));
    // A clash with the operator's own spelling (e.g. the vtgate mysql_server_version the library sets) is
    // reported once, below, with the spelling that replaces it.
    const operatorSpelling = map.programs.some((p) => OPERATOR_FLAGS[p]?.includes(other ?? ''));
    if (other !== undefined && !operatorSpelling) {
      problems.push({ field: at, message: `'${name}' and '${other}' are the same flag spelled twice; both would be passed and one silently wins`, fix: 'keep one spelling' });
    }
    seen.set(normal(name), name);
    const removed = REMOVED_FLAGS.find((r) => normal(r.name) === normal(name) && vitessMajor >= r.removedIn && r.programs.some((p) => map.programs.includes(p)));
    if (removed) {
      problems.push({ field: at, message: `Vitess ${removed.removedIn} removed the flag '${name}' (${removed.source}); Vitess ${vitessMajor} ${removed.programs.join('/')} would exit with 'unknown flag'`, fix: removed.instead });
    }
    for (const program of map.programs) {
      const theirs = OPERATOR_FLAGS[program]?.find((f) => normal(f) === normal(name) && f !== name);
      if (theirs) {
        problems.push({ field: at, message: `the operator passes '${theirs}' to ${program} itself; '${name}' would be passed as a second flag instead of replacing it`, fix: `spell it '${theirs}' so your value replaces the operator's` });
        break;
      }
    }
    if (vitessMajor >= DASHED_ONLY_FROM && name.includes('_') && !GLOG_FLAGS.has(name)) {
      problems.push({ field: at, message: `Vitess ${vitessMajor} only accepts dashed flag names; '${name}' would be rejected`, fix: `write '${normal(name)}'` });
    }
  }
  return problems;
}

/** Warnings for `extraVitessFlags` entries that not every receiving program may know (rule 9). */
export function warnSharedFlags(flags: Readonly<Record<string, unknown>> | undefined): Problem[] {
  return Object.keys(flags ?? {})
    .filter((name) => !GLOG_FLAGS.has(name) && !SHARED_FLAG_PREFIXES.some((p) => name === p || name.startsWith(`${p}_`) || name.startsWith(`${p}-`)))
    .map((name) => ({
      field: `extraVitessFlags.${name}`,
      message: `extraVitessFlags go to vtgate, vtctld, vtorc and vttablet alike; if one of them does not know '${name}' it exits at start`,
      fix: 'put the flag in the extraFlags of the one component that needs it (gateway, vttablet, vtorc or dashboard)',
    }));
}

/** Checks every flag map of a rendered VitessCluster spec. */
export function checkSpecFlags(spec: unknown, vitessMajor: number): Problem[] {
  const problems: Problem[] = [];
  walkSpec(spec, (path, _generic, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) problems.push(...checkFlags(path, value as Record<string, unknown>, vitessMajor));
  });
  return problems;
}
