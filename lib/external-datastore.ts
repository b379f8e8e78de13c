import { Problem } from './problems';
import { SecretKeyRef } from './secret-ref';

/**
 * Tablet pool types for MySQL servers the operator does not run (unmanaged tablets): vttablet connects to
 * an existing server, e.g. to import a database with MoveTables.
 */
export enum ExternalTabletType {
  /** The external primary. Its tablets start as `spare` and count as primary-eligible. */
  MASTER = 'externalmaster',
  /** An external replica, registered as a plain replica. */
  REPLICA = 'externalreplica',
  /** An external read-only replica, registered as rdonly. */
  RDONLY = 'externalrdonly',
}

/** The MySQL server an external tablet pool's vttablets connect to. */
export interface ExternalDatastore {
  /** Host name or address of the MySQL server. */
  readonly host: string;
  /** @default 3306 */
  readonly port?: number;
  /** MySQL user vttablet logs in as. */
  readonly user: string;
  /** Database (schema) on that server that becomes the keyspace's data. */
  readonly database: string;
  /**
   * Secret key holding JSON `{"<user>": ["<password>"]}` (Vitess uses the first password). Keep it in a
   * Secret you manage: the password has to be stored in clear text for vttablet.
   */
  readonly credentialsSecret: SecretKeyRef;
  /** CA certificate to verify the server's TLS certificate. @default - no server verification */
  readonly serverCACertSecret?: SecretKeyRef;
}

/** The CRD `externalDatastore` object. */
export function renderExternalDatastore(d: ExternalDatastore): Record<string, unknown> {
  return {
    host: d.host,
    port: d.port ?? 3306,
    user: d.user,
    database: d.database,
    credentialsSecret: d.credentialsSecret?.render(),
    ...(d.serverCACertSecret ? { serverCACertSecret: d.serverCACertSecret.render() } : {}),
  };
}

export function checkExternalDatastore(field: string, d: ExternalDatastore): Problem[] {
  const problems: Problem[] = [];
  for (const k of ['host', 'user', 'database'] as const) {
    if (!d[k]) problems.push({ field: `${field}.${k}`, message: `the external datastore ${k} is empty`, fix: `give the ${k} of the MySQL server vttablet connects to` });
  }
  if (/[\s/]|:\d+$/.test(d.host)) problems.push({ field: `${field}.host`, message: `'${d.host}' is not a bare host name`, fix: 'give the host without scheme or port; the port goes in port' });
  const port = d.port ?? 3306;
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push({ field: `${field}.port`, message: `${port} is not a port`, fix: 'use 1–65535' });
  problems.push(...SecretKeyRef.checkRequired(`${field}.credentialsSecret`, d.credentialsSecret));
  if (d.serverCACertSecret) problems.push(...d.serverCACertSecret.check(`${field}.serverCACertSecret`));
  return problems;
}
