import { App, Chart } from 'cdk8s';
import { BackupSchedule, BackupStrategy, ScheduledBackup, VitessRelease } from '../../lib';
import { exampleBackup, exampleCluster, exampleKeyspace, small } from './common';

/** A cron schedule for `commerce/-` as upstream's backup tests declare it. */
export function commerceSchedule(name: string, cron: string, memory: string, extra: Partial<ScheduledBackup> = {}): ScheduledBackup {
  return {
    name,
    schedule: BackupSchedule.cron(cron),
    resources: small(memory),
    successfulJobsHistoryLimit: 2,
    failedJobsHistoryLimit: 3,
    jobTimeoutMinute: 5,
    strategies: [BackupStrategy.shard('commerce', '-', { name: 'commerce-x' })],
    ...extra,
  };
}

/** `101_initial_cluster_backup_schedule.yaml`: backups every minute and every five minutes (operator 2.13+). */
export function upstream101InitialClusterBackupSchedule(app: App, release = VitessRelease.V24): Chart {
  const { chart, cluster, zone1 } = exampleCluster(app, '101-initial-cluster-backup-schedule', {
    release,
    backup: exampleBackup('create', {
      schedules: [
        commerceSchedule('every-minute', '* * * * *', '1024Mi'),
        commerceSchedule('every-five-minute', '*/5 * * * *', '1024Mi'),
      ],
    }),
  });
  // xtrabackup needs more vttablet memory than the other examples give it.
  exampleKeyspace(cluster, 'commerce', zone1, { vttabletMemory: '1024Mi' });
  return chart;
}
