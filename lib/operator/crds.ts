import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { yamlDocuments } from '../yaml-documents';
import { CrdFile } from './crd-source';

/** An upstream document emitted verbatim: `ApiObject.toJson` would drop upstream's `creationTimestamp: null` and reorder keys. */
export class UpstreamObject extends ApiObject {
  constructor(scope: Construct, id: string, private readonly doc: any) {
    super(scope, id, { apiVersion: doc.apiVersion, kind: doc.kind, metadata: { name: doc.metadata.name } });
  }

  public toJson(): any {
    return structuredClone(this.doc);
  }
}

/** Emits every document of verified CRD files as-is, one construct per CRD named after it. */
export function addUpstreamCrds(scope: Construct, files: readonly CrdFile[]): void {
  for (const f of files) {
    for (const doc of yamlDocuments(f.text)) {
      new UpstreamObject(scope, doc.metadata.name, doc);
    }
  }
}
