/** Closed sets of values the CRDs accept, as enums. */

/** How a keyspace's primary waits for replicas to acknowledge writes (Vitess durability policies). */
export enum DurabilityPolicy {
  /** Asynchronous replication. */
  NONE = 'none',
  /** The primary waits for one replica (semi-sync); never falls back to async. */
  SEMI_SYNC = 'semi_sync',
  /** Like semi_sync, but rdonly tablets may acknowledge too (Vitess 18+). */
  SEMI_SYNC_WITH_RDONLY_ACK = 'semi_sync_with_rdonly_ack',
  /** The acknowledging replica must be in another cell. */
  CROSS_CELL = 'cross_cell',
  /** Like cross_cell, but rdonly tablets may acknowledge too (Vitess 18+). */
  CROSS_CELL_WITH_RDONLY_ACK = 'cross_cell_with_rdonly_ack',
}

/** What each durability policy needs from the tablets of a shard (pains D2, D3; facts §2.5). */
export const DURABILITY_RULES: Record<DurabilityPolicy, { semiSync: boolean; crossCell: boolean; rdonlyAck: boolean; minVitess: number }> = {
  [DurabilityPolicy.NONE]: { semiSync: false, crossCell: false, rdonlyAck: false, minVitess: 0 },
  [DurabilityPolicy.SEMI_SYNC]: { semiSync: true, crossCell: false, rdonlyAck: false, minVitess: 0 },
  [DurabilityPolicy.SEMI_SYNC_WITH_RDONLY_ACK]: { semiSync: true, crossCell: false, rdonlyAck: true, minVitess: 18 },
  [DurabilityPolicy.CROSS_CELL]: { semiSync: true, crossCell: true, rdonlyAck: false, minVitess: 0 },
  [DurabilityPolicy.CROSS_CELL_WITH_RDONLY_ACK]: { semiSync: true, crossCell: true, rdonlyAck: true, minVitess: 18 },
};

/** What the operator does when a keyspace disappears from the spec. */
export enum TurndownPolicy {
  /** Keep it (orphaned) until all its tablet pools were scaled to 0 first. The safe default. */
  REQUIRE_IDLE = 'RequireIdle',
  /** Delete tablets, volumes and topology records at once. */
  IMMEDIATE = 'Immediate',
}

/** Tablet pool types that run a local mysqld. (External pools belong to unmanaged datastores.) */
export enum TabletType {
  /** Primary-eligible: serves writes when promoted, reads otherwise. */
  REPLICA = 'replica',
  /** Never promoted; for batch and analytics reads. */
  RDONLY = 'rdonly',
}

/** How spec changes reach running pods. */
export enum UpdateStrategyType {
  /** Changes wait for the `rollout.planetscale.com/released` annotation (the operator's default). */
  EXTERNAL = 'External',
  /** Changes roll out at once, one tablet per shard at a time, with planned reparents. */
  IMMEDIATE = 'Immediate',
}
