import { TabletType } from '../policies';
import { parseCpu, parseMemory } from '../quantity';
import { VitessRelease } from '../vitess-release';
import { ClusterManifest, InputError } from './manifests';
import { DEFAULT_ETCD_STORAGE, DEFAULT_REPLICAS, DEFAULT_RESOURCES, DefaultedContainer, VTORC_ALWAYS_SINCE } from '../operator-defaults';
import { cpu, mem } from './table';
import { keyspaceShards, NAME_MAX, objectName, tabletUid } from '../topology';

/**
 * `plan`: the pods, containers, resources and volumes the operator will create for a VitessCluster, computed
 * from the spec plus the operator's defaults (seed-scenarios §5–§6, pains S3, O3, rule 13).
 */

export type Component = 'etcd' | 'vbs-subcontroller' | 'vtctld' | 'vtgate' | 'vtadmin' | 'vtorc' | 'vttablet';

/** Display and kubectl order within a cell. */
const COMPONENT_ORDER: readonly Component[] = ['etcd', 'vbs-subcontroller', 'vtctld', 'vtgate', 'vtadmin', 'vtorc', 'vttablet'];

/** CPU in millicores and memory in bytes; a missing key means "not set". */
export interface Quantities {
  readonly cpu?: number;
  readonly memory?: number;
}

export interface PlannedContainer {
  readonly name: string;
  readonly requests: Quantities;
  readonly limits: Quantities;
  /** `spec`: all from the manifest; `default`: some filled in by the operator; `none`: nothing at all (BestEffort). */
  readonly source: 'spec' | 'default' | 'none';
}

export interface PlannedPod {
  /** Exact for pods the operator names itself; Deployment pods end in `-*` (ReplicaSet hash and random suffix). */
  readonly name: string;
  readonly component: Component;
  /** The cell the pod runs in; undefined for cluster-wide pods (global etcd, backup-storage subcontroller). */
  readonly cell?: string;
  /** What the pod serves, e.g. `commerce/-80 replica`. */
  readonly detail: string;
  readonly containers: readonly PlannedContainer[];
  readonly initContainers: readonly PlannedContainer[];
  /** PVC storage request in bytes, when the pod has a PVC. */
  readonly storage?: number;
  /** Scheduling requests: max(sum of containers, largest init container), per resource, as the scheduler counts. */
  readonly requests: Required<Quantities>;
  /** Sum of the limits that are set (as `kubectl describe node` shows them). */
  readonly limits: Required<Quantities>;
}

export interface Totals {
  readonly pods: number;
  readonly requests: Required<Quantities>;
  readonly limits: Required<Quantities>;
  readonly pvcs: number;
  readonly storage: number;
}

/** CPU (millicores) and memory (bytes) a cell's nodes can give to pods. */
export interface NodeBudget {
  readonly cpu: number;
  readonly memory: number;
}

export interface BudgetFinding {
  /** The cell, or undefined for the cluster as a whole. */
  readonly cell?: string;
  readonly message: string;
}

export interface Budgets {
  readonly all?: NodeBudget;
  readonly perCell?: Readonly<Record<string, NodeBudget>>;
}

export interface ClusterPlan {
  readonly cluster: string;
  readonly namespace?: string;
  readonly file: string;
  /** Operator minor whose defaults were applied. */
  readonly operator: string;
  readonly pods: readonly PlannedPod[];
  /** Cells in spec order, then `undefined` for cluster-wide pods when there are any. */
  readonly cells: ReadonlyArray<{ readonly cell?: string; readonly totals: Totals }>;
  readonly total: Totals;
  readonly warnings: readonly string[];
  readonly budget: readonly BudgetFinding[];
}

export interface PlanOptions {
  /** Operator release whose defaults apply. @default VitessRelease.LATEST */
  readonly release?: VitessRelease;
  /** Node budget per cell: `all` for every cell, `perCell` by cell name (wins). @default - no budget check */
  readonly budgets?: Budgets;
}

/** Plans every VitessCluster given. */
export function planClusters(clusters: readonly ClusterManifest[], options: PlanOptions = {}): ClusterPlan[] {
  return clusters.map((c) => planCluster(c, options));
}

/** Plans one VitessCluster. @throws InputError for quantities that do not parse */
export function planCluster(c: ClusterManifest, options: PlanOptions = {}): ClusterPlan {
  const release = options.release ?? VitessRelease.LATEST;
  const ctx: Ctx = { c, spec: c.spec ?? {}, warnings: [], release };
  const cellNames: string[] = (ctx.spec.cells ?? []).map((x: any) => String(x.name));
  const pods = [...etcdPods(ctx), ...subcontrollerPods(ctx), ...vtctldPods(ctx, cellNames), ...vtgatePods(ctx),
    ...vtadminPods(ctx, cellNames), ...keyspacePods(ctx, cellNames)];
  const rank = (p: PlannedPod) => [p.cell === undefined ? -1 : cellIndex(cellNames, p.cell), COMPONENT_ORDER.indexOf(p.component)];
  const ordered = pods.map((p, i) => ({ p, i })).sort((a, b) => {
    const [ac, ak] = rank(a.p);
    const [bc, bk] = rank(b.p);
    return ac - bc || ak - bk || a.i - b.i;
  }).map((x) => x.p);

  const groups = [...new Set(ordered.map((p) => p.cell))];
  const cells = groups.map((cell) => ({ cell, totals: totals(ordered.filter((p) => p.cell === cell)) }));
  const total = totals(ordered);
  return {
    cluster: c.name,
    namespace: c.namespace,
    file: c.file,
    operator: release.operatorMinor,
    pods: ordered,
    cells,
    total,
    warnings: ctx.warnings,
    budget: options.budgets ? checkBudget(cells, cellNames, options.budgets) : [],
  };
}

/** Cells outside spec.cells (a pool naming an undefined cell) sort after the defined ones. */
function cellIndex(cellNames: string[], cell: string): number {
  const i = cellNames.indexOf(cell);
  return i < 0 ? cellNames.length : i;
}

interface Ctx {
  readonly c: ClusterManifest;
  readonly spec: any;
  readonly warnings: string[];
  readonly release: VitessRelease;
}

// ---- resources -------------------------------------------------------------------------------------------

const ZERO: Required<Quantities> = { cpu: 0, memory: 0 };

/**
 * A container's effective resources: the spec's, the operator default for each empty map, then the API
 * server's rule that a limit without a request sets the request.
 */
function container(ctx: Ctx, name: string, where: string, resources: any, defaults?: DefaultedContainer): PlannedContainer {
  const def = defaults ? DEFAULT_RESOURCES[defaults] : undefined;
  const reqSpec = nonEmpty(resources?.requests);
  const limSpec = nonEmpty(resources?.limits);
  const reqRaw = reqSpec ?? def?.requests ?? {};
  const limRaw = limSpec ?? def?.limits ?? {};
  const limits = parseSide(ctx, `${where}.limits`, limRaw);
  const requests = { ...limits, ...parseSide(ctx, `${where}.requests`, reqRaw) };
  const defaulted = def !== undefined && (!reqSpec || !limSpec);
  const source = defaulted ? 'default' : reqSpec || limSpec ? 'spec' : 'none';
  return { name, requests, limits, source };
}

function nonEmpty(m: any): Record<string, unknown> | undefined {
  return m && typeof m === 'object' && Object.keys(m).length > 0 ? m : undefined;
}

function parseSide(ctx: Ctx, where: string, raw: any): Quantities {
  const out: { cpu?: number; memory?: number } = {};
  if (raw.cpu !== undefined) out.cpu = quantity(ctx, `${where}.cpu`, raw.cpu, parseCpu, "'100m' or '1'");
  if (raw.memory !== undefined) out.memory = quantity(ctx, `${where}.memory`, raw.memory, parseMemory, "'512Mi' or '1Gi'");
  return out;
}

function quantity(ctx: Ctx, where: string, raw: unknown, parse: (q: string) => number | undefined, example: string): number {
  const v = parse(String(raw));
  if (v === undefined) {
    throw new InputError(`${ctx.c.file}: VitessCluster ${ctx.c.name}: ${where}: '${raw}' is not a quantity. Write it like ${example}`);
  }
  return Math.ceil(v);
}

function storageOf(ctx: Ctx, where: string, claim: any): number | undefined {
  const raw = claim?.resources?.requests?.storage;
  return raw === undefined ? undefined : quantity(ctx, `${where}.resources.requests.storage`, raw, parseMemory, "'10Gi'");
}

/** Sidecar and init containers users add through the spec; no defaults, counted like any other container. */
function extraContainers(ctx: Ctx, where: string, spec: any, kind: 'sidecarContainers' | 'initContainers'): PlannedContainer[] {
  return (spec?.[kind] ?? []).map((x: any, i: number) => container(ctx, String(x.name ?? `${kind}[${i}]`), `${where}.${kind}[${i}].resources`, x.resources));
}

function pod(p: Omit<PlannedPod, 'requests' | 'limits'>): PlannedPod {
  const sum = (k: 'cpu' | 'memory', side: 'requests' | 'limits', list: readonly PlannedContainer[]) => list.reduce((a, c) => a + (c[side][k] ?? 0), 0);
  const maxInit = (k: 'cpu' | 'memory') => Math.max(0, ...p.initContainers.map((c) => c.requests[k] ?? 0));
  return {
    ...p,
    requests: { cpu: Math.max(sum('cpu', 'requests', p.containers), maxInit('cpu')), memory: Math.max(sum('memory', 'requests', p.containers), maxInit('memory')) },
    limits: { cpu: sum('cpu', 'limits', p.containers), memory: sum('memory', 'limits', p.containers) },
  };
}

function deploymentPods(count: number, base: Omit<PlannedPod, 'requests' | 'limits'>): PlannedPod[] {
  return Array.from({ length: count }, () => pod(base));
}

// ---- components ------------------------------------------------------------------------------------------

/** Operator-managed etcd: 3 member pods with a PVC each, global and per cell (facts §2.4, §3). */
function etcdPods(ctx: Ctx): PlannedPod[] {
  const { c, spec } = ctx;
  const out: PlannedPod[] = [];
  const add = (ls: any, where: string, parts: string[], cell: string | undefined, detail: string) => {
    if (!ls || ls.external) return;
    const etcd = ls.etcd ?? {};
    const name = objectName(parts, NAME_MAX.etcd);
    const members = etcd.localMemberIndex ? [Number(etcd.localMemberIndex)] : Array.from({ length: DEFAULT_REPLICAS.etcd }, (_, i) => i + 1);
    const storage = storageOf(ctx, `${where}.etcd.dataVolumeClaimTemplate`, etcd.dataVolumeClaimTemplate) ?? Math.ceil(parseMemory(DEFAULT_ETCD_STORAGE)!);
    for (const m of members) {
      out.push(pod({
        name: `${name}-${m}`, component: 'etcd', cell, detail,
        containers: [container(ctx, 'etcd', `${where}.etcd.resources`, etcd.resources, 'etcd'), ...extraContainers(ctx, `${where}.etcd`, etcd, 'sidecarContainers')],
        initContainers: extraContainers(ctx, `${where}.etcd`, etcd, 'initContainers'),
        storage,
      }));
    }
  };
  // No globalLockserver at all means the operator's default etcd.
  add(spec.globalLockserver ?? {}, 'globalLockserver', [c.name, 'etcd'], undefined, 'global lockserver');
  (spec.cells ?? []).forEach((cell: any, i: number) => {
    if (cell.lockserver?.etcd) add(cell.lockserver, `cells[${i}].lockserver`, [c.name, cell.name, 'etcd'], cell.name, 'cell lockserver');
  });
  return out;
}

/** One backup-storage subcontroller pod per backup location, cloned from the operator pod (facts §5.3). */
function subcontrollerPods(ctx: Ctx): PlannedPod[] {
  const { c, spec } = ctx;
  return (spec.backup?.locations ?? []).map((loc: any) => {
    const vbs = objectName(loc.name ? [c.name, loc.name] : [c.name]);
    return pod({
      name: `${vbs}-vitessbackupstorage-subcontroller`, component: 'vbs-subcontroller', detail: `backup location ${loc.name || '(default)'}`,
      containers: [container(ctx, 'vitess-operator', 'backup.subcontroller', undefined, 'vitess-operator')], initContainers: [],
    });
  });
}

/** vtctld: one Deployment per dashboard cell (default all cells), `replicas` pods each (facts §2.10). */
function vtctldPods(ctx: Ctx, cellNames: string[]): PlannedPod[] {
  const d = ctx.spec.vitessDashboard ?? {};
  const cells = knownCells(ctx, 'vitessDashboard.cells', d.cells, cellNames);
  return cells.flatMap((cell) => deploymentPods(d.replicas ?? DEFAULT_REPLICAS.vtctld, {
    name: `${objectName([ctx.c.name, cell, 'vtctld'])}-*`, component: 'vtctld', cell, detail: '',
    containers: [container(ctx, 'vtctld', 'vitessDashboard.resources', d.resources, 'vtctld'), ...extraContainers(ctx, 'vitessDashboard', d, 'sidecarContainers')],
    initContainers: extraContainers(ctx, 'vitessDashboard', d, 'initContainers'),
  }));
}

/** vtgate: one Deployment per cell; with an autoscaler the HPA starts at minReplicas (facts §2.3). */
function vtgatePods(ctx: Ctx): PlannedPod[] {
  return (ctx.spec.cells ?? []).flatMap((cell: any, i: number) => {
    const g = cell.gateway ?? {};
    let replicas = g.replicas ?? DEFAULT_REPLICAS.vtgate;
    if (g.autoscaler) {
      replicas = g.autoscaler.minReplicas ?? 1;
      ctx.warnings.push(`cell ${cell.name}: vtgate is autoscaled; planned at minReplicas ${replicas}, the HPA may add up to maxReplicas ${g.autoscaler.maxReplicas ?? '?'}`);
    }
    const where = `cells[${i}].gateway`;
    return deploymentPods(replicas, {
      name: `${objectName([ctx.c.name, cell.name, 'vtgate'])}-*`, component: 'vtgate', cell: cell.name, detail: '',
      containers: [container(ctx, 'vtgate', `${where}.resources`, g.resources, 'vtgate'), ...extraContainers(ctx, where, g, 'sidecarContainers')],
      initContainers: extraContainers(ctx, where, g, 'initContainers'),
    });
  });
}

/** The operator deploys vtadmin only with both `vtadmin` and `images.vtadmin`: there is no default image (facts §1.2, §2.11). */
export function deploysVtadmin(spec: any): boolean {
  return Boolean(spec?.vtadmin && spec?.images?.vtadmin);
}

/** vtadmin per cell when deployed; api + web containers. */
function vtadminPods(ctx: Ctx, cellNames: string[]): PlannedPod[] {
  const v = ctx.spec.vtadmin;
  if (!deploysVtadmin(ctx.spec)) {
    if (v) ctx.warnings.push('vtadmin is set but images.vtadmin is empty: the operator deploys no vtadmin (there is no default image)');
    return [];
  }
  return knownCells(ctx, 'vtadmin.cells', v.cells, cellNames).flatMap((cell) => deploymentPods(v.replicas ?? DEFAULT_REPLICAS.vtadmin, {
    name: `${objectName([ctx.c.name, cell, 'vtadmin'])}-*`, component: 'vtadmin', cell, detail: '',
    containers: [
      container(ctx, 'vtadmin-api', 'vtadmin.apiResources', v.apiResources, 'vtadmin-api'),
      container(ctx, 'vtadmin-web', 'vtadmin.webResources', v.webResources, 'vtadmin-web'),
      ...extraContainers(ctx, 'vtadmin', v, 'sidecarContainers'),
    ],
    initContainers: extraContainers(ctx, 'vtadmin', v, 'initContainers'),
  }));
}

function knownCells(ctx: Ctx, field: string, listed: unknown, cellNames: string[]): string[] {
  if (!Array.isArray(listed)) return cellNames;
  const unknown = listed.filter((x) => !cellNames.includes(String(x)));
  if (unknown.length) ctx.warnings.push(`${field}: ${unknown.join(', ')} not in spec.cells; the operator ignores ${unknown.length > 1 ? 'them' : 'it'}`);
  return cellNames.filter((x) => listed.map(String).includes(x));
}

/** vtorc per shard × cell with a replica pool, then every tablet of every pool (facts §2.5, §2.8, §2.13). */
function keyspacePods(ctx: Ctx, cellNames: string[]): PlannedPod[] {
  const { c, spec } = ctx;
  const out: PlannedPod[] = [];
  (spec.keyspaces ?? []).forEach((ks: any, k: number) => {
    const vtorc = ctx.release.atLeast(VTORC_ALWAYS_SINCE) || ks.vitessOrchestrator !== undefined;
    const orc = ks.vitessOrchestrator ?? {};
    for (const shard of keyspaceShards(ks)) {
      const pools: any[] = shard.template.tabletPools ?? [];
      const label = `${ks.name}/${shard.name}`;
      const replicaCells = vtorc ? [...new Set(pools.filter((p) => p.type === TabletType.REPLICA).map((p) => String(p.cell)))] : [];
      for (const cell of replicaCells) {
        out.push(pod({
          name: `${objectName([c.name, ks.name, shard.safeName, cell, 'vtorc'])}-*`, component: 'vtorc', cell, detail: label,
          containers: [container(ctx, 'vtorc', `keyspaces[${k}].vitessOrchestrator.resources`, orc.resources, 'vtorc'),
            ...extraContainers(ctx, `keyspaces[${k}].vitessOrchestrator`, orc, 'sidecarContainers')],
          initContainers: extraContainers(ctx, `keyspaces[${k}].vitessOrchestrator`, orc, 'initContainers'),
        }));
      }
      pools.forEach((pool, i) => out.push(...tabletPods(ctx, cellNames, ks.name, shard, pool, `keyspaces[${ks.name}].shards[${shard.name}].tabletPools[${i}]`, label)));
    }
  });
  return out;
}

function tabletPods(ctx: Ctx, cellNames: string[], keyspace: string, shard: { start: string; end: string }, pool: any, where: string, label: string): PlannedPod[] {
  const cell = String(pool.cell);
  if (!cellNames.includes(cell)) ctx.warnings.push(`${label} ${pool.type} pool: cell '${cell}' is not in spec.cells, so no vtgate serves these tablets`);
  const named = pool.externalDatastore && pool.name ? pool.name : undefined;
  const containers = [container(ctx, 'vttablet', `${where}.vttablet.resources`, pool.vttablet?.resources)];
  if (pool.mysqld) {
    containers.push(
      container(ctx, 'mysqld', `${where}.mysqld.resources`, pool.mysqld.resources),
      container(ctx, 'mysqld-exporter', `${where}.mysqldExporter.resources`, pool.mysqldExporter?.resources, 'mysqld-exporter'),
    );
  }
  const bare = containers.filter((x) => x.source === 'none').map((x) => x.name);
  if (bare.length && Number(pool.replicas) > 0) {
    ctx.warnings.push(`${label} ${pool.type}@${cell}: no resources for ${bare.join(', ')}; the operator sets none, so these tablets are BestEffort and evicted first`);
  }
  containers.push(...extraContainers(ctx, where, pool, 'sidecarContainers'));
  const init = [container(ctx, 'init-vt-root', where, undefined, 'tablet-init')];
  if (pool.dataVolumeClaimTemplate) init.push(container(ctx, 'init-mysql-socket', where, undefined, 'tablet-init'));
  init.push(...extraContainers(ctx, where, pool, 'initContainers'));
  const storage = storageOf(ctx, `${where}.dataVolumeClaimTemplate`, pool.dataVolumeClaimTemplate);
  return Array.from({ length: Number(pool.replicas ?? 0) }, (_, i) => {
    const uid = tabletUid(cell, keyspace, shard.start, shard.end, String(pool.type), i + 1, named);
    return pod({
      name: objectName([ctx.c.name, 'vttablet', `${cell}-${uid}`]), component: 'vttablet', cell,
      detail: `${label} ${pool.type}${named ? ` ${named}` : ''}`, containers, initContainers: init, storage,
    });
  });
}

// ---- totals and budget -----------------------------------------------------------------------------------

function totals(pods: readonly PlannedPod[]): Totals {
  const add = (a: Required<Quantities>, b: Required<Quantities>) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
  return {
    pods: pods.length,
    requests: pods.reduce((a, p) => add(a, p.requests), ZERO),
    limits: pods.reduce((a, p) => add(a, p.limits), ZERO),
    pvcs: pods.filter((p) => p.storage !== undefined).length,
    storage: pods.reduce((a, p) => a + (p.storage ?? 0), 0),
  };
}

/**
 * Cells whose pods request more than the cell's budget leave pods Pending (seed §6). Cluster-wide pods
 * (global etcd, subcontrollers) land in whichever cell has room, so they are checked against what is left.
 */
function checkBudget(cells: ClusterPlan['cells'], cellNames: string[], budgets: Budgets): BudgetFinding[] {
  const findings: BudgetFinding[] = [];
  let spareCpu = 0;
  let spareMem = 0;
  let known = true;
  for (const name of cellNames) {
    const b = budgets.perCell?.[name] ?? budgets.all;
    const t = cells.find((x) => x.cell === name)?.totals.requests ?? ZERO;
    if (!b) { known = false; continue; }
    const short = shortfall(t, b);
    if (short) findings.push({ cell: name, message: `cell ${name} requests ${cpu(t.cpu)} CPU / ${mem(t.memory)} but the budget is ${cpu(b.cpu)} / ${mem(b.memory)}: pods will stay Pending (short by ${short})` });
    spareCpu += Math.max(0, b.cpu - t.cpu);
    spareMem += Math.max(0, b.memory - t.memory);
  }
  const wide = cells.find((x) => x.cell === undefined)?.totals.requests;
  if (known && wide && findings.length === 0) {
    const short = shortfall(wide, { cpu: spareCpu, memory: spareMem });
    if (short) findings.push({ message: `cluster-wide pods request ${cpu(wide.cpu)} CPU / ${mem(wide.memory)} but the cells have only ${cpu(spareCpu)} / ${mem(spareMem)} left: pods will stay Pending (short by ${short})` });
  }
  return findings;
}

function shortfall(need: Required<Quantities>, have: NodeBudget): string | undefined {
  const parts = [];
  if (need.cpu > have.cpu) parts.push(`${cpu(need.cpu - have.cpu)} CPU`);
  if (need.memory > have.memory) parts.push(mem(need.memory - have.memory));
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * Parses `--node-budget` values: `4,16Gi` for every cell or `az1=4,16Gi` for one cell (CPU first, then memory).
 * @throws InputError on a malformed value
 */
export function parseBudgets(values: readonly string[]): Budgets {
  let all: NodeBudget | undefined;
  const perCell: Record<string, NodeBudget> = {};
  for (const v of values) {
    const m = /^(?:([^=,]+)=)?([^,]+),([^,]+)$/.exec(v.trim());
    const c = m ? parseCpu(m[2].trim()) : undefined;
    const b = m ? parseMemory(m[3].trim()) : undefined;
    if (!m || c === undefined || b === undefined) {
      throw new InputError(`--node-budget '${v}': expected <cpu>,<memory> or <cell>=<cpu>,<memory>, e.g. 4,16Gi or az1=4,16Gi`);
    }
    if (m[1] === undefined) all = { cpu: c, memory: b };
    else perCell[m[1]] = { cpu: c, memory: b };
  }
  return { all, perCell };
}
