/**
 * The feed cursor: base64url JSON, opaque to clients. Short keys keep it
 * small because clients store it with every applied page.
 *   p  phase: u(rgent) | h(istory) | l(ive)
 *   h  head seq when the bootstrap started (snapshot boundary)
 *   k  index in ENTITY_KINDS of the kind being scanned, a = last row id sent
 *   d  records delivered so far, t = total expected (bootstrap progress)
 *   s  live: last seq delivered
 *   m  the scope it was minted for: a bit per kind of ENTITY_KINDS the caller
 *      receives. A cursor minted under another scope is refused, so a person
 *      whose roles changed bootstraps again: a cache must not keep records
 *      its person may no longer see, nor miss those they may see now.
 *   x  the history anchor (history.ts) of the commit holding h (snapshot) or
 *      s (live). A cursor whose anchor this database does not hold belongs
 *      to another history: the database was restored from a copy or
 *      replaced, and the client's cache must be rebuilt. Cursors handed out
 *      before anchors existed have none: the route asks for a new bootstrap.
 */
import { z } from 'zod';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';

const Int = z.number().int().nonnegative();
const Anchor = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const Snapshot = z.object({
  p: z.enum(['u', 'h']),
  h: Int,
  k: Int.max(ENTITY_KINDS.length),
  a: Int,
  d: Int,
  t: Int,
  m: Int,
  x: Anchor.optional(),
});
const Live = z.object({ p: z.literal('l'), s: Int, m: Int, x: Anchor.optional() });
const CursorSchema = z.discriminatedUnion('p', [Snapshot, Live]);

export type SnapshotCursor = z.infer<typeof Snapshot>;
export type LiveCursor = z.infer<typeof Live>;
export type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Parsed cursor, or null when it is not one of ours. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A scope's mark in the cursor: bit i set when the caller receives ENTITY_KINDS[i]. */
export function scopeMask(kinds: readonly EntityKind[]): number {
  return kinds.reduce((mask, kind) => mask | (1 << ENTITY_KINDS.indexOf(kind)), 0);
}

/** The seq a cursor stands at in the history: where a live one resumes, where a bootstrap's snapshot ends. */
export function cursorSeq(c: Cursor): number {
  return c.p === 'l' ? c.s : c.h;
}

/** Whether the cursor's anchor is the one this database's history has at its seq (never past the head). */
export async function inHistory(
  c: Cursor,
  history: { anchorAt(seq: number): Promise<string | null> },
): Promise<boolean> {
  return c.x !== undefined && (await history.anchorAt(cursorSeq(c))) === c.x;
}

/** A live cursor at `seq`; `anchor` is RecordStore.anchorAt(seq), which a seq at or below the head always has. */
export function liveCursor(seq: number, mask: number, anchor: string | null): string {
  if (anchor === null) throw new Error(`No commit of this history holds seq ${seq}`);
  return encodeCursor({ p: 'l', s: seq, m: mask, x: anchor });
}
