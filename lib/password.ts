import { createHash } from 'node:crypto';
import { Problem } from './problems';

/**
 * A vtgate user's password. Rendered into `users.json` as `MysqlNativePassword` (the MySQL native hash),
 * so the Secret never holds the clear text. Never empty, never random: synth stays deterministic.
 */
export class Password {
  /**
   * Read from an environment variable at synth time (keep secrets out of the repo).
   * `insecureDevDefault` is used when the variable is unset: for examples and local clusters only.
   */
  public static fromEnv(variable: string, options: { readonly insecureDevDefault?: string } = {}): Password {
    return new Password(() => process.env[variable] ?? options.insecureDevDefault, `environment variable ${variable}`,
      `export ${variable}=<password> before synth, or use AuthSecret.fromExistingSecret to keep users.json out of the manifests`);
  }

  /** A clear-text password given in code. Prefer `fromEnv` or `mysqlNativeHash` for anything committed. */
  public static plainText(value: string): Password {
    return new Password(() => value, 'the plain-text password', 'give a non-empty password');
  }

  /** A precomputed MySQL native password hash (`*` + 40 hex digits, as `SELECT PASSWORD('…')` printed). */
  public static mysqlNativeHash(hash: string): Password {
    return new Password(() => hash, 'the native password hash', "give '*' followed by 40 uppercase hex digits", true);
  }

  private constructor(
    private readonly read: () => string | undefined,
    private readonly source: string,
    private readonly fix: string,
    private readonly isHash = false,
  ) {}

  /** The `MysqlNativePassword` value: `*` + uppercase hex of SHA1(SHA1(password)). */
  public nativeHash(): string {
    const value = this.read() ?? '';
    if (this.isHash) return value;
    const inner = createHash('sha1').update(value, 'utf8').digest();
    return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
  }

  public check(field: string): Problem[] {
    const value = this.read();
    if (value === undefined || value === '') {
      return [{ field, message: `${this.source} is ${value === undefined ? 'not set' : 'empty'}; vtgate would accept this user without a password`, fix: this.fix }];
    }
    if (this.isHash && !/^\*[0-9A-F]{40}$/.test(value)) {
      return [{ field, message: `'${value}' is not a MySQL native password hash`, fix: this.fix }];
    }
    return [];
  }
}
