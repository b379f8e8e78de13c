import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { VitessRelease } from '../vitess-release';

/** Name of the operator's ServiceAccount, (Cluster)Role and binding, as upstream ships them. */
export const OPERATOR_NAME = 'vitess-operator';
/** Name of the Role/RoleBinding upstream puts in each VitessCluster namespace (2.15+). */
export const BACKUP_STORAGE_NAME = 'vitess-operator-backup-storage';

const ALL = ['*'];

/** The kinds of `planetscale.com` in a release, in upstream's rule order. */
function planetscaleResources(release: VitessRelease): string[] {
  const kinds = ['vitessclusters', 'vitesscells', 'vitesskeyspaces', 'vitessshards', 'etcdlockservers', 'vitessbackups', 'vitessbackupstorages'];
  if (release.atLeast('2.13')) kinds.push('vitessbackupschedules');
  return kinds.flatMap((k) => [k, `${k}/status`, `${k}/finalizers`]);
}

/**
 * The operator's rules in a release, as upstream's `deploy/role.yaml` lists them (same for the ≤ 2.14 Role
 * and the 2.15+ ClusterRole): backup schedules and batch Jobs came with 2.13, HPAs with 2.15.
 */
export function operatorRules(release: VitessRelease): k8s.PolicyRule[] {
  const rules: k8s.PolicyRule[] = [
    { apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'persistentvolumeclaims', 'events', 'configmaps', 'secrets'], verbs: ALL },
    { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['deployments', 'daemonsets', 'replicasets', 'statefulsets'], verbs: ALL },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL },
    { apiGroups: ['apps'], resourceNames: [OPERATOR_NAME], resources: ['deployments/finalizers'], verbs: ['update'] },
    { apiGroups: ['planetscale.com'], resources: planetscaleResources(release), verbs: ALL },
  ];
  if (release.atLeast('2.13')) rules.push({ apiGroups: ['batch'], resources: ['jobs'], verbs: ALL });
  if (release.atLeast('2.15')) rules.push({ apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL });
  return rules;
}

/** What the backup-storage subcontroller pod (a clone of the operator pod in the cluster's namespace) needs. */
export function backupStorageRules(): k8s.PolicyRule[] {
  const kinds = ['vitessshards', 'vitessbackups', 'vitessbackupstorages'];
  return [{ apiGroups: ['planetscale.com'], resources: kinds.flatMap((k) => [k, `${k}/status`, `${k}/finalizers`]), verbs: ALL }];
}

function operatorSubject(namespace: string): k8s.Subject {
  return { kind: 'ServiceAccount', name: OPERATOR_NAME, namespace };
}

/** The operator's rules granted cluster-wide: the 2.15+ layout, and `allNamespaces()` on older releases. */
export function addClusterRbac(scope: Construct, release: VitessRelease, operatorNamespace: string): void {
  new k8s.KubeClusterRole(scope, 'ClusterRole', { metadata: { name: OPERATOR_NAME }, rules: operatorRules(release) });
  new k8s.KubeClusterRoleBinding(scope, 'ClusterRoleBinding', {
    metadata: { name: OPERATOR_NAME },
    subjects: [operatorSubject(operatorNamespace)],
    roleRef: { kind: 'ClusterRole', name: OPERATOR_NAME, apiGroup: 'rbac.authorization.k8s.io' },
  });
}

/** The ≤ 2.14 layout: the operator's rules as a Role in one watched namespace, bound to the operator's SA. */
export function addNamespacedRbac(scope: Construct, id: string, release: VitessRelease, operatorNamespace: string, namespace: string): void {
  new k8s.KubeRole(scope, `${id}Role`, { metadata: { name: OPERATOR_NAME, namespace }, rules: operatorRules(release) });
  new k8s.KubeRoleBinding(scope, `${id}RoleBinding`, {
    metadata: { name: OPERATOR_NAME, namespace },
    subjects: [operatorSubject(operatorNamespace)],
    roleRef: { kind: 'Role', name: OPERATOR_NAME, apiGroup: 'rbac.authorization.k8s.io' },
  });
}

/**
 * What a VitessCluster namespace other than the operator's needs: the backup-storage subcontroller pod
 * runs there under a ServiceAccount with the operator SA's name, bound to the backup-storage Role.
 */
export function addBackupStorageRbac(scope: Construct, namespace: string): void {
  new k8s.KubeServiceAccount(scope, 'ServiceAccount', { metadata: { name: OPERATOR_NAME, namespace } });
  new k8s.KubeRole(scope, 'Role', { metadata: { name: BACKUP_STORAGE_NAME, namespace }, rules: backupStorageRules() });
  new k8s.KubeRoleBinding(scope, 'RoleBinding', {
    metadata: { name: BACKUP_STORAGE_NAME, namespace },
    subjects: [operatorSubject(namespace)],
    roleRef: { kind: 'Role', name: BACKUP_STORAGE_NAME, apiGroup: 'rbac.authorization.k8s.io' },
  });
}
