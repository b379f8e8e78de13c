import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { yamlDocuments } from './yaml-documents';

type Json = { [key: string]: any };

/**
 * Validates custom resources against the `openAPIV3Schema` of a CustomResourceDefinition, the way the
 * API server would, but stricter: a field the schema does not know is an error, because the API server
 * prunes it without a word. Use it in your own tests to prove a manifest fits the CRDs you install.
 */
export class CrdSchema {
  /** Reads every CRD in a YAML file (one or many documents). */
  public static fromFile(path: string): CrdSchema[] {
    return CrdSchema.fromYaml(readFileSync(path, 'utf8'));
  }

  public static fromYaml(text: string): CrdSchema[] {
    return yamlDocuments(text)
      .filter((d: Json) => d.kind === 'CustomResourceDefinition')
      .map((d) => new CrdSchema(d));
  }

  /** `group/version` of the served version whose schema is used. */
  public readonly apiVersion: string;
  public readonly kind: string;
  private readonly schema: Json;
  private compiled?: ValidateFunction;

  private constructor(crd: Json) {
    const version = (crd.spec.versions as Json[]).find((v) => v.storage) ?? crd.spec.versions[0];
    this.apiVersion = `${crd.spec.group}/${version.name}`;
    this.kind = crd.spec.names.kind;
    this.schema = version.schema.openAPIV3Schema;
  }

  /**
   * Compiled on first use: a test usually checks one or two kinds, and compiling all eight CRDs of a release
   * costs far more than validating. Ajv's code optimizer is off because it doubles compile time for these
   * large schemas while validation of a manifest stays well under a millisecond.
   */
  private get validator(): ValidateFunction {
    if (!this.compiled) {
      // Loaded here, not at the top: apps that only synthesize never validate, and ajv adds ~20 ms to their start.
      const { default: Ajv } = require('ajv') as typeof import('ajv');
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { optimize: false } });
      this.compiled = ajv.compile(strictify(structuredClone(this.schema)));
    }
    return this.compiled;
  }

  /** True when this CRD defines the object's apiVersion and kind. */
  public matches(obj: Json): boolean {
    return obj?.apiVersion === this.apiVersion && obj?.kind === this.kind;
  }

  /** Problems with one object, as `path: message` lines; empty when valid. */
  public validate(obj: Json): string[] {
    if (this.validator(obj)) return [];
    return (this.validator.errors ?? []).map(describe);
  }
}

/** Validates every object that one of the CRDs defines; objects of other kinds are skipped. */
export function validateCustomResources(crds: CrdSchema[], objects: Json[]): string[] {
  return objects.flatMap((o) => {
    const crd = crds.find((c) => c.matches(o));
    return crd ? crd.validate(o).map((e) => `${o.kind}/${o.metadata?.name}: ${e}`) : [];
  });
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    return `${at}: unknown field '${e.params.additionalProperty}' (the API server would prune it)`;
  }
  return `${at}: ${e.message}`;
}

/** Turns a Kubernetes structural schema into a JSON schema that rejects unknown fields. */
function strictify(s: Json): Json {
  if (!s || typeof s !== 'object') return s;
  if (s['x-kubernetes-int-or-string']) {
    delete s.type;
    s.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable && s.type) s.type = [s.type, 'null'];
  for (const key of ['properties', 'patternProperties']) {
    if (s[key]) for (const k of Object.keys(s[key])) strictify(s[key][k]);
  }
  if (s.items) strictify(s.items);
  if (typeof s.additionalProperties === 'object') strictify(s.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) s[key].forEach(strictify);
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.type === 'object' && s.properties && !preserve && s.additionalProperties === undefined) {
    s.additionalProperties = false;
  }
  return s;
}
