import { App } from 'cdk8s';
import { VitessOperator, VitessOperatorProps } from '../lib/operator/vitess-operator';
import { VitessCluster } from '../lib/vitess-cluster';

/**
 * Adds the Vitess Operator install to an example app as its own chart (`dist/0000-vitess-operator.k8s.yaml`).
 *
 * Call it after the cluster charts are built: unless `props.release` says otherwise it installs the release
 * of the app's VitessClusters, so operator and Vitess images never drift apart. The cluster charts need no
 * wiring: the operator finds them at synth, watches their namespaces and is ordered before them.
 */
export function addOperator(app: App, props: VitessOperatorProps = {}): VitessOperator {
  const releases = [...new Set(app.node.findAll().filter((c): c is VitessCluster => c instanceof VitessCluster).map((c) => c.release))];
  if (releases.length > 1 && !props.release) {
    throw new Error(`addOperator: the app's clusters use several releases (${releases.join(', ')}); one operator runs one release: pass props.release`);
  }
  // `props.release ?? …`, not a spread under props: an explicit `release: undefined` must not discard the clusters' release.
  return new VitessOperator(app, 'vitess-operator', { ...props, release: props.release ?? releases[0] });
}
