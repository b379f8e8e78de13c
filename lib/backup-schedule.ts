import { k8s } from 'cdk8s-plus-27';
import { checkName } from './names';
import { checkCount, Problem } from './problems';
import { ContainerResources, checkResources, renderResources } from './resources';
import { VitessRelease } from './vitess-release';

/**
 * When a scheduled backup runs: a cron expression, or (operator 2.17+) a `frequency` the operator turns
 * into an evenly spread cron line.
 */
export class BackupSchedule {
  /** A standard 5-field cron expression (`'0 3 * * *'`) or a descriptor (`'@daily'`). */
  public static cron(expression: string): BackupSchedule {
    return new BackupSchedule('schedule', expression);
  }

  /**
   * A Go duration on the operator's grid: whole minutes dividing an hour (1m … 30m) or whole hours dividing a
   * day (1h … 24h). Operator 2.17+.
   */
  public static frequency(duration: string): BackupSchedule {
    return new BackupSchedule('frequency', duration);
  }

  private constructor(public readonly field: 'schedule' | 'frequency', public readonly value: string) {}

  public check(field: string): Problem[] {
    if (this.field === 'frequency') {
      const minutes = parseDurationMinutes(this.value);
      if (minutes === undefined || !FREQUENCY_GRID_MINUTES.includes(minutes)) {
        return [{
          field: `${field}.frequency`,
          message: minutes === undefined ? `'${this.value}' is not a Go duration in whole minutes` : `frequency '${this.value}' is not on the operator's grid, which only accepts intervals that divide an hour or a day evenly`,
          fix: `use one of ${FREQUENCY_GRID.join(', ')}, or BackupSchedule.cron(...) for anything else`,
        }];
      }
      return [];
    }
    const v = this.value.trim();
    const fields = v.split(/\s+/);
    const ok = v.startsWith('@') ? CRON_DESCRIPTOR.test(v) : fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
    return ok ? [] : [{ field: `${field}.schedule`, message: `'${this.value}' is not a 5-field cron expression`, fix: "write minute hour day-of-month month day-of-week, e.g. '0 3 * * *', or use '@daily'" }];
  }
}

/** The frequencies the operator accepts (facts §2.9: whole minutes dividing 60, whole hours dividing 24), as data. */
export const FREQUENCY_GRID: readonly string[] = [
  ...[1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30].map((m) => `${m}m`),
  ...[1, 2, 3, 4, 6, 8, 12, 24].map((h) => `${h}h`),
];
const FREQUENCY_GRID_MINUTES = FREQUENCY_GRID.map((f) => parseDurationMinutes(f)!);
const CRON_FIELD = /^[0-9A-Za-z*?/,\-]+$/;
const CRON_DESCRIPTOR = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every\s+\S+)$/;

/** Minutes in a Go duration like `6h`, `90m`, `1h30m`; undefined when not whole minutes. */
export function parseDurationMinutes(d: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(d);
  if (!m || d === '' || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return seconds % 60 === 0 ? seconds / 60 : undefined;
}

/** How scheduled backups are taken (operator 2.17 lets you choose; 2.15–2.16 always use vtbackup, 2.13–2.14 vtctldclient). */
export enum BackupMethod {
  /** A vtbackup pod restores the latest backup, catches up and backs up; no serving tablet is taken offline. Needs its own resources and volume. */
  VTBACKUP = 'vtbackup',
  /** `vtctldclient BackupShard` on a serving tablet; strategy extraFlags are its flags. */
  VTCTLDCLIENT = 'vtctldclient',
}

/** What happens when a backup job is still running at the next tick. */
export enum BackupConcurrencyPolicy {
  ALLOW = 'Allow',
  FORBID = 'Forbid',
}

/** Something that names a keyspace: a Keyspace construct or its name. */
export interface IKeyspaceRef {
  readonly name: string;
}

export interface BackupStrategyOptions {
  /**
   * Strategy name. Operator 2.13–2.14 only accept `BackupShard`.
   * @default - `BackupShard` before operator 2.15; otherwise `<keyspace>-<shard>`, `<keyspace>` or `cluster`
   */
  readonly name?: string;
  /** `vtctldclient BackupShard` flags; only used with BackupMethod.VTCTLDCLIENT. @default - none */
  readonly extraFlags?: Readonly<Record<string, string>>;
}

/** What one scheduled backup covers: a shard, every shard of a keyspace, or every shard of the cluster (the last two need operator 2.17). */
export class BackupStrategy {
  /** One shard (`'-'`, `'-80'`, …) of a keyspace. */
  public static shard(keyspace: IKeyspaceRef | string, shard: string, options: BackupStrategyOptions = {}): BackupStrategy {
    return new BackupStrategy('Shard', nameOf(keyspace), shard, options);
  }

  /** Every shard of a keyspace (operator 2.17+). */
  public static keyspace(keyspace: IKeyspaceRef | string, options: BackupStrategyOptions = {}): BackupStrategy {
    return new BackupStrategy('Keyspace', nameOf(keyspace), undefined, options);
  }

  /** Every shard of every keyspace (operator 2.17+). */
  public static cluster(options: BackupStrategyOptions = {}): BackupStrategy {
    return new BackupStrategy('Cluster', undefined, undefined, options);
  }

  private constructor(
    public readonly scope: 'Shard' | 'Keyspace' | 'Cluster',
    public readonly keyspace: string | undefined,
    public readonly shard: string | undefined,
    private readonly options: BackupStrategyOptions,
  ) {}

  public get extraFlags(): Readonly<Record<string, string>> | undefined {
    return this.options.extraFlags;
  }

  /** The strategy name for a release. */
  public nameFor(release: VitessRelease): string {
    if (this.options.name !== undefined) return this.options.name;
    if (!release.atLeast('2.15')) return 'BackupShard';
    if (this.scope === 'Cluster') return 'cluster';
    return this.scope === 'Keyspace' ? this.keyspace! : `${this.keyspace}-${safeShard(this.shard!)}`;
  }

  /** The CRD `strategies[]` item. `scope` is only emitted when it is not the default, Shard, so 2.13–2.16 CRDs accept it. */
  public render(release: VitessRelease): Record<string, unknown> {
    return {
      name: this.nameFor(release),
      ...(this.scope !== 'Shard' ? { scope: this.scope } : {}),
      ...(this.keyspace !== undefined ? { keyspace: this.keyspace } : {}),
      ...(this.shard !== undefined ? { shard: this.shard } : {}),
      ...(this.options.extraFlags ? { extraFlags: { ...this.options.extraFlags } } : {}),
    };
  }
}

export interface ScheduledBackup {
  /** Schedule name, unique in the cluster: letters, digits and `-`. */
  readonly name: string;
  /** When it runs. */
  readonly schedule: BackupSchedule;
  /** What it backs up; at least one. */
  readonly strategies: readonly BackupStrategy[];
  /** Resources of each backup job pod (with vtbackup it runs its own mysqld: size it like a tablet). */
  readonly resources: ContainerResources;
  /** @default - the operator's: BackupMethod.VTBACKUP on 2.15+ (not emitted) */
  readonly backupMethod?: BackupMethod;
  /** Finished jobs to keep. 0 caused create/delete loops before operator 2.17 (op#817). @default - operator default */
  readonly successfulJobsHistoryLimit?: number;
  /** @default - operator default */
  readonly failedJobsHistoryLimit?: number;
  /** Minutes before a backup job is killed. The operator's 10 is short for big shards. @default - operator default (10) */
  readonly jobTimeoutMinute?: number;
  /** @default false */
  readonly suspend?: boolean;
  /** @default - none */
  readonly startingDeadlineSeconds?: number;
  /** @default - operator default, BackupConcurrencyPolicy.FORBID */
  readonly concurrencyPolicy?: BackupConcurrencyPolicy;
  /** Missed runs the operator still catches up on. @default - operator default (100) */
  readonly allowedMissedRun?: number;
  /** Annotations of the job pods. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Tolerations of the job pods (operator 2.17+); `[]` clears the method's defaults. @default - the method's defaults */
  readonly tolerations?: readonly k8s.Toleration[];
  /** Affinity of the job pods. @default - none */
  readonly affinity?: k8s.Affinity;
}

/** Renders one `backup.schedules[]` item. */
export function renderScheduledBackup(o: ScheduledBackup, release: VitessRelease): Record<string, unknown> {
  const optional: Record<string, unknown> = {
    backupMethod: o.backupMethod,
    successfulJobsHistoryLimit: o.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: o.failedJobsHistoryLimit,
    jobTimeoutMinute: o.jobTimeoutMinute,
    suspend: o.suspend,
    startingDeadlineSeconds: o.startingDeadlineSeconds,
    concurrencyPolicy: o.concurrencyPolicy,
    allowedMissedRun: o.allowedMissedRun,
    annotations: o.annotations && { ...o.annotations },
    tolerations: o.tolerations?.map((t) => k8s.toJson_Toleration(t)),
    affinity: o.affinity && k8s.toJson_Affinity(o.affinity),
  };
  return {
    name: o.name,
    ...(o.schedule ? { [o.schedule.field]: o.schedule.value } : {}),
    resources: renderResources(o.resources) ?? {},
    strategies: (o.strategies ?? []).map((s) => s.render(release)),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** The method scheduled backups really use on a release (the field only exists from 2.17). */
export function effectiveBackupMethod(o: ScheduledBackup, release: VitessRelease): BackupMethod {
  if (release.atLeast('2.17')) return o.backupMethod ?? BackupMethod.VTBACKUP;
  return release.atLeast('2.15') ? BackupMethod.VTBACKUP : BackupMethod.VTCTLDCLIENT;
}

/** Problems of one schedule. `shardsOf` gives a keyspace's shard names, or undefined for an unknown keyspace. */
export function checkScheduledBackup(field: string, o: ScheduledBackup, release: VitessRelease, shardsOf: (keyspace: string) => string[] | undefined, allKeyspaces: string[]): Problem[] {
  const problems: Problem[] = [];
  const name = o.name;
  problems.push(...checkName('backupSchedule', `${field}.name`, name));
  if (!o.schedule) {
    problems.push({ field: `${field}.schedule`, message: 'the schedule has no timing', fix: "give schedule: BackupSchedule.cron('0 3 * * *') or BackupSchedule.frequency('24h')" });
  } else {
    problems.push(...o.schedule.check(field));
  }
  if (Object.keys(renderResources(o.resources) ?? {}).length === 0) {
    problems.push({ field: `${field}.resources`, message: 'the backup job has no resources, so it runs BestEffort and is the first pod evicted', fix: 'give requests (and a memory limit); with vtbackup size it like a tablet\'s mysqld' });
  }
  problems.push(...checkResources(`${field}.resources`, o.resources));
  for (const [k, v] of Object.entries({ successfulJobsHistoryLimit: o.successfulJobsHistoryLimit, failedJobsHistoryLimit: o.failedJobsHistoryLimit, jobTimeoutMinute: o.jobTimeoutMinute, startingDeadlineSeconds: o.startingDeadlineSeconds, allowedMissedRun: o.allowedMissedRun })) {
    problems.push(...checkCount(`${field}.${k}`, v, 'whole number ≥ 0'));
  }
  if (o.concurrencyPolicy !== undefined && !Object.values(BackupConcurrencyPolicy).includes(o.concurrencyPolicy)) {
    problems.push({ field: `${field}.concurrencyPolicy`, message: `'${o.concurrencyPolicy}' is not a concurrency policy${(o.concurrencyPolicy as string) === 'Replace' ? ' (the operator docs mention Replace, but the CRD does not accept it)' : ''}`, fix: 'use BackupConcurrencyPolicy.ALLOW or FORBID' });
  }
  if (o.backupMethod !== undefined && !Object.values(BackupMethod).includes(o.backupMethod)) {
    problems.push({ field: `${field}.backupMethod`, message: `'${o.backupMethod}' is not a backup method`, fix: 'use BackupMethod.VTBACKUP or VTCTLDCLIENT' });
  }
  const strategies = o.strategies ?? [];
  if (strategies.length === 0) {
    problems.push({ field: `${field}.strategies`, message: 'the schedule has no strategies, so it backs up nothing', fix: "add one, e.g. BackupStrategy.shard('commerce', '-')" });
  }
  const method = effectiveBackupMethod(o, release);
  const targets = new Map<string, number>();
  strategies.forEach((s, i) => {
    const at = `${field}.strategies[${i}]`;
    const strategyName = s.nameFor(release);
    if (!strategyName) problems.push({ field: `${at}.name`, message: 'the strategy name is empty', fix: 'give the strategy a name' });
    if (!release.atLeast('2.15') && strategyName !== 'BackupShard') {
      problems.push({ field: `${at}.name`, message: `${release} only accepts the strategy name 'BackupShard', not '${strategyName}'`, fix: "drop the name (the library then uses 'BackupShard') or target VitessRelease.V22 (operator 2.15) or later" });
    }
    if (s.extraFlags && method !== BackupMethod.VTCTLDCLIENT) {
      problems.push({ field: `${at}.extraFlags`, message: `strategy extraFlags are vtctldclient BackupShard flags, but this schedule backs up with ${method}, which ignores them`, fix: release.atLeast('2.17') ? 'set backupMethod: BackupMethod.VTCTLDCLIENT, or move the flags to the tablet pool\'s vttablet vtbackupExtraFlags' : 'drop them: this release always uses vtbackup for schedules' });
    }
    let shards: string[] = [];
    if (s.scope === 'Cluster') {
      shards = allKeyspaces.flatMap((k) => (shardsOf(k) ?? []).map((sh) => `${k}/${sh}`));
    } else {
      const known = shardsOf(s.keyspace!);
      if (!known) {
        problems.push({ field: `${at}.keyspace`, message: `keyspace '${s.keyspace}' is not defined in this cluster`, fix: `use one of: ${allKeyspaces.join(', ') || '(none defined)'}` });
      } else if (s.scope === 'Shard' && !known.includes(s.shard!)) {
        problems.push({ field: `${at}.shard`, message: `keyspace '${s.keyspace}' has no shard '${s.shard}'`, fix: `use one of: ${known.join(', ')}` });
      } else {
        shards = (s.scope === 'Shard' ? [s.shard!] : known).map((sh) => `${s.keyspace}/${sh}`);
      }
    }
    for (const t of shards) {
      if (targets.has(t)) problems.push({ field: at, message: `shard ${t} is already covered by strategies[${targets.get(t)}]; the operator rejects schedules whose targets collide`, fix: 'cover each shard once per schedule' });
      else targets.set(t, i);
    }
  });
  return problems;
}

/** Non-fatal findings of one schedule. */
export function warnScheduledBackup(field: string, o: ScheduledBackup): Problem[] {
  if (o.successfulJobsHistoryLimit === 0) {
    return [{ field: `${field}.successfulJobsHistoryLimit`, message: 'with 0 finished jobs kept, operator versions before 2.17 looped creating and deleting jobs and missed backups (op#817)', fix: 'keep at least 1' }];
  }
  return [];
}

function nameOf(k: IKeyspaceRef | string): string {
  return typeof k === 'string' ? k : k.name;
}

/** Shard safe name as in object names and labels: empty ends become `x` (`-` → `x-x`, `-80` → `x-80`). */
function safeShard(shard: string): string {
  const [start, end] = shard === '-' || shard === '0' ? ['', ''] : shard.split('-');
  return `${start || 'x'}-${end || 'x'}`;
}
