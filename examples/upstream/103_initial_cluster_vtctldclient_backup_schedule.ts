import { App, Chart } from 'cdk8s';
import { BackupMethod, VitessRelease } from '../../lib';
import { commerceSchedule } from './101_initial_cluster_backup_schedule';
import { exampleBackup, exampleCluster, exampleKeyspace, exampleMysql } from './common';

/**
 * `103_initial_cluster_vtctldclient_backup_schedule.yaml`: MySQL 8.4 (the -mysql84 lite images, whose
 * xtrabackup can back it up) and the same shard scheduled with both backup methods (operator 2.17+).
 */
export function upstream103VtctldclientBackupSchedule(app: App, release = VitessRelease.V24): Chart {
  const { chart, cluster, zone1 } = exampleCluster(app, '103-vtctldclient-backup-schedule', {
    release,
    mysql: exampleMysql('8.4'),
    backup: exampleBackup('create', {
      schedules: [
        commerceSchedule('vtbackup-every-minute', '* * * * *', '1024Mi', { backupMethod: BackupMethod.VTBACKUP }),
        commerceSchedule('vtctldclient-every-minute', '* * * * *', '256Mi', { backupMethod: BackupMethod.VTCTLDCLIENT }),
      ],
    }),
  });
  exampleKeyspace(cluster, 'commerce', zone1, { vttabletMemory: '1024Mi' });
  return chart;
}
