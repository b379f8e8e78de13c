import { ApiObject } from 'cdk8s';
import { missingProp, Problem } from './problems';

/**
 * One key of a Secret, as the operator's `SecretSource` wants it: a Secret in the cluster's namespace
 * (`fromSecret`) or a file in a pod volume you add yourself through extra volumes (`fromVolume`).
 *
 * The CRD only requires `key`, and the operator silently ignores a source without `name` or `volumeName`
 * (facts §2.12), so both halves are checked here.
 */
export class SecretKeyRef {
  /** Key `key` of the Secret named `name` (same namespace as the VitessCluster). */
  public static fromSecret(name: string, key: string): SecretKeyRef {
    return new SecretKeyRef('name', name, key);
  }

  /** Key `key` of a Secret object defined in this app (its generated name is used). */
  public static fromApiObject(secret: ApiObject, key: string): SecretKeyRef {
    return new SecretKeyRef('name', secret.name, key);
  }

  /** File `key` in the pod volume `volumeName` (a volume you add with extra volumes; it wins over a Secret name). */
  public static fromVolume(volumeName: string, key: string): SecretKeyRef {
    return new SecretKeyRef('volumeName', volumeName, key);
  }

  /** Problems of a required reference, including its absence (possible from JavaScript or through a cast). */
  public static checkRequired(field: string, ref: SecretKeyRef | undefined): Problem[] {
    return ref ? ref.check(field) : [missingProp(field, "pass SecretKeyRef.fromSecret('<secret>', '<key>')")];
  }

  private constructor(private readonly source: 'name' | 'volumeName', public readonly name: string, public readonly key: string) {}

  /** The CRD `SecretSource` object. */
  public render(): Record<string, string> {
    return { [this.source]: this.name, key: this.key };
  }

  public check(field: string): Problem[] {
    const problems: Problem[] = [];
    if (!this.name) {
      problems.push({ field: `${field}.${this.source}`, message: `the ${this.source === 'name' ? 'Secret' : 'volume'} name is empty, so the operator would treat the secret as unset`, fix: 'name the Secret (or volume) that holds the key' });
    }
    if (!this.key) {
      problems.push({ field: `${field}.key`, message: `no key given for '${this.name}'`, fix: 'give the key (file name) inside the Secret, e.g. credentials.json' });
    }
    return problems;
  }
}
