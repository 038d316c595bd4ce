import { beforeAll, describe, expect, it } from 'vitest';
import { parseCallbackPhone } from '../../shared/callbacks/eligibility.js';
import { ENTITY_SCHEMAS } from '../../shared/entities.js';
import type { CollectedSeed } from './collecting-sink.js';
import { collectSeed } from './collecting-sink.js';
import { DEFAULT_COUNTS, DEMO_AGENTS } from './index.js';
import { CATEGORY_IDS } from './vocab.js';

const NOW = new Date('2026-03-16T09:30:00.000Z');
const TODAY = '2026-03-16';

let a: CollectedSeed;
let b: CollectedSeed;

beforeAll(() => {
  a = collectSeed({ seed: 1, now: NOW });
  b = collectSeed({ seed: 1, now: NOW });
});

const byId = <T extends { id: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));

describe('seedDataset', () => {
  it('is deterministic: the same seed gives byte-identical records and files', () => {
    const records = (s: CollectedSeed): string =>
      JSON.stringify([s.categories, s.agents, s.accounts, s.tickets, s.messages, s.recoveries, s.callbacks]);
    expect(records(b)).toBe(records(a));
    expect([...b.documents.keys()]).toEqual([...a.documents.keys()]);
    for (const [id, bytes] of a.documents)
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(b.documents.get(id) ?? []))).toBe(0);
  });

  it('gives different data for a different seed', () => {
    const c = collectSeed({ seed: 2, now: NOW, tickets: 200, accounts: 50, recoveries: 3, callbacks: 2 });
    expect(c.accounts[0]).not.toEqual(a.accounts[0]);
    expect(c.tickets.slice(0, 20).map((t) => t.subject)).not.toEqual(a.tickets.slice(0, 20).map((t) => t.subject));
  });

  it('does not depend on the clock when no `now` is given', () => {
    const x = collectSeed({ seed: 5, tickets: 50, accounts: 20, recoveries: 2, callbacks: 2 });
    const y = collectSeed({ seed: 5, tickets: 50, accounts: 20, recoveries: 2, callbacks: 2 });
    expect(JSON.stringify(y.tickets)).toBe(JSON.stringify(x.tickets));
  });

  it('honours the default counts', () => {
    expect(a.categories).toHaveLength(9);
    expect(a.accounts).toHaveLength(DEFAULT_COUNTS.accounts);
    expect(a.tickets).toHaveLength(DEFAULT_COUNTS.tickets);
    expect(a.recoveries).toHaveLength(DEFAULT_COUNTS.recoveries);
    expect(a.callbacks).toHaveLength(DEFAULT_COUNTS.callbacks);
    expect(a.messages.length).toBeGreaterThan(0);
  });

  it('honours explicit counts, including zero', () => {
    const c = collectSeed({ seed: 3, now: NOW, accounts: 40, tickets: 500, recoveries: 7, callbacks: 5 });
    expect([c.accounts.length, c.tickets.length, c.recoveries.length, c.callbacks.length]).toEqual([40, 500, 7, 5]);
    const empty = collectSeed({ seed: 3, now: NOW, accounts: 0, tickets: 0, recoveries: 0, callbacks: 0 });
    expect([empty.accounts.length, empty.tickets.length, empty.messages.length, empty.callbacks.length]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(empty.agents.length).toBeGreaterThan(4);
    const noAccounts = collectSeed({ seed: 3, now: NOW, accounts: 0, tickets: 100, recoveries: 3, callbacks: 3 });
    expect(noAccounts.tickets.every((t) => t.accountId === null)).toBe(true);
    expect(noAccounts.callbacks).toHaveLength(0);
  });

  it('rejects nonsense options', () => {
    expect(() => collectSeed({ seed: 1, tickets: -1 })).toThrow(RangeError);
    expect(() => collectSeed({ seed: 1, accounts: 1.5 })).toThrow(RangeError);
  });

  it('produces records that all pass their schema', () => {
    for (const r of a.categories) ENTITY_SCHEMAS.category.parse(r);
    for (const r of a.agents) ENTITY_SCHEMAS.agent.parse(r.agent);
    for (const r of a.accounts) ENTITY_SCHEMAS.account.parse(r);
    for (const r of a.tickets) ENTITY_SCHEMAS.ticket.parse(r);
    for (const r of a.messages) ENTITY_SCHEMAS.message.parse(r);
    for (const r of a.recoveries) ENTITY_SCHEMAS.recovery.parse(r);
    for (const r of a.callbacks) ENTITY_SCHEMAS.callback.parse(r);
  });

  it('calls the sink in dependency order, in bounded batches', () => {
    const order = ['categories', 'agents', 'accounts', 'tickets', 'messages', 'recoveries', 'callbacks'];
    const kinds = a.calls.map((c) => c.split(':')[0] ?? '').filter((k) => k !== 'documents');
    const ranks = kinds.map((k) => order.indexOf(k));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(Math.max(...a.calls.map((c) => Number(c.split(':')[1])))).toBeLessThanOrEqual(1000);
    // Recovery files arrive before the requests that reference them.
    const firstRecovery = a.calls.findIndex((c) => c.startsWith('recoveries'));
    expect(a.calls[firstRecovery - 1]?.startsWith('documents')).toBe(true);
  });

  it('has the categories and demo logins the docs promise', () => {
    expect(a.categories.map((c) => c.id)).toEqual([...CATEGORY_IDS]);
    expect(a.categories.map((c) => c.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const logins = byId(a.agents.map((r) => ({ ...r, id: r.login })));
    expect(logins.get('lea')?.agent.roles).toEqual(['agent', 'verifier', 'expert']);
    expect(logins.get('marco')?.agent.roles).toEqual(['agent']);
    expect(logins.get('jonas')?.agent.roles).toEqual(['verifier']);
    expect(logins.get('sophie')?.agent.roles).toEqual(['expert']);
    for (const d of DEMO_AGENTS) expect(logins.get(d.login)?.password).toBe('demo');
    expect(a.agents.length).toBeGreaterThanOrEqual(24);
    expect(new Set(a.agents.map((r) => r.login)).size).toBe(a.agents.length);
    // The portal's intake login is not a console agent (see INTAKE_LOGIN).
    expect(logins.has('portal')).toBe(false);
  });

  it('keeps references intact', () => {
    const accounts = byId(a.accounts);
    const tickets = byId(a.tickets);
    const agents = byId(a.agents.map((r) => r.agent));
    const categories = new Set(a.categories.map((c) => c.id));
    for (const t of a.tickets) {
      if (t.accountId !== null) expect(accounts.has(t.accountId)).toBe(true);
      expect(categories.has(t.categoryId)).toBe(true);
      if (t.assigneeId !== null) expect(agents.get(t.assigneeId)?.roles).toContain(t.level === 2 ? 'expert' : 'agent');
      if (t.duplicateOfId !== null) {
        const original = tickets.get(t.duplicateOfId);
        expect(original?.duplicateOfId).toBeNull();
        expect(t.status).toBe('closed');
      }
      expect(t.updatedAt >= t.createdAt && t.updatedAt <= NOW.toISOString()).toBe(true);
      if (t.channel === 'chat' && t.categoryId === 'termination') expect(t.status).not.toBe('solved');
    }
    for (const m of a.messages) {
      const t = tickets.get(m.ticketId);
      expect(t).toBeDefined();
      expect(m.createdAt >= (t?.createdAt ?? '')).toBe(true);
      if (m.authorAgentId !== null) expect(agents.has(m.authorAgentId)).toBe(true);
    }
    for (const r of a.recoveries) {
      if (r.matchedAccountId !== null) expect(accounts.has(r.matchedAccountId)).toBe(true);
      for (const d of r.documents) expect(a.documents.has(d.id)).toBe(true);
      if (r.decision) expect(agents.get(r.decision.agentId)?.roles).toContain('verifier');
    }
  });

  it('has a realistic mix of accounts', () => {
    const n = a.accounts.length;
    const orgs = a.accounts.filter((x) => x.type === 'organisation');
    expect(orgs.length / n).toBeGreaterThan(0.15);
    expect(orgs.length / n).toBeLessThan(0.35);
    expect(orgs.every((o) => o.organisationName !== null && /\b(SA|AG|GmbH|Sàrl|Sagl)$/.test(o.organisationName))).toBe(
      true,
    );
    const withPriority = a.accounts.filter((x) => x.prioritySupportUntil !== null);
    expect(withPriority.length / n).toBeGreaterThan(0.12);
    expect(withPriority.length / n).toBeLessThan(0.3);
    const expired = withPriority.filter((x) => (x.prioritySupportUntil ?? '') < TODAY);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length).toBeLessThan(withPriority.length / 2);
    expect(new Set(a.accounts.map((x) => x.customerNumber)).size).toBe(n);
    expect(new Set(a.accounts.map((x) => x.language))).toEqual(new Set(['fr', 'de', 'it', 'en']));
  });

  it('has a helpdesk backlog shape', () => {
    const n = a.tickets.length;
    const share = (f: (t: (typeof a.tickets)[number]) => boolean): number => a.tickets.filter(f).length / n;
    const open = share((t) => t.status === 'new' || t.status === 'open' || t.status === 'pending');
    expect(open).toBeGreaterThan(0.05);
    expect(open).toBeLessThan(0.18);
    expect(share((t) => t.assigneeId !== null)).toBeGreaterThan(0.3);
    expect(share((t) => t.assigneeId !== null)).toBeLessThan(0.5);
    expect(share((t) => t.channel === 'chat')).toBeGreaterThan(0.05);
    expect(share((t) => t.channel === 'chat')).toBeLessThan(0.12);
    const chatTerminations = share((t) => t.channel === 'chat' && t.categoryId === 'termination');
    expect(chatTerminations).toBeGreaterThan(0.002);
    expect(chatTerminations).toBeLessThan(0.03);
    expect(share((t) => t.level === 2)).toBeGreaterThan(0.01);
    expect(share((t) => t.level === 2)).toBeLessThan(0.08);
    expect(share((t) => t.attachments.length > 0)).toBeGreaterThan(0.01);
    const merged = share((t) => t.duplicateOfId !== null);
    expect(merged).toBeGreaterThan(0.005);
    expect(merged).toBeLessThan(0.05);
  });

  it('files likely duplicates: same account and category, minutes apart, similar text', () => {
    const sorted = [...a.tickets].sort((x, y) => Number(x.id) - Number(y.id));
    let pairs = 0;
    for (let i = 1; i < sorted.length; i++) {
      const [p, t] = [sorted[i - 1], sorted[i]];
      if (!p || !t || p.accountId === null || p.accountId !== t.accountId || p.categoryId !== t.categoryId) continue;
      const minutes = (Date.parse(t.createdAt) - Date.parse(p.createdAt)) / 60_000;
      if (minutes > 0 && minutes <= 45 && t.body.includes(p.body)) pairs++;
    }
    expect(pairs / sorted.length).toBeGreaterThan(0.02);
    expect(pairs / sorted.length).toBeLessThan(0.08);
  });

  it('puts callback numbers mostly on tickets of entitled customers, a few on others', () => {
    const accounts = byId(a.accounts);
    const withPhone = a.tickets.filter((t) => t.callbackPhone !== null);
    const entitled = withPhone.filter((t) => (accounts.get(t.accountId ?? '')?.prioritySupportUntil ?? '') >= TODAY);
    expect(entitled.length / withPhone.length).toBeGreaterThan(0.7);
    expect(withPhone.length - entitled.length).toBeGreaterThan(0);
    for (const t of withPhone) expect(t.callbackPhone).toMatch(/^(\+41 ?|0041 |0)\d{2} ?\d{3} ?\d{2} ?\d{2}$/);
    // Real Swiss numbers by the numbering plan (area codes, mobile prefixes): every entitled customer can be called.
    const refused = withPhone.filter((t) => !parseCallbackPhone(t.callbackPhone ?? '').ok).map((t) => t.callbackPhone);
    expect(refused).toEqual([]);
  });

  it('writes ticket text in the requester language, with searchable variable parts', () => {
    const de = a.tickets.filter((t) => t.language === 'de' && t.channel === 'portal');
    expect(de.some((t) => /Grüezi|Guten Tag|Sehr geehrte/.test(t.body))).toBe(true);
    const fr = a.tickets.filter((t) => t.language === 'fr' && t.channel === 'portal');
    expect(fr.some((t) => /Bonjour|Madame, Monsieur/.test(t.body))).toBe(true);
    expect(a.tickets.some((t) => /\b[a-z0-9-]+\.(ch|swiss|com)\b/.test(t.body))).toBe(true);
    expect(a.tickets.some((t) => t.body.includes('550 5.1.1') || t.body.includes('ERR_CERT'))).toBe(true);
  });

  it('keeps recovery requests consistent with the backend approval rule', () => {
    const accounts = byId(a.accounts);
    const pending = a.recoveries.filter((r) => r.status === 'pending');
    expect(pending.length / a.recoveries.length).toBeGreaterThan(0.45);
    expect(a.recoveries.some((r) => r.documents.length === 0)).toBe(true);
    expect(a.recoveries.some((r) => Object.values(r.fields).some((v) => v === ''))).toBe(true);
    expect(a.recoveries.filter((r) => r.matchedAccountId !== null).length / a.recoveries.length).toBeGreaterThan(0.6);
    for (const r of a.recoveries) {
      expect(r.decision === null).toBe(r.status === 'pending');
      if (r.status !== 'approved') continue;
      expect(r.matchedAccountId).not.toBeNull();
      expect(['invoice', 'other']).not.toContain(r.decision?.documentKind);
      // An organisation is approved on its stamp with a signature only.
      if (accounts.get(r.matchedAccountId ?? '')?.type === 'organisation') {
        expect(r.decision?.documentKind).toBe('company_stamp_signature');
      }
      const registered = accounts.get(r.matchedAccountId ?? '')?.registeredEmails ?? [];
      expect(registered.includes(r.fields.resetEmail) || r.documents.length > 0).toBe(true);
    }
  });
});
