/**
 * The records of a backend answer (a feed page, a mutation's answer) split
 * into those that passed `parseChange` and those that did not, each refused
 * one with its reason: one bad record never hides the good ones around it.
 */
import { parseChange } from './sync-protocol.js';
import type { ValidChange } from './sync-protocol.js';

/** A record that failed validation: what it claimed to be, why it was refused, and the data as received. */
export interface RefusedChange {
  kind: string;
  id: string;
  reason: string;
  raw: unknown;
}

export interface SortedChanges {
  valid: ValidChange[];
  refused: RefusedChange[];
}

export function validChanges(changes: readonly unknown[]): SortedChanges {
  const sorted: SortedChanges = { valid: [], refused: [] };
  for (const raw of changes) {
    const parsed = parseChange(raw);
    if (parsed.ok) sorted.valid.push(parsed.change);
    else sorted.refused.push({ kind: parsed.kind, id: parsed.id, reason: parsed.reason, raw: parsed.raw });
  }
  return sorted;
}
