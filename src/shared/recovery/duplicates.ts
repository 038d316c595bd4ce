/**
 * Duplicate recovery requests (they slow the verification down:
 * docs/product-rules.md#duplicate-requests): open requests from the same
 * requester (same contact or reset address) or for the same account are one case, so a verifier decides
 * once. Groups are connected components over those keys; each group is led
 * by its oldest request and groups are ordered oldest first.
 */
import type { RecoveryRequest } from '../entities.js';
import { normaliseEmail } from './checklist.js';

export interface DuplicateGroup<R> {
  /** The oldest request: the one to decide. */
  lead: R;
  /** The others, oldest first. */
  duplicates: R[];
}

type Groupable = Pick<RecoveryRequest, 'id' | 'createdAt' | 'matchedAccountId' | 'fields'>;

function keysOf(r: Groupable): string[] {
  const keys: string[] = [];
  if (r.matchedAccountId !== null) keys.push(`account:${r.matchedAccountId}`);
  for (const e of [r.fields.contactEmail, r.fields.resetEmail]) {
    if (e.trim() !== '') keys.push(`email:${normaliseEmail(e)}`);
  }
  return keys;
}

export function groupDuplicates<R extends Groupable>(requests: readonly R[]): DuplicateGroup<R>[] {
  const sorted = [...requests].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1,
  );
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  const owner = new Map<string, number>();
  sorted.forEach((r, i) => {
    for (const key of keysOf(r)) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else {
        // Union by the smaller index, so a group's root is its oldest request.
        const [a, b] = [find(i), find(j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, DuplicateGroup<R>>();
  sorted.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g === undefined) groups.set(root, { lead: r, duplicates: [] });
    else g.duplicates.push(r);
  });
  return [...groups.values()];
}
