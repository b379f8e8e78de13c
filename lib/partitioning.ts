import { Problem } from './problems';

/** A shard's key range; empty strings are the unbounded ends. */
export interface KeyRange {
  readonly start: string;
  readonly end: string;
}

export interface EqualPartitioningOptions {
  /**
   * Hex digits in the generated key-range boundaries (operator 2.16+). Must be even and give at least
   * `parts` distinct values (16^hexWidth ≥ parts).
   * @default - automatic: 2 up to 256 parts, 4 above
   */
  readonly hexWidth?: number;
}

const MAX_PARTS = 65536;
/** The CRD's maximum for `equal.hexWidth`. */
const MAX_HEX_WIDTH = 65536;
const HEX = /^([0-9a-f][0-9a-f])*$/;

/**
 * How a keyspace is split into shards: `equal(n)` key ranges or an explicit `custom([...])` list.
 * A keyspace has one, or two while resharding (add the new one after the old one).
 */
export class Partitioning {
  /** One shard covering the whole key space (`-`). */
  public static unsharded(): Partitioning {
    return Partitioning.equal(1);
  }

  /** `parts` shards of (roughly) equal key ranges: `equal(2)` gives `-80`, `80-`. */
  public static equal(parts: number, options: EqualPartitioningOptions = {}): Partitioning {
    return new Partitioning('equal', parts, options.hexWidth, []);
  }

  /**
   * Explicit shards, by Vitess shard name (`'-80'`, `'80-c0'`, `'c0-'`) or key range. They must be sorted
   * and cover the whole key space without gaps or overlaps.
   */
  public static custom(shards: ReadonlyArray<string | KeyRange>): Partitioning {
    // Anything else (possible from JavaScript) becomes a placeholder that check() reports by position.
    const ranges = (shards ?? []).map((s) => (typeof s === 'string' ? parseShardName(s) : typeof s === 'object' && s !== null ? s : { start: '', end: '', invalid: s }));
    return new Partitioning('custom', ranges.length, undefined, ranges);
  }

  private constructor(
    public readonly kind: 'equal' | 'custom',
    public readonly parts: number,
    public readonly hexWidth: number | undefined,
    private readonly ranges: readonly KeyRange[],
  ) {}

  /** The shards' key ranges, in order, as the operator will create them. */
  public keyRanges(): KeyRange[] {
    if (this.kind === 'custom') return [...this.ranges];
    if (!Number.isInteger(this.parts) || this.parts < 1 || this.parts > MAX_PARTS) return [];
    // An invalid hexWidth is reported by check(); computing boundaries with it could overflow BigInt.
    if (this.hexWidth !== undefined && !validHexWidth(this.hexWidth)) return [];
    return equalKeyRanges(this.parts, this.hexWidth ?? 0);
  }

  /** Vitess shard names (`-80`, `80-`; `-` when unsharded). */
  public shardNames(): string[] {
    return this.keyRanges().map((r) => `${r.start}-${r.end}`);
  }

  /** The CRD object for this partitioning, with the given shard template. */
  public render(shardTemplate: Record<string, unknown>): Record<string, unknown> {
    if (this.kind === 'equal') {
      return { equal: { parts: this.parts, ...(this.hexWidth !== undefined ? { hexWidth: this.hexWidth } : {}), shardTemplate } };
    }
    return { custom: { shards: this.ranges.map((keyRange) => ({ keyRange: { ...keyRange }, ...shardTemplate })) } };
  }

  /** Coverage, ordering and width problems (facts §2.6, §8 rule 4). */
  public check(field: string): Problem[] {
    return this.kind === 'equal' ? this.checkEqual(field) : this.checkCustom(`${field}.custom.shards`);
  }

  private checkEqual(field: string): Problem[] {
    const problems: Problem[] = [];
    if (!Number.isInteger(this.parts) || this.parts < 1 || this.parts > MAX_PARTS) {
      problems.push({ field: `${field}.equal.parts`, message: `${this.parts} parts is outside 1..${MAX_PARTS}`, fix: `pick a whole number of shards between 1 and ${MAX_PARTS}` });
    }
    const w = this.hexWidth;
    if (w !== undefined && w !== 0) {
      if (!Number.isInteger(w) || w < 0 || w % 2 !== 0) {
        problems.push({ field: `${field}.equal.hexWidth`, message: `hexWidth ${w} is not ${Number.isInteger(w) && w < 0 ? 'a positive' : 'an even'} number of hex digits (key ranges are whole bytes)`, fix: 'use 2, 4, 6… or leave hexWidth unset for automatic' });
      } else if (w > MAX_HEX_WIDTH) {
        problems.push({ field: `${field}.equal.hexWidth`, message: `hexWidth ${w} is above the CRD maximum of ${MAX_HEX_WIDTH}`, fix: 'use the fewest even number of hex digits that gives each part its own boundary (4 covers 65536 parts), or leave it unset for automatic' });
      } else if (16 ** w < this.parts) {
        problems.push({ field: `${field}.equal.hexWidth`, message: `hexWidth ${w} gives only ${16 ** w} distinct boundaries for ${this.parts} parts (the operator would panic)`, fix: `use hexWidth ${w + 2} or more, or leave it unset for automatic` });
      }
    }
    return problems;
  }

  private checkCustom(field: string): Problem[] {
    const problems: Problem[] = [];
    const r = this.ranges;
    if (r.length === 0) return [{ field, message: 'a custom partitioning has no shards', fix: "list shards covering the whole key space, e.g. ['-80', '80-']" }];
    const invalid = r.flatMap((k, i) => ('invalid' in k ? [{ field: `${field}[${i}]`, message: `${String((k as { invalid: unknown }).invalid)} is not a shard name or key range`, fix: "write each shard as a name ('-80', '80-c0', 'c0-') or { start: '80', end: 'c0' }" }] : []));
    if (invalid.length) return invalid;
    r.forEach((k, i) => {
      for (const end of ['start', 'end'] as const) {
        if (!HEX.test(k[end])) {
          problems.push({ field: `${field}[${i}].keyRange.${end}`, message: `'${k[end]}' is not lowercase hex with an even number of digits`, fix: "write whole bytes in lowercase hex, e.g. '80' or '8000'" });
        }
      }
      if (k.end !== '' && k.start >= k.end) {
        problems.push({ field: `${field}[${i}].keyRange`, message: `shard '${k.start}-${k.end}' is empty or reversed`, fix: 'make start lower than end' });
      }
    });
    if (r[0].start !== '') problems.push({ field: `${field}[0].keyRange.start`, message: `the first shard starts at '${r[0].start}', leaving keys below it unserved`, fix: "start the first shard at '' (e.g. '-80')" });
    if (r[r.length - 1].end !== '') problems.push({ field: `${field}[${r.length - 1}].keyRange.end`, message: `the last shard ends at '${r[r.length - 1].end}', leaving keys above it unserved`, fix: "end the last shard at '' (e.g. '80-')" });
    for (let i = 1; i < r.length; i++) {
      const prev = r[i - 1].end;
      const cur = r[i].start;
      if (prev === '') {
        // '' ends the key space here but starts it in a start field: no shard may follow one that runs to the end.
        problems.push({
          field: `${field}[${i}].keyRange.start`,
          message: `shard '${cur}-${r[i].end}' comes after shard '${r[i - 1].start}-', which already runs to the end of the key space, so they overlap`,
          fix: "sort the shards by key range, with the one ending at '' last, and list each range once",
        });
        continue;
      }
      if (prev === cur) continue;
      const overlap = cur < prev;
      problems.push({
        field: `${field}[${i}].keyRange.start`,
        message: overlap
          ? `shard '${cur}-${r[i].end}' overlaps the previous shard, which ends at '${prev}'`
          : `gap between '${prev}' and '${cur}': keys in it belong to no shard`,
        fix: `start this shard exactly where the previous one ends ('${prev}'), keeping shards sorted`,
      });
    }
    return problems;
  }
}

/**
 * The operator's equal split (its partitioning.EqualKeyRanges): the 64-bit keyspace-id space is cut every
 * ⌊(2⁶⁴ − parts) / parts⌋ + 1, in unsigned 64-bit arithmetic, and each boundary keeps its top bytes — as
 * many as `parts − 1` needs (1 up to 256 parts), or `hexWidth / 2`. Integer rounding makes e.g. 10 parts
 * meet at `7f`, not `80`, so shard names must come from this, not from a float split.
 */
export function equalKeyRanges(parts: number, hexWidth = 0): KeyRange[] {
  if (!Number.isInteger(parts) || parts <= 1) return [{ start: '', end: '' }];
  let bytes = 0;
  for (let q = parts - 1; q > 0; q = Math.floor(q / 256)) bytes++;
  if (hexWidth > 0) bytes = hexWidth / 2;
  const n = BigInt(parts);
  const interval = ((1n << 64n) - n) / n + 1n;
  const bound = (i: number) => {
    if (i === 0 || i === parts) return '';
    const v = (BigInt(i) * interval) & ((1n << 64n) - 1n);
    return (v >> BigInt(64 - 8 * bytes)).toString(16).padStart(2 * bytes, '0');
  };
  return Array.from({ length: parts }, (_, i) => ({ start: bound(i), end: bound(i + 1) }));
}

/** A hexWidth the CRD accepts and the key-range arithmetic can use: 0 (automatic) or even, up to the CRD maximum. */
function validHexWidth(w: number): boolean {
  return Number.isInteger(w) && w >= 0 && w % 2 === 0 && w <= MAX_HEX_WIDTH;
}

/** `'-80'` → {start:'', end:'80'}; `'-'` or `'0'` → the whole range. */
function parseShardName(name: string): KeyRange {
  if (name === '0' || name === '-') return { start: '', end: '' };
  const i = name.indexOf('-');
  return i < 0 ? { start: name, end: '' } : { start: name.slice(0, i), end: name.slice(i + 1) };
}
