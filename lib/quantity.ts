/**
 * Kubernetes resource quantities, parsed just enough to compare them (requests vs limits, OOM floors,
 * buffer-pool sizing). Memory is in bytes, CPU in millicores.
 */

const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * The Kubernetes quantity grammar, as the CRDs' `resources` pattern states it: an optionally signed decimal
 * (`1`, `1.5`, `.5`, `5.`), then a binary suffix, a decimal suffix or a decimal exponent (`1e3`). Surrounding
 * whitespace is not allowed: the value is emitted as given, and the API server refuses `' 1Gi'`.
 */
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([KMGTPE]i|[numkMGTPE])|[eE]([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)))?$/;

/** A quantity's value in base units and its suffix; undefined if it is not one, or negative (no resource is). */
function parseQuantity(q: string | number): { value: number; suffix: string } | undefined {
  const m = QUANTITY.exec(String(q));
  if (!m) return undefined;
  const value = Number(m[1]) * (m[3] !== undefined ? 10 ** Number(m[3]) : SUFFIX[m[2] ?? '']);
  return Number.isFinite(value) && value >= 0 ? { value, suffix: m[2] ?? '' } : undefined;
}

/**
 * Bytes in a memory quantity like `512Mi`, `1G`, `1073741824` or `1e9`; undefined if it is not one. Milli-,
 * micro- and nano-bytes are legal Kubernetes but always a slip (`512m` meant `512Mi`), so they count as none.
 */
export function parseMemory(q: string): number | undefined {
  const p = parseQuantity(q);
  return p && !['m', 'u', 'n'].includes(p.suffix) ? p.value : undefined;
}

/** Millicores in a CPU quantity like `100m`, `0.5`, `.5`, `2`; undefined if it is not one, or has a byte-like suffix (`2Gi`, `1k`). */
export function parseCpu(q: string | number): number | undefined {
  const p = parseQuantity(q);
  return p && ['', 'm', 'u', 'n'].includes(p.suffix) ? p.value * 1000 : undefined;
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
