import { ClusterManifest } from './manifests';
import { deploysVtadmin } from './plan';

/**
 * `port-forward`: the upstream pf.sh recipe (seed §8, facts §6.5) for one cluster, selecting Services by the
 * cluster's labels so several clusters in one namespace do not collide.
 */

export interface Forward {
  readonly component: 'vtctld' | 'vtgate' | 'vtadmin';
  /** Label selector without the cluster label. The cluster-wide vtgate Service is the one without a cell label. */
  readonly selector: string;
  /** [local, remote] port pairs. */
  readonly ports: ReadonlyArray<readonly [number, number]>;
  /** How to use the forward, printed by the script. */
  readonly use: string;
}

const FORWARDS: readonly Forward[] = [
  { component: 'vtctld', selector: 'planetscale.com/component=vtctld', ports: [[15000, 15000], [15999, 15999]], use: 'vtctld: http://localhost:15000, vtctldclient --server localhost:15999' },
  { component: 'vtgate', selector: 'planetscale.com/component=vtgate,!planetscale.com/cell', ports: [[15306, 3306]], use: 'vtgate: mysql -h 127.0.0.1 -P 15306 -u <user>' },
  { component: 'vtadmin', selector: 'planetscale.com/component=vtadmin', ports: [[14000, 15000], [14001, 15001]], use: 'vtadmin: http://localhost:14000 (API on localhost:14001)' },
];

/** The forwards for a cluster: vtctld and vtgate always, vtadmin when the operator deploys it. */
export function forwardsFor(cluster: ClusterManifest): Forward[] {
  const vtadmin = deploysVtadmin(cluster.spec);
  return FORWARDS.filter((f) => f.component !== 'vtadmin' || vtadmin);
}

/** A bash script that starts every forward in the background and stops them all on Ctrl-C. */
export function portForwardScript(cluster: ClusterManifest, namespace = cluster.namespace): string {
  const forwards = forwardsFor(cluster);
  // Baked in rather than kept in a bash array: macOS still ships bash 3.2, where "${empty[@]}" fails under set -u.
  const ns = namespace ? ` -n ${shellQuote(namespace)}` : '';
  const lines = [
    '#!/usr/bin/env bash',
    `# Port-forwards to VitessCluster ${cluster.name}${namespace ? ` in namespace ${namespace}` : ' (current namespace)'}; written by cdk8s-vitess port-forward.`,
    ...forwards.map((f) => `#   ${f.use}`),
    'set -euo pipefail',
    '',
    '# The first Service with these labels; the operator hashes Service names, the labels are stable.',
    'service() {',
    '  local svc',
    `  svc=$(kubectl get service${ns} --selector="$1" -o name | head -n 1)`,
    '  if [ -z "$svc" ]; then',
    `    echo "no Service with labels $1${ns ? ` in namespace ${namespace}` : ''}: is the cluster running? (kubectl get pods${ns} -l planetscale.com/cluster=${cluster.name})" >&2`,
    '    exit 1',
    '  fi',
    '  echo "$svc"',
    '}',
    '',
    ...forwards.map((f) => `${f.component}=$(service ${shellQuote(`planetscale.com/cluster=${cluster.name},${f.selector}`)})`),
    '',
    "trap 'kill $(jobs -p) 2>/dev/null' EXIT",
    ...forwards.map((f) => `kubectl port-forward${ns} --address localhost "$${f.component}" ${f.ports.map(([l, r]) => (l === r ? `${l}` : `${l}:${r}`)).join(' ')} &`),
    '',
    ...forwards.map((f) => `echo ${shellQuote(f.use)}`),
    "echo 'Press Ctrl-C to stop.'",
    'wait',
  ];
  return `${lines.join('\n')}\n`;
}

/** Single-quotes a value for bash unless it is plainly safe. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
