import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { vitessMajorOfImage } from '../images';

/** A VitessCluster found in the app. */
export interface FoundCluster {
  readonly name: string;
  /** `metadata.namespace`, which cdk8s fills from the chart's namespace; undefined when neither is set. */
  readonly namespace?: string;
  /** Where it lands: {@link namespace}, else `default`, as kubectl applies it unless told otherwise. */
  readonly effectiveNamespace: string;
  readonly object: ApiObject;
  /** How findings name it: `VitessCluster <namespace>/<name> (<construct path>)`. */
  readonly where: string;
}

/**
 * Every `planetscale.com` VitessCluster in the app of `scope`, whether made by a construct of this library,
 * the imported L1 class, an `Include` or a plain `ApiObject`: they are all ApiObjects with that kind.
 * Sorted by namespace and name so that everything derived from the list is deterministic.
 */
export function findVitessClusters(scope: IConstruct): FoundCluster[] {
  return scope.node.root.node.findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'VitessCluster' && c.apiGroup === 'planetscale.com')
    .map((o) => {
      const namespace = o.metadata.namespace;
      const where = `VitessCluster ${namespace ?? '(no namespace)'}/${o.name} (${o.node.path})`;
      return { name: o.name, namespace, effectiveNamespace: namespace ?? 'default', object: o, where };
    })
    .sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name));
}

/** Every chart of the app that holds an object of the operator's API group (so must be applied after the CRDs). */
export function chartsUsingVitessApi(scope: IConstruct): Chart[] {
  const charts = scope.node.root.node.findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.apiGroup === 'planetscale.com')
    .map((o) => Chart.of(o));
  return [...new Set(charts)];
}

/** Major versions of the Vitess images ({@link vitessMajorOfImage}) a VitessCluster names anywhere in its spec. */
export function vitessImageMajors(spec: unknown): Array<{ image: string; major: number }> {
  const found: Array<{ image: string; major: number }> = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const major = vitessMajorOfImage(v);
      if (major !== undefined) found.push({ image: v, major });
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(spec);
  return found;
}
