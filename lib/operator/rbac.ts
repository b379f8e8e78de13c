import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { VitessRelease } from '../vitess-release';

/** Name of the operator's ServiceAccount, (Cluster)Role and binding, as upstream ships them. */
export const OPERATOR_NAME = 'vitess-operator';
/** Name of the Role/RoleBinding upstream puts in each VitessCluster namespace (2.15+). */
export const BACKUP_STORAGE_NAME = 'vitess-operator-backup-storage';

const ALL = ['*'];

/** A kind with the `/status` and `/finalizers` subresources the operator writes, as upstream lists them. */
const withSubresources = (kinds: readonly string[]) => kinds.flatMap((k) => [k, `${k}/status`, `${k}/finalizers`]);

/** The `planetscale.com` kinds in upstream's rule order; a release grants those whose CRD it ships. */
const PLANETSCALE_KINDS = ['vitessclusters', 'vitesscells', 'vitesskeyspaces', 'vitessshards', 'etcdlockservers', 'vitessbackups', 'vitessbackupstorages', 'vitessbackupschedules'];

/** The rules every release's `deploy/role.yaml` starts with, before the `planetscale.com` rule. */
const BASE_RULES: readonly k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'persistentvolumeclaims', 'events', 'configmaps', 'secrets'], verbs: ALL },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
  { apiGroups: ['apps'], resources: ['deployments', 'daemonsets', 'replicasets', 'statefulsets'], verbs: ALL },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL },
  { apiGroups: ['apps'], resourceNames: [OPERATOR_NAME], resources: ['deployments/finalizers'], verbs: ['update'] },
];

/** Rules upstream appended after the `planetscale.com` rule, in its order, with the operator minor that added each. */
const ADDED_RULES: ReadonlyArray<{ readonly since: string; readonly rule: k8s.PolicyRule }> = [
  { since: '2.13', rule: { apiGroups: ['batch'], resources: ['jobs'], verbs: ALL } },
  { since: '2.15', rule: { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL } },
];

/**
 * The operator's rules in a release, as upstream's `deploy/role.yaml` lists them (same for the ≤ 2.14 Role
 * and the 2.15+ ClusterRole): every `planetscale.com` kind the release ships a CRD for, then {@link ADDED_RULES}.
 */
export function operatorRules(release: VitessRelease): k8s.PolicyRule[] {
  const kinds = PLANETSCALE_KINDS.filter((k) => release.crdFiles.includes(`planetscale.com_${k}.yaml`));
  return structuredClone([
    ...BASE_RULES,
    { apiGroups: ['planetscale.com'], resources: withSubresources(kinds), verbs: ALL },
    ...ADDED_RULES.filter((a) => release.atLeast(a.since)).map((a) => a.rule),
  ]);
}

/** What the backup-storage subcontroller pod (a clone of the operator pod in the cluster's namespace) needs. */
export function backupStorageRules(): k8s.PolicyRule[] {
  return [{ apiGroups: ['planetscale.com'], resources: withSubresources(['vitessshards', 'vitessbackups', 'vitessbackupstorages']), verbs: ALL }];
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
