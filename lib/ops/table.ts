import { formatMemory } from '../quantity';

/** Left-aligned text columns, two spaces apart, trailing blanks trimmed (deterministic, diff-friendly). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd());
}

/** Millicores as Kubernetes writes them: whole cores as `2`, the rest as `1250m`; `-` for none. */
export function cpu(millis: number | undefined): string {
  if (millis === undefined) return '-';
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Bytes as the largest binary unit that divides them (`1Gi`, `1536Mi`); `-` for none. */
export function mem(bytes: number | undefined): string {
  return bytes === undefined ? '-' : formatMemory(bytes);
}
