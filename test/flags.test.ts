import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, checkFlags, checkSpecFlags, Password, REMOVED_FLAGS, TabletType, VitessCluster, VitessClusterProps, VitessRelease, Warnings } from '../lib';
import { synthErrors } from './support/synth';

function cluster(props: Partial<VitessClusterProps>, flags: { gateway?: Record<string, string>; vttablet?: Record<string, string>; vtorc?: Record<string, string> } = {}) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, ...props });
  const cell = vc.addCell('zone1', { gateway: { extraFlags: flags.gateway } });
  vc.addKeyspace('ks', { vtorc: flags.vtorc && { extraFlags: flags.vtorc } }).addTabletPool('p', { cell, type: TabletType.REPLICA, replicas: 2, vttablet: { extraFlags: flags.vttablet } });
  return chart;
}

describe('flag hygiene', () => {
  it('accepts the upstream examples\' flags on Vitess 23–24, in either spelling', () => {
    expect(synthErrors(cluster({}, { gateway: { 'tablet-refresh-interval': '10s' }, vttablet: { db_charset: 'utf8mb4' }, vtorc: { 'instance-poll-time': '3s' } }))).toBe('');
    expect(synthErrors(cluster({}, { gateway: { tablet_refresh_interval: '10s' } }))).toBe('');
  });

  it('refuses the same flag spelled both ways', () => {
    expect(synthErrors(cluster({}, { gateway: { tablet_refresh_interval: '10s', 'tablet-refresh-interval': '5s' } })))
      .toContain("[t/vc] cells[0].gateway.extraFlags.tablet-refresh-interval: 'tablet-refresh-interval' and 'tablet_refresh_interval' are the same flag spelled twice");
  });

  it('refuses a second spelling of a flag the operator sets, so the user value really replaces it', () => {
    expect(synthErrors(cluster({}, { vttablet: { 'db-charset': 'utf8mb4' } })))
      .toContain("keyspaces[0].partitionings[0].equal.shardTemplate.tabletPools[0].vttablet.extraFlags.db-charset: the operator passes 'db_charset' to vttablet itself; 'db-charset' would be passed as a second flag instead of replacing it. Fix: spell it 'db_charset'");
  });

  it('refuses a flag removed in the target Vitess, and only there', () => {
    const flags = { vttablet: { vreplication_tablet_type: 'replica' } };
    expect(synthErrors(cluster({ release: VitessRelease.V20 }, flags))).toContain("vttablet.extraFlags.vreplication_tablet_type: Vitess 20 removed the flag 'vreplication_tablet_type'");
    expect(synthErrors(cluster({ release: VitessRelease.V19 }, flags))).toBe('');
    expect(synthErrors(cluster({ dashboard: { extraFlags: { enable_queries: 'true' } } }))).toContain("vitessDashboard.extraFlags.enable_queries: Vitess 15 removed the flag 'enable_queries'");
  });

  it('matches removed flags in either spelling, and only for the programs that had them', () => {
    expect(checkFlags('vitessDashboard.extraFlags', { 'enable-queries': 'true' }, 24)).toHaveLength(1);
    expect(checkFlags('cells[0].gateway.extraFlags', { enable_queries: 'true' }, 24)).toEqual([]);
    for (const r of REMOVED_FLAGS) expect(r.removedIn).toBeGreaterThanOrEqual(14);
  });

  it('requires dashed names from Vitess 25, except glog flags', () => {
    const problems = checkFlags('cells[0].gateway.extraFlags', { tablet_refresh_interval: '10s', log_dir: '/tmp', 'tablet-types': 'x' }, 25);
    expect(problems.map((p) => p.field)).toEqual(['cells[0].gateway.extraFlags.tablet_refresh_interval']);
    expect(problems[0].fix).toBe("write 'tablet-refresh-interval'");
    expect(checkFlags('cells[0].gateway.extraFlags', { tablet_refresh_interval: '10s' }, 24)).toEqual([]);
  });

  it('refuses leading dashes in component flags', () => {
    expect(synthErrors(cluster({}, { vtorc: { '--instance-poll-time': '3s' } }))).toContain("vitessOrchestrator.extraFlags.--instance-poll-time: flag names must not start with dashes");
  });

  it('ignores maps that are not Vitess flags (exporter, etcd)', () => {
    expect(checkSpecFlags({ keyspaces: [{ partitionings: [{ equal: { shardTemplate: { tabletPools: [{ mysqldExporter: { extraFlags: { 'collect.a_b': 'x', 'collect-a-b': 'y' } } }] } } }] }] }, 24)).toEqual([]);
  });

  it('warns that extraVitessFlags reach every component, except topology/TLS/logging flags', () => {
    const warnings = Warnings.collect(cluster({ extraVitessFlags: { topo_etcd_tls_ca: '/ca', grpc_key: '/k', logtostderr: 'true', queryserver_config_pool_size: '10' } }));
    expect(warnings.filter((w) => w.includes('extraVitessFlags'))).toEqual([expect.stringContaining('[t/vc] extraVitessFlags.queryserver_config_pool_size: extraVitessFlags go to vtgate, vtctld, vtorc and vttablet alike')]);
  });
});
