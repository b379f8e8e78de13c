import { ExternalLockserverOptions, Lockserver, ManagedEtcdOptions } from './lockserver';

/**
 * The cluster's global lockserver (topology service): `GlobalEtcd.managed()` for a 3-member etcd the
 * operator runs, `GlobalEtcd.external({...})` for a shared one (federation) or one outside Kubernetes.
 */
export class GlobalEtcd {
  /** An operator-managed 3-member etcd (the default). */
  public static managed(options: ManagedEtcdOptions = {}): Lockserver {
    return Lockserver.managedEtcd(options);
  }

  /** An external lockserver; `implementation` defaults to `etcd2`. */
  public static external(options: ExternalLockserverOptions): Lockserver {
    return Lockserver.external(options);
  }

  private constructor() {}
}
