import { describe, expect, it } from 'vitest';
import { groupDuplicates } from './duplicates.js';

const fields = (contactEmail: string, resetEmail = contactEmail) => ({
  firstName: 'A',
  lastName: 'B',
  organisationName: '',
  customerNumber: '',
  domain: '',
  contactEmail,
  resetEmail,
  phone: '1',
  street: 's',
  postalCode: '1',
  city: 'c',
  country: 'CH',
  message: '',
});
const req = (id: string, createdAt: string, account: string | null, contact: string, reset?: string) => ({
  id,
  createdAt,
  matchedAccountId: account,
  fields: fields(contact, reset),
});

describe('groupDuplicates', () => {
  it('groups the same account and the same requester address, led by the oldest, groups oldest first', () => {
    const groups = groupDuplicates([
      req('3', '2026-01-03T00:00:00.000Z', 'acc-1', 'x@a.ch'),
      req('1', '2026-01-01T00:00:00.000Z', 'acc-1', 'y@a.ch'),
      req('2', '2026-01-02T00:00:00.000Z', null, 'solo@b.ch'),
      req('4', '2026-01-04T00:00:00.000Z', null, 'other@c.ch', 'Y@A.CH'),
    ]);
    expect(groups.map((g) => [g.lead.id, g.duplicates.map((d) => d.id)])).toEqual([
      ['1', ['3', '4']],
      ['2', []],
    ]);
  });
  it('joins two chains through a request that shares a key with each', () => {
    const groups = groupDuplicates([
      req('1', '2026-01-01T00:00:00.000Z', 'acc-1', 'p@a.ch'),
      req('2', '2026-01-02T00:00:00.000Z', 'acc-2', 'q@a.ch'),
      req('3', '2026-01-03T00:00:00.000Z', 'acc-2', 'p@a.ch'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.duplicates.map((d) => d.id)).toEqual(['2', '3']);
  });
  it('does not group on blank addresses', () => {
    expect(
      groupDuplicates([req('1', '2026-01-01T00:00:00.000Z', null, ''), req('2', '2026-01-02T00:00:00.000Z', null, '')]),
    ).toHaveLength(2);
  });
});
