import { Size, SizeRoundingBehavior } from 'cdk8s';
import { ContainerResources, Cpu, k8s } from 'cdk8s-plus-27';
import { Problem } from '../problems';
import { parseCpu, parseMemory } from '../quantity';
import { VitessRelease } from '../vitess-release';
import { OPERATOR_NAME } from './rbac';

/** The Deployment options of {@link VitessOperatorProps}. */
export interface OperatorPodOptions {
  readonly imagePullSecrets?: readonly string[];
  readonly resources?: ContainerResources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly k8s.Toleration[];
}

/** An env var read from the pod itself through the downward API. */
export const fieldRef = (fieldPath: string) => ({ valueFrom: { fieldRef: { fieldPath } } });

/**
 * Upstream's `deploy/operator.yaml` Deployment spec with the image pinned, the given WATCH_NAMESPACE source,
 * the resource defaults raised to a 512Mi memory limit, and the scheduling options added when set.
 */
export function operatorDeploymentSpec(image: string, watchEnv: Record<string, unknown>, p: OperatorPodOptions, resources: unknown): unknown {
  return {
    replicas: 1,
    selector: { matchLabels: { app: OPERATOR_NAME } },
    template: {
      metadata: { labels: { app: OPERATOR_NAME } },
      spec: {
        priorityClassName: 'vitess-operator-control-plane',
        serviceAccountName: OPERATOR_NAME,
        imagePullSecrets: p.imagePullSecrets?.length ? p.imagePullSecrets.map((name) => ({ name })) : undefined,
        nodeSelector: p.nodeSelector ? { ...p.nodeSelector } : undefined,
        tolerations: p.tolerations?.length ? p.tolerations.map((t) => ({ ...t })) : undefined,
        containers: [{
          // The backup subcontroller finds this container by the substring `-operator`: keep the name.
          name: OPERATOR_NAME,
          image,
          command: ['vitess-operator'],
          args: ['--logtostderr', '-v=4'],
          env: [
            { name: 'WATCH_NAMESPACE', ...watchEnv },
            { name: 'POD_NAME', ...fieldRef('metadata.name') },
            { name: 'PS_OPERATOR_POD_NAMESPACE', ...fieldRef('metadata.namespace') },
            { name: 'PS_OPERATOR_POD_NAME', ...fieldRef('metadata.name') },
            { name: 'OPERATOR_NAME', value: OPERATOR_NAME },
          ],
          resources,
        }],
      },
    },
  };
}

/** The release's operator image, optionally through a registry mirror (checked by {@link imageRegistryProblems}). */
export function operatorImage(release: VitessRelease, registry: string | undefined): string {
  return registry === undefined ? release.operatorImage : `${registry.replace(/\/+$/, '')}/${release.operatorImage}`;
}

/**
 * A registry host (DNS name or IP, optional port) and optional repository path, in the image reference grammar:
 * path components are lowercase letters and digits joined by `.`, `_`, `__` or dashes. So no scheme, tag,
 * digest, blank or empty component.
 */
const REGISTRY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** A registry mirror must be a host with an optional path (a trailing `/` is fine). */
export function imageRegistryProblems(registry: string | undefined): Problem[] {
  if (registry === undefined || REGISTRY.test(registry.replace(/\/+$/, ''))) return [];
  return [{
    field: 'imageRegistry',
    message: `'${registry}' must be a registry host with an optional path, such as 'registry.example.com/mirror' (no scheme, no tag)`,
    fix: 'give only the host and path of the mirror: the chart appends planetscale/vitess-operator:<release tag> itself',
  }];
}

/** Container resources over the defaults (requests 100m/128Mi, limit memory 512Mi), and a problem per request above its limit. */
export function renderOperatorResources(res: ContainerResources | undefined): { resources: Record<string, Record<string, string>>; problems: Problem[] } {
  const requests: Record<string, string> = {
    cpu: (res?.cpu?.request ?? Cpu.millis(100)).amount,
    memory: quantity(res?.memory?.request ?? Size.mebibytes(128)),
  };
  const limits: Record<string, string> = { memory: quantity(res?.memory?.limit ?? Size.mebibytes(512)) };
  if (res?.cpu?.limit) limits.cpu = res.cpu.limit.amount;
  const problems: Problem[] = [];
  // The API server rejects the pod otherwise; a default request counts too (e.g. a cpu limit below 100m).
  for (const [kind, parse] of [['cpu', parseCpu], ['memory', parseMemory]] as const) {
    const [req, lim] = [requests[kind], limits[kind]];
    if (lim !== undefined && (parse(req) ?? 0) > (parse(lim) ?? Infinity)) {
      problems.push({
        field: `resources.${kind}`,
        message: `resources.${kind}.request (${req}) exceeds resources.${kind}.limit (${lim}), so the API server rejects the pod`,
        fix: `raise the limit or lower the request${res?.[kind]?.request ? '' : ` (left out, the request is the default ${req})`}`,
      });
    }
  }
  return { resources: { requests, limits }, problems };
}

function quantity(s: Size): string {
  const mi = s.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  return Number.isInteger(mi) ? `${mi}Mi` : `${Math.ceil(s.toKibibytes({ rounding: SizeRoundingBehavior.NONE }))}Ki`;
}
