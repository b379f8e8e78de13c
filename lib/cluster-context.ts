import { IConstruct } from 'constructs';
import { AuthSecret } from './auth-secret';
import { Lockserver } from './lockserver';
import { MysqlPreset } from './mysql';
import { VitessRelease } from './vitess-release';

/**
 * What a cell, keyspace or tablet pool needs to know about the cluster it belongs to. Declared apart from
 * VitessCluster so the child constructs do not import it (no circular imports).
 */
export interface ClusterContext extends IConstruct {
  readonly release: VitessRelease;
  readonly mysql: MysqlPreset;
  readonly auth: AuthSecret;
  readonly globalLockserver: Lockserver;
  /** Names of the cells this VitessCluster lists. */
  cellNames(): string[];
}

const CONTEXT = Symbol.for('cdk8s-vitess.ClusterContext');

export function markClusterContext(c: ClusterContext): void {
  Object.defineProperty(c, CONTEXT, { value: true });
}

/** The nearest enclosing cluster. @throws when the construct was not created inside a VitessCluster */
export function clusterOf(scope: IConstruct, what: string): ClusterContext {
  for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
    if ((s as any)[CONTEXT]) return s as ClusterContext;
  }
  throw new Error(`${scope.node.path}: a ${what} must be created inside a VitessCluster; use cluster.add${what}(...)`);
}
