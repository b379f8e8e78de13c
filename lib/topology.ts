import { createHash } from 'node:crypto';
import { equalKeyRanges } from './partitioning';

/**
 * What the operator derives from a VitessCluster spec without asking anyone: object names, shards and tablet
 * identities. Each function mirrors an operator function whose output upstream promises never to change
 * (facts §3, §2.6, §2.13), so the names printed by `plan` are the names `kubectl get pods` shows.
 */

/** Name constraints (facts §3): default objects 253, Services 63, EtcdLockserver 56 (room for `-client`). */
export const NAME_MAX = { object: 253, service: 63, etcd: 56 } as const;

/** First 4 bytes of MD5 over the original parts, each followed by NUL (operator `names.Hash`). */
function nameHash(parts: readonly string[]): string {
  const h = createHash('md5');
  for (const p of parts) h.update(p).update(Buffer.from([0]));
  return h.digest('hex').slice(0, 8);
}

/**
 * The operator's `names.JoinWithConstraints`: lowercased parts joined with `-`, characters outside `[a-z0-9-]`
 * replaced by `-`, an `x` prefix when the first character is not allowed, then `-<hash>`; too long → cut and `---<hash>`.
 */
export function objectName(parts: readonly string[], maxLength: number = NAME_MAX.object, service = false): string {
  const hash = nameHash(parts);
  const clean = parts.map((p) => p.toLowerCase().replace(/[^a-z0-9-]/g, '-'));
  if (!(service ? /^[a-z]/ : /^[a-z0-9]/).test(clean[0] ?? '')) clean[0] = `x${clean[0] ?? ''}`;
  const joined = clean.join('-');
  const predicted = joined.length + 1 + hash.length;
  if (predicted <= maxLength) return `${joined}-${hash}`;
  return `${joined.slice(0, joined.length - (predicted - maxLength + 2))}---${hash}`;
}

/** Shard name safe for labels and object names: unbounded ends become `x` (`x-80`, `x-x`). */
export function shardSafeName(start: string, end: string): string {
  return `${start || 'x'}-${end || 'x'}`;
}

/**
 * Tablet UID: first 32 bits (big-endian) of MD5 over Go's `fmt.Fprintln(cell, keyspace, "start-end", type, index)`
 * (operator `vttablet.UID`; index is 1-based within the pool). Named pools (external datastores) add the pool
 * name as a last operand (`UIDWithPoolName`, derived from its signature).
 */
export function tabletUid(cell: string, keyspace: string, start: string, end: string, type: string, index: number, poolName?: string): string {
  const operands = [cell, keyspace, `${start}-${end}`, type, String(index), ...(poolName ? [poolName] : [])];
  const uid = createHash('md5').update(`${operands.join(' ')}\n`).digest().readUInt32BE(0);
  return String(uid).padStart(10, '0');
}

/** One shard of a keyspace with the template that wins for it. */
export interface ShardInfo {
  readonly start: string;
  readonly end: string;
  /** Vitess shard name, `-80`; `-` when unsharded. */
  readonly name: string;
  readonly safeName: string;
  /** The VitessShardTemplate (tabletPools, databaseInitScriptSecret, replication, …). */
  readonly template: any;
  /** Index of the partitioning the template came from. */
  readonly partitioning: number;
}

/** The key ranges of one partitioning of the spec, with their shard templates. */
export function partitioningShards(p: any): Array<{ start: string; end: string; template: any }> {
  if (p?.equal) {
    const ranges = equalKeyRanges(Number(p.equal.parts), Number(p.equal.hexWidth ?? 0));
    return ranges.map((r) => ({ start: r.start, end: r.end, template: p.equal.shardTemplate ?? {} }));
  }
  return (p?.custom?.shards ?? []).map((s: any) => {
    const { keyRange, ...template } = s;
    return { start: keyRange?.start ?? '', end: keyRange?.end ?? '', template };
  });
}

/**
 * Every shard a keyspace deploys: shards with identical key ranges across partitionings are one shard, and
 * the later partitioning's template wins (facts §2.6). Sorted by key range, as the operator does.
 */
export function keyspaceShards(keyspace: any): ShardInfo[] {
  const byName = new Map<string, ShardInfo>();
  (keyspace?.partitionings ?? []).forEach((p: any, i: number) => {
    for (const s of partitioningShards(p)) {
      const name = `${s.start}-${s.end}`;
      byName.set(name, { ...s, name, safeName: shardSafeName(s.start, s.end), partitioning: i });
    }
  });
  return [...byName.values()].sort((a, b) => compare(a.start, b.start) || compare(a.end, b.end));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Labels the operator puts on the pods it creates (facts §6.4); selectors and affinities match on them. */
export const OPERATOR_LABELS = {
  component: 'planetscale.com/component',
  cluster: 'planetscale.com/cluster',
  keyspace: 'planetscale.com/keyspace',
  shard: 'planetscale.com/shard',
  cell: 'planetscale.com/cell',
  tabletType: 'planetscale.com/tablet-type',
} as const;
