import { checkName } from '../names';
import { Problem } from '../problems';
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
   * operator would never reconcile them; so do an empty list and invalid names.
   */
  public static namespaces(names: readonly string[]): WatchScope {
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

  /** Problems of this scope as the value of the prop `field`: an empty list, names that are no namespace. */
  public problems(field: string): Problem[] {
    if (this.kind !== 'namespaces') return [];
    if (this.names.length === 0) {
      return [{ field, message: 'WatchScope.namespaces([]) watches nothing, so the operator would reconcile no cluster', fix: 'list at least one namespace, or use WatchScope.clusterNamespaces() or WatchScope.allNamespaces()' }];
    }
    return this.names.flatMap((n, i) => checkName('namespace', `${field}.namespaces[${i}]`, n));
  }
}


