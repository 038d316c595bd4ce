import { describe, expect, it } from 'vitest';
import type { Category } from './entities.js';
import { validChanges } from './valid-changes.js';

const category = (id: string, version: number): Category => ({
  id,
  names: { fr: 'Hébergement', de: 'Hosting', it: 'Hosting', en: 'Hosting' },
  position: 1,
  version,
  updatedAt: '2026-03-01T08:00:00.000Z',
});

const upsert = (c: Category) => ({ op: 'upsert', kind: 'category', id: c.id, version: c.version, data: c });

describe('validChanges', () => {
  it('keeps the valid records in their order and refuses each invalid one with its kind, id, reason and data', () => {
    const noName = { ...category('mail', 2), names: { fr: '' } };
    const answer = [
      upsert(category('hosting', 3)),
      { op: 'upsert', kind: 'category', id: 'mail', version: 2, data: noName },
      { op: 'delete', kind: 'ticket', id: '41' },
      { op: 'rename', kind: 'ticket', id: '42' },
      // The envelope says version 9, the record says 4: neither is trusted.
      { ...upsert(category('phone', 4)), version: 9 },
      upsert(category('billing', 1)),
    ];

    const { valid, refused } = validChanges(answer);

    expect(valid.map((c) => [c.op, c.kind, c.id])).toEqual([
      ['upsert', 'category', 'hosting'],
      ['delete', 'ticket', '41'],
      ['upsert', 'category', 'billing'],
    ]);
    expect(valid[0]).toMatchObject({ op: 'upsert', version: 3, record: category('hosting', 3) });
    expect(refused.map((r) => [r.kind, r.id])).toEqual([
      ['category', 'mail'],
      ['ticket', '42'],
      ['category', 'phone'],
    ]);
    expect(refused[0]?.reason).toMatch(/names/);
    expect(refused[0]?.raw).toBe(answer[1]);
    expect(refused[1]?.reason).toMatch(/op/);
    expect(refused[2]?.reason).toBe('envelope id/version differ from the record');
  });

  it('labels a change that is not even an object as kind and id "?"', () => {
    const { valid, refused } = validChanges([null, 'text']);
    expect(valid).toEqual([]);
    expect(refused.map((r) => [r.kind, r.id, r.raw])).toEqual([
      ['?', '?', null],
      ['?', '?', 'text'],
    ]);
  });
});
