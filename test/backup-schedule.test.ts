import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  AuthSecret, BackupConcurrencyPolicy, BackupLocation, BackupMethod, BackupSchedule, BackupStrategy, FREQUENCY_GRID, parseDurationMinutes,
  Partitioning, Password, ScheduledBackup, TabletType, VitessCluster, VitessRelease, Warnings,
} from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

const res = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };
const daily = (extra: Partial<ScheduledBackup> = {}): ScheduledBackup => ({
  name: 'daily', schedule: BackupSchedule.cron('0 3 * * *'), resources: res, strategies: [BackupStrategy.shard('ks', '-80')], ...extra,
});

function cluster(schedules: ScheduledBackup[], release = VitessRelease.V24) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, release, backup: { locations: [BackupLocation.gcs({ bucket: 'b' })], schedules } });
  const cell = vc.addCell('zone1');
  vc.addKeyspace('ks', { partitionings: [Partitioning.equal(2)] }).addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 2 });
  vc.addKeyspace('other').addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 2 });
  return { chart, vc };
}
const schedules = (chart: Chart) => vitessCluster(synth(chart)).spec.backup.schedules;

describe('BackupSchedule', () => {
  it('knows the frequency grid: divisors of an hour in minutes, divisors of a day in hours', () => {
    expect(FREQUENCY_GRID).toEqual(['1m', '2m', '3m', '4m', '5m', '6m', '10m', '12m', '15m', '20m', '30m', '1h', '2h', '3h', '4h', '6h', '8h', '12h', '24h']);
    expect(parseDurationMinutes('1h30m')).toBe(90);
    expect(parseDurationMinutes('90s')).toBeUndefined();
    expect(parseDurationMinutes('')).toBeUndefined();
  });

  it.each(['6h', '15m', '24h', '60m'])('accepts frequency %s', (f) => {
    expect(BackupSchedule.frequency(f).check('s')).toEqual([]);
  });

  it.each(['7m', '5h', '90m', '48h', 'daily', '30s'])('refuses frequency %s with the grid in the fix', (f) => {
    const [p] = BackupSchedule.frequency(f).check('s');
    expect(p.field).toBe('s.frequency');
    expect(p.fix).toContain('1m, 2m, 3m');
  });

  it.each(['* * * * *', '*/5 * * * *', '0 3 * * 1-5', '@daily', '@every 6h'])('accepts cron %s', (c) => {
    expect(BackupSchedule.cron(c).check('s')).toEqual([]);
  });

  it.each(['* * * *', 'every day', '0 3 * * * *'])('refuses cron %s', (c) => {
    expect(BackupSchedule.cron(c).check('s')[0].message).toContain('is not a 5-field cron expression');
  });
});

describe('scheduled backups', () => {
  it('renders cron schedules without scope for Shard strategies, with default strategy names', () => {
    expect(schedules(cluster([daily()]).chart)).toEqual([{ name: 'daily', schedule: '0 3 * * *', resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } }, strategies: [{ name: 'ks-x-80', keyspace: 'ks', shard: '-80' }] }]);
  });

  it('renders frequency, scopes, method and job settings (operator 2.17), valid against the CRD', () => {
    const { chart } = cluster([{
      name: 'spread', schedule: BackupSchedule.frequency('6h'), resources: res, backupMethod: BackupMethod.VTCTLDCLIENT,
      strategies: [BackupStrategy.keyspace('ks'), BackupStrategy.shard('other', '-', { extraFlags: { 'allow-primary': 'true' } })],
      concurrencyPolicy: BackupConcurrencyPolicy.FORBID, jobTimeoutMinute: 60, successfulJobsHistoryLimit: 1, tolerations: [{ key: 'backup', operator: 'Exists', effect: 'NoSchedule' }],
    }, { name: 'all', schedule: BackupSchedule.frequency('24h'), resources: res, strategies: [BackupStrategy.cluster()] }]);
    const [spread, all] = schedules(chart);
    expect(spread).toMatchObject({ frequency: '6h', backupMethod: 'vtctldclient', concurrencyPolicy: 'Forbid', jobTimeoutMinute: 60, tolerations: [{ key: 'backup', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(spread.strategies).toEqual([{ name: 'ks', scope: 'Keyspace', keyspace: 'ks' }, { name: 'other-x-x', keyspace: 'other', shard: '-', extraFlags: { 'allow-primary': 'true' } }]);
    expect(all.strategies).toEqual([{ name: 'cluster', scope: 'Cluster' }]);
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('names the strategy BackupShard on operator 2.13–2.14, whose CRD allows no other name, and validates there', () => {
    const { chart } = cluster([daily()], VitessRelease.V21);
    expect(schedules(chart)[0].strategies).toEqual([{ name: 'BackupShard', keyspace: 'ks', shard: '-80' }]);
    expect(schemaErrors(synth(chart), VitessRelease.V21)).toEqual([]);
    expect(synthErrors(cluster([daily({ strategies: [BackupStrategy.shard('ks', '-80', { name: 'mine' })] })], VitessRelease.V21).chart))
      .toContain("[t/vc/Backup] schedules[0].strategies[0].name: operator 2.14.0 (Vitess 21) only accepts the strategy name 'BackupShard', not 'mine'");
  });

  it('gates frequency, scope and backupMethod to 2.17 and schedules to 2.13', () => {
    const v23 = synthErrors(cluster([{ ...daily(), schedule: BackupSchedule.frequency('6h'), backupMethod: BackupMethod.VTBACKUP, strategies: [BackupStrategy.keyspace('ks')] }], VitessRelease.V23).chart);
    for (const f of ['backup.schedules[0].frequency', 'backup.schedules[0].backupMethod', 'backup.schedules[0].strategies[0].scope']) {
      expect(v23).toContain(`${f}: this field needs operator 2.17 or later`);
    }
    expect(synthErrors(cluster([daily()], VitessRelease.V19).chart)).toContain('backup.schedules: this field needs operator 2.13 or later');
  });

  it('refuses unknown keyspaces and shards, naming the defined ones', () => {
    const errors = synthErrors(cluster([daily({ strategies: [BackupStrategy.shard('nope', '-'), BackupStrategy.shard('ks', '-')] })]).chart);
    expect(errors).toContain("schedules[0].strategies[0].keyspace: keyspace 'nope' is not defined in this cluster. Fix: use one of: ks, other");
    expect(errors).toContain("schedules[0].strategies[1].shard: keyspace 'ks' has no shard '-'. Fix: use one of: -80, 80-");
  });

  it('refuses strategies whose shards collide, as the operator does', () => {
    const errors = synthErrors(cluster([daily({ strategies: [BackupStrategy.keyspace('ks'), BackupStrategy.shard('ks', '80-')] })]).chart);
    expect(errors).toContain('schedules[0].strategies[1]: shard ks/80- is already covered by strategies[0]');
  });

  it('refuses strategy extraFlags when the method ignores them', () => {
    const flagged = [BackupStrategy.shard('ks', '-80', { extraFlags: { 'allow-primary': 'true' } })];
    expect(synthErrors(cluster([daily({ strategies: flagged })]).chart)).toContain('schedules[0].strategies[0].extraFlags: strategy extraFlags are vtctldclient BackupShard flags, but this schedule backs up with vtbackup');
    expect(synthErrors(cluster([daily({ strategies: flagged })], VitessRelease.V22).chart)).toContain('drop them: this release always uses vtbackup');
    expect(synthErrors(cluster([daily({ strategies: flagged })], VitessRelease.V21).chart)).toBe('');
  });

  it('refuses empty resources, no strategies, duplicate and invalid names, negative limits', () => {
    const errors = synthErrors(cluster([
      daily({ resources: {}, strategies: [] }),
      daily({ name: 'daily' }),
      daily({ name: 'Bad_Name', successfulJobsHistoryLimit: -1 }),
    ]).chart);
    expect(errors).toContain('schedules[0].resources: the backup job has no resources');
    expect(errors).toContain('schedules[0].strategies: the schedule has no strategies');
    expect(errors).toContain("schedules[1]: backup schedule 'daily' is defined twice");
    expect(errors).toContain("schedules[2].name: 'Bad_Name' is not a valid schedule name");
    expect(errors).toContain('schedules[2].successfulJobsHistoryLimit: -1 is not a whole number ≥ 0');
  });

  it('warns about successfulJobsHistoryLimit 0', () => {
    expect(Warnings.collect(cluster([daily({ successfulJobsHistoryLimit: 0 })]).chart)).toContainEqual(expect.stringContaining('schedules[0].successfulJobsHistoryLimit: with 0 finished jobs kept'));
  });

  it('can be added after construction', () => {
    const { chart, vc } = cluster([]);
    vc.backup!.addSchedule(daily({ name: 'late' }));
    expect(schedules(chart).map((s: any) => s.name)).toEqual(['late']);
  });
});

describe('untyped (JavaScript) input', () => {
  it('reports a schedule without timing or strategies instead of throwing', () => {
    const errors = synthErrors(cluster([{ name: 'js', resources: res } as unknown as ScheduledBackup]).chart);
    expect(errors).toContain('[t/vc/Backup] schedules[0].schedule: the schedule has no timing');
    expect(errors).toContain('schedules[0].strategies: the schedule has no strategies');
  });
});
