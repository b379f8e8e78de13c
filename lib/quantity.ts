/**
 * Kubernetes resource quantities, parsed just enough to compare them (requests vs limits, OOM floors,
 * buffer-pool sizing). Memory is in bytes, CPU in millicores.
 */

const MEMORY_SUFFIX: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
};

const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P|m)?$/;

/**
 * Bytes in a memory quantity like `512Mi`, `1G`, `1073741824`; undefined if it is not one. Surrounding
 * whitespace makes it none: the value is emitted as given, and the CRD pattern refuses `' 1Gi'`.
 */
export function parseMemory(q: string): number | undefined {
  const m = QUANTITY.exec(String(q));
  if (!m || m[2] === 'm') return undefined;
  return Number(m[1]) * MEMORY_SUFFIX[m[2] ?? ''];
}

/** Millicores in a CPU quantity like `100m`, `0.5`, `2`; undefined if it is not one (surrounding whitespace included). */
export function parseCpu(q: string | number): number | undefined {
  const m = QUANTITY.exec(String(q));
  if (!m) return undefined;
  if (m[2] === 'm') return Number(m[1]);
  return m[2] ? undefined : Number(m[1]) * 1000;
}

export const MI = 2 ** 20;
export const GI = 2 ** 30;

/** Formats bytes as the largest binary unit that divides them (`1Gi`, `384Mi`). */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['Gi', GI], ['Mi', MI], ['Ki', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** my.cnf sizes (`512M`, `2G`) use binary K/M/G without the `i`, unlike Kubernetes quantities. */
const MYCNF_SUFFIX: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** Bytes in a my.cnf size like `512M`; undefined if it is not one. */
export function parseMycnfSize(text: string): number | undefined {
  const m = /^(\d+)([KMG]?)$/i.exec(text.trim());
  return m ? Number(m[1]) * MYCNF_SUFFIX[m[2].toUpperCase()] : undefined;
}

/** A byte count as a my.cnf size in whole M (`512M`); callers pass multiples of 1 MiB. */
export function formatMycnfSize(bytes: number): string {
  return `${Math.floor(bytes / MI)}M`;
}
