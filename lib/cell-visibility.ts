import { Problem } from './problems';
import type { VitessCluster } from './vitess-cluster';
import { DEFAULT_REPLICAS } from './operator-defaults';

/** vtgate replicas when `gateway.replicas` is not given (operator default). */

/**
 * Keyspaces a cell's vtgates cannot see (pains F4, rule 21).
 *
 * A vtgate routes with the SrvKeyspace records of its own cell, which come from the tablets in that cell; the
 * operator also prunes a cell's SrvKeyspaces for keyspaces not deployed there (`pruneSrvKeyspaces`, on by
 * default). So a keyspace without tablets in a cell is invisible to that cell's vtgates, unless pruning is off
 * and the vtgates watch (`cells_to_watch`) a cell that has its tablets, as in a federation. Tablets of
 * federation peers count, so a member's cell that watches the other regions is fine.
 */
export function cellVisibilityWarnings(cluster: VitessCluster): Problem[] {
  const pruneSrvKeyspaces = cluster.topologyReconciliation.pruneSrvKeyspaces ?? true;
  const local = cluster.cellNames();
  return cluster.cells.flatMap((cell, i) => {
    const gateway = cell.render().gateway as { replicas?: number; autoscaler?: unknown; extraFlags?: Record<string, string> };
    if (!gateway.autoscaler && (gateway.replicas ?? DEFAULT_REPLICAS.vtgate) === 0) return [];
    const flag = gateway.extraFlags?.cells_to_watch;
    // Without the flag the operator makes every vtgate watch all cells of its own VitessCluster.
    const watched = flag !== undefined ? flag.split(',').map((c) => c.trim()).filter((c) => c) : local;
    return cluster.keyspaces.flatMap((ks): Problem[] => {
      const withTablets = [...new Set(ks.federatedTabletPools.filter((p) => p.replicas > 0).map((p) => p.cellName))];
      // No tablets anywhere is the keyspace's own error; tablets in this cell make it visible.
      if (withTablets.length === 0 || withTablets.includes(cell.name)) return [];
      if (!pruneSrvKeyspaces && watched.some((c) => withTablets.includes(c))) return [];
      const why = pruneSrvKeyspaces
        ? 'the operator prunes SrvKeyspace records of keyspaces without tablets in a cell (topologyReconciliation.pruneSrvKeyspaces)'
        : `its vtgates watch only ${watched.join(', ') || 'no cell'} (cells_to_watch), none of which has its tablets`;
      return [{
        field: `cells[${i}]`,
        message: `vtgates in cell '${cell.name}' cannot see keyspace '${ks.name}': it has no tablets there (only in ${withTablets.join(', ')}), and ${why}`,
        fix: `add a tablet pool for '${ks.name}' in cell '${cell.name}' (an rdonly pool is enough), or set pruneSrvKeyspaces to false and include ${withTablets[0]} in this cell's vtgate cells_to_watch (a Federation does both with CellsToWatch.ALL), or set this cell's gateway replicas to 0`,
      }];
    });
  });
}
