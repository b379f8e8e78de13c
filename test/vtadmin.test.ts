import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuthSecret, Password, SecretKeyRef, TabletType, VitessCluster, VitessRelease, VtAdminFetchCredentials, VtAdminOptions, VtAdminRbac, Warnings } from '../lib';
import { schemaErrors, synth, synthErrors, vitessCluster } from './support/synth';

function cluster(vtadmin?: VtAdminOptions, opts: { release?: VitessRelease; image?: string; cells?: string[] } = {}) {
  const chart = new Chart(Testing.app(), 't', { namespace: 'ns' });
  const auth = new AuthSecret(chart, 'auth', { users: [{ user: 'app', password: Password.plainText('pw-123456') }] });
  const vc = new VitessCluster(chart, 'vc', { name: 'demo', auth, vtadmin, release: opts.release, images: opts.image ? { vtadmin: opts.image } : undefined });
  const cells = (opts.cells ?? ['zone1']).map((c) => vc.addCell(c));
  const ks = vc.addKeyspace('ks');
  cells.forEach((cell, i) => ks.addTabletPool(`p${i}`, { cell, type: TabletType.REPLICA, replicas: 2 }));
  return { chart, vc };
}
const rbac = VtAdminRbac.fromSecret(SecretKeyRef.fromSecret('vtadmin', 'rbac.yaml'));

describe('vtadmin', () => {
  it('emits the spec and the release\'s vtadmin image together (the operator needs both)', () => {
    const { chart } = cluster({ apiAddresses: ['http://localhost:14001'], rbac, readOnly: true, webResources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } });
    const spec = vitessCluster(synth(chart)).spec;
    expect(spec.images.vtadmin).toBe('vitess/vtadmin:v24.0.0');
    expect(spec.vtadmin).toEqual({ apiAddresses: ['http://localhost:14001'], rbac: { name: 'vtadmin', key: 'rbac.yaml' }, readOnly: true, webResources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } });
    expect(schemaErrors(synth(chart), VitessRelease.V24)).toEqual([]);
  });

  it('emits no vtadmin image without vtadmin, and warns about an image nobody runs', () => {
    expect(vitessCluster(synth(cluster().chart)).spec.images.vtadmin).toBeUndefined();
    const { chart } = cluster(undefined, { image: 'vitess/vtadmin:v24.0.0' });
    expect(Warnings.collect(chart)).toContainEqual(expect.stringContaining('images.vtadmin: a vtadmin image is set but vtadmin is not configured'));
  });

  it('uses an overriding image, which must be pinned', () => {
    expect(vitessCluster(synth(cluster({ apiAddresses: ['http://a'], rbac }, { image: 'vitess/vtadmin:v24.0.1' }).chart)).spec.images.vtadmin).toBe('vitess/vtadmin:v24.0.1');
    expect(synthErrors(cluster({ apiAddresses: ['http://a'], rbac }, { image: 'vitess/vtadmin:latest' }).chart)).toContain("images.vtadmin: image 'vitess/vtadmin:latest' uses the floating tag 'latest'");
  });

  it('renders RBAC rules into a Secret of its own and references it', () => {
    const { chart } = cluster({ apiAddresses: ['http://a'], rbac: VtAdminRbac.rules([{ resource: 'Keyspace', actions: ['get'], subjects: ['role:viewer'], clusters: ['*'] }]) });
    const objects = synth(chart);
    const ref = vitessCluster(objects).spec.vtadmin.rbac;
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === ref.name);
    expect(ref.key).toBe('rbac.yaml');
    expect(secret.metadata.namespace).toBe('ns');
    expect(JSON.parse(secret.stringData['rbac.yaml'])).toEqual({ rules: [{ resource: 'Keyspace', actions: ['get'], subjects: ['role:viewer'], clusters: ['*'] }] });
  });

  it('warns when RBAC is off', () => {
    expect(Warnings.collect(cluster({ apiAddresses: ['http://a'] }).chart)).toContainEqual(expect.stringContaining('[t/vc/VtAdmin] rbac: vtadmin runs without RBAC'));
    expect(Warnings.collect(cluster({ apiAddresses: ['http://a'], rbac: VtAdminRbac.allowAll() }).chart).filter((w) => w.includes('RBAC'))).toEqual([]);
  });

  it('needs one api address, or one per listed cell', () => {
    const two = { cells: ['zone1', 'zone2'] };
    expect(synthErrors(cluster({ apiAddresses: [], rbac }).chart)).toContain('[t/vc/VtAdmin] apiAddresses: no vtadmin-api address given');
    expect(synthErrors(cluster({ apiAddresses: ['http://a', 'http://b'], rbac }, two).chart)).toContain('apiAddresses: 2 addresses given but no cells');
    expect(synthErrors(cluster({ apiAddresses: ['http://a', 'http://b'], rbac, cells: ['zone1'] }, two).chart)).toContain('apiAddresses: 2 addresses for 1 cells');
    expect(synthErrors(cluster({ apiAddresses: ['http://a', 'http://b'], rbac, cells: ['zone1', 'zone2'] }, two).chart)).toBe('');
    expect(synthErrors(cluster({ apiAddresses: ['http://a'], rbac }, two).chart)).toBe('');
  });

  it('refuses non-URL addresses, unknown cells and bad replicas', () => {
    const errors = synthErrors(cluster({ apiAddresses: ['localhost:14001'], rbac, cells: ['zone9'], replicas: -1 }).chart);
    expect(errors).toContain("apiAddresses[0]: 'localhost:14001' is not an http(s) URL");
    expect(errors).toContain("cells[0]: cell 'zone9' is not defined");
    expect(errors).toContain('replicas: -1 is not a replica count');
  });

  it('gates fetchCredentials to operator 2.16', () => {
    const opts = { apiAddresses: ['http://a'], rbac, fetchCredentials: VtAdminFetchCredentials.INCLUDE };
    expect(vitessCluster(synth(cluster(opts).chart)).spec.vtadmin.fetchCredentials).toBe('include');
    expect(synthErrors(cluster(opts, { release: VitessRelease.V22 }).chart)).toContain('vtadmin.fetchCredentials: this field needs operator 2.16 or later');
  });
});
