import { ClusterPlan, PlannedPod, Totals } from './plan';
import { cpu, mem, table } from './table';

/** The human-readable plan: components per cell, totals, the healthy pod list, warnings and budget findings. */
export function formatPlan(plan: ClusterPlan): string {
  const lines: string[] = [];
  const ns = plan.namespace ? ` (namespace ${plan.namespace})` : '';
  lines.push(`VitessCluster ${plan.cluster}${ns} from ${plan.file}`);
  lines.push(`${plan.total.pods} pods, ${plan.total.pvcs} PVCs; operator ${plan.operator} defaults where the spec is empty (marked *)`, '');

  const rows: string[][] = [];
  let prevCell: string | null = null;
  for (const g of groupPods(plan.pods)) {
    const p = g.pod;
    const cell = p.cell ?? '-';
    p.containers.forEach((c, i) => {
      // * marks values the operator fills in; a '-' (not set) stays unmarked.
      const mark = (v: string) => (c.source === 'default' && v !== '-' ? `${v}*` : v);
      const head = i === 0 ? [cell === prevCell ? '' : cell, p.component, p.detail, String(g.count)] : ['', '', '', ''];
      rows.push([...head, c.name, mark(cpu(c.requests.cpu)), mark(mem(c.requests.memory)), mark(cpu(c.limits.cpu)), mark(mem(c.limits.memory)),
        i === 0 ? (p.storage !== undefined ? mem(p.storage) : '-') : '']);
    });
    prevCell = cell;
  }
  lines.push(...table(['CELL', 'COMPONENT', 'WHAT', 'PODS', 'CONTAINER', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'PVC'], rows), '');

  lines.push('Totals (pod requests as the scheduler counts them; limits sum those that are set):');
  const none = (v: number) => (v === 0 ? undefined : v);
  const trow = (name: string, t: Totals) => [name, String(t.pods), cpu(t.requests.cpu), mem(t.requests.memory),
    cpu(none(t.limits.cpu)), mem(none(t.limits.memory)), String(t.pvcs), mem(t.storage)];
  lines.push(...table(['CELL', 'PODS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'PVCS', 'STORAGE'],
    [...plan.cells.map((x) => trow(x.cell ?? '(cluster-wide)', x.totals)), trow('total', plan.total)]), '');

  const nsFlag = plan.namespace ? ` -n ${plan.namespace}` : '';
  lines.push(`A healthy 'kubectl get pods${nsFlag} -l planetscale.com/cluster=${plan.cluster}' (Deployment pods end in random suffixes, shown as *):`);
  const sorted = [...plan.pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  lines.push(...table(['NAME', 'READY', 'STATUS'], sorted.map((p) => [p.name, `${p.containers.length}/${p.containers.length}`, 'Running'])));
  lines.push('Not listed: the operator itself, the one-off initial vtbackup pod per shard when backups are configured, and backup-schedule Jobs.');

  if (plan.warnings.length) lines.push('', 'Warnings:', ...plan.warnings.map((w) => `- ${w}`));
  if (plan.budget.length) lines.push('', 'Node budget exceeded:', ...plan.budget.map((b) => `- ${b.message}`));
  return `${lines.join('\n')}\n`;
}

/** Consecutive pods with the same cell, component, detail and containers, counted once. */
function groupPods(pods: readonly PlannedPod[]): Array<{ pod: PlannedPod; count: number }> {
  const out: Array<{ pod: PlannedPod; count: number; key: string }> = [];
  for (const p of pods) {
    const key = JSON.stringify([p.cell, p.component, p.detail, p.containers, p.storage]);
    const last = out[out.length - 1];
    if (last && last.key === key) last.count++;
    else out.push({ pod: p, count: 1, key });
  }
  return out;
}
