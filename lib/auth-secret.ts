import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { initDbSql } from './init-db-sql';
import { Password } from './password';
import { addProblemCheck, missingProp, Problem } from './problems';

/** A MySQL user vtgate accepts (static authentication). */
export interface VtgateUser {
  /** User name clients log in with. */
  readonly user: string;
  readonly password: Password;
  /** Name Vitess uses for this user in table ACLs and query logs. @default - the user name */
  readonly userData?: string;
}

export interface AuthSecretProps {
  /** Secret name. @default - generated from the construct path */
  readonly name?: string;
  /** vtgate users. Add more with `addUser()`. @default - none (then vtgate static auth is off) */
  readonly users?: readonly VtgateUser[];
  /** SQL appended to the generated init_db.sql (runs with super_read_only lifted, outside the binlog). @default - none */
  readonly extraInitSql?: string;
  /**
   * Take vtgate's users.json from a Secret managed outside the manifests instead of `users`
   * (see `AuthSecret.fromExistingSecret`).
   * @default - users.json is rendered from `users`
   */
  readonly existingUsersSecret?: { readonly name: string; readonly key?: string };
}

/** Options for credentials that live in a Secret you manage outside the manifests. */
export interface ExistingSecretOptions {
  /** Name of the existing Secret (same namespace as the cluster) holding vtgate's users.json. */
  readonly name: string;
  /** Key of users.json in it. @default 'users.json' */
  readonly usersKey?: string;
  /** SQL appended to the generated init_db.sql. @default - none */
  readonly extraInitSql?: string;
}

export const USERS_KEY = 'users.json';
export const INIT_SQL_KEY = 'init_db.sql';

/**
 * The Secret a VitessCluster reads: vtgate's static-auth `users.json` and the tablets' `init_db.sql`.
 *
 * Passwords are stored as MySQL native hashes, never empty. With `fromExistingSecret`, users.json stays in
 * a Secret you manage and this construct only renders the (password-free) init script.
 */
export class AuthSecret extends Construct {
  /** Use users.json from an existing Secret; the generated init_db.sql goes into a Secret of its own. */
  public static fromExistingSecret(scope: Construct, id: string, options: ExistingSecretOptions): AuthSecret {
    return new AuthSecret(scope, id, { extraInitSql: options.extraInitSql, existingUsersSecret: { name: options.name, key: options.usersKey } });
  }

  /** The rendered Secret. */
  public readonly resource: ApiObject;
  private readonly users: VtgateUser[];
  private readonly existing?: { readonly name: string; readonly key: string };

  public constructor(scope: Construct, id: string, props: AuthSecretProps = {}) {
    super(scope, id);
    this.users = [...(props.users ?? [])];
    const e = props.existingUsersSecret;
    this.existing = e && { name: e.name, key: e.key ?? USERS_KEY };
    const extraSql = props.extraInitSql;
    this.resource = new k8s.KubeSecret(this, 'Resource', {
      metadata: props.name ? { name: props.name } : {},
      type: 'Opaque',
      stringData: Lazy.any({ produce: () => this.renderData(extraSql) }),
    });
    addProblemCheck(this, () => this.check());
  }

  /** Name of the Secret holding init_db.sql. */
  public get initScriptSecretName(): string {
    return this.resource.name;
  }

  /** Secret name and key of users.json, or undefined when there are no users (static auth off). */
  public get usersSecret(): { readonly name: string; readonly key: string } | undefined {
    if (this.existing) return this.existing;
    return this.users.length ? { name: this.resource.name, key: USERS_KEY } : undefined;
  }

  /** Adds a vtgate user. @throws if the user already exists */
  public addUser(user: VtgateUser): void {
    if (this.existing) throw new Error(`${this.node.path}: users come from the existing Secret '${this.existing.name}'; add '${user.user}' there`);
    if (this.users.some((u) => u.user === user.user)) throw new Error(`${this.node.path}: user '${user.user}' is already defined; give each vtgate user a unique name`);
    this.users.push(user);
  }

  private renderData(extraSql: string | undefined): Record<string, string> {
    const data: Record<string, string> = { [INIT_SQL_KEY]: initDbSql({ extraSql }) };
    if (!this.existing && this.users.length) {
      const users = Object.fromEntries(this.users.map((u) => [u.user, [{ MysqlNativePassword: u.password.nativeHash(), UserData: u.userData ?? u.user }]]));
      data[USERS_KEY] = `${JSON.stringify(users, null, 2)}\n`;
    }
    return data;
  }

  private check(): Problem[] {
    const problems: Problem[] = [];
    if (this.existing && this.users.length) {
      problems.push({ field: 'users', message: `users are given, but users.json comes from the existing Secret '${this.existing.name}'`, fix: 'add the users to that Secret, or drop existingUsersSecret' });
    }
    const seen = new Set<string>();
    this.users.forEach((u, i) => {
      if (!u.user) problems.push({ field: `users[${i}].user`, message: 'the user name is empty', fix: 'give the user a name' });
      if (seen.has(u.user)) problems.push({ field: `users[${i}].user`, message: `user '${u.user}' is defined twice`, fix: 'give each vtgate user a unique name' });
      seen.add(u.user);
      problems.push(...(u.password ? u.password.check(`users[${i}].password`) : [missingProp(`users[${i}].password`, "pass Password.fromEnv('VTGATE_PASSWORD'), or Password.mysqlNativeHash(...)")]));
    });
    return problems;
  }
}
