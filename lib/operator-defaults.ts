/**
 * What the operator fills in when a VitessCluster leaves resources or replica counts empty, as data.
 *
 * The operator applies requests and limits separately: each map gets its default only when it is empty
 * (`len(Resources.Requests) == 0`), e.g. vtgate with only `limits.memory` set still gets the default requests.
 * Sources: ../shared/docs/vitess-operator-facts.md §2.3–§2.11 and §5.3, vitess-user-pains.md S3, and the
 * operator's `pkg/apis/planetscale/v2/defaults.go`, `pkg/operator/vttablet/{constants,mysqlctld}.go`.
 */

/** Quantities as Kubernetes writes them; parsed with lib/quantity. */
export interface DefaultResources {
  readonly requests: { readonly cpu?: string; readonly memory?: string };
  readonly limits: { readonly cpu?: string; readonly memory?: string };
}

/**
 * Containers the operator gives default resources to, keyed by container name. vttablet and mysqld are missing on
 * purpose: the operator has no defaults for them, so empty resources make BestEffort tablets (pains S3).
 */
export type DefaultedContainer =
  | 'vtgate' | 'vtctld' | 'vtorc' | 'vtadmin-api' | 'vtadmin-web' | 'etcd' | 'mysqld-exporter' | 'vitess-operator' | 'tablet-init';

export const DEFAULT_RESOURCES: Readonly<Record<DefaultedContainer, DefaultResources>> = {
  // facts §2.3: gateway.resources default requests 500m / 1Gi, limit memory 1Gi.
  'vtgate': { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } },
  // facts §2.10: vitessDashboard.resources.
  'vtctld': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  // facts §2.5: vitessOrchestrator.resources.
  'vtorc': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  // facts §2.11: vtadmin apiResources / webResources, each.
  'vtadmin-api': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  'vtadmin-web': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  // facts §2.4: EtcdLockserverTemplate.resources, per member.
  'etcd': { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
  // pains S3 / vttablet/constants.go: the only tablet container with defaults; it has a CPU limit too.
  'mysqld-exporter': { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
  // facts §5.3: the backup-storage subcontroller pod clones the operator pod with these resources.
  'vitess-operator': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  // vttablet/mysqlctld.go: init-vt-root and init-mysql-socket (fixed, not configurable).
  'tablet-init': { requests: { cpu: '100m', memory: '32Mi' }, limits: { memory: '128Mi' } },
};

/**
 * Replica counts when the spec leaves them empty. vtorc has no replicas field (one pod per Deployment);
 * etcd always runs exactly 3 members (facts §2.4, pains L6).
 */
export const DEFAULT_REPLICAS = {
  vtgate: 2, // facts §2.3 gateway.replicas
  vtctld: 1, // facts §2.10 vitessDashboard.replicas, per cell
  vtadmin: 1, // facts §2.11 vtadmin.replicas, per cell
  vtorc: 1,
  etcd: 3,
} as const;

/** Storage the operator requests per etcd member when dataVolumeClaimTemplate is empty (facts §2.4). */
export const DEFAULT_ETCD_STORAGE = '1Gi';

/** vtorc is deployed for every shard × replica cell from operator 2.9; before, only when `vitessOrchestrator` is set (facts §2.5). */
export const VTORC_ALWAYS_SINCE = '2.9';
