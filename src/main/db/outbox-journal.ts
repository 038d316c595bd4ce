/**
 * The outbox's journal: every outbox change, appended to a small file beside
 * the cache and flushed to disk before the change is acknowledged. The cache
 * file can be damaged and rebuilt (connection.ts) or lose its last
 * transactions (a deleted WAL); the journal still knows which actions the
 * backend has not settled, so they are put back and sent (outbox-restore.ts).
 *
 * Format: a sequence of frames `u32 LE length | 12-byte IV | ciphertext |
 * 16-byte GCM tag`, each holding one JSON record. The records hold the
 * person's replies, so each is encrypted with the cache key (AES-256-GCM);
 * the tag is also each frame's checksum. Reading stops at the first frame
 * that is short or fails its tag (a write cut by a crash): the frames before
 * it are kept, the rest is cut off before anything is appended.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TicketAction } from '../../shared/ipc.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Bound on one record: a reply's body plus the backend's copy of a ticket fit many times over. */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;
/** Binds every frame to this file format: a frame of another format with the same key fails its tag. */
const AAD = Buffer.from('support-console/outbox-journal/1');

/** An action as the journal keeps it: what is needed to send it again with the same key. */
export interface JournalAction {
  actionId: string;
  ticketId: string;
  actor: string;
  action: TicketAction;
  baseVersion: number;
  createdAt: string;
  /** Not sent before this instant (a merge's undo window); null or absent: at once. */
  notBefore?: string | null;
}

export type JournalRecord =
  | { t: 'added'; entry: JournalAction }
  /** Confirmed by the backend, resolved by the person, or never committed: nothing left to send or show. */
  | { t: 'settled'; actionId: string }
  | {
      t: 'refused';
      actionId: string;
      state: 'conflict' | 'rejected';
      reason: string;
      message: string;
      /** The backend's copy of the ticket it sent with a conflict (JSON), or null. */
      theirs: string | null;
    }
  /** Never-sent actions moved onto the version the backend confirmed for an earlier action. */
  | { t: 'rebased'; actionIds: string[]; baseVersion: number };

/** An action the backend has not settled, as the journal last recorded it. */
export interface UnsettledAction extends JournalAction {
  state: 'pending' | 'conflict' | 'rejected';
  reason: string | null;
  message: string | null;
  theirs: string | null;
}

export interface OutboxJournal {
  /** Appends the records as one write and flushes them to disk before returning. */
  append(records: readonly JournalRecord[]): void;
  /** The unsettled actions in the order they were taken. */
  unsettled(): UnsettledAction[];
  /** Rewrites the file with only the unsettled actions (atomically: a crash leaves the old or the new file). */
  compact(): void;
  /** Forgets everything (sign-out wipes the outbox): the file is emptied. */
  clear(): void;
  close(): void;
}

export interface JournalOpenResult {
  journal: OutboxJournal;
  /** Bytes at the end that were not a whole, authentic frame (a torn write) and were cut off. */
  droppedBytes: number;
  /** The file could not be read with this key at all (another key, or not a journal): it was moved here. */
  unreadableMovedTo: string | null;
}

export class JournalKeyError extends Error {
  override name = 'JournalKeyError';
}

function checkKey(key: Uint8Array): Buffer {
  if (key.byteLength !== KEY_BYTES) throw new JournalKeyError(`the journal key must be ${KEY_BYTES} bytes`);
  return Buffer.from(key);
}

function seal(key: Buffer, record: JournalRecord): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(IV_BYTES + body.length + TAG_BYTES);
  return Buffer.concat([length, iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, payload: Buffer): JournalRecord | null {
  const iv = payload.subarray(0, IV_BYTES);
  const tag = payload.subarray(payload.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  try {
    const text = Buffer.concat([
      decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)),
      decipher.final(),
    ]);
    // Authentic: written by seal() from a JournalRecord.
    return JSON.parse(text.toString('utf8')) as JournalRecord;
  } catch {
    return null;
  }
}

/** The authentic records at the start of `bytes`, and where they end. */
export function readFrames(key: Uint8Array, bytes: Buffer): { records: JournalRecord[]; validBytes: number } {
  const k = checkKey(key);
  const records: JournalRecord[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    if (length < IV_BYTES + TAG_BYTES || length > MAX_FRAME_BYTES || at + 4 + length > bytes.length) break;
    const record = open(k, bytes.subarray(at + 4, at + 4 + length));
    if (record === null) break;
    records.push(record);
    at += 4 + length;
  }
  return { records, validBytes: at };
}

/** Folds records into the unsettled actions, in the order they were added. */
export function foldRecords(
  records: readonly JournalRecord[],
  into = new Map<string, UnsettledAction>(),
): Map<string, UnsettledAction> {
  for (const r of records) {
    if (r.t === 'added')
      into.set(r.entry.actionId, { ...r.entry, state: 'pending', reason: null, message: null, theirs: null });
    else if (r.t === 'settled') into.delete(r.actionId);
    else if (r.t === 'refused') {
      const held = into.get(r.actionId);
      if (held !== undefined)
        into.set(r.actionId, { ...held, state: r.state, reason: r.reason, message: r.message, theirs: r.theirs });
    } else {
      for (const id of r.actionIds) {
        const held = into.get(id);
        if (held !== undefined) into.set(id, { ...held, baseVersion: r.baseVersion });
      }
    }
  }
  return into;
}

function fsyncDir(file: string): void {
  // The rename or the creation is durable only once the folder's entry is.
  const dir = fs.openSync(path.dirname(path.resolve(file)), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

function recordsOf(actions: Iterable<UnsettledAction>): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const a of actions) {
    const { state, reason, message, theirs, ...entry } = a;
    out.push({ t: 'added', entry });
    if (state !== 'pending')
      out.push({ t: 'refused', actionId: a.actionId, state, reason: reason ?? '', message: message ?? '', theirs });
  }
  return out;
}

/**
 * Opens (creating) the journal at `file`. A torn last frame is cut off; a
 * file that no frame of can be read with `key` (the key changed after a
 * sign-out, or the file is not a journal) is moved aside, never appended to.
 */
export function openOutboxJournal(
  file: string,
  key: Uint8Array,
  now: () => Date = () => new Date(),
): JournalOpenResult {
  const k = checkKey(key);
  const existed = fs.existsSync(file);
  let bytes = existed ? fs.readFileSync(file) : Buffer.alloc(0);
  let { records, validBytes } = readFrames(k, bytes);
  let unreadableMovedTo: string | null = null;
  if (records.length === 0 && bytes.length > 0) {
    unreadableMovedTo = `${file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, unreadableMovedTo);
    bytes = Buffer.alloc(0);
    validBytes = 0;
    records = [];
  }
  const droppedBytes = unreadableMovedTo === null ? bytes.length - validBytes : 0;
  const fd = fs.openSync(file, 'a+', 0o600);
  if (droppedBytes > 0) {
    fs.ftruncateSync(fd, validBytes);
    fs.fsyncSync(fd);
  }
  if (!existed || unreadableMovedTo !== null) fsyncDir(file);
  let handle = fd;
  const state = foldRecords(records);

  const journal: OutboxJournal = {
    append(list) {
      if (list.length === 0) return;
      const frames = Buffer.concat(list.map((r) => seal(k, r)));
      fs.writeSync(handle, frames);
      // The action counts as taken only once this returns: an entry the disk may not hold is not acknowledged.
      fs.fsyncSync(handle);
      foldRecords(list, state);
      if (state.size === 0) {
        // Everything settled: the file starts over empty (the records before hold replies nobody needs any more).
        fs.ftruncateSync(handle, 0);
        fs.fsyncSync(handle);
      }
    },
    unsettled: () => [...state.values()],
    compact() {
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat(recordsOf(state.values()).map((r) => seal(k, r))), { mode: 0o600 });
      const tmpFd = fs.openSync(tmp, 'r');
      fs.fsyncSync(tmpFd);
      fs.closeSync(tmpFd);
      fs.closeSync(handle);
      fs.renameSync(tmp, file);
      fsyncDir(file);
      handle = fs.openSync(file, 'a+', 0o600);
    },
    clear() {
      state.clear();
      fs.ftruncateSync(handle, 0);
      fs.fsyncSync(handle);
    },
    close() {
      fs.closeSync(handle);
    },
  };
  return { journal, droppedBytes, unreadableMovedTo };
}

/** The journal's file for the cache at `cacheFile`: beside it, so moving the damaged cache aside leaves it. */
export function journalFileOf(cacheFile: string): string {
  return `${cacheFile}.outbox-journal`;
}
