/**
 * JSON with object keys sorted at every level, so two sides that hold the
 * same records produce the same text (used for per-table checksums in tests
 * and benchmarks, and for comparing idempotent request bodies).
 *
 * Characters beyond ASCII are written as \u escapes. The reference backend
 * stores records in this form and sends the change feed as it is stored, so
 * a feed page is pure ASCII: the console then decodes it into a one-byte
 * string, and parses it, in about half the time a page with a few accented
 * names takes (V8 makes the whole 700 KB page a two-byte string for one é).
 * Any JSON parser reads the escapes back to the same characters.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(NON_ASCII, escapeChar);
}

const NON_ASCII = /[\u0080-\uffff]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
