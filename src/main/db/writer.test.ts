import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/entities.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { cacheChecksums } from './test-checksums.js';
import { makeCategory, makeTicket, queueWindow, tempDir, upsertTicket } from './test-fixtures.js';

let cache: Cache;
beforeEach(() => {
  cache = openCache(path.join(tempDir('writer'), 'cache.db'));
});
afterEach(() => {
  cache.close();
});

describe('applyChanges', () => {
  it('never lets a repeated or older version overwrite a newer one', () => {
    const v2 = makeTicket(1, { version: 2, subject: 'second' });
    cache.writer.applyChanges([upsertTicket(v2)], [], 'c1', 'urgent');
    const result = cache.writer.applyChanges(
      [upsertTicket(makeTicket(1, { version: 1, subject: 'first' })), upsertTicket(v2)],
      [],
      'c2',
      'urgent',
    );
    expect(result).toMatchObject({ upserts: 0, stale: 2 });
    expect(cache.reader.getRecord('ticket', v2.id)).toEqual(v2);
    expect(cache.reader.syncState()).toMatchObject({ cursor: 'c2', phase: 'urgent' });
  });

  it('returns records exactly as given, JSON fields included', () => {
    const t = makeTicket(3, {
      attachments: [
        { id: 'F1', declaredName: 'scan.pdf', declaredType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
      ],
      callbackPhone: '+41 21 000 00 00',
      level: 2,
    });
    const c = makeCategory(4);
    cache.writer.applyChanges(
      [upsertTicket(t), { op: 'upsert', kind: 'category', id: c.id, version: 1, record: c }],
      [],
      'c',
      'urgent',
    );
    expect(cache.reader.getRecord('ticket', t.id)).toEqual(t);
    expect(cache.reader.getRecord('category', c.id)).toEqual(c);
    expect(cache.reader.getRecord('agent', 'nobody')).toBeNull();
  });

  it('keeps an optional field absent when the record has none, and whole when it has one', () => {
    const entry = (id: string, served?: AuditEntry['served']): AuditEntry => ({
      id,
      action: 'view_document',
      recoveryId: 'R1',
      agentId: 'A1',
      at: '2026-12-01T10:00:00.000Z',
      documentId: 'D1',
      checklist: { identity_document: 'pass' },
      reasonCode: null,
      documentKind: null,
      ...(served === undefined ? {} : { served }),
      version: 1,
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    const before = entry('AU1');
    const after = entry('AU2', { sha256: 'b'.repeat(64), size: 1234, format: 'png' });
    cache.writer.applyChanges(
      [before, after].map((record) => ({
        op: 'upsert' as const,
        kind: 'audit' as const,
        id: record.id,
        version: 1,
        record,
      })),
      [],
      'c',
      'urgent',
    );
    expect(cache.reader.getRecord('audit', 'AU1')).toEqual(before);
    expect(cache.reader.getRecord('audit', 'AU1')).not.toHaveProperty('served');
    expect(cache.reader.getRecord('audit', 'AU2')).toEqual(after);
  });

  it('keeps a rejected record aside until a later valid version replaces it', () => {
    const raw = { op: 'upsert', kind: 'ticket', id: 'T0000009', version: 2, data: { id: 'T0000009', version: 2 } };
    cache.writer.applyChanges([], [{ kind: 'ticket', id: 'T0000009', reason: 'status: invalid', raw }], 'c1', 'live');
    expect(cache.reader.problems()).toMatchObject([
      { kind: 'ticket', id: 'T0000009', version: 2, reason: 'status: invalid', raw },
    ]);

    // An older valid copy does not settle it: the server has moved past it.
    cache.writer.applyChanges([upsertTicket(makeTicket(9, { version: 1 }))], [], 'c2', 'live');
    expect(cache.reader.problems()).toHaveLength(1);
    cache.writer.applyChanges([upsertTicket(makeTicket(9, { version: 3 }))], [], 'c3', 'live');
    expect(cache.reader.problems()).toEqual([]);

    // A bad copy of a version already held is not worth keeping.
    const stale = { ...raw, version: 3 };
    const r = cache.writer.applyChanges(
      [],
      [{ kind: 'ticket', id: 'T0000009', reason: 'x', raw: stale }],
      'c4',
      'live',
    );
    expect(r.problems).toBe(0);
  });

  it('deletes, and a delete settles a pending problem', () => {
    cache.writer.applyChanges(
      [upsertTicket(makeTicket(5))],
      [{ kind: 'agent', id: 'G1', reason: 'bad', raw: {} }],
      'c',
      'live',
    );
    const r = cache.writer.applyChanges(
      [
        { op: 'delete', kind: 'ticket', id: makeTicket(5).id },
        { op: 'delete', kind: 'agent', id: 'G1' },
      ],
      [],
      'c2',
      'live',
    );
    expect(r.deletes).toBe(2);
    expect(r.touched).toEqual({ ticket: [makeTicket(5).id] });
    expect(cache.reader.getRecord('ticket', makeTicket(5).id)).toBeNull();
    expect(cache.reader.problems()).toEqual([]);
    expect(cache.reader.counts()).toEqual([]);
  });

  it('resetForBootstrap forgets records, cursor and search index', () => {
    cache.writer.applyChanges([upsertTicket(makeTicket(1)), upsertTicket(makeTicket(2))], [], 'c', 'live');
    cache.writer.indexSearchChunk(10);
    cache.writer.resetForBootstrap('http://other');
    expect(cache.reader.syncState()).toEqual({ cursor: null, phase: null, backend: 'http://other', lastPullAt: null });
    expect(cacheChecksums(cache).ticket.count).toBe(0);
    expect(cache.reader.ftsProgress()).toEqual({ indexedUpTo: 0, maxRid: 0, ready: true });
    expect(queueWindow(cache, { search: 'messagerie' }).rows).toEqual([]);
  });
});

describe('schema map', () => {
  it('has one column for every field of every entity in the contract', async () => {
    const { ENTITY_KINDS, ENTITY_SCHEMAS } = await import('../../shared/entities.js');
    const { TABLES } = await import('./schema-map.js');
    for (const kind of ENTITY_KINDS) {
      const fields = Object.keys(ENTITY_SCHEMAS[kind].shape).sort();
      expect(TABLES[kind].columns.map((c) => c.field).sort(), kind).toEqual(fields);
    }
  });
});
