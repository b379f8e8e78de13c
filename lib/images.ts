import { Problem } from './problems';

/**
 * Per-component image overrides. Every image must be pinned to a version tag or digest: a floating tag
 * (`latest`, none) drifts from the operator release and the CRDs (seed §2).
 */
export interface VitessImages {
  /** @default - the release's vitess/lite image */
  readonly vtctld?: string;
  /** @default - the release's vitess/lite image */
  readonly vtgate?: string;
  /** @default - the release's vitess/lite image */
  readonly vttablet?: string;
  /** @default - the release's vitess/lite image */
  readonly vtorc?: string;
  /** @default - the release's vitess/lite image */
  readonly vtbackup?: string;
  /** @default - the release's prom/mysqld-exporter image */
  readonly mysqldExporter?: string;
  /**
   * vtadmin has its own image; it is only emitted when the cluster configures `vtadmin` (the operator
   * deploys vtadmin only when both are set).
   * @default - `vitess/vtadmin:v<release Vitess version>`
   */
  readonly vtadmin?: string;
}

/** The vtadmin image of a Vitess version (there is no operator default; facts §1.2). */
export function vtadminImage(vitessVersion: string): string {
  return `vitess/vtadmin:v${vitessVersion}`;
}

/**
 * The Vitess major an image's tag names (`vitess/lite:v23.0.3-mysql80` → 23), for images of the Vitess
 * repositories (`vitess/lite`, `vitess/vtadmin`, and the older per-component `vitess/vtgate`…), under any
 * registry prefix; undefined for other images.
 */
export function vitessMajorOfImage(image: string): number | undefined {
  const m = /(?:^|\/)vitess\/(?:lite|vtadmin|vttablet|vtgate|vtctld|vtorc|base)[^:/]*:v?(\d+)\.\d+/.exec(image);
  return m ? Number(m[1]) : undefined;
}

/** A pinned tag starts with a version number (`v24.0.0-mysql80`, `8.0.40`); `latest`, `mysql80`, `main` all move. */
const VERSION_TAG = /^v?\d+(\.\d+)+/;

/** Floating or missing tags. Digests (`@sha256:…`) and version tags are accepted. */
export function checkPinnedImage(field: string, image: string | undefined, example: string): Problem[] {
  if (image === undefined) return [];
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return [];
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag && VERSION_TAG.test(tag)) return [];
  return [{
    field,
    message: tag ? `image '${image}' uses the floating tag '${tag}' (not a version), which drifts away from the operator and CRDs` : `image '${image}' has no tag, i.e. 'latest', which drifts away from the operator and CRDs`,
    fix: `pin a version tag or digest, e.g. '${example}'`,
  }];
}
