import { checkName } from '../names';
/**
 * Which namespaces the operator watches, i.e. the value of its `WATCH_NAMESPACE` environment variable.
 *
 * The operator reads one namespace, a comma-separated list, or the empty string (all namespaces). Upstream's
 * `deploy/` hard-wires the operator's own namespace (downward API), which silently ignores VitessClusters in
 * any other namespace; the default here follows the app instead.
 */
export class WatchScope {
  /**
   * The operator's own namespace plus every namespace that holds a `VitessCluster` in the app (the
   * default). Found at synth time, so charts added after the operator count. With no cluster outside the
   * operator's namespace this renders upstream's downward-API value unchanged.
   */
  public static clusterNamespaces(): WatchScope {
    return new WatchScope('cluster-namespaces', []);
  }

  /**
   * Exactly these namespaces. VitessClusters of the app outside the list fail synth, because the
   * operator would never reconcile them.
   */
  public static namespaces(names: readonly string[]): WatchScope {
    if (names.length === 0) {
      throw new Error('WatchScope.namespaces([]) watches nothing: list at least one namespace, or use WatchScope.allNamespaces()');
    }
    for (const n of names) assertNamespaceName(n, 'WatchScope.namespaces');
    return new WatchScope('namespaces', [...new Set(names)].sort());
  }

  /**
   * Every namespace (`WATCH_NAMESPACE=""`). Needs cluster-wide RBAC; for releases whose upstream layout is
   * a namespaced Role (≤ 2.14) the chart then grants the same rules through a ClusterRole instead.
   */
  public static allNamespaces(): WatchScope {
    return new WatchScope('all', []);
  }

  private constructor(
    /** What kind of scope this is. */
    public readonly kind: 'cluster-namespaces' | 'namespaces' | 'all',
    /** The explicit namespaces of {@link WatchScope.namespaces}, sorted; empty for the other kinds. */
    public readonly names: readonly string[],
  ) {}
}

/** Throws unless `name` is a valid namespace name (RFC 1123 label). */
export function assertNamespaceName(name: string, where: string): void {
  const [problem] = checkName('namespace', where, name);
  if (problem) throw new Error(`${problem.field}: ${problem.message}: ${problem.fix}`);
}
