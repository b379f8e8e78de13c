import { spawnSync } from 'node:child_process';
import { InputError } from './manifests';
import { shellQuote } from './port-forward';

/**
 * `drain`: the planned failover the operator supports through Kubernetes (facts §6.1, seed §8). Annotating a
 * tablet pod with `drain.planetscale.com/started` makes the operator move the primary away from it
 * (PlannedReparentShard to a healthy replica) and then set `drain.planetscale.com/finished`; removing the
 * annotation ends (or aborts) the drain.
 */

export const DRAIN_STARTED = 'drain.planetscale.com/started';
export const DRAIN_FINISHED = 'drain.planetscale.com/finished';

export interface DrainOptions {
  readonly pod: string;
  /** @default - kubectl's current namespace */
  readonly namespace?: string;
  /** The annotation value; only its presence counts. @default 'planned failover' */
  readonly reason?: string;
  /** Remove the annotation instead of setting it. @default false */
  readonly clear?: boolean;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The kubectl arguments for the drain (or its clearing).
 * @throws InputError if the pod name is not a valid Kubernetes name
 */
export function drainArgs(o: DrainOptions): string[] {
  checkPodName(o.pod);
  const ns = o.namespace ? ['-n', o.namespace] : [];
  const annotation = o.clear ? `${DRAIN_STARTED}-` : `${DRAIN_STARTED}=${o.reason ?? 'planned failover'}`;
  return ['annotate', 'pod', o.pod, ...ns, annotation, ...(o.clear ? [] : ['--overwrite'])];
}

/** @throws InputError if `pod` is not a valid Kubernetes object name */
export function checkPodName(pod: string): void {
  if (!DNS_SUBDOMAIN.test(pod) || pod.length > 253) {
    throw new InputError(`'${pod}' is not a pod name: expected lowercase letters, digits, '-' and '.', e.g. example-vttablet-zone1-2469782763-bfadd780`);
  }
}

/** True for names the operator gives tablet pods (`<cluster>-vttablet-<cell>-<uid>-<hash>`); only those drain. */
export function looksLikeTabletPod(pod: string): boolean {
  return /-vttablet-.+-\d{10}-[0-9a-f]{8}$/.test(pod);
}

/** The commands to run, as a copy-pasteable shell snippet with what happens in between. */
export function drainScript(o: DrainOptions): string {
  const cmd = (args: string[]) => ['kubectl', ...args].map(shellQuote).join(' ');
  const ns = o.namespace ? ` -n ${shellQuote(o.namespace)}` : '';
  if (o.clear) {
    return `# Clear the drain of ${o.pod} (after the failover, or to abort it):\n${cmd(drainArgs(o))}\n`;
  }
  return [
    `# Planned failover away from tablet pod ${o.pod}: if it is the shard primary, the operator reparents to a`,
    `# healthy replica (PlannedReparentShard), then sets ${DRAIN_FINISHED}. Nothing happens while`,
    '# the shard is unhealthy. To find the primary: vtctldclient --server localhost:15999 GetTablets --keyspace <ks> --shard <shard>',
    '# (its alias <cell>-<uid> is pod <cluster>-vttablet-<cell>-<uid>-<hash>).',
    cmd(drainArgs(o)),
    '# Wait until the operator marks it finished:',
    `kubectl get pod ${shellQuote(o.pod)}${ns} -o jsonpath='{.metadata.annotations.${DRAIN_FINISHED.replace(/\./g, '\\.')}}'`,
    '# Then clear the drain (removing it earlier aborts the drain):',
    cmd(drainArgs({ ...o, clear: true })),
    '',
  ].join('\n');
}

/**
 * Runs the drain (or its clearing) with kubectl.
 * @returns kubectl's output
 * @throws InputError when kubectl is missing or fails
 */
export function runDrain(o: DrainOptions, kubectl = 'kubectl'): string {
  const args = drainArgs(o);
  const r = spawnSync(kubectl, args, { encoding: 'utf8' });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(missing ? `${kubectl} not found: install kubectl or pass --kubectl <path>` : `${kubectl}: ${r.error.message}`);
  }
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout || '').trim().split('\n')[0] || `exit code ${r.status}`;
    throw new InputError(`kubectl ${args.join(' ')} failed: ${why}`, 1);
  }
  return r.stdout;
}
