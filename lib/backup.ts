import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { BackupLocation } from './backup-location';
import { checkScheduledBackup, renderScheduledBackup, ScheduledBackup, warnScheduledBackup } from './backup-schedule';
import { clusterOf } from './cluster-context';
import { checkUnique } from './names';
import { addProblemCheck, Problem, Warnings } from './problems';
import type { VitessCluster } from './vitess-cluster';

/** How vttablet takes and restores backups. Changing it later needs a fresh backup of every shard. */
export enum BackupEngine {
  /** Vitess' own: stops a replica's mysqld and copies its files (the operator default). */
  BUILTIN = 'builtin',
  /** Percona XtraBackup: online, needs more vttablet memory and an xtrabackup matching the MySQL major. */
  XTRABACKUP = 'xtrabackup',
  /** MySQL Shell dump (operator 2.14+): logical and experimental; skips the mysql schema and users. */
  MYSQLSHELL = 'mysqlshell',
}

export interface BackupProps {
  /** Where backups go; at least one (add more with `addLocation`). @default - none yet */
  readonly locations?: readonly BackupLocation[];
  /** @default - not emitted: the operator's default, BackupEngine.BUILTIN */
  readonly engine?: BackupEngine;
  /** Scheduled backups (operator 2.13+). Add more with `addSchedule`. @default - none */
  readonly schedules?: readonly ScheduledBackup[];
  /**
   * Declares that every tablet and backup job runs on one node (minikube, kind). Only then are hostPath
   * locations and ReadWriteOnce claims accepted.
   * @default false
   */
  readonly singleNode?: boolean;
  /**
   * ServiceAccount of the backup-storage subcontroller pod, which the operator starts in the cluster's
   * namespace; needed when the cluster lives outside the operator's namespace.
   * @default - the operator's own ServiceAccount name
   */
  readonly subcontrollerServiceAccountName?: string;
}

/**
 * The cluster's backup configuration (`spec.backup`): locations, engine and schedules, plus any
 * PersistentVolumeClaim a location asked for. Created by `VitessCluster` from its `backup` prop.
 */
export class Backup extends Construct {
  private readonly locations: BackupLocation[] = [];
  private readonly schedules: ScheduledBackup[] = [];

  public constructor(scope: Construct, id: string, private readonly props: BackupProps = {}) {
    super(scope, id);
    if (clusterOf(scope, 'Backup') !== scope) throw new Error(`${this.node.path}: a Backup belongs directly to a VitessCluster; pass it as the cluster's backup prop`);
    for (const l of props.locations ?? []) this.addLocation(l);
    for (const s of props.schedules ?? []) this.addSchedule(s);
    addProblemCheck(this, () => this.check());
    Warnings.add(this, () => this.warnings());
  }

  public get engine(): BackupEngine | undefined {
    return this.props.engine;
  }

  /** Names of all locations ('' for the default one). */
  public get locationNames(): string[] {
    return this.locations.map((l) => l.name);
  }

  /** Adds a location; a `newVolumeClaim` location also gets its PersistentVolumeClaim. */
  public addLocation(location: BackupLocation): BackupLocation {
    this.locations.push(location);
    const claim = location.claimToCreate;
    if (claim) {
      new k8s.KubePersistentVolumeClaim(this, `Claim-${claim.claimName}`, {
        metadata: { name: claim.claimName, namespace: ApiObject.of(this.cluster).metadata.namespace },
        spec: {
          accessModes: [...claim.accessModes],
          resources: { requests: { storage: k8s.Quantity.fromString(claim.size) } },
          ...(claim.storageClassName ? { storageClassName: claim.storageClassName } : {}),
        },
      });
    }
    return location;
  }

  /** Adds a scheduled backup (operator 2.13+). */
  public addSchedule(schedule: ScheduledBackup): ScheduledBackup {
    this.schedules.push(schedule);
    return schedule;
  }

  /** The CRD `backup` object. */
  public render(): Record<string, unknown> {
    const release = this.cluster.release;
    return {
      ...(this.props.engine ? { engine: this.props.engine } : {}),
      locations: this.locations.map((l) => l.render()),
      ...(this.schedules.length ? { schedules: this.schedules.map((s) => renderScheduledBackup(s, release)) } : {}),
      ...(this.props.subcontrollerServiceAccountName ? { subcontroller: { serviceAccountName: this.props.subcontrollerServiceAccountName } } : {}),
    };
  }

  private get cluster(): VitessCluster {
    return this.node.scope as VitessCluster;
  }

  private check(): Problem[] {
    const cluster = this.cluster;
    const problems: Problem[] = [];
    if (this.locations.length === 0) {
      problems.push({ field: 'locations', message: 'backup is configured without a location (the CRD needs at least one)', fix: "add one, e.g. BackupLocation.s3({ region, bucket }) or BackupLocation.newVolumeClaim({ claimName: 'vitess-backups', size: '100Gi' })" });
    }
    // Unnamed locations get placeholders that never collide, so only named duplicates count here.
    problems.push(...checkUnique('locations', this.locations.map((l, i) => l.name || `\0${i}`), 'backup location'));
    const unnamed = this.locations.flatMap((l, i) => (l.name ? [] : [i]));
    for (const i of unnamed.slice(1)) {
      problems.push({ field: `locations[${i}].name`, message: `this location has no name, like locations[${unnamed[0]}]; only one location may be the unnamed default`, fix: 'give it a name; tablet pools then choose it with backupLocationName' });
    }
    const ctx = { singleNode: this.props.singleNode ?? false };
    this.locations.forEach((l, i) => problems.push(...l.check(`locations[${i}]`, ctx)));
    if (this.props.engine !== undefined && !Object.values(BackupEngine).includes(this.props.engine)) {
      problems.push({ field: 'engine', message: `'${this.props.engine}' is not a backup engine`, fix: 'use BackupEngine.BUILTIN, XTRABACKUP or MYSQLSHELL' });
    }
    problems.push(...this.checkXtrabackupImages());
    if (this.props.subcontrollerServiceAccountName === '') {
      problems.push({ field: 'subcontrollerServiceAccountName', message: 'the ServiceAccount name is empty', fix: 'name the ServiceAccount, or leave the prop out to use the operator\'s' });
    }
    problems.push(...checkUnique('schedules', this.schedules.map((s) => s.name), 'backup schedule'));
    const keyspaces = cluster.keyspaces;
    const shardsOf = (name: string) => {
      const ks = keyspaces.find((k) => k.name === name);
      return ks && [...new Set(ks.allPartitionings.flatMap((p) => p.shardNames()))];
    };
    this.schedules.forEach((s, i) => problems.push(...checkScheduledBackup(`schedules[${i}]`, s, cluster.release, shardsOf, keyspaces.map((k) => k.name))));
    return problems;
  }

  /** xtrabackup must match the MySQL major: the 8.0 build refuses to back up 8.4 (vitessio/vitess#17519). */
  private checkXtrabackupImages(): Problem[] {
    const cluster = this.cluster;
    if (this.props.engine !== BackupEngine.XTRABACKUP || cluster.mysql.version !== '8.4') return [];
    const images = cluster.images() as Record<string, string>;
    return (['vttablet', 'vtbackup'] as const)
      .filter((c) => /^vitess\/lite:/.test(images[c]) && !/-mysql84$/.test(images[c]))
      .map((c) => ({
        field: 'engine',
        message: `xtrabackup with MySQL 8.4 needs the -mysql84 vitess/lite image, but ${c} runs '${images[c]}', whose xtrabackup refuses to back up 8.4`,
        fix: `use ${cluster.release.liteImage('8.4') ?? 'a -mysql84 vitess/lite image'} for ${c}, or BackupEngine.BUILTIN`,
      }));
  }

  private warnings(): Problem[] {
    const w: Problem[] = [];
    this.locations.forEach((l, i) => w.push(...l.warnings(`locations[${i}]`)));
    this.schedules.forEach((s, i) => w.push(...warnScheduledBackup(`schedules[${i}]`, s)));
    if (this.props.engine === BackupEngine.MYSQLSHELL) {
      w.push({ field: 'engine', message: 'mysqlshell backups are experimental and logical: they skip the mysql schema and its users', fix: 'recreate users after a restore (init_db.sql does the Vitess ones), or use BackupEngine.XTRABACKUP' });
    }
    const mysqld = this.cluster.mysql.image(this.cluster.release) ?? '';
    if (/^(docker\.io\/)?(library\/)?mysql:/.test(mysqld)) {
      w.push({ field: 'engine', message: `the mysqld image '${mysqld}' is the official MySQL image, which lacks mysqlbinlog and xtrabackup: incremental backups and point-in-time restores fail`, fix: `use ${this.cluster.release.liteImage(this.cluster.mysql.version) ?? 'the release\'s vitess/lite image'} for mysqld (MysqlPreset without an image)` });
    }
    return w;
  }
}

/** The Backup of the cluster a construct belongs to, if any. */
export function backupOf(scope: IConstruct): Backup | undefined {
  const cluster = clusterOf(scope, 'TabletPool');
  return cluster.node.children.find((c): c is Backup => c instanceof Backup);
}

/** Problems of a tablet pool's `backupLocationName` (facts §2.8: it must match a location; '' is the unnamed one). */
export function checkBackupLocationName(pool: IConstruct, name: string | undefined): Problem[] {
  const backup = backupOf(pool);
  if (!backup) {
    return name === undefined ? [] : [{ field: 'backupLocationName', message: `location '${name}' is named, but the cluster has no backup configured`, fix: 'configure backup locations in the VitessCluster backup prop, or drop backupLocationName' }];
  }
  const names = backup.locationNames;
  const wanted = name ?? '';
  if (names.includes(wanted)) return [];
  const named = names.filter((n) => n).map((n) => `'${n}'`).join(', ');
  return [{
    field: 'backupLocationName',
    message: name === undefined ? `no backupLocationName, and the cluster has no unnamed (default) backup location, so these tablets have nowhere to back up to or restore from` : `backup location '${name}' is not defined`,
    fix: name === undefined
      ? (named ? `set backupLocationName to one of ${named}, or add a location without a name (the default)` : 'add a backup location, e.g. BackupLocation.s3({ region, bucket })')
      : (named ? `use one of ${named}, or add the location` : 'add a backup location with that name'),
  }];
}

