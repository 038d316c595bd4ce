/**
 * Wire JSON built by concatenation: records are stored as canonical JSON, so
 * a change is a fixed prefix plus the stored text, never a parse/stringify.
 */
import { canonicalJson } from '../../shared/canonical-json.js';

export function upsertJson(kind: string, id: string, version: number, data: string): string {
  return `{"op":"upsert","kind":"${kind}","id":${JSON.stringify(id)},"version":${version},"data":${data}}`;
}

export function deleteJson(kind: string, id: string): string {
  return `{"op":"delete","kind":"${kind}","id":${JSON.stringify(id)}}`;
}

/** Stored form of a record: canonical JSON, so checksums hash the stored text directly. */
export function storedJson(data: unknown): string {
  return canonicalJson(data);
}

/** Ids that look like "42" become the integer row id 42 (ids and row ids then agree). */
export function numericRid(id: string): number | null {
  return /^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : null;
}
