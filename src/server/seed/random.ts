/**
 * Seeded randomness for the seed generator.
 *
 * Faker is far too slow to call once per field at a million tickets, and
 * Math.random is not reproducible, so everything here runs on sfc32: four
 * 32-bit words of state, a few integer ops per draw. An Rng can be built from
 * any list of integer keys (seed, stream, index), which lets a record be
 * regenerated on its own (an account's profile from its index) without
 * replaying the whole stream.
 */

/** murmur3's finaliser: spreads every input bit over the whole word. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stream names, so that two generators never share a sequence. */
export const STREAM = {
  pools: 1,
  account: 2,
  tickets: 3,
  messages: 4,
  recoveries: 5,
  callbacks: 6,
  agents: 7,
  guest: 8,
  documents: 9,
} as const;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...keys: number[]) {
    let h = 0x243f6a88;
    for (const k of keys) {
      // Keys may exceed 32 bits (a seed like Date.UTC(...)): fold both halves in.
      h = mix32(h ^ mix32((k >>> 0) + 0x9e3779b9));
      h = mix32(h ^ Math.floor(k / 0x1_0000_0000));
    }
    this.a = mix32(h + 1);
    this.b = mix32(h + 2);
    this.c = mix32(h + 3);
    this.d = mix32(h + 4) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next unsigned 32-bit integer (sfc32). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A draw from a table built once with `weighted()`. */
  choose<T>(table: Weighted<T>): T {
    const x = this.float() * table.total;
    const cum = table.cumulative;
    let i = 0;
    while (i < cum.length - 1 && (cum[i] as number) <= x) i++;
    return table.values[i] as T;
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }
}

export interface Weighted<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Precomputed cumulative weights: building them per draw would cost more than the draw. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  if (entries.length === 0) throw new Error('empty weight table');
  let total = 0;
  const values: T[] = [];
  const cumulative: number[] = [];
  for (const [value, weight] of entries) {
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  return { values, cumulative, total };
}

/** Zero-padded decimal, for ids that sort as text in creation order. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
